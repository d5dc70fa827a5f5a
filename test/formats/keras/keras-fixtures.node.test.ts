/**
 * The three Keras fixtures load into the TF-op graph we expect (op counts, I/O shapes, signature names), and the
 * weights we picked are the official converter's: each CONV_2D / FULLY_CONNECTED constant of the official float
 * .tflite equals our kernel after TFLite's layout change (HWIO → OHWI, [in, out] → [out, in]) — bit for bit where
 * the converter kept it, and after folding the following BatchNormalization where it folded one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadKeras, sniffKeras, type KerasLoadResult } from '../../../src/formats/keras/index.ts';
import type { Tensor } from '../../../src/ir/graph.ts';
import { hwioToOhwi, readTflite, transpose2d } from './tflite-ref.ts';

const FIX = 'test/fixtures';

interface Case {
  file: string;
  tflite: string;
  kerasVersion: string;
  ops: Record<string, number>;
  /** Layer → the BatchNormalization TFLite folded into it. */
  folded: Record<string, string>;
  signature: { inputs: string[]; outputs: string[] };
  /** Folded biases are not comparable (see the ToyCar case). */
  skipFoldedBias?: boolean;
}

const CASES: Case[] = [
  {
    file: `${FIX}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`,
    tflite: `${FIX}/mlperf_tiny_ic_resnet8/pretrainedResnet.tflite`,
    kerasVersion: '2.4.0',
    ops: { Conv2D: 9, BiasAdd: 10, FusedBatchNormV3: 7, Relu: 7, AddV2: 3, AvgPool: 1, Reshape: 1, MatMul: 1, Softmax: 1 },
    folded: {
      conv2d: 'batch_normalization', conv2d_1: 'batch_normalization_1', conv2d_2: 'batch_normalization_2', conv2d_3: 'batch_normalization_3',
      conv2d_4: 'batch_normalization_4', conv2d_6: 'batch_normalization_5', conv2d_7: 'batch_normalization_6',
    },
    signature: { inputs: ['input_1'], outputs: ['dense'] },
  },
  {
    file: `${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar.hdf5`,
    tflite: `${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar.tflite`,
    kerasVersion: '2.4.0',
    // 9 × BN as Keras 2 traces rank-2 BN: AddV2 Rsqrt Mul Mul Mul Sub AddV2.
    ops: { MatMul: 10, BiasAdd: 10, AddV2: 18, Rsqrt: 9, Mul: 27, Sub: 9, Relu: 9 },
    folded: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [i ? `dense_${i}` : 'dense', i ? `batch_normalization_${i}` : 'batch_normalization'])),
    signature: { inputs: ['input_1'], outputs: ['dense_9'] },
    // The official .tflite's folded biases imply BN moving means up to 0.46 std away from the .hdf5's, while its
    // folded filters (gamma, variance, kernel) match to 1e-5: it was converted from a model whose moving means had
    // moved on. Its unfolded layer (dense_9) is checked bit for bit.
    skipFoldedBias: true,
  },
  {
    file: `${FIX}/gitadi_mnist_cnn_keras/baseline_cnn_28.keras`,
    tflite: `${FIX}/gitadi_mnist_cnn_keras/model_fp32_28.tflite`,
    kerasVersion: '2.21.0',
    ops: { Conv2D: 2, BiasAdd: 4, Relu: 3, MaxPool: 2, Reshape: 1, MatMul: 2, Softmax: 1 },
    folded: {},
    signature: { inputs: ['input_1'], outputs: ['dense_1'] },
  },
];

function f32(t: Tensor): Float32Array {
  assert.ok(t.data, `${t.name} is a constant`);
  return new Float32Array(t.data.slice().buffer);
}

function constant(r: KerasLoadResult, suffix: string): Tensor {
  const t = r.graph.main.tensors.find((x) => x.isConstant && x.name.endsWith(`/${suffix}:0`));
  assert.ok(t, `constant */${suffix}:0`);
  return t;
}

/**
 * Equal up to float32 rounding; `scale[i]` = magnitude of the terms summed into a folded bias.
 */
function assertClose(actual: Float32Array, expected: Float32Array, what: string, scale?: Float32Array): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const tol = 1e-6 + (scale ? 5e-5 * scale[i]! : 0) + 1e-5 * Math.abs(expected[i]!);
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) assert.fail(`${what}[${i}]: ${actual[i]} vs official ${expected[i]}`);
  }
}

for (const c of CASES) {
  const name = c.file.split('/').pop()!;
  test(`${name}: loads into the expected TF ops, I/O and signature`, async () => {
    const bytes = new Uint8Array(fs.readFileSync(c.file));
    assert.equal(sniffKeras(bytes), name.endsWith('.keras') ? 'keras' : 'h5');
    const r = await loadKeras(bytes, name);
    assert.equal(r.kerasVersion, c.kerasVersion);
    const counts: Record<string, number> = {};
    for (const n of r.graph.main.nodes) counts[n.op] = (counts[n.op] ?? 0) + 1;
    assert.deepEqual(counts, c.ops);
    assert.deepEqual(r.notes, []);
    const ref = readTflite(new Uint8Array(fs.readFileSync(c.tflite)));
    assert.deepEqual(r.graph.main.inputs.map((t) => t.shape), ref.inputs);
    assert.deepEqual(r.graph.main.outputs.map((t) => t.shape), ref.outputs);
    const [sig] = r.graph.signatures;
    assert.equal(r.graph.signatures.length, 1);
    assert.equal(sig!.key, 'serving_default');
    assert.deepEqual({ inputs: sig!.inputs.map((s) => s.name), outputs: sig!.outputs.map((s) => s.name) }, c.signature);
    if (ref.signature) assert.deepEqual(ref.signature, c.signature, 'same keys as the official signature');
    assert.deepEqual(sig!.inputs.map((s) => s.tensor), r.graph.main.inputs);
    assert.deepEqual(sig!.outputs.map((s) => s.tensor), r.graph.main.outputs);
  });

  test(`${name}: every conv / dense weight equals the official .tflite's`, async () => {
    const r = await loadKeras(new Uint8Array(fs.readFileSync(c.file)), name);
    const ref = readTflite(new Uint8Array(fs.readFileSync(c.tflite)));
    assert.ok(ref.weights.size > 0);
    for (const [layer, w] of ref.weights) {
      const kernel = constant(r, `${layer}/kernel`);
      const bias = f32(constant(r, `${layer}/bias`));
      let k = f32(kernel);
      let b = bias;
      let magnitude: Float32Array | undefined;
      const bn = c.folded[layer];
      if (bn) {
        // BN(x·W + b) = x·(W·s) + (b·s + (beta − mean·s)), s = gamma / √(var + eps), in float32.
        const [gamma, beta, mean, variance] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((v) => f32(constant(r, `${bn}/${v}`)));
        const out = gamma!.length;
        const s = gamma!.map((g, o) => Math.fround(g / Math.sqrt(Math.fround(variance![o]! + 1e-3))));
        k = k.map((v, i) => v * s[i % out]!);
        b = b.map((v, o) => Math.fround(v * s[o]!) + Math.fround(beta![o]! - Math.fround(mean![o]! * s[o]!)));
        magnitude = b.map((v, o) => Math.abs(bias[o]! * s[o]!) + Math.abs(mean![o]! * s[o]!) + Math.abs(beta![o]!));
      }
      const laidOut = w.op === 'CONV_2D' ? hwioToOhwi(k, kernel.shape) : transpose2d(k, kernel.shape);
      assert.deepEqual(w.shape, w.op === 'CONV_2D' ? [kernel.shape[3], kernel.shape[0], kernel.shape[1], kernel.shape[2]] : [kernel.shape[1], kernel.shape[0]]);
      if (bn) {
        assertClose(laidOut, w.filter, `${layer} filter`);
        if (!c.skipFoldedBias) assertClose(b, w.bias!, `${layer} bias`, magnitude);
      } else {
        assert.deepEqual(laidOut, w.filter, `${layer} filter (bit-identical)`);
        assert.deepEqual(b, w.bias, `${layer} bias (bit-identical)`);
      }
    }
  });
}
