/**
 * Float CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV, pools, FULLY_CONNECTED and BATCH_MATMUL on hand-computed
 * cases: SAME / VALID padding with strides (the pad goes after when the total is odd), dilation, groups, depth
 * multipliers, padding cells excluded from averages, fused activations, keep_num_dims, batch broadcasting.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { ActivationFunctionType as Act } from '../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { Conv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { Pool2DOptionsT } from '../../../src/formats/tflite/generated/tflite/pool2doptions.ts';
import { FullyConnectedOptionsT } from '../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { BatchMatMulOptionsT } from '../../../src/formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { TransposeConvOptionsT } from '../../../src/formats/tflite/generated/tflite/transpose-conv-options.ts';
import { Padding } from '../../../src/formats/tflite/generated/tflite/padding.ts';
import { convDim } from '../../../src/runtime/cpu/kernels/float/util.ts';
import { close, f32, i32, range, run, t } from './kernel-harness.ts';

const conv = (padding: Padding, stride: number, dilation = 1, act = Act.NONE) =>
  ({ type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(padding, stride, stride, act, dilation, dilation) });
const dw = (padding: Padding, stride: number, mult: number, dilation = 1) =>
  ({ type: BuiltinOptions.DepthwiseConv2DOptions, value: new DepthwiseConv2DOptionsT(padding, stride, stride, mult, Act.NONE, dilation, dilation) });
const pool = (padding: Padding, stride: number, f: number, act = Act.NONE) =>
  ({ type: BuiltinOptions.Pool2DOptions, value: new Pool2DOptionsT(padding, stride, stride, f, f, act) });

describe('padding rule (ComputePaddingHeightWidth)', () => {
  test('SAME: out = ceil(in / s), pad before = floor(total / 2)', () => {
    assert.deepEqual(convDim(Padding.SAME, 4, 3, 2, 1), { out: 2, pad: 0 }); // total 1: all after
    assert.deepEqual(convDim(Padding.SAME, 5, 3, 2, 1), { out: 3, pad: 1 }); // total 2
    assert.deepEqual(convDim(Padding.SAME, 7, 3, 1, 2), { out: 7, pad: 2 }); // dilated filter 5: total 4
    assert.deepEqual(convDim(Padding.SAME, 1, 5, 1, 1), { out: 1, pad: 2 });
  });
  test('VALID: out = ceil((in − e + 1) / s), no pad', () => {
    assert.deepEqual(convDim(Padding.VALID, 5, 3, 2, 1), { out: 2, pad: 0 });
    assert.deepEqual(convDim(Padding.VALID, 6, 3, 2, 1), { out: 2, pad: 0 });
    assert.deepEqual(convDim(Padding.VALID, 7, 2, 1, 3), { out: 4, pad: 0 });
  });
});

describe('CONV_2D', () => {
  test('VALID 2×2 box filter', () => {
    const [y] = run('CONV_2D', [t(range(9, 1), [1, 3, 3, 1]), t(f32(1, 1, 1, 1), [1, 2, 2, 1])], { options: conv(Padding.VALID, 1) });
    close(y!, [12, 16, 24, 28], [1, 2, 2, 1]);
  });
  test('SAME stride 2 pads after only (odd total), bias and RELU', () => {
    const [y] = run('CONV_2D', [t(range(16, 1), [1, 4, 4, 1]), t(new Float32Array(9).fill(1), [1, 3, 3, 1]), t(f32(-50), [1])],
      { options: conv(Padding.SAME, 2, 1, Act.RELU) });
    close(y!, [4, 0, 22, 4], [1, 2, 2, 1]); // sums 54, 45, 72, 54 minus 50
  });
  test('SAME stride 2 with an even total pads both sides', () => {
    // 5×5 of ones, 3×3 ones, stride 2: out 3×3, pad 1 before → corners see 4 taps, edges 6, centre 9
    const [y] = run('CONV_2D', [t(new Float32Array(25).fill(1), [1, 5, 5, 1]), t(new Float32Array(9).fill(1), [1, 3, 3, 1])], { options: conv(Padding.SAME, 2) });
    close(y!, [4, 6, 4, 6, 9, 6, 4, 6, 4], [1, 3, 3, 1]);
  });
  test('dilation 2', () => {
    // x(r, c) = 5r + c; y(i, j) = x(i, j) + 2x(i, j+2) + 3x(i+2, j) + 4x(i+2, j+2) = 10(5i + j) + 82
    const [y] = run('CONV_2D', [t(range(25), [1, 5, 5, 1]), t(f32(1, 2, 3, 4), [1, 2, 2, 1])], { options: conv(Padding.VALID, 1, 2) });
    close(y!, [82, 92, 102, 132, 142, 152, 182, 192, 202], [1, 3, 3, 1]);
  });
  test('several input and output channels, RELU6', () => {
    const [y] = run('CONV_2D', [t(f32(1, 2), [1, 1, 1, 2]), t(f32(1, 0, 0, 1, 5, 5), [3, 1, 1, 2])], { options: conv(Padding.VALID, 1, 1, Act.RELU6) });
    close(y!, [1, 2, 6], [1, 1, 1, 3]);
  });
  test('grouped convolution (filter channels = input channels / 2)', () => {
    const [y] = run('CONV_2D', [t(f32(1, 2, 3, 4), [1, 1, 1, 4]), t(f32(1, 1, 1, -1), [2, 1, 1, 2])], { options: conv(Padding.VALID, 1) });
    close(y!, [3, -1], [1, 1, 1, 2]);
  });
  test('batch of 2 keeps images apart', () => {
    const [y] = run('CONV_2D', [t(f32(1, 2, 3, 4, 10, 20, 30, 40), [2, 2, 2, 1]), t(f32(1, 1, 1, 1), [1, 2, 2, 1])], { options: conv(Padding.VALID, 1) });
    close(y!, [10, 100], [2, 1, 1, 1]);
  });
});

describe('DEPTHWISE_CONV_2D', () => {
  test('depth multiplier 2: output channel ic·2 + m reads channel ic', () => {
    const filter = new Float32Array(16);
    for (let k = 0; k < 4; k++) { filter[k * 4] = 1; filter[k * 4 + 2] = 1; }
    filter[1] = 1; // oc 1: tap (0, 0) only
    filter[3 * 4 + 3] = 1; // oc 3: tap (1, 1) only
    const [y] = run('DEPTHWISE_CONV_2D', [t(f32(1, 10, 2, 20, 3, 30, 4, 40), [1, 2, 2, 2]), t(filter, [1, 2, 2, 4])], { options: dw(Padding.VALID, 1, 2) });
    close(y!, [10, 1, 100, 40], [1, 1, 1, 4]);
  });
  test('SAME 3×3 on ones counts the taps inside', () => {
    const [y] = run('DEPTHWISE_CONV_2D', [t(new Float32Array(9).fill(1), [1, 3, 3, 1]), t(new Float32Array(9).fill(1), [1, 3, 3, 1]), t(f32(0.5), [1])], { options: dw(Padding.SAME, 1, 1) });
    close(y!, [4, 6, 4, 6, 9, 6, 4, 6, 4].map((v) => v + 0.5), [1, 3, 3, 1]);
  });
  test('stride 2 and dilation 2', () => {
    const [y] = run('DEPTHWISE_CONV_2D', [t(range(25), [1, 5, 5, 1]), t(f32(1, 2, 3, 4), [1, 2, 2, 1])], { options: dw(Padding.VALID, 2, 1, 2) });
    close(y!, [82, 102, 182, 202], [1, 2, 2, 1]);
  });
});

describe('TRANSPOSE_CONV', () => {
  test('stride 2 VALID scatters each pixel into a 2×2 block', () => {
    const options = { type: BuiltinOptions.TransposeConvOptions, value: new TransposeConvOptionsT(Padding.VALID, 2, 2) };
    const [y] = run('TRANSPOSE_CONV', [t(i32(1, 4, 4, 1), [4], { dtype: 'int32' }), t(f32(1, 10, 100, 1000), [1, 2, 2, 1]), t(f32(1, 2, 3, 4), [1, 2, 2, 1])], { options, out: ['float32'] });
    close(y!, [1, 10, 2, 20, 100, 1000, 200, 2000, 3, 30, 4, 40, 300, 3000, 400, 4000], [1, 4, 4, 1]);
  });
  test('SAME stride 1 with a 3×3 filter equals the adjoint conv (overlap adds)', () => {
    const options = { type: BuiltinOptions.TransposeConvOptions, value: new TransposeConvOptionsT(Padding.SAME, 1, 1) };
    const [y] = run('TRANSPOSE_CONV', [t(i32(1, 3, 3, 1), [4], { dtype: 'int32' }), t(new Float32Array(9).fill(1), [1, 3, 3, 1]), t(new Float32Array(9).fill(1), [1, 3, 3, 1])], { options, out: ['float32'] });
    close(y!, [4, 6, 4, 6, 9, 6, 4, 6, 4], [1, 3, 3, 1]);
  });
});

describe('pooling', () => {
  test('AVERAGE_POOL_2D SAME excludes padding cells from the count', () => {
    const [y] = run('AVERAGE_POOL_2D', [t(range(9, 1), [1, 3, 3, 1])], { options: pool(Padding.SAME, 2, 2) });
    close(y!, [3, 4.5, 7.5, 9], [1, 2, 2, 1]);
  });
  test('MAX_POOL_2D SAME and VALID, RELU6 clamp', () => {
    const [same] = run('MAX_POOL_2D', [t(range(9, 1), [1, 3, 3, 1])], { options: pool(Padding.SAME, 2, 2) });
    close(same!, [5, 6, 8, 9], [1, 2, 2, 1]);
    const [valid] = run('MAX_POOL_2D', [t(range(9, 1), [1, 3, 3, 1])], { options: pool(Padding.VALID, 1, 2, Act.RELU6) });
    close(valid!, [5, 6, 6, 6], [1, 2, 2, 1]);
  });
  test('channels are pooled separately', () => {
    const [y] = run('AVERAGE_POOL_2D', [t(f32(1, -1, 2, -2, 3, -3, 4, -4), [1, 2, 2, 2])], { options: pool(Padding.VALID, 2, 2) });
    close(y!, [2.5, -2.5], [1, 1, 1, 2]);
  });
});

describe('FULLY_CONNECTED', () => {
  const x = t(f32(1, 2, 3, 4, 5, 6), [2, 3]);
  const w = t(f32(1, 0, -1, 0.5, 0.5, 0.5), [2, 3]);
  test('bias and RELU', () => {
    const options = { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(Act.RELU) };
    const [y] = run('FULLY_CONNECTED', [x, w, t(f32(1, 0), [2])], { options });
    close(y!, [0, 3, 0, 7.5], [2, 2]);
  });
  test('no bias; input flattened to rows of the weight depth', () => {
    const [y] = run('FULLY_CONNECTED', [t(f32(1, 2, 3, 4, 5, 6), [1, 2, 3]), w, null]);
    close(y!, [-2, 3, -2, 7.5], [2, 2]);
  });
  test('keep_num_dims keeps the leading dimensions', () => {
    const options = { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(Act.NONE, 0, true) };
    const [y] = run('FULLY_CONNECTED', [t(f32(1, 2, 3, 4, 5, 6), [1, 2, 3]), w], { options });
    close(y!, [-2, 3, -2, 7.5], [1, 2, 2]);
  });
});

describe('BATCH_MATMUL', () => {
  const bmm = (adjX: boolean, adjY: boolean) => ({ type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(adjX, adjY) });
  test('batch broadcast of the right operand', () => {
    const [y] = run('BATCH_MATMUL', [t(range(12), [2, 2, 3]), t(f32(1, 0, 0, 1, 1, 1), [3, 2])], { options: bmm(false, false) });
    close(y!, [2, 3, 8, 9, 14, 15, 20, 21], [2, 2, 2]);
  });
  test('adj_x and adj_y transpose the operands', () => {
    // a = [[0,1,2],[3,4,5]]ᵀ stored as [3,2]; b = [[1,0,1],[0,1,1]] stored transposed as [2,3]
    const a = t(f32(0, 3, 1, 4, 2, 5), [3, 2]);
    const b = t(f32(1, 0, 1, 0, 1, 1), [2, 3]);
    const [y] = run('BATCH_MATMUL', [a, b], { options: bmm(true, true) });
    close(y!, [2, 3, 8, 9], [2, 2]);
  });
  test('both batch dims broadcast ([2,1,…] × [1,3,…])', () => {
    const [y] = run('BATCH_MATMUL', [t(f32(1, 2), [2, 1, 1, 1]), t(f32(1, 10, 100), [1, 3, 1, 1])], { options: bmm(false, false) });
    close(y!, [1, 10, 100, 2, 20, 200], [2, 3, 1, 1]);
  });
});
