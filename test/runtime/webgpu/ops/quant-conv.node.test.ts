/**
 * int8 CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED on the GPU (kernels/i8_conv2d.wgsl) vs the CPU integer kernels,
 * bit for bit, in both integer arithmetic modes: one-op models run through Interpreter on the webgpu backend and on the
 * cpu, seeded data, odd shapes (channel counts not multiples of 4, padding, stride, dilation, groups, per-channel scales,
 * fused activations, non-zero zero points).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ActivationFunctionType as Act } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { Conv2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { Padding } from '../../../../src/formats/tflite/generated/tflite/padding.ts';
import type { Backend } from '../../../../src/runtime/backend.ts';
import type { IntegerArithmetic } from '../../../../src/runtime/cpu/quant-math.ts';
import { Interpreter } from '../../../../src/runtime/interpreter/index.ts';
import { createBackend } from '../../../../src/runtime/select-backend.ts';
import { fixture } from '../../interpreter/fixtures.ts';
import { act, BuiltinOptions, constant, int32Array, oneOpModel, q, rng, type OneOp } from '../../quant/single-op.ts';

let shared: Promise<Backend> | null = null;
async function gpu(): Promise<Backend> {
  shared ??= createBackend({ onNotice: () => {} });
  const b = await shared;
  assert.equal(b.name, 'webgpu', 'these tests need the webgpu backend (Dawn + SwiftShader)');
  return b;
}
after(async () => { if (shared) (await shared).destroy(); });

/** Runs `spec` (a one-op model, or model bytes) on the GPU and the CPU in `mode` and asserts identical int8 outputs. */
export async function gpuEqualsCpu(spec: OneOp | Uint8Array, feeds: Int8Array[], mode: IntegerArithmetic): Promise<void> {
  const bytes = spec instanceof Uint8Array ? spec : oneOpModel(spec);
  const op = spec instanceof Uint8Array ? 'model' : spec.op;
  const cpu = await Interpreter.create(bytes, { backend: 'cpu', integerArithmetic: mode });
  const g = await Interpreter.create(bytes, { backend: await gpu(), integerArithmetic: mode });
  try {
    assert.equal(g.backend, 'webgpu');
    const [a] = await cpu.run(feeds);
    const [b] = await g.run(feeds);
    assert.deepEqual(b!.shape, a!.shape, 'shape');
    const x = Array.from(a!.data as Int8Array);
    const y = Array.from(b!.data as Int8Array);
    const bad = x.flatMap((v, i) => (v === y[i] ? [] : [`[${i}] cpu ${v} gpu ${y[i]}`]));
    if (x.length > 16) assert.ok(new Set(x).size > 8, `${op}: degenerate test data (${new Set(x).size} distinct outputs)`);
    assert.equal(bad.length, 0, `${op} (${mode}): ${bad.length}/${x.length} differ: ${bad.slice(0, 6).join(', ')}`);
  } finally {
    g.dispose();
    cpu.dispose();
  }
}

const MODES: IntegerArithmetic[] = ['reference', 'litert'];
const perChannel = (r: ReturnType<typeof rng>, n: number) => Array.from({ length: n }, () => r.uniform(0.002, 0.02));

describe('int8 conv-like GPU kernels equal the CPU integer kernels', () => {
  for (const mode of MODES) {
    it(`FULLY_CONNECTED per-channel, depth 37, 3 rows, RELU (${mode})`, async () => {
      const r = rng(11);
      const [B, D, U] = [3, 37, 13];
      const spec: OneOp = {
        op: 'FULLY_CONNECTED', version: 5,
        inputs: [act('x', 'int8', [B, D], q(0.05, -7)), constant('w', 'int8', [U, D], r.int8Array(U * D, -127, 127), q(perChannel(r, U), 0)),
          constant('b', 'int32', [U], int32Array(r, U, -3000, 3000), q(perChannel(r, U).map((s) => s * 0.05), 0))],
        outputs: [act('y', 'int8', [B, U], q(0.11, 5))],
        options: { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(Act.RELU, 0, false) },
      };
      await gpuEqualsCpu(spec, [r.int8Array(B * D)], mode);
    });

    it(`CONV_2D 3x3 SAME stride 2, 7x9x5 → 6 channels, RELU6 (${mode})`, async () => {
      const r = rng(12);
      const spec: OneOp = {
        op: 'CONV_2D', version: 3,
        inputs: [act('x', 'int8', [2, 7, 9, 5], q(0.04, 3)), constant('w', 'int8', [6, 3, 3, 5], r.int8Array(6 * 45, -127, 127), q(perChannel(r, 6), 0)),
          constant('b', 'int32', [6], int32Array(r, 6, -2000, 2000), q(0.0001, 0))],
        outputs: [act('y', 'int8', [2, 4, 5, 6], q(0.07, -9))],
        options: { type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(Padding.SAME, 2, 2, Act.RELU6, 1, 1) },
      };
      await gpuEqualsCpu(spec, [r.int8Array(2 * 7 * 9 * 5)], mode);
    });

    it(`CONV_2D VALID dilation 2, grouped (6 → 4, 2 groups), no bias (${mode})`, async () => {
      const r = rng(13);
      const spec: OneOp = {
        op: 'CONV_2D', version: 6,
        inputs: [act('x', 'int8', [1, 8, 7, 6], q(0.03, -2)), constant('w', 'int8', [4, 2, 3, 3], r.int8Array(4 * 18, -127, 127), q(0.01, 0)), null],
        outputs: [act('y', 'int8', [1, 6, 3, 4], q(0.05, 1))],
        options: { type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(Padding.VALID, 1, 1, Act.NONE, 2, 2) },
      };
      await gpuEqualsCpu(spec, [r.int8Array(8 * 7 * 6)], mode);
    });

    it(`DEPTHWISE_CONV_2D 3x3 SAME, multiplier 2, per-channel (${mode})`, async () => {
      const r = rng(14);
      const spec: OneOp = {
        op: 'DEPTHWISE_CONV_2D', version: 3,
        inputs: [act('x', 'int8', [1, 5, 6, 3], q(0.05, 4)), constant('w', 'int8', [1, 3, 3, 6], r.int8Array(54, -127, 127), q(perChannel(r, 6), 0, 3)),
          constant('b', 'int32', [6], int32Array(r, 6, -500, 500), q(0.0001, 0))],
        outputs: [act('y', 'int8', [1, 5, 6, 6], q(0.02, -3))],
        options: { type: BuiltinOptions.DepthwiseConv2DOptions, value: new DepthwiseConv2DOptionsT(Padding.SAME, 1, 1, 2, Act.NONE, 1, 1) },
      };
      await gpuEqualsCpu(spec, [r.int8Array(5 * 6 * 3)], mode);
    });
  }
});

// Whole int8 models on the GPU: see also quant-models.node.test.ts (MLP, MNIST CNN, ResNet-8, KWS).
describe('int8 fixtures on the webgpu backend equal the cpu bit for bit', () => {
  for (const mode of MODES) {
    it(`tflm_hello_world/hello_world_int8.tflite, 8 seeded single-value runs (${mode})`, async () => {
      const r = rng(21);
      const bytes = fixture('tflm_hello_world/hello_world_int8.tflite');
      for (let k = 0; k < 8; k++) await gpuEqualsCpu(bytes, [r.int8Array(1)], mode);
    });
  }
});
