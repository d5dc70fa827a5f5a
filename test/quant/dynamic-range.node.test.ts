/**
 * Dynamic-range quantization (`optimizations: ['DEFAULT']`): which weights become int8 (per-channel axes, the
 * 1024-element threshold, shared constants), the maths, the op versions, and — on the MLPerf Tiny KWS DS-CNN
 * SavedModel and ToyCar .hdf5 — the weight structure of the official converter's dynamic-range files (with
 * `perChannel: false`, TF 2.3's scheme that made them) and outputs of our file in LiteRT.js vs our interpreter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import { ActivationFunctionType as Act } from '../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { Conv2DOptionsT } from '../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { Padding } from '../../src/formats/tflite/generated/tflite/padding.ts';
import { ConversionMetadata } from '../../src/formats/tflite/generated/conversion-metadata/tflite/conversion-metadata.ts';
import { writeTflite } from '../../src/formats/tflite/index.ts';
import type { Graph, Tensor } from '../../src/ir/graph.ts';
import { quantizeDynamicRange } from '../../src/quant/dynamic-range.ts';
import { dequantizeSymmetricInt8, float32Values, quantizeSymmetricInt8 } from '../../src/quant/weight-quant.ts';
import type { CheckFailure } from '../../src/passes/pass.ts';
import { Rng } from '../../src/util/random.ts';
import { oneOpGraph, type OneOp } from '../runtime/interpreter/op-model.ts';
import { act, BuiltinOptions, constant } from '../runtime/quant/single-op.ts';
import { runLiteRt } from '../harness/reference-runtime.ts';
import { FIX, inputSets, maxRelDiff, readFixture } from '../converter/fixture-helpers.ts';
import { convertFixture, runOurs, weightStructure } from './quant-helpers.ts';

const rng = new Rng(7);
const floats = (n: number, lo = -1, hi = 1): Float32Array => rng.float32Array(n, lo, hi);

async function runLite(bytes: Uint8Array, sets: Float32Array[][]): Promise<Float32Array[][]> {
  const out: Float32Array[][] = [];
  for (const s of sets) out.push((await runLiteRt(bytes, s)).map((o) => Float32Array.from(o.data)));
  return out;
}

function optimizationModes(g: Graph): number[] {
  const m = g.metadata.find((x) => x.name === 'CONVERSION_METADATA');
  assert.ok(m, 'CONVERSION_METADATA');
  const opts = ConversionMetadata.getRootAsConversionMetadata(new flatbuffers.ByteBuffer(m.data)).options();
  return Array.from({ length: opts?.modelOptimizationModesLength() ?? 0 }, (_, i) => opts!.modelOptimizationModes(i)!);
}

function collect(): { failures: CheckFailure[]; ctx: { options: object; reject(f: CheckFailure): void } } {
  const failures: CheckFailure[] = [];
  return { failures, ctx: { options: {}, reject: (f) => failures.push(f) } };
}

test('symmetric int8 maths: scale = max|w|/127 per channel, |w − scale·q| ≤ scale/2, zero channel, round half away', () => {
  const shape = [3, 2, 2];
  const w = Float32Array.from([0.5, -1, 0.25, 0.1, 0, 0, 0, 0, 2, -2, 1, 0.0078125]);
  const q = quantizeSymmetricInt8(w, shape, 0);
  assert.deepEqual(q.scales, [Math.fround(1 / 127), 1, Math.fround(2 / 127)]);
  assert.deepEqual(Array.from(q.data), [64, -127, 32, 13, 0, 0, 0, 0, 127, -127, 64, 0]);
  const back = dequantizeSymmetricInt8(q, shape, 0);
  w.forEach((x, i) => assert.ok(Math.abs(x - back[i]!) <= q.scales[Math.floor(i / 4)]! / 2 + 1e-9));
  const t = quantizeSymmetricInt8(w, shape, null);
  assert.deepEqual(t.scales, [Math.fround(2 / 127)]);
  // axis 2 of [3,2,2]: channel = i % 2
  assert.deepEqual(quantizeSymmetricInt8(w, shape, 2).scales, [Math.fround(2 / 127), Math.fround(2 / 127)]);
});

function convDwFc(): { graph: Graph; dwW: Tensor; convW: Tensor; fcW: Tensor } {
  const x = act('x', 'float32', [1, 6, 6, 2]);
  const convW = constant('conv_w', 'float32', [4, 3, 3, 2], floats(72)); // 72 < 1024: stays float
  const h = act('h', 'float32', [1, 6, 6, 4]);
  const dwW = constant('dw_w', 'float32', [1, 5, 5, 64], floats(1600)); // multiplier 16, per channel along axis 3
  const d = act('d', 'float32', [1, 6, 6, 64]);
  const spec: OneOp = {
    op: 'CONV_2D', inputs: [x, convW, constant('conv_b', 'float32', [4], floats(4))], outputs: [h],
    options: { type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(Padding.SAME, 1, 1, Act.RELU, 1, 1) },
  };
  const graph = oneOpGraph(spec);
  const sub = graph.main;
  const dwOpts = new DepthwiseConv2DOptionsT(Padding.SAME, 1, 1, 16, Act.NONE, 1, 1);
  const fcW = constant('fc_w', 'float32', [8, 6 * 6 * 64 / 18], floats(8 * 128)); // exactly 1024: quantized
  const r = act('r', 'float32', [18, 128]);
  const y = act('y', 'float32', [18, 8]);
  const shape = constant('shape', 'int32', [2], Int32Array.from([18, 128]));
  const nodes = [
    { op: 'DEPTHWISE_CONV_2D', inputs: [h, dwW, constant('dw_b', 'float32', [64], floats(64))], outputs: [d], options: { type: BuiltinOptions.DepthwiseConv2DOptions, value: dwOpts } },
    { op: 'RESHAPE', inputs: [d, shape], outputs: [r] },
    { op: 'FULLY_CONNECTED', inputs: [r, fcW, null], outputs: [y], options: { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(Act.NONE) } },
  ];
  for (const s of nodes) {
    const n = oneOpGraph({ ...s, inputs: s.inputs }).main.nodes[0]!;
    sub.nodes.push(n);
    for (const t of [...s.inputs, ...s.outputs]) if (t && !sub.tensors.includes(t)) sub.tensors.push(t);
  }
  sub.outputs = [y];
  return { graph, dwW, convW, fcW };
}

test('per channel: DEPTHWISE_CONV_2D axis 3 (v6), FULLY_CONNECTED per tensor at exactly 1024 (v9, asymmetric inputs), small CONV_2D filter stays float', async () => {
  const { graph, dwW, convW, fcW } = convDwFc();
  const floatBytes = writeTflite(graph).slice();
  const dwFloat = float32Values(dwW.data!);
  const { failures, ctx } = collect();
  const r = quantizeDynamicRange(graph, {}, ctx);
  assert.equal(r.rewrites, 2);
  assert.deepEqual(r.quantized.map((t) => t.name), ['dw_w', 'fc_w']);
  assert.equal(convW.dtype, 'float32');
  assert.match(failures.map((f) => f.reason).join(), /72 elements, below the 1024-element threshold/);
  assert.equal(dwW.dtype, 'int8');
  assert.equal(dwW.quantization?.axis, 3);
  assert.equal(dwW.quantization?.scale.length, 64);
  for (let c = 0; c < 64; c++) {
    let m = 0;
    for (let i = c; i < dwFloat.length; i += 64) m = Math.max(m, Math.abs(dwFloat[i]!));
    assert.equal(dwW.quantization!.scale[c], Math.fround(m / 127));
  }
  assert.deepEqual([fcW.dtype, fcW.quantization?.scale.length], ['int8', 1]);
  assert.deepEqual(graph.main.nodes.map((n) => `${n.op} v${n.version}`), ['CONV_2D v1', 'DEPTHWISE_CONV_2D v6', 'RESHAPE v1', 'FULLY_CONNECTED v9']);
  assert.equal((graph.main.nodes[3]!.options!.value as FullyConnectedOptionsT).asymmetricQuantizeInputs, true);
  // Numerics: LiteRT.js vs our interpreter on the hybrid model; and vs the float model (weight + input quantization error).
  const bytes = writeTflite(graph).slice();
  const sets = [[floats(72)], [floats(72)], [floats(72)]];
  const lite = await runLite(bytes, sets);
  const ours = await runOurs(bytes, sets);
  assert.ok(maxRelDiff(ours, lite) <= 1e-5, `ours vs LiteRT.js ${maxRelDiff(ours, lite)}`);
  const vsFloat = maxRelDiff(lite, await runLite(floatBytes, sets));
  assert.ok(vsFloat < 0.03, `hybrid vs float ${vsFloat}`);
});

test('perChannel false: DEPTHWISE_CONV_2D stays float; a weight shared with a non-weight use stays float; denylist', () => {
  const a = convDwFc();
  assert.equal(quantizeDynamicRange(a.graph, { perChannel: false }).rewrites, 1);
  assert.equal(a.dwW.dtype, 'float32');
  assert.deepEqual(a.graph.main.nodes.map((n) => `${n.op} v${n.version}`), ['CONV_2D v2', 'DEPTHWISE_CONV_2D v1', 'RESHAPE v1', 'FULLY_CONNECTED v3']);
  const b = convDwFc();
  b.graph.main.nodes[3]!.inputs[2] = b.dwW; // nonsense use, but a second consumer of the constant at another input
  const { failures, ctx } = collect();
  assert.equal(quantizeDynamicRange(b.graph, {}, ctx).rewrites, 1);
  assert.equal(b.dwW.dtype, 'float32');
  assert.match(failures.map((f) => f.reason).join(), /also used by FULLY_CONNECTED .* input 2/);
  const c = convDwFc();
  assert.equal(quantizeDynamicRange(c.graph, { denylist: ['FULLY_CONNECTED'] }).rewrites, 1);
  assert.equal(c.fcW.dtype, 'float32');
});

const KWS = `${FIX}/mlperf_tiny_kws_dscnn/kws_ref_model`;
const TOYCAR = `${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar.hdf5`;

test('KWS DS-CNN: per-tensor = the official dynamic-range file\'s structure; per-channel CONV_2D v5; LiteRT.js = ours to 1e-5', async (t) => {
  const official = readFixture(`${FIX}/mlperf_tiny_kws_dscnn/kws_ref_model_float32.tflite`);
  const float = await convertFixture(KWS, { batchSize: 1 });
  for (const perChannel of [false, true]) {
    const dr = await convertFixture(KWS, { optimizations: ['DEFAULT'], perChannel, batchSize: 1 });
    const ours = weightStructure(dr.graph);
    assert.deepEqual(dr.graph.main.nodes.map((n) => n.op), official.graph.main.nodes.map((n) => n.op));
    if (perChannel) assert.deepEqual(ours, weightStructure(official.graph).map((r) => r.replace('CONV_2D v2 1:int8[per-tensor]', 'CONV_2D v5 1:int8[axis 0 ×64]').replace('FULLY_CONNECTED v3', 'FULLY_CONNECTED v1')));
    else assert.deepEqual(ours, weightStructure(official.graph));
    assert.deepEqual(optimizationModes(dr.graph), [1002]);
    const sets = inputSets(dr.graph, 8, 1234, -30, 30);
    const lite = await runLite(dr.bytes, sets);
    const rel = maxRelDiff(await runOurs(dr.bytes, sets), lite);
    const vsFloat = maxRelDiff(lite, await runLite(float.bytes, sets));
    t.diagnostic(`perChannel ${perChannel}: ours vs LiteRT.js ${rel.toExponential(2)}; dynamic-range vs float ${vsFloat.toExponential(2)}; ` +
      `size ${dr.bytes.length} vs float ${float.bytes.length} vs official ${official.bytes.length}`);
    assert.ok(rel <= 1e-5, `ours vs LiteRT.js ${rel}`);
    assert.ok(vsFloat <= 1e-2, `dynamic range vs float ${vsFloat}`);
  }
});

test('ToyCar .hdf5: per-tensor = the official dynamic-range file (structure, scales to 1e-6); per-channel default FC v9; LiteRT.js = ours', async (t) => {
  const official = readFixture(`${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar_quant.tflite`);
  const float = await convertFixture(TOYCAR, { batchSize: 1 });
  for (const perChannel of [false, true]) {
    const dr = await convertFixture(TOYCAR, { optimizations: ['DEFAULT'], perChannel, batchSize: 1 });
    const expected = weightStructure(official.graph).map((r) => (perChannel ? r.replace('v3', 'v9') : r));
    assert.deepEqual(weightStructure(dr.graph), expected);
    const scales = dr.graph.main.nodes.map((n) => n.inputs[1]!.quantization!.scale[0]!);
    official.graph.main.nodes.forEach((n, i) => assert.ok(Math.abs(scales[i]! / n.inputs[1]!.quantization!.scale[0]! - 1) <= 1e-6, `scale ${i}`));
    const sets = inputSets(dr.graph, 8, 1234, -5, 5);
    const lite = await runLite(dr.bytes, sets);
    const rel = maxRelDiff(await runOurs(dr.bytes, sets), lite);
    const vsFloat = maxRelDiff(lite, await runLite(float.bytes, sets));
    t.diagnostic(`perChannel ${perChannel}: ours vs LiteRT.js ${rel.toExponential(2)}; dynamic-range vs float ${vsFloat.toExponential(2)} ` +
      `(official quant vs official float: same inputs, measured 9.9e-2); size ${dr.bytes.length} vs official ${official.bytes.length}`);
    assert.ok(rel <= 1e-5, `ours vs LiteRT.js ${rel}`);
    assert.ok(Math.abs(dr.bytes.length / official.bytes.length - 1) <= 0.02);
  }
});
