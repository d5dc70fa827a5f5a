/**
 * Float16 quantization (`supportedTypes: ['float16']`): every float32 constant operand becomes float16 behind one
 * DEQUANTIZE (version 3), consumers stay float32 ops; ResNet-8 (.h5) runs in LiteRT.js within 1e-2 of the float
 * file and our interpreter agrees with LiteRT.js; CONVERSION_METADATA records PTQ_FLOAT16.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import { ActivationFunctionType as Act } from '../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../src/formats/tflite/generated/tflite/add-options.ts';
import { ConversionMetadata } from '../../src/formats/tflite/generated/conversion-metadata/tflite/conversion-metadata.ts';
import { writeTflite } from '../../src/formats/tflite/index.ts';
import { Node } from '../../src/ir/graph.ts';
import { quantizeFloat16 } from '../../src/quant/float16.ts';
import { float16Values } from '../../src/quant/weight-quant.ts';
import { oneOpGraph } from '../runtime/interpreter/op-model.ts';
import { act, BuiltinOptions, constant } from '../runtime/quant/single-op.ts';
import { runLiteRt } from '../harness/reference-runtime.ts';
import { FIX, inputSets, maxRelDiff } from '../converter/fixture-helpers.ts';
import { convertFixture, runOurs } from './quant-helpers.ts';

async function runLite(bytes: Uint8Array, sets: Float32Array[][]): Promise<Float32Array[][]> {
  const out: Float32Array[][] = [];
  for (const s of sets) out.push((await runLiteRt(bytes, s)).map((o) => Float32Array.from(o.data)));
  return out;
}

test('a constant shared by two ops gets one DEQUANTIZE; the values are fp16-rounded; int32 constants untouched', async () => {
  const x = act('x', 'float32', [1, 4]);
  const c = constant('c', 'float32', [4], Float32Array.from([0.1, -2, 65504, 1e-8]));
  const y = act('y', 'float32', [1, 4]);
  const z = act('z', 'float32', [1, 4]);
  const graph = oneOpGraph({ op: 'ADD', inputs: [x, c], outputs: [y], options: { type: BuiltinOptions.AddOptions, value: new AddOptionsT(Act.NONE) } });
  const add2 = new Node('ADD', [y, c], [z]);
  add2.options = { type: BuiltinOptions.AddOptions, value: new AddOptionsT(Act.NONE) };
  graph.main.nodes.push(add2);
  graph.main.tensors.push(z);
  graph.main.outputs = [z];
  const r = quantizeFloat16(graph);
  assert.equal(r.rewrites, 1);
  assert.deepEqual(graph.main.nodes.map((n) => `${n.op} v${n.version}`), ['DEQUANTIZE v3', 'ADD v1', 'ADD v1']);
  const half = r.converted[0]!;
  assert.deepEqual([half.name, half.dtype, c.isConstant, c.name], ['c', 'float16', false, 'c_dequantize']);
  assert.equal(graph.main.nodes[1]!.inputs[1], c);
  assert.deepEqual(Array.from(float16Values(half.data!)), [0.0999755859375, -2, 65504, 0]);
  const bytes = writeTflite(graph).slice();
  const sets = [[Float32Array.from([1, 2, 3, 4])]];
  assert.deepEqual(await runOurs(bytes, sets), await runLite(bytes, sets));
  assert.equal(quantizeFloat16(graph).rewrites, 0, 'a second run finds nothing left');
});

test('ResNet-8 .h5 float16: every float constant float16 + DEQUANTIZE v3, LiteRT.js within 1e-2 of the float file, ours = LiteRT.js', async (t) => {
  const src = `${FIX}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`;
  const float = await convertFixture(src, { batchSize: 1 });
  const f16 = await convertFixture(src, { optimizations: ['DEFAULT'], supportedTypes: ['float16'], batchSize: 1 });
  const floatConsts = float.graph.main.tensors.filter((x) => x.isConstant && x.dtype === 'float32').length;
  const dq = f16.graph.main.nodes.filter((n) => n.op === 'DEQUANTIZE');
  assert.equal(dq.length, floatConsts);
  assert.ok(dq.every((n) => n.version === 3 && n.inputs[0]!.dtype === 'float16' && n.outputs[0]!.dtype === 'float32'));
  assert.equal(f16.graph.main.tensors.filter((x) => x.isConstant && x.dtype === 'float32').length, 0);
  assert.deepEqual(f16.graph.main.nodes.filter((n) => n.op !== 'DEQUANTIZE').map((n) => `${n.op} v${n.version}`),
    float.graph.main.nodes.map((n) => `${n.op} v${n.version}`));
  const m = f16.graph.metadata.find((x) => x.name === 'CONVERSION_METADATA')!;
  assert.equal(ConversionMetadata.getRootAsConversionMetadata(new flatbuffers.ByteBuffer(m.data)).options()?.modelOptimizationModes(0), 1001);
  const sets = inputSets(f16.graph, 8, 1234, 0, 255);
  const lite = await runLite(f16.bytes, sets);
  const vsFloat = maxRelDiff(lite, await runLite(float.bytes, sets));
  const ours = maxRelDiff(await runOurs(f16.bytes, sets), lite);
  t.diagnostic(`float16 vs float (LiteRT.js) ${vsFloat.toExponential(2)}; ours vs LiteRT.js ${ours.toExponential(2)}; ${dq.length} DEQUANTIZE; ` +
    `size ${f16.bytes.length} vs float ${float.bytes.length}`);
  assert.ok(vsFloat <= 1e-2, `float16 vs float ${vsFloat}`);
  assert.ok(ours <= 1e-5, `ours vs LiteRT.js ${ours}`);
  assert.ok(f16.bytes.length < 0.55 * float.bytes.length);
});
