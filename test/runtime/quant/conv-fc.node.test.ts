// FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, BATCH_MATMUL (int8, int16x8, hybrid): one-op models with seeded random
// data, odd shapes and awkward scales, run in LiteRT.js and through our kernels. `litert` arithmetic must be bit
// identical; `reference` (TFLite's reference kernels) departs where LiteRT.js runs the XNNPACK delegate — XNNPACK
// requantizes conv/FC in float32 and rounds half to even, TFLite's reference in fixed point (double rounding, half
// away from zero) — by at most 1 LSB.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BatchMatMulOptionsT } from '../../../src/formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { Conv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { Padding } from '../../../src/formats/tflite/generated/tflite/padding.ts';
import { runLiteRt, type RuntimeArray } from '../../harness/reference-runtime.ts';
import { act, BuiltinOptions, checkOp, constant, int16Array, int32Array, int64Array, oneOpModel, q, rng, runOurs, type ReferenceRelation } from './single-op.ts';

const XNNPACK_REQUANT: ReferenceRelation = { departs: 'XNNPACK delegate: float32 requantization, round half to even', maxLsb: 1 };
const r = rng(7001);
const scales = (n: number, lo = 0.002, hi = 0.02): number[] => Array.from({ length: n }, () => r.uniform(lo, hi));
const fc = (fa = 0, keep = false) => ({ type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(fa, 0, keep) });
const conv = (pad: Padding, s: number, fa = 0, d = 1) => ({ type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(pad, s, s, fa, d, d) });

describe('FULLY_CONNECTED int8 / int16', () => {
  it('per-tensor weights, batch 7, depth 37, 300 units, zero points, no activation', async () => {
    const [B, D, U] = [7, 37, 300];
    const spec = {
      op: 'FULLY_CONNECTED', version: 4,
      inputs: [act('x', 'int8', [B, D], q(0.0173, 5)), constant('w', 'int8', [U, D], r.int8Array(U * D, -127, 127), q(0.0091)), constant('b', 'int32', [U], int32Array(r, U, -3000, 3000), q(0.0173 * 0.0091))],
      outputs: [act('y', 'int8', [B, U], q(0.0531, -3))], options: fc(),
    };
    const c = await checkOp(spec, 'int8', [r.int8Array(B * D)], XNNPACK_REQUANT);
    assert.ok(c.referenceMismatches > 0, 'this case exercises the XNNPACK departure');
  });

  it('per-channel weights, RELU6, 3-D input with keep_num_dims, no bias', async () => {
    const [D, U] = [19, 23];
    const ws = scales(U);
    const spec = {
      op: 'FULLY_CONNECTED', version: 5,
      inputs: [act('x', 'int8', [2, 3, D], q(0.041, -11)), constant('w', 'int8', [U, D], r.int8Array(U * D, -127, 127), q(ws, 0, 0)), null],
      outputs: [act('y', 'int8', [2, 3, U], q(0.02, -20))], options: fc(3, true),
    };
    await checkOp(spec, 'int8', [r.int8Array(6 * D)], XNNPACK_REQUANT);
  });

  it('power-of-two scales produce exact ties: XNNPACK rounds them to even', async () => {
    const [B, D, U] = [4, 3, 64];
    const spec = {
      op: 'FULLY_CONNECTED', version: 4,
      inputs: [act('x', 'int8', [B, D], q(0.5)), constant('w', 'int8', [U, D], r.int8Array(U * D, -20, 20), q(0.25)), constant('b', 'int32', [U], int32Array(r, U, -300, 300), q(0.125))],
      outputs: [act('y', 'int8', [B, U], q(1))], options: fc(),
    };
    const c = await checkOp(spec, 'int8', [r.int8Array(B * D, -30, 30)], XNNPACK_REQUANT);
    assert.ok(c.referenceMismatches >= 10);
  });

  for (const [version, biasType] of [[7, 'int64'], [11, 'int32']] as const) {
    it(`16x8 per-channel with ${biasType} bias`, async () => {
      const [B, D, U] = [3, 41, 37];
      const ws = scales(U, 0.001, 0.01);
      const bias = biasType === 'int64' ? int64Array(r, U, -100000, 100000) : int32Array(r, U, -100000, 100000);
      const spec = {
        op: 'FULLY_CONNECTED', version,
        inputs: [act('x', 'int16', [B, D], q(0.0004)), constant('w', 'int8', [U, D], r.int8Array(U * D, -127, 127), q(ws, 0, 0)), constant('b', biasType, [U], bias, q(ws.map((s) => s * 0.0004), 0, 0))],
        outputs: [act('y', 'int16', [B, U], q(0.003))], options: fc(),
      };
      await checkOp(spec, 'int16', [int16Array(r, B * D)], { departs: 'LiteRT\'s optimized 16x8 FC: int32 MultiplyByQuantizedMultiplier instead of the reference int64 one', maxLsb: 1 });
    });
  }
});

describe('CONV_2D and DEPTHWISE_CONV_2D int8 / int16', () => {
  for (const [name, pad, stride, dil, k, fa] of [
    ['3x3 stride 2 SAME', Padding.SAME, 2, 1, 3, 1], ['3x3 VALID dilation 2, RELU6', Padding.VALID, 1, 2, 3, 3], ['1x1', Padding.SAME, 1, 1, 1, 0], ['4x4 stride 3', Padding.SAME, 3, 1, 4, 0],
  ] as const) {
    it(`conv ${name}, per-channel`, async () => {
      const [N, H, W, C, O] = [2, 11, 9, 5, 13];
      const ws = scales(O);
      const eff = (k - 1) * dil + 1;
      const oh = pad === Padding.SAME ? Math.ceil(H / stride) : Math.floor((H - eff) / stride) + 1;
      const ow = pad === Padding.SAME ? Math.ceil(W / stride) : Math.floor((W - eff) / stride) + 1;
      const spec = {
        op: 'CONV_2D', version: 3,
        inputs: [act('x', 'int8', [N, H, W, C], q(0.041, -7)), constant('w', 'int8', [O, k, k, C], r.int8Array(O * k * k * C, -127, 127), q(ws, 0, 0)), constant('b', 'int32', [O], int32Array(r, O, -2000, 2000), q(ws.map((s) => s * 0.041), 0, 0))],
        outputs: [act('y', 'int8', [N, oh, ow, O], q(0.09, 3))], options: conv(pad, stride, fa, dil),
      };
      await checkOp(spec, 'int8', [r.int8Array(N * H * W * C)], XNNPACK_REQUANT);
    });
  }

  it('depthwise, depth multiplier 3, dilation 2, per-channel on axis 3', async () => {
    const [N, H, W, C, M] = [2, 11, 9, 5, 3];
    const ws = scales(C * M);
    const spec = {
      op: 'DEPTHWISE_CONV_2D', version: 3,
      inputs: [act('x', 'int8', [N, H, W, C], q(0.041, -7)), constant('w', 'int8', [1, 3, 3, C * M], r.int8Array(9 * C * M, -127, 127), q(ws, 0, 3)), constant('b', 'int32', [C * M], int32Array(r, C * M, -2000, 2000), q(ws.map((s) => s * 0.041), 0, 0))],
      outputs: [act('y', 'int8', [N, H, W, C * M], q(0.03, 3))],
      options: { type: BuiltinOptions.DepthwiseConv2DOptions, value: new DepthwiseConv2DOptionsT(Padding.SAME, 1, 1, M, 0, 2, 2) },
    };
    await checkOp(spec, 'int8', [r.int8Array(N * H * W * C)], XNNPACK_REQUANT);
  });

  it('16x8 conv with int64 bias (LiteRT runs the reference int64 path too)', async () => {
    const cs = scales(6, 0.001, 0.01);
    const spec = {
      op: 'CONV_2D', version: 4,
      inputs: [act('x', 'int16', [1, 9, 8, 4], q(0.0004)), constant('w', 'int8', [6, 3, 3, 4], r.int8Array(216, -127, 127), q(cs, 0, 0)), constant('b', 'int64', [6], int64Array(r, 6, -100000, 100000), q(cs.map((s) => s * 0.0004), 0, 0))],
      outputs: [act('y', 'int16', [1, 9, 8, 6], q(0.01))], options: conv(Padding.SAME, 1, 1),
    };
    await checkOp(spec, 'int16', [int16Array(r, 288)], 'same');
  });
});

describe('BATCH_MATMUL int8', () => {
  for (const [adjX, adjY] of [[false, false], [true, false], [false, true]] as const) {
    it(`adj_x=${adjX} adj_y=${adjY}, broadcast batch`, async () => {
      const ash = adjX ? [3, 17, 5] : [3, 5, 17];
      const bsh = adjY ? [6, 17] : [17, 6];
      const spec = {
        op: 'BATCH_MATMUL', version: 2,
        inputs: [act('a', 'int8', ash, q(0.05, 4)), act('b', 'int8', bsh, q(0.03, -2))],
        outputs: [act('y', 'int8', [3, 5, 6], q(0.4, 1))], options: { type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(adjX, adjY) },
      };
      await checkOp(spec, 'int8', [r.int8Array(255), r.int8Array(102)], 'same');
    });
  }
});

describe('hybrid (dynamic-range) FULLY_CONNECTED and CONV_2D', () => {
  async function hybridCheck(spec: Parameters<typeof oneOpModel>[0], x: Float32Array): Promise<number> {
    const ref = (await runLiteRt(oneOpModel(spec), [x as RuntimeArray]))[0]!.data as Float32Array;
    const lit = runOurs(spec, 'hybrid', [x], 'litert')[0]!.data as Float32Array;
    assert.deepEqual(Array.from(lit), Array.from(ref), 'litert mode: XNNPACK qd8 arithmetic, bit identical');
    const refMode = runOurs(spec, 'hybrid', [x], 'reference')[0]!.data as Float32Array;
    let max = 0;
    let diff = 0;
    for (let i = 0; i < ref.length; i++) { max = Math.max(max, Math.abs(ref[i]!)); diff = Math.max(diff, Math.abs(refMode[i]! - ref[i]!)); }
    return diff / max;
  }

  it('FC, per-tensor int8 weights, 3 batch rows quantized separately', async () => {
    const [B, D, U] = [3, 64, 29];
    const spec = {
      op: 'FULLY_CONNECTED', version: 3,
      inputs: [act('x', 'float32', [B, D]), constant('w', 'int8', [U, D], r.int8Array(U * D, -127, 127), q(0.011)), constant('b', 'float32', [U], r.float32Array(U))],
      outputs: [act('y', 'float32', [B, U])], options: fc(1),
    };
    // reference mode quantizes inputs symmetrically (TFLite's own hybrid kernel), XNNPACK asymmetrically: close, not equal
    assert.ok(await hybridCheck(spec, r.float32Array(B * D, -2, 3)) < 0.02);
  });

  it('CONV_2D 3x3 (per-image input quantization) and 1x1 (per-pixel: XNNPACK runs it as a fully connected layer)', async () => {
    for (const k of [3, 1]) {
      const spec = {
        op: 'CONV_2D', version: 2,
        inputs: [act('x', 'float32', [2, 7, 6, 8]), constant('w', 'int8', [5, k, k, 8], r.int8Array(5 * k * k * 8, -127, 127), q(0.004)), constant('b', 'float32', [5], r.float32Array(5))],
        outputs: [act('y', 'float32', [2, 7, 6, 5])], options: conv(Padding.SAME, 1, 0),
      };
      assert.ok(await hybridCheck(spec, r.float32Array(2 * 7 * 6 * 8)) < 0.02, `k=${k}`);
    }
  });
});
