/**
 * Dtype-generic GPU data movement (RESHAPE family, TRANSPOSE, SLICE, STRIDED_SLICE, CONCATENATION, PAD, PADV2,
 * GATHER) vs the CPU reference kernels: exactly equal, float32 and int32 data.
 */
import { after, describe, test } from 'node:test';
import { BuiltinOptions } from '../../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { ConcatenationOptionsT } from '../../../../src/formats/tflite/generated/tflite/concatenation-options.ts';
import { GatherOptionsT } from '../../../../src/formats/tflite/generated/tflite/gather-options.ts';
import { ReshapeOptionsT } from '../../../../src/formats/tflite/generated/tflite/reshape-options.ts';
import { SqueezeOptionsT } from '../../../../src/formats/tflite/generated/tflite/squeeze-options.ts';
import { StridedSliceOptionsT } from '../../../../src/formats/tflite/generated/tflite/strided-slice-options.ts';
import { checkOp, gpuBackend, ints, rand, Rng, type OpIn } from './gpu-op-harness.ts';

after(async () => (await gpuBackend()).destroy());

const exact = 0;
const iota = (shape: number[]): OpIn => ({ data: Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 7 - 100), shape, constant: false });

describe('GPU data movement vs CPU', () => {
  test('RESHAPE (shape input and option), SQUEEZE, EXPAND_DIMS', async () => {
    const rng = new Rng(1);
    await checkOp('RESHAPE', [rand(rng, [3, 5, 7]), ints([2], [-1, 5])], {}, exact);
    await checkOp('RESHAPE', [rand(rng, [3, 5, 7]), null], { options: { type: BuiltinOptions.ReshapeOptions, value: new ReshapeOptionsT([105]) } }, exact);
    await checkOp('SQUEEZE', [rand(rng, [1, 5, 1, 3])], { options: { type: BuiltinOptions.SqueezeOptions, value: new SqueezeOptionsT([2]) } }, exact);
    await checkOp('EXPAND_DIMS', [rand(rng, [5, 3]), ints([1], [-1])], {}, exact);
  });
  test('TRANSPOSE float and int32', async () => {
    const rng = new Rng(2);
    await checkOp('TRANSPOSE', [rand(rng, [3, 5, 7, 2]), ints([4], [2, 0, 3, 1])], {}, exact);
    await checkOp('TRANSPOSE', [iota([5, 9]), ints([2], [1, 0])], { out: ['int32'] }, exact);
  });
  test('SLICE and STRIDED_SLICE (negative strides, masks, shrink)', async () => {
    const rng = new Rng(3);
    await checkOp('SLICE', [rand(rng, [4, 9, 5]), ints([3], [1, 2, 0]), ints([3], [2, -1, 3])], {}, exact);
    const o = new StridedSliceOptionsT(1, 0, 0, 0, 4);
    await checkOp('STRIDED_SLICE', [rand(rng, [6, 9, 5]), ints([3], [0, 8, 1]), ints([3], [4, 0, 2]), ints([3], [2, -2, 1])],
      { options: { type: BuiltinOptions.StridedSliceOptions, value: o } }, exact);
  });
  test('CONCATENATION along axes 0, 1, −1', async () => {
    const rng = new Rng(4);
    for (const [axis, shapes] of [[0, [[2, 3, 5], [4, 3, 5]]], [1, [[2, 1, 5], [2, 6, 5], [2, 2, 5]]], [-1, [[3, 7], [3, 1]]]] as const) {
      const o = new ConcatenationOptionsT(axis);
      await checkOp('CONCATENATION', shapes.map((s) => rand(rng, [...s])), { options: { type: BuiltinOptions.ConcatenationOptions, value: o } }, exact);
    }
  });
  test('PAD and PADV2', async () => {
    const rng = new Rng(5);
    await checkOp('PAD', [rand(rng, [2, 5, 3]), ints([3, 2], [0, 1, 2, 3, 1, 0])], {}, exact);
    await checkOp('PADV2', [rand(rng, [3, 4]), ints([2, 2], [1, 1, 0, 2]), { data: Float32Array.of(-2.5), shape: [], constant: true }], {}, exact);
  });
  test('GATHER axis 0 and 1, 2-D indices', async () => {
    const rng = new Rng(6);
    await checkOp('GATHER', [rand(rng, [7, 5]), ints([4], [6, 0, 3, 3])], {}, exact);
    const o = new GatherOptionsT(1);
    await checkOp('GATHER', [rand(rng, [3, 9, 2]), ints([2, 3], [8, 1, 0, 4, 4, 2])], { options: { type: BuiltinOptions.GatherOptions, value: o } }, exact);
  });
});
