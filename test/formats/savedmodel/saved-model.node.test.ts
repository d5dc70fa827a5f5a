// Every fixture SavedModel loads into the TF-op IR: signatures, inputs/outputs, op types, variable values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as flatbuffers from 'flatbuffers';
import { nodeFiles } from '../../../src/formats/model-source-node.ts';
import { memoryFiles } from '../../../src/formats/model-source.ts';
import { loadSavedModel, sniffSavedModel, type LoadedSavedModel } from '../../../src/formats/savedmodel/index.ts';
import { Model } from '../../../src/formats/tflite/generated/schema.ts';
import { BuiltinOperator } from '../../../src/formats/tflite/generated/tflite/builtin-operator.ts';
import { FormatError, UsageError } from '../../../src/errors.ts';
import type { Graph, Tensor } from '../../../src/ir/graph.ts';

const FIX = 'test/fixtures';
const load = async (dir: string, signatureKey?: string): Promise<LoadedSavedModel> =>
  loadSavedModel(await nodeFiles(`${FIX}/${dir}`), signatureKey === undefined ? {} : { signatureKey });

const io = (ts: { name: string; tensor: Tensor }[]): string[] => ts.map(({ name, tensor: t }) => `${name}=${t.name} ${t.dtype} [${t.shape.join(',')}]`);
const opCounts = (g: Graph): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const n of g.main.nodes) c[n.op] = (c[n.op] ?? 0) + 1;
  return c;
};
const f32 = (t: Tensor): Float32Array => new Float32Array(t.data!.slice().buffer);

/** Topological order: every node input is a graph input, a constant, or produced by an earlier node. */
function assertTopological(g: Graph): void {
  const known = new Set<Tensor>(g.main.inputs);
  for (const n of g.main.nodes) {
    for (const t of n.inputs) assert.ok(t && (known.has(t) || t.isConstant), `${n.name} reads ${t?.name} before it is made`);
    n.outputs.forEach((t) => known.add(t));
  }
  for (const t of g.main.outputs) assert.ok(known.has(t));
}

/**
 * A minimal evaluator for the element-wise ops of the half_plus_two graphs (Mul, Add, AddV2, Identity), with
 * broadcasting of scalars only — enough to check y = x/2 + 2 numerically, nothing more.
 */
function evaluate(g: Graph, x: number[]): number[] {
  const values = new Map<Tensor, number[]>([[g.main.inputs[0]!, x]]);
  const get = (t: Tensor | null): number[] => values.get(t!) ?? Array.from(f32(t!));
  const broadcast = (a: number[], b: number[], f: (p: number, q: number) => number): number[] =>
    Array.from({ length: Math.max(a.length, b.length) }, (_, i) => f(a[a.length === 1 ? 0 : i]!, b[b.length === 1 ? 0 : i]!));
  for (const n of g.main.nodes) {
    const [a, b] = n.inputs;
    const out = n.op === 'Identity' ? get(a!) : n.op === 'Mul' ? broadcast(get(a!), get(b!), (p, q) => p * q)
      : n.op === 'Add' || n.op === 'AddV2' ? broadcast(get(a!), get(b!), (p, q) => p + q) : assert.fail(`op ${n.op}`);
    values.set(n.outputs[0]!, out);
  }
  return get(g.main.outputs[0]!);
}

test('MNIST MLP (TF 2.4 Keras): signature, I/O, 4 MatMul + 4 BiasAdd + 3 Relu + Softmax', async () => {
  const m = await load('sgx_mnist_mlp_savedmodel/saved_model');
  assert.deepEqual([m.signatureKey, m.signatureKeys, m.tfVersion], ['serving_default', ['serving_default'], '2.4.1']);
  const sig = m.graph.signatures[0]!;
  assert.equal(sig.subgraph, m.graph.main);
  assert.deepEqual(io(sig.inputs), ['dense_input=serving_default_dense_input:0 float32 [-1,784]']);
  assert.deepEqual(io(sig.outputs).map((s) => s.replace(/=.*? /, ' ')), ['dense_3 float32 [-1,10]']);
  const { Identity = 0, ...ops } = opCounts(m.graph);
  assert.ok(Identity <= 4);
  assert.deepEqual(ops, { MatMul: 4, BiasAdd: 4, Relu: 3, Softmax: 1 });
  assertTopological(m.graph);
  const matmuls = m.graph.main.nodes.filter((n) => n.op === 'MatMul');
  assert.deepEqual(matmuls.map((n) => n.inputs[1]!.shape), [[784, 10], [10, 50], [50, 50], [50, 10]]);
  assert.deepEqual(matmuls[0]!.attrs, { T: 'float32', transpose_a: false, transpose_b: false });
  assert.ok(matmuls[0]!.tfName.endsWith('sequential/dense/MatMul'), matmuls[0]!.tfName);
  assert.ok(matmuls.every((n) => n.inputs[1]!.name === `${n.tfName}/ReadVariableOp:0`));
});

test('MNIST MLP weights are byte-identical to model_no_quant.tflite FULLY_CONNECTED weights, transposed', async () => {
  const m = await load('sgx_mnist_mlp_savedmodel/saved_model');
  const nodes = m.graph.main.nodes;
  const bytes = new Uint8Array(readFileSync(`${FIX}/sgx_mnist_mlp_savedmodel/model_no_quant.tflite`));
  const model = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
  const sg = model.subgraphs(0)!;
  const bufferOf = (tensorIndex: number): Uint8Array => model.buffers(sg.tensors(tensorIndex)!.buffer())!.dataArray()!;
  const fcs = Array.from({ length: sg.operatorsLength() }, (_, i) => sg.operators(i)!).filter((op) => {
    const code = model.operatorCodes(op.opcodeIndex())!;
    return Math.max(code.builtinCode(), code.deprecatedBuiltinCode()) === BuiltinOperator.FULLY_CONNECTED;
  });
  assert.equal(fcs.length, 4);
  const matmuls = nodes.filter((n) => n.op === 'MatMul');
  const biases = nodes.filter((n) => n.op === 'BiasAdd');
  fcs.forEach((fc, k) => {
    const w = matmuls[k]!.inputs[1]!; // [in, out]
    const [inDim, outDim] = w.shape as [number, number];
    const src = f32(w);
    const transposed = new Float32Array(inDim * outDim);
    for (let i = 0; i < inDim; i++) for (let o = 0; o < outDim; o++) transposed[o * inDim + i] = src[i * outDim + o]!;
    assert.deepEqual(bufferOf(fc.inputs(1)!), new Uint8Array(transposed.buffer), `layer ${k} weights`);
    assert.deepEqual(bufferOf(fc.inputs(2)!), biases[k]!.inputs[1]!.data, `layer ${k} bias`);
  });
});

test('KWS DS-CNN (TF 2.3 Keras): conv stack ops, defaults filled from the OpDefs, I/O', async () => {
  const m = await load('mlperf_tiny_kws_dscnn/kws_ref_model');
  assert.equal(m.tfVersion, '2.3.2');
  assert.deepEqual(io(m.graph.signatures[0]!.inputs), ['input_1=serving_default_input_1:0 float32 [-1,49,10,1]']);
  assert.deepEqual(io(m.graph.signatures[0]!.outputs).map((s) => s.replace(/=.*? /, ' ')), ['dense float32 [-1,12]']);
  const { Identity = 0, ...ops } = opCounts(m.graph);
  assert.ok(Identity > 0);
  assert.deepEqual(ops, {
    Conv2D: 5, BiasAdd: 10, FusedBatchNormV3: 9, Relu: 9, DepthwiseConv2dNative: 4, AvgPool: 1, Reshape: 1, MatMul: 1, Softmax: 1,
  });
  assertTopological(m.graph);
  const conv = m.graph.main.nodes.find((n) => n.op === 'Conv2D')!;
  assert.deepEqual(conv.inputs[1]!.shape, [10, 4, 1, 64]);
  assert.deepEqual([conv.attrs.strides, conv.attrs.padding, conv.attrs.data_format, conv.attrs.dilations], [[1, 2, 2, 1], 'SAME', 'NHWC', [1, 1, 1, 1]]);
  assert.deepEqual(conv.outputs[0]!.shape, [-1, 25, 5, 64]);
  const bn = m.graph.main.nodes.find((n) => n.op === 'FusedBatchNormV3')!;
  assert.equal(bn.outputs.length, 6);
  assert.equal(bn.attrs.is_training, false);
  assert.ok(bn.inputs.slice(1).every((t) => t?.isConstant && t.shape[0] === 64));
  const dw = m.graph.main.nodes.find((n) => n.op === 'DepthwiseConv2dNative')!;
  assert.deepEqual(dw.inputs[1]!.shape, [3, 3, 64, 1]);
  const reshape = m.graph.main.nodes.find((n) => n.op === 'Reshape')!;
  assert.ok(reshape.inputs[1]!.isConstant && reshape.inputs[1]!.dtype === 'int32');
});

test('half_plus_two TF1 (VariableV2 restored through the saver): all signatures, y = x/2 + 2', async () => {
  const m = await load('serving_saved_model_half_plus_two_cpu');
  assert.deepEqual(m.signatureKeys, ['classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default']);
  assert.equal(m.tfVersion, '1.14.0');
  assert.deepEqual(io(m.graph.signatures[0]!.inputs), ['x=x:0 float32 [-1,1]']);
  assert.deepEqual(io(m.graph.signatures[0]!.outputs), ['y=y:0 float32 [-1,1]']);
  assert.deepEqual(evaluate(m.graph, [0, 1, 3, -4]), [2, 2.5, 3.5, 0]);
  const consts = m.graph.main.tensors.filter((t) => t.isConstant).map((t) => `${t.name}=${f32(t)[0]}`).sort();
  assert.deepEqual(consts, ['a:0=0.5', 'b:0=2']);
  const y3 = await load('serving_saved_model_half_plus_two_cpu', 'regress_x2_to_y3');
  assert.deepEqual(evaluate(y3.graph, [2]), [4]); // 0.5·x + c (c = 3)
  const cls = await load('serving_saved_model_half_plus_two_cpu', 'classify_x_to_y');
  assert.equal(cls.graph.main.inputs[0]!.dtype, 'string');
  assert.ok(cls.graph.main.nodes.some((n) => n.op === 'ParseExample'));
});

test('half_plus_two TF2 (tf.Module, object graph, PlaceholderWithDefault input): y = x/2 + 2', async () => {
  const m = await load('serving_saved_model_half_plus_two_tf2_cpu');
  assert.equal(m.tfVersion, '2.14.0');
  assert.deepEqual(m.signatureKeys, ['classify_x2_to_y3', 'classify_x_to_y', 'regress_x2_to_y3', 'regress_x_to_y', 'regress_x_to_y2', 'serving_default']);
  assert.deepEqual(io(m.graph.signatures[0]!.inputs), ['x=serving_default_x:0 float32 [1]']);
  assert.deepEqual(io(m.graph.signatures[0]!.outputs).map((s) => s.replace(/=.*? /, ' ')), ['y float32 [1]']);
  assert.deepEqual(evaluate(m.graph, [1]), [2.5]);
  assert.deepEqual(evaluate((await load('serving_saved_model_half_plus_two_tf2_cpu', 'regress_x2_to_y3')).graph, [1]), [3.5]);
});

test('matrix_half_plus_two (TF 1.2, no variables/ folder): Const-only graph', async () => {
  const m = await load('serving_matrix_half_plus_two');
  assert.equal(m.tfVersion, '1.2.0-rc2');
  assert.deepEqual(io(m.graph.signatures[0]!.inputs), ['x=x:0 float32 [-1,3,3]']);
  assert.deepEqual(opCounts(m.graph), { Mul: 1, Add: 1 });
  assert.deepEqual(evaluate(m.graph, [0, 2, 4, 6, 8, 10, 12, 14, 16]), [2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('times_three (TF 2.0 beta tf.Module): output_0 = 3·x, scalar shapes', async () => {
  const m = await load('tfjs_node_times_three_float');
  assert.deepEqual(io(m.graph.signatures[0]!.inputs), ['x=serving_default_x:0 float32 []']);
  assert.equal(m.graph.signatures[0]!.outputs[0]!.name, 'output_0');
  assert.deepEqual(evaluate(m.graph, [5]), [15]);
});

test('multiple signatures: serving_default by default, timestwo selectable, unknown keys list the choices', async () => {
  const dir = 'tfjs_node_module_with_multiple_signatures';
  const d = await load(dir);
  assert.deepEqual([d.signatureKey, d.signatureKeys], ['serving_default', ['serving_default', 'timestwo']]);
  assert.deepEqual(io(d.graph.signatures[0]!.inputs), ['x=serving_default_x:0 float32 []']);
  assert.deepEqual(evaluate(d.graph, [5]), [15]);
  const t = await load(dir, 'timestwo');
  assert.deepEqual([t.signatureKey, t.graph.signatures[0]!.key], ['timestwo', 'timestwo']);
  assert.deepEqual(io(t.graph.signatures[0]!.inputs), ['x=timestwo_x:0 float32 []']);
  assert.deepEqual(evaluate(t.graph, [5]), [10]);
  await assert.rejects(load(dir, 'nope'), (e) => e instanceof UsageError && /"nope"/.test(e.message) && /serving_default, timestwo/.test(e.message));
  await assert.rejects(loadSavedModel(await nodeFiles(`${FIX}/${dir}`), { tags: ['train'] }), (e) => e instanceof UsageError && /\[serve\]/.test(e.message));
});

test('a SavedModel in a sub-folder is found; a folder without one is a FormatError', async () => {
  const base = `${FIX}/serving_matrix_half_plus_two`;
  const files = memoryFiles('upload', { 'export/1/saved_model.pb': new Uint8Array(readFileSync(`${base}/saved_model.pb`)), 'README.md': new Uint8Array(1) });
  assert.equal(sniffSavedModel(files), true);
  assert.deepEqual(evaluate((await loadSavedModel(files)).graph, [2]), [3]);
  const none = memoryFiles('upload', { 'model.tflite': new Uint8Array(8) });
  assert.equal(sniffSavedModel(none), false);
  await assert.rejects(loadSavedModel(none), (e) => e instanceof FormatError && /no saved_model.pb/.test(e.message));
});
