/**
 * The Interpreter API on fixtures and small built models: I/O details in model order, input setting (flat data
 * fill a dynamic batch; models without a shape signature may change axis 0), the errors users see (wrong shape
 * naming the input and the expected shape, wrong dtype, unknown names, one UnsupportedOpError listing every op and
 * kind without a kernel, on either backend), signature runners on a two-signature model, captured
 * intermediates, per-operator profiles, the kernel-kind rule, and batched invokes equal to single ones.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedOpError } from '../../../src/errors.ts';
import { readTflite, writeTflite } from '../../../src/formats/tflite/index.ts';
import { AddOptionsT } from '../../../src/formats/tflite/generated/tflite/add-options.ts';
import { MulOptionsT } from '../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { SoftmaxOptionsT } from '../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { Graph, Node, Subgraph } from '../../../src/ir/graph.ts';
import { Interpreter, InterpreterError, kernelKind } from '../../../src/runtime/interpreter/index.ts';
import { Rng } from '../../../src/util/random.ts';
import { fixture, mnist } from './fixtures.ts';
import { act, BuiltinOptions, constant } from './op-model.ts';

const MLP = 'sgx_mnist_mlp_savedmodel/model_no_quant.tflite';
const MLP_INT8 = 'sgx_mnist_mlp_savedmodel/model.tflite';

describe('details and input setting', () => {
  test('input/output details in model order, with shape signature and quantization', async () => {
    const it = await Interpreter.create(fixture(MLP));
    assert.deepEqual(it.getInputDetails(), [{ name: 'serving_default_dense_input:0', index: 0, dtype: 'float32', shape: [1, 784], shapeSignature: [-1, 784], quantization: null }]);
    const [out] = it.getOutputDetails();
    assert.equal(out!.name, 'StatefulPartitionedCall:0');
    assert.deepEqual(out!.shape, [1, 10]);
    const q = await Interpreter.create(fixture(MLP_INT8));
    const qin = q.getInputDetails()[0]!;
    assert.equal(qin.dtype, 'int8');
    assert.equal(qin.quantization!.scale.length, 1);
    assert.equal(q.backend, 'cpu');
  });

  test('flat data fill the dynamic batch dimension; outputs follow', async () => {
    const it = await Interpreter.create(fixture(MLP));
    it.setInput(0, new Rng(1).float32Array(3 * 784, 0, 1));
    assert.deepEqual(it.getInputDetails()[0]!.shape, [3, 784]);
    await it.invoke();
    assert.deepEqual(it.getOutput(0).shape, [3, 10]);
    assert.deepEqual(it.getOutputDetails()[0]!.shape, [3, 10]);
    it.resizeInput('serving_default_dense_input:0', [2, 784]);
    assert.deepEqual(it.getInputDetails()[0]!.shape, [2, 784]);
    await assert.rejects(it.invoke(), /input 0 'serving_default_dense_input:0' was not set/);
  });

  test('a wrong shape names the input and the expected shape', async () => {
    const it = await Interpreter.create(fixture(MLP), { file: 'mlp.tflite' });
    assert.throws(() => it.setInput(0, new Float32Array(785)),
      (e: unknown) => e instanceof InterpreterError && /^mlp\.tflite: input 0 'serving_default_dense_input:0' expects shape \[-1, 784\] \(float32\), got 785 values$/.test(e.message));
    assert.throws(() => it.setInput(0, { data: new Float32Array(785), shape: [1, 785] }), /expects shape \[-1, 784\] \(float32\), got \[1, 785\]/);
    assert.throws(() => it.resizeInput(0, [784]), /expects shape \[-1, 784\] \(float32\), got \[784\]/);
    assert.throws(() => it.setInput(0, new Int8Array(784)), /is float32 \(Float32Array\), got a Int8Array/);
    assert.throws(() => it.setInput('nope', new Float32Array(784)), /no input named 'nope' \(inputs: serving_default_dense_input:0\)/);
    assert.throws(() => it.getOutput(0), /call invoke\(\) before reading outputs/);
  });

  test('plain number arrays are converted; a model without shape signature resizes its batch axis', async () => {
    const it = await Interpreter.create(fixture('serving_half_plus_two_tflite/model.tflite'));
    assert.deepEqual(it.getInputDetails()[0]!.shapeSignature, [1, 1]);
    const [y] = await it.run([[1, 2, 3]]);
    assert.deepEqual(y!.shape, [3, 1]);
    assert.deepEqual(Array.from(y!.data as Float32Array), [2.5, 3, 3.5]);
  });
});

describe('missing kernels', () => {
  test("webgpu: one UnsupportedOpError naming every op, its kind and its nodes, before any device", async () => {
    // An int8 graph: its SOFTMAX has a GPU kernel, its CUMSUM (2 nodes) and SEGMENT_SUM have none on any backend.
    const x = act('x', 'int8', [4]);
    const s = act('s', 'int8', [4]);
    const a = act('a', 'int8', [4]);
    const b = act('b', 'int8', [4]);
    const n0 = new Node('SOFTMAX', [x], [s]);
    n0.options = { type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(1) };
    const n1 = new Node('CUMSUM', [s, constant('axis', 'int32', [], Int32Array.of(0))], [a]);
    const n2 = new Node('SEGMENT_SUM', [a, constant('ids', 'int32', [4], Int32Array.of(0, 0, 1, 1))], [b]);
    const n3 = new Node('CUMSUM', [b, constant('axis2', 'int32', [], Int32Array.of(0))], [act('c', 'int8', [4])]);
    const g = new Graph();
    g.subgraphs.push(new Subgraph('main', [], [n0, n1, n2, n3], [x], [n3.outputs[0]!]));
    const err = await Interpreter.create(g, { backend: 'webgpu', file: 'm.tflite' }).then(() => null, (e: unknown) => e);
    assert.ok(err instanceof UnsupportedOpError, String(err));
    assert.deepEqual([...err.ops.keys()].sort(), ['CUMSUM [int8]', 'SEGMENT_SUM [int8]']);
    assert.equal(err.ops.get('CUMSUM [int8]')!.length, 2);
    assert.equal(err.message, 'm.tflite (webgpu backend): unsupported ops: CUMSUM [int8] (a, c); SEGMENT_SUM [int8] (b)');
  });

  test('cpu: ops without a kernel are listed together, with node names', async () => {
    const x = act('x', 'float32', [4]);
    const a = act('a', 'float32', [4]);
    const b = act('b', 'float32', [4]);
    const n1 = new Node('CUMSUM', [x, constant('axis', 'int32', [], Int32Array.of(0))], [a]);
    const n2 = new Node('SEGMENT_SUM', [a, constant('ids', 'int32', [4], Int32Array.of(0, 0, 1, 1))], [b]);
    const n3 = new Node('CUMSUM', [b, constant('axis2', 'int32', [], Int32Array.of(0))], [act('c', 'float32', [4])]);
    const g = new Graph();
    g.subgraphs.push(new Subgraph('main', [], [n1, n2, n3], [x], [n3.outputs[0]!]));
    await assert.rejects(Interpreter.create(g, { file: 'm.tflite' }),
      (e: unknown) => e instanceof UnsupportedOpError && e.message === 'm.tflite (cpu backend): unsupported ops: CUMSUM [float] (a, c); SEGMENT_SUM [float] (b)');
  });
});

describe('signatures', () => {
  /** Two subgraphs: 'add' computes x + 1, 'mul' computes x · 3. */
  function twoSignatures(): Uint8Array {
    const g = new Graph();
    const mk = (name: string, op: string, c: number): Subgraph => {
      const x = act(`${name}_x`, 'float32', [1, 2], null, [-1, 2]);
      const y = act(`${name}_y`, 'float32', [1, 2]);
      const n = new Node(op, [x, constant(`${name}_c`, 'float32', [1], Float32Array.of(c))], [y]);
      n.options = op === 'ADD' ? { type: BuiltinOptions.AddOptions, value: new AddOptionsT() } : { type: BuiltinOptions.MulOptions, value: new MulOptionsT() };
      return new Subgraph(name, [], [n], [x], [y]);
    };
    const add = mk('add', 'ADD', 1);
    const mul = mk('mul', 'MUL', 3);
    g.subgraphs.push(add, mul);
    g.signatures.push(
      { key: 'add', subgraph: add, inputs: [{ name: 'value', tensor: add.inputs[0]! }], outputs: [{ name: 'sum', tensor: add.outputs[0]! }] },
      { key: 'mul', subgraph: mul, inputs: [{ name: 'value', tensor: mul.inputs[0]! }], outputs: [{ name: 'product', tensor: mul.outputs[0]! }] },
    );
    return writeTflite(g).slice();
  }

  test('list, run each signature by its own names, batch through the signature', async () => {
    const it = await Interpreter.create(twoSignatures());
    assert.deepEqual(it.getSignatureList(), [{ key: 'add', inputs: ['value'], outputs: ['sum'] }, { key: 'mul', inputs: ['value'], outputs: ['product'] }]);
    const mul = it.getSignatureRunner('mul');
    assert.deepEqual(Object.keys(mul.getInputDetails()), ['value']);
    assert.deepEqual(mul.getInputDetails().value!.shapeSignature, [-1, 2]);
    const out = await mul.invoke({ value: { data: Float32Array.of(1, 2, 3, 4), shape: [2, 2] } });
    assert.deepEqual(Object.keys(out), ['product']);
    assert.deepEqual(out.product!.shape, [2, 2]);
    assert.deepEqual(Array.from(out.product!.data as Float32Array), [3, 6, 9, 12]);
    const sum = await it.getSignatureRunner().invoke({ value: Float32Array.of(1, 2) });
    assert.deepEqual(Array.from(sum.sum!.data as Float32Array), [2, 3]);
    assert.throws(() => it.getSignatureRunner('div'), /no signature 'div' \(signatures: add, mul\)/);
    await assert.rejects(mul.invoke({ valu: Float32Array.of(1, 2) }), /signature 'mul' has no input 'valu' \(inputs: value\)/);
  });

  test('a model without signatures gets a default runner over its main subgraph, by tensor names', async () => {
    // model_with_sigdef keeps its SignatureDefs in the old `signature_defs_metadata` buffer, not in the schema table
    const it = await Interpreter.create(fixture('serving_half_plus_two_tflite/model_with_sigdef.tflite'));
    assert.deepEqual(it.getSignatureList(), []);
    const out = await it.getSignatureRunner().invoke({ tflite_input: Float32Array.of(4, 1) });
    assert.deepEqual(out.y!.shape, [2, 1]);
    assert.deepEqual(Array.from(out.y!.data as Float32Array), [4, 2.5]);
  });
});

describe('intermediates and profile', () => {
  test('captureIntermediates: a list keeps those tensors, true keeps all', async () => {
    const bytes = fixture('gitadi_mnist_cnn_keras/model_fp32_28.tflite');
    const g = readTflite(bytes);
    const names = g.main.nodes.map((n) => n.outputs[0]!.name);
    const some = await Interpreter.create(bytes, { captureIntermediates: [names[0]!, names[2]!] });
    await some.run([new Rng(2).float32Array(784, 0, 1)]);
    assert.deepEqual([...some.intermediates.keys()], [names[0], names[2]]);
    assert.equal(some.getTensor(names[0]!)!.shape.length, 4);
    const all = await Interpreter.create(bytes, { captureIntermediates: true });
    const [y] = await all.run([new Rng(2).float32Array(784, 0, 1)]);
    assert.deepEqual([...all.intermediates.keys()], [g.main.inputs[0]!.name, ...names]);
    assert.deepEqual(Array.from(all.getTensor(names.at(-1)!)!.data as Float32Array), Array.from(y!.data as Float32Array));
  });

  test('profile: one entry per operator, in order', async () => {
    const bytes = fixture('mlperf_tiny_ic_resnet8/pretrainedResnet.tflite');
    const it = await Interpreter.create(bytes, { profile: true });
    await it.run([new Rng(3).float32Array(32 * 32 * 3)]);
    const g = readTflite(bytes);
    assert.deepEqual(it.lastProfile.map((p) => p.op), g.main.nodes.map((n) => n.op));
    assert.ok(it.lastProfile.every((p, i) => p.index === i && p.ms >= 0 && p.kind === 'float' && p.name));
  });

  test('dispose makes the interpreter unusable', async () => {
    const it = await Interpreter.create(fixture(MLP));
    it.setInput(0, new Float32Array(784));
    it.dispose();
    await assert.rejects(it.invoke(), /disposed/);
  });
});

describe('kernel kind rule', () => {
  const kinds = (rel: string) => readTflite(fixture(rel)).main.nodes.map((n) => `${n.op}:${kernelKind(n)}`);
  test('float, int8, hybrid and conversions', () => {
    assert.deepEqual(kinds(MLP), ['FULLY_CONNECTED:float', 'FULLY_CONNECTED:float', 'FULLY_CONNECTED:float', 'FULLY_CONNECTED:float', 'SOFTMAX:float']);
    assert.deepEqual(new Set(kinds(MLP_INT8)), new Set(['FULLY_CONNECTED:int8', 'SOFTMAX:int8']));
    assert.deepEqual(new Set(kinds('mlperf_tiny_anomaly_toycar/model_ToyCar_quant.tflite')), new Set(['FULLY_CONNECTED:hybrid']));
    const micro = kinds('mlperf_tiny_anomaly_toycar/model_ToyCar_quant_fullint_micro.tflite');
    assert.equal(micro[0], 'QUANTIZE:float');
    assert.equal(micro.at(-1), 'DEQUANTIZE:int8');
    assert.ok(kinds('mlperf_tiny_kws_dscnn/kws_ref_model_float32.tflite').includes('CONV_2D:hybrid'));
    assert.ok(kinds('mlperf_tiny_kws_dscnn/kws_ref_model.tflite').includes('RESHAPE:int8'));
  });
});

describe('batched invoke', () => {
  test('MNIST MLP: 100 images in one invoke equal 100 single invokes', async () => {
    const { images } = mnist(100);
    const it = await Interpreter.create(fixture(MLP));
    const [batch] = await it.run([images]);
    assert.deepEqual(batch!.shape, [100, 10]);
    const single = await Interpreter.create(fixture(MLP));
    for (let i = 0; i < 100; i++) {
      const [y] = await single.run([images.subarray(i * 784, (i + 1) * 784)]);
      assert.deepEqual(Array.from(y!.data as Float32Array), Array.from((batch!.data as Float32Array).subarray(i * 10, (i + 1) * 10)), `image ${i}`);
    }
  });

  test('MNIST CNN: 500 test images in one invoke, ≥ 95% accurate', async () => {
    const { images, labels } = mnist(500);
    const it = await Interpreter.create(fixture('gitadi_mnist_cnn_keras/model_fp32_28.tflite'));
    const [y] = await it.run([{ data: images, shape: [500, 28, 28, 1] }]);
    assert.deepEqual(y!.shape, [500, 10]);
    const p = y!.data as Float32Array;
    let right = 0;
    for (let i = 0; i < 500; i++) {
      const row = Array.from(p.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === labels[i]) right++;
    }
    assert.ok(right >= 475, `${right} / 500 correct`);
  });
});

describe('variable tensors', () => {
  test('state variables start from their initial value on every invoke', async () => {
    const it = await Interpreter.create(fixture('tflm_mnist_lstm/trained_lstm.tflite'));
    const x = new Rng(4).float32Array(28 * 28, 0, 1);
    const [a] = await it.run([x]);
    const [b] = await it.run([x]);
    assert.deepEqual(Array.from(a!.data as Float32Array), Array.from(b!.data as Float32Array));
  });
});
