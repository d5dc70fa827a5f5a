/**
 * Float GPU conv / pool / matmul / softmax / reduce kernels vs the CPU reference kernels on seeded random data, odd
 * shapes (not multiples of the workgroup sizes), within 1e-5 relative.
 */
import { after, describe, test } from 'node:test';
import { ActivationFunctionType as Act } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { BatchMatMulOptionsT } from '../../../../src/formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { BuiltinOptions } from '../../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { Conv2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { Padding } from '../../../../src/formats/tflite/generated/tflite/padding.ts';
import { Pool2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/pool2doptions.ts';
import { ReducerOptionsT } from '../../../../src/formats/tflite/generated/tflite/reducer-options.ts';
import { SoftmaxOptionsT } from '../../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { checkOp, gpuBackend, ints, rand, Rng } from './gpu-op-harness.ts';

after(async () => (await gpuBackend()).destroy());

describe('float GPU conv and pool kernels vs CPU', () => {
  for (const padding of [Padding.SAME, Padding.VALID]) {
    test(`CONV_2D ${Padding[padding]} stride 2, dilation, bias, RELU6; grouped`, async () => {
      const rng = new Rng(5);
      const o = new Conv2DOptionsT(padding, 2, 1, Act.RELU6, 1, 1);
      await checkOp('CONV_2D', [rand(rng, [2, 9, 11, 5]), rand(rng, [7, 3, 2, 5]), rand(rng, [7])], { options: { type: BuiltinOptions.Conv2DOptions, value: o } });
      const d = new Conv2DOptionsT(padding, 1, 1, Act.NONE, 2, 2);
      await checkOp('CONV_2D', [rand(rng, [1, 8, 7, 6]), rand(rng, [4, 3, 3, 3]), null], { options: { type: BuiltinOptions.Conv2DOptions, value: d } });
    });
    test(`DEPTHWISE_CONV_2D ${Padding[padding]} multiplier 2`, async () => {
      const rng = new Rng(6);
      const o = new DepthwiseConv2DOptionsT(padding, 2, 1, 2, Act.RELU, 1, 1);
      await checkOp('DEPTHWISE_CONV_2D', [rand(rng, [2, 9, 10, 3]), rand(rng, [1, 3, 3, 6]), rand(rng, [6])], { options: { type: BuiltinOptions.DepthwiseConv2DOptions, value: o } });
    });
    for (const op of ['AVERAGE_POOL_2D', 'MAX_POOL_2D']) {
      test(`${op} ${Padding[padding]}`, async () => {
        const o = new Pool2DOptionsT(padding, 2, 2, 3, 3, Act.NONE);
        await checkOp(op, [rand(new Rng(8), [2, 11, 9, 5])], { options: { type: BuiltinOptions.Pool2DOptions, value: o } });
      });
    }
  }
});

describe('float GPU matmul kernels vs CPU', () => {
  test('FULLY_CONNECTED with bias + RELU, keep_num_dims, no bias', async () => {
    const rng = new Rng(9);
    const o = new FullyConnectedOptionsT(Act.RELU);
    await checkOp('FULLY_CONNECTED', [rand(rng, [5, 67]), rand(rng, [33, 67]), rand(rng, [33])], { options: { type: BuiltinOptions.FullyConnectedOptions, value: o } });
    const k = new FullyConnectedOptionsT(Act.NONE, undefined, true);
    await checkOp('FULLY_CONNECTED', [rand(rng, [2, 3, 10]), rand(rng, [7, 10]), null], { options: { type: BuiltinOptions.FullyConnectedOptions, value: k } });
  });
  for (const [adjX, adjY] of [[false, false], [true, false], [false, true], [true, true]]) {
    test(`BATCH_MATMUL adj_x=${adjX} adj_y=${adjY}, broadcast batch`, async () => {
      const rng = new Rng(10);
      const o = new BatchMatMulOptionsT(adjX, adjY);
      const a = adjX ? [2, 1, 13, 5] : [2, 1, 5, 13];
      const b = adjY ? [3, 7, 13] : [3, 13, 7];
      await checkOp('BATCH_MATMUL', [rand(rng, a), rand(rng, b)], { options: { type: BuiltinOptions.BatchMatMulOptions, value: o } });
    });
  }
});

describe('float GPU softmax and reductions vs CPU', () => {
  test('SOFTMAX beta 1 and 0.5', async () => {
    const rng = new Rng(12);
    for (const beta of [1, 0.5]) {
      await checkOp('SOFTMAX', [rand(rng, [7, 3, 29], -6, 6)], { options: { type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(beta) } });
    }
  });
  for (const op of ['MEAN', 'SUM', 'REDUCE_MAX', 'REDUCE_MIN']) {
    test(`${op} over [1, 2] keep / [−1] / [0, 3]`, async () => {
      const rng = new Rng(13);
      const x = [3, 5, 7, 4];
      await checkOp(op, [rand(rng, x), ints([2], [1, 2])], { options: { type: BuiltinOptions.ReducerOptions, value: new ReducerOptionsT(true) } });
      await checkOp(op, [rand(rng, x), ints([1], [-1])], { options: { type: BuiltinOptions.ReducerOptions, value: new ReducerOptionsT(false) } });
      await checkOp(op, [rand(rng, x), ints([2], [0, 3])]);
    });
  }
});
