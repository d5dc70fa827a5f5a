/**
 * Float GPU elementwise kernels (f32_unary, f32_binary) vs the CPU reference kernels on seeded random data, shapes
 * not multiples of the workgroup size, within 1e-5 relative.
 */
import { after, describe, test } from 'node:test';
import { ActivationFunctionType } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../../src/formats/tflite/generated/tflite/add-options.ts';
import { BuiltinOptions } from '../../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { GeluOptionsT } from '../../../../src/formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../../../../src/formats/tflite/generated/tflite/leaky-relu-options.ts';
import { MulOptionsT } from '../../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { checkOp, gpuBackend, rand, Rng } from './gpu-op-harness.ts';

after(async () => (await gpuBackend()).destroy());

describe('float GPU unary kernels vs CPU', () => {
  for (const op of ['RELU', 'RELU6', 'RELU_N1_TO_1', 'LOGISTIC', 'TANH', 'ELU', 'HARD_SWISH', 'EXP', 'ABS', 'NEG', 'SQUARE', 'FLOOR']) {
    test(op, async () => {
      const rng = new Rng(7);
      await checkOp(op, [rand(rng, [3, 5, 37], -8, 8)]);
    });
  }
  test('LEAKY_RELU', async () => {
    const o = new LeakyReluOptionsT(0.2);
    await checkOp('LEAKY_RELU', [rand(new Rng(1), [2, 301], -4, 4)], { options: { type: BuiltinOptions.LeakyReluOptions, value: o } });
  });
  for (const approximate of [false, true]) {
    test(`GELU approximate=${approximate}`, async () => {
      const o = new GeluOptionsT(approximate);
      await checkOp('GELU', [rand(new Rng(2), [517], -5, 5)], { options: { type: BuiltinOptions.GeluOptions, value: o } });
    });
  }
});

describe('float GPU binary kernels vs CPU (broadcasting)', () => {
  const shapes: [number[], number[]][] = [[[3, 7, 5], [3, 7, 5]], [[2, 3, 1, 5], [4, 1]], [[1], [2, 9, 17]], [[6, 1, 11], [1, 13, 1]]];
  for (const op of ['ADD', 'SUB', 'MUL', 'DIV', 'SQUARED_DIFFERENCE', 'MAXIMUM', 'MINIMUM', 'PRELU']) {
    test(op, async () => {
      const rng = new Rng(11);
      for (const [a, b] of shapes) {
        const bIn = rand(rng, b, op === 'DIV' ? 0.5 : -1, op === 'DIV' ? 2 : 1);
        await checkOp(op, [rand(rng, a), op === 'PRELU' && b.length > a.length ? rand(rng, [1]) : bIn]);
      }
    });
  }
  test('fused activations: ADD + RELU6, MUL + RELU_N1_TO_1', async () => {
    const rng = new Rng(3);
    await checkOp('ADD', [rand(rng, [5, 33], -8, 8), rand(rng, [33], -8, 8)], { options: { type: BuiltinOptions.AddOptions, value: new AddOptionsT(ActivationFunctionType.RELU6) } });
    await checkOp('MUL', [rand(rng, [5, 33], -3, 3), rand(rng, [5, 1], -3, 3)], { options: { type: BuiltinOptions.MulOptions, value: new MulOptionsT(ActivationFunctionType.RELU_N1_TO_1) } });
  });
});
