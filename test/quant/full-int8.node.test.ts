/**
 * Full-integer quantization (`optimizations: ['DEFAULT']` + representativeDataset, TFLITE_BUILTINS_INT8): the
 * activation-parameter maths, calibration errors naming the sample, and — on the MNIST MLP SavedModel calibrated on
 * the first 500 MNIST train images / 255 with int8 I/O — every activation scale / zero point against the official
 * converter's `model.tflite`, LiteRT.js running our file, ≥ 99 % of output elements within 1 LSB of the official
 * file's on 1,000 MNIST test images, and top-1 ≥ the official file's there; the same through the CLI
 * (`--quantize int8 --representative-data calib.npy`); the MNIST CNN `.keras` (100 calibration images, per-channel
 * weights) against `model_int8_28.tflite` on 500 test images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import { ConversionMetadata } from '../../src/formats/tflite/generated/conversion-metadata/tflite/conversion-metadata.ts';
import { readTflite, writeTflite } from '../../src/formats/tflite/index.ts';
import type { Graph, Tensor } from '../../src/ir/graph.ts';
import { asymmetricInt8Params } from '../../src/quant/activation-params.ts';
import { calibrate, CalibrationError } from '../../src/quant/calibrate.ts';
import { MinMaxObserver } from '../../src/quant/observers/min-max.ts';
import { load } from '../../src/api/load.ts';
import { convertGraph } from '../../src/converter/convert-graph.ts';
import { runLiteRt } from '../harness/reference-runtime.ts';
import { argmax, FIX, readFixture } from '../converter/fixture-helpers.ts';
import { convertFixture } from './quant-helpers.ts';
import { mnistImages, mnistLabels } from './mnist.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeNpy } from '../../src/formats/npy/index.ts';
import { parseConvertArgs } from '../../src/cli/commands/convert-args.ts';
import { convertModel } from '../../src/cli/commands/convert.ts';

const MLP = `${FIX}/sgx_mnist_mlp_savedmodel`;

test('activation params: range nudged to 0, scale (max−min)/255, zero point rounded and clamped; all-zero → scale 1', () => {
  // the official MLP file's logits tensor (min/max recorded in its quantization)
  assert.deepEqual(asymmetricInt8Params({ min: -21.53379249572754, max: 20.570589065551758 }), { scale: Math.fround(0.16511522233486176), zeroPoint: 2 });
  assert.deepEqual(asymmetricInt8Params({ min: 0, max: 1 }), { scale: Math.fround(1 / 255), zeroPoint: -128 });
  assert.deepEqual(asymmetricInt8Params({ min: 0.5, max: 2.55 }), { scale: Math.fround(0.01), zeroPoint: -128 }, 'min > 0 is nudged to 0');
  assert.deepEqual(asymmetricInt8Params({ min: -2.55, max: -1 }), { scale: Math.fround(0.01), zeroPoint: 127 }, 'max < 0 is nudged to 0');
  assert.deepEqual(asymmetricInt8Params({ min: 0, max: 0 }), { scale: 1, zeroPoint: -128 });
  const o = new MinMaxObserver();
  assert.equal(o.range(), undefined);
  o.observe([1, -2, 3]);
  o.observe(Float32Array.from([0.5, 7]));
  assert.deepEqual(o.range(), { min: -2, max: 7 });
});

async function floatMlp(): Promise<Graph> {
  return convertGraph((await load(`${MLP}/saved_model`)).graph, {});
}

test('corrupt calibration data: NaN, Infinity, wrong size, missing input, empty dataset → CalibrationError naming the sample', async () => {
  const g = await floatMlp();
  const good = new Float32Array(784).fill(0.5);
  const bad = (f: (a: Float32Array) => void): Float32Array => { const a = good.slice(); f(a); return a; };
  const cases: [unknown[], RegExp, number | undefined][] = [
    [[[good], [good], [bad((a) => { a[17] = NaN; })]], /sample 2 input .* NaN at element 17/, 2],
    [[[good], [bad((a) => { a[0] = -Infinity; })]], /sample 1 .* -Infinity at element 0/, 1],
    [[[good.subarray(0, 783)]], /sample 0 .* 783 values, expected a multiple of 784/, 0],
    [[[good], []], /sample 1 has 0 inputs, the model has 1/, 1],
    [[], /no samples/, undefined],
  ];
  for (const [samples, re, index] of cases) {
    await assert.rejects(calibrate(g, samples as Float32Array[][], { file: 'mlp' }), (e: unknown) => {
      assert.ok(e instanceof CalibrationError, String(e));
      assert.match(e.message, re);
      assert.equal(e.sampleIndex, index);
      return true;
    });
  }
});

/** A copy LiteRT.js accepts: shape signatures with −1 dropped (the static batch 1 stays). */
function staticBatch(bytes: Uint8Array): Uint8Array {
  const g = readTflite(bytes, 'model.tflite');
  for (const s of g.subgraphs) for (const t of s.tensors) if (t.shapeSignature?.includes(-1)) delete t.shapeSignature;
  return writeTflite(g).slice();
}

/** Activation tensors in execution order (inputs of the first node, then each node's output). */
function activations(g: Graph): Tensor[] {
  return [...g.main.inputs, ...g.main.nodes.flatMap((n) => n.outputs)];
}

function optimizationModes(g: Graph): number[] {
  const m = g.metadata.find((x) => x.name === 'CONVERSION_METADATA')!;
  const opts = ConversionMetadata.getRootAsConversionMetadata(new flatbuffers.ByteBuffer(m.data)).options();
  return Array.from({ length: opts?.modelOptimizationModesLength() ?? 0 }, (_, i) => opts!.modelOptimizationModes(i)!);
}

async function int8Outputs(bytes: Uint8Array, images: readonly Float32Array[]): Promise<Int8Array[]> {
  const g = readTflite(bytes, 'model.tflite');
  const q = g.main.inputs[0]!.quantization!;
  const runnable = staticBatch(bytes);
  const out: Int8Array[] = [];
  for (const x of images) {
    const input = Int8Array.from(x, (v) => Math.max(-128, Math.min(127, Math.round(v / q.scale[0]!) + q.zeroPoint[0]!)));
    const [y] = await runLiteRt(runnable, [input]);
    out.push(Int8Array.from(y!.data));
  }
  return out;
}

test('MNIST MLP SavedModel, 500 calibration images, int8 I/O: activation params = official model.tflite; LiteRT.js within 1 LSB; top-1 ≥ official', async (t) => {
  const calib = mnistImages('train', 0, 500);
  const ours = await convertFixture(`${MLP}/saved_model`, {
    optimizations: ['DEFAULT'], supportedOps: ['TFLITE_BUILTINS_INT8'], inferenceInputType: 'int8', inferenceOutputType: 'int8',
    // TF 2.4.1 (which wrote the official file) quantized FULLY_CONNECTED weights per tensor
    perChannel: false,
    representativeDataset: async function* () { for (const x of calib) yield [x]; },
  });
  await compareWithOfficial(t, ours, readFixture(`${MLP}/model.tflite`), 1000);
});

async function compareWithOfficial(t: { diagnostic(m: string): void }, ours: { graph: Graph; bytes: Uint8Array }, official: { graph: Graph; bytes: Uint8Array }, N: number): Promise<void> {
  assert.deepEqual(ours.graph.main.nodes.map((n) => `${n.op} v${n.version}`), official.graph.main.nodes.map((n) => `${n.op} v${n.version}`));
  assert.deepEqual(optimizationModes(ours.graph), [1003]);
  const a = activations(ours.graph);
  const b = activations(official.graph);
  assert.equal(a.length, b.length);
  const mismatches: string[] = [];
  a.forEach((x, i) => {
    const y = b[i]!;
    const [s, z] = [x.quantization!.scale[0]!, x.quantization!.zeroPoint[0]!];
    const [so, zo] = [y.quantization!.scale[0]!, y.quantization!.zeroPoint[0]!];
    const rel = Math.abs(s / so - 1);
    t.diagnostic(`${y.name}: scale ${s} vs official ${so} (rel ${rel.toExponential(1)}), zero point ${z} vs ${zo}`);
    if (rel > 1e-6 || z !== zo || x.dtype !== y.dtype) mismatches.push(`${y.name}: ${x.dtype} ${s}/${z} vs ${y.dtype} ${so}/${zo}`);
  });
  assert.deepEqual(mismatches, []);
  // weights and biases (per tensor here) to the same tolerance
  ours.graph.main.nodes.forEach((n, i) => n.inputs.slice(1).forEach((w, j) => {
    const o = official.graph.main.nodes[i]!.inputs[j + 1]!;
    if (!w?.quantization) return;
    assert.equal(w.dtype, o.dtype);
    assert.ok(Math.abs(w.quantization.scale[0]! / o.quantization!.scale[0]! - 1) <= 1e-6, `${o.name} scale`);
  }));
  const images = mnistImages('t10k', 0, N);
  const labels = mnistLabels('t10k', 0, N);
  const mine = await int8Outputs(ours.bytes, images);
  const theirs = await int8Outputs(official.bytes, images);
  let within = 0;
  let total = 0;
  let maxDiff = 0;
  let top1 = 0;
  let top1Official = 0;
  mine.forEach((y, k) => {
    y.forEach((v, j) => { const d = Math.abs(v - theirs[k]![j]!); maxDiff = Math.max(maxDiff, d); within += d <= 1 ? 1 : 0; total++; });
    top1 += argmax(y) === labels[k] ? 1 : 0;
    top1Official += argmax(theirs[k]!) === labels[k] ? 1 : 0;
  });
  t.diagnostic(`${N} MNIST test images: ${within}/${total} output elements within 1 LSB (${(100 * within / total).toFixed(2)} %), max diff ${maxDiff} LSB; ` +
    `top-1 ours ${(100 * top1 / N).toFixed(1)} % vs official ${(100 * top1Official / N).toFixed(1)} %; size ${ours.bytes.length} vs ${official.bytes.length}`);
  assert.ok(within / total >= 0.99);
  assert.ok(top1 >= top1Official);
}

test('CLI: --quantize int8 --representative-data calib.npy (500 × 784 float32) writes the same model as the API', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-int8-'));
  try {
    const calib = path.join(dir, 'calib.npy');
    const images = mnistImages('train', 0, 500);
    const flat = new Float32Array(500 * 784);
    images.forEach((x, k) => flat.set(x, k * 784));
    fs.writeFileSync(calib, writeNpy({ data: flat, shape: [500, 784] }));
    const out = path.join(dir, 'q.tflite');
    const req = parseConvertArgs([`${MLP}/saved_model`, '-o', out, '--quantize', 'int8', '--representative-data', calib,
      '--inference-input-type', 'int8', '--inference-output-type', 'int8', '--per-tensor']);
    assert.ok(!req.help);
    await convertModel(req);
    const g = readTflite(new Uint8Array(fs.readFileSync(out)), out);
    const official = readFixture(`${MLP}/model.tflite`).graph;
    activations(g).forEach((x, i) => {
      const o = activations(official)[i]!;
      assert.ok(Math.abs(x.quantization!.scale[0]! / o.quantization!.scale[0]! - 1) <= 1e-6 && x.quantization!.zeroPoint[0] === o.quantization!.zeroPoint[0], o.name);
    });
    // float I/O (the default): QUANTIZE first, DEQUANTIZE last
    const outF = path.join(dir, 'f.tflite');
    const reqF = parseConvertArgs([`${MLP}/saved_model`, '-o', outF, '--quantize', 'int8', '--representative-data', calib]);
    assert.ok(!reqF.help);
    await convertModel(reqF);
    const gf = readTflite(new Uint8Array(fs.readFileSync(outF)), outF);
    assert.deepEqual(gf.main.nodes.map((n) => n.op), ['QUANTIZE', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'FULLY_CONNECTED', 'SOFTMAX', 'DEQUANTIZE']);
    assert.deepEqual([gf.main.inputs[0]!.dtype, gf.main.outputs[0]!.dtype], ['float32', 'float32']);
    assert.equal(gf.main.nodes[1]!.inputs[1]!.quantization!.scale.length, 10, 'per-channel FULLY_CONNECTED weights by default');
    const [y] = await runLiteRt(staticBatch(new Uint8Array(fs.readFileSync(outF))), [images[0]!]);
    assert.equal(argmax(y!.data), mnistLabels('train', 0, 1)[0]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('MNIST CNN .keras, 100 calibration images, per-channel, int8 I/O: activation params = official model_int8_28.tflite; 1 LSB; top-1', async (t) => {
  const calib = mnistImages('train', 0, 100);
  const ours = await convertFixture(`${FIX}/gitadi_mnist_cnn_keras/baseline_cnn_28.keras`, {
    optimizations: ['DEFAULT'], supportedOps: ['TFLITE_BUILTINS_INT8'], inferenceInputType: 'int8', inferenceOutputType: 'int8',
    representativeDataset: () => calib.map((x) => [x]),
  });
  await compareWithOfficial(t, ours, readFixture(`${FIX}/gitadi_mnist_cnn_keras/model_int8_28.tflite`), 500);
});
