/**
 * int8 SOFTMAX (kernels/i8_softmax_stats.wgsl + i8_softmax.wgsl) and AVERAGE_POOL_2D / MAX_POOL_2D
 * (kernels/i8_pool2d.wgsl) on the GPU vs the CPU integer kernels, bit for bit, in both integer arithmetic modes:
 * one-op models through Interpreter, seeded data, odd shapes (rows not multiples of 4, padding windows, strides,
 * fused activations, non-zero zero points).
 */
import { describe, it } from 'node:test';
import { ActivationFunctionType as Act } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { Padding } from '../../../../src/formats/tflite/generated/tflite/padding.ts';
import { Pool2DOptionsT } from '../../../../src/formats/tflite/generated/tflite/pool2doptions.ts';
import { SoftmaxOptionsT } from '../../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { act, BuiltinOptions, q, rng, type OneOp } from '../../quant/single-op.ts';
import { gpuEqualsCpu, MODES } from './quant-harness.ts';

const softmax = (shape: number[], inQ: ReturnType<typeof q>, beta: number): OneOp => ({
  op: 'SOFTMAX', version: 2,
  inputs: [act('x', 'int8', shape, inQ)],
  outputs: [act('y', 'int8', shape, q(1 / 256, -128))],
  options: { type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(beta) },
});

const pool = (op: string, shape: number[], outShape: number[], o: Pool2DOptionsT, qq = q(0.05, -3)): OneOp => ({
  op, version: 2,
  inputs: [act('x', 'int8', shape, qq)],
  outputs: [act('y', 'int8', outShape, qq)],
  options: { type: BuiltinOptions.Pool2DOptions, value: o },
});

describe('int8 SOFTMAX / pooling GPU kernels equal the CPU integer kernels', () => {
  for (const mode of MODES) {
    it(`SOFTMAX [7, 13], beta 1 (${mode})`, async () => {
      const r = rng(31);
      await gpuEqualsCpu(softmax([7, 13], q(0.1, 3), 1), [r.int8Array(7 * 13)], mode);
    });
    it(`SOFTMAX [3, 2, 37], beta 0.7, narrow input range (${mode})`, async () => {
      const r = rng(32);
      await gpuEqualsCpu(softmax([3, 2, 37], q(0.03, -11), 0.7), [r.int8Array(3 * 2 * 37, -60, 90)], mode);
    });
    it(`SOFTMAX [5, 3] (rows shorter than a word) (${mode})`, async () => {
      const r = rng(33);
      await gpuEqualsCpu(softmax([5, 3], q(0.2, 0), 1), [r.int8Array(15)], mode, 4);
    });
    it(`AVERAGE_POOL_2D 3x3 SAME stride 2 on [2, 7, 9, 5], RELU6 (${mode})`, async () => {
      const r = rng(34);
      await gpuEqualsCpu(pool('AVERAGE_POOL_2D', [2, 7, 9, 5], [2, 4, 5, 5], new Pool2DOptionsT(Padding.SAME, 2, 2, 3, 3, Act.RELU6), q(0.03, -20)), [r.int8Array(2 * 7 * 9 * 5)], mode);
    });
    it(`AVERAGE_POOL_2D 2x3 VALID stride (1, 2) on [1, 6, 7, 3] (${mode})`, async () => {
      const r = rng(35);
      await gpuEqualsCpu(pool('AVERAGE_POOL_2D', [1, 6, 7, 3], [1, 5, 3, 3], new Pool2DOptionsT(Padding.VALID, 2, 1, 3, 2, Act.NONE)), [r.int8Array(6 * 7 * 3)], mode);
    });
    it(`MAX_POOL_2D 2x2 VALID stride 2 on [2, 9, 7, 6] (${mode})`, async () => {
      const r = rng(36);
      await gpuEqualsCpu(pool('MAX_POOL_2D', [2, 9, 7, 6], [2, 4, 3, 6], new Pool2DOptionsT(Padding.VALID, 2, 2, 2, 2, Act.NONE)), [r.int8Array(2 * 9 * 7 * 6)], mode);
    });
    it(`MAX_POOL_2D 3x3 SAME stride 1 on [1, 5, 6, 7], RELU (${mode})`, async () => {
      const r = rng(37);
      await gpuEqualsCpu(pool('MAX_POOL_2D', [1, 5, 6, 7], [1, 5, 6, 7], new Pool2DOptionsT(Padding.SAME, 1, 1, 3, 3, Act.RELU), q(0.05, 9)), [r.int8Array(5 * 6 * 7)], mode);
    });
  }
});
