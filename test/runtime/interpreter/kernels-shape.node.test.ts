/**
 * Data-movement and resampling kernels on hand-computed cases: STRIDED_SLICE with every mask (begin, end,
 * ellipsis, new-axis, shrink, offset) and negative strides / clamped bounds, SLICE, GATHER (axis, batch_dims),
 * GATHER_ND, CONCATENATION, PACK / UNPACK / SPLIT / SPLIT_V, TRANSPOSE, RESHAPE (−1), SQUEEZE, EXPAND_DIMS, PAD (zero
 * point for quantized data), PADV2, MIRROR_PAD, TILE, BROADCAST_TO, RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR in
 * each coordinate mode, DEPTH_TO_SPACE / SPACE_TO_DEPTH, CAST.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { StridedSliceOptionsT } from '../../../src/formats/tflite/generated/tflite/strided-slice-options.ts';
import { GatherOptionsT } from '../../../src/formats/tflite/generated/tflite/gather-options.ts';
import { ConcatenationOptionsT } from '../../../src/formats/tflite/generated/tflite/concatenation-options.ts';
import { PackOptionsT } from '../../../src/formats/tflite/generated/tflite/pack-options.ts';
import { UnpackOptionsT } from '../../../src/formats/tflite/generated/tflite/unpack-options.ts';
import { SplitOptionsT } from '../../../src/formats/tflite/generated/tflite/split-options.ts';
import { SqueezeOptionsT } from '../../../src/formats/tflite/generated/tflite/squeeze-options.ts';
import { MirrorPadOptionsT } from '../../../src/formats/tflite/generated/tflite/mirror-pad-options.ts';
import { MirrorPadMode } from '../../../src/formats/tflite/generated/tflite/mirror-pad-mode.ts';
import { ResizeBilinearOptionsT } from '../../../src/formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../../../src/formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import { DepthToSpaceOptionsT } from '../../../src/formats/tflite/generated/tflite/depth-to-space-options.ts';
import { SpaceToDepthOptionsT } from '../../../src/formats/tflite/generated/tflite/space-to-depth-options.ts';
import { close, f32, i32, range, run, same, t } from './kernel-harness.ts';

interface Masks { begin?: number; end?: number; ellipsis?: number; newAxis?: number; shrink?: number; offset?: boolean }
function slice(x: ReturnType<typeof t>, begin: number[], end: number[], strides: number[], m: Masks = {}) {
  const options = {
    type: BuiltinOptions.StridedSliceOptions,
    value: new StridedSliceOptionsT(m.begin ?? 0, m.end ?? 0, m.ellipsis ?? 0, m.newAxis ?? 0, m.shrink ?? 0, m.offset ?? false),
  };
  return run('STRIDED_SLICE', [x, t(i32(...begin), [begin.length]), t(i32(...end), [end.length]), t(i32(...strides), [strides.length])], { options })[0]!;
}

describe('STRIDED_SLICE', () => {
  const x = t(range(12), [3, 4]);
  test('plain ranges with a stride', () => same(slice(x, [1, 0], [3, 4], [1, 2]), [4, 6, 8, 10], [2, 2]));
  test('begin_mask ignores begin, end_mask ignores end', () => {
    same(slice(x, [5, 1], [2, 3], [1, 1], { begin: 1 }), [1, 2, 5, 6], [2, 2]);
    same(slice(x, [2, 0], [0, 1], [1, 1], { end: 1 }), [8], [1, 1]);
  });
  test('negative strides walk backwards; masks then mean the far ends', () => {
    same(slice(x, [0, 0], [0, 0], [-1, -1], { begin: 3, end: 3 }), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [3, 4]);
    same(slice(x, [-1, 3], [0, 0], [-1, -2]), [11, 9, 7, 5], [2, 2]);
  });
  test('out-of-range bounds clamp; empty results keep their shape', () => {
    same(slice(x, [-100, 1], [100, 100], [1, 1]), [1, 2, 3, 5, 6, 7, 9, 10, 11], [3, 3]);
    same(slice(x, [2, 0], [1, 4], [1, 1]), [], [0, 4]);
  });
  test('shrink_axis_mask drops the axis (negative index too)', () => {
    same(slice(x, [1, 0], [2, 4], [1, 1], { shrink: 1 }), [4, 5, 6, 7], [4]);
    same(slice(x, [0, -1], [3, 0], [1, 1], { shrink: 2 }), [3, 7, 11], [3]);
    same(slice(x, [2, 1], [3, 2], [1, 1], { shrink: 3 }), [9], []);
  });
  test('ellipsis covers the axes the spec leaves out', () => {
    const y = t(range(24), [2, 3, 4]);
    const r = slice(y, [0, 1], [0, 3], [1, 1], { ellipsis: 1 });
    assert.deepEqual(r.shape, [2, 3, 2]);
    assert.deepEqual(Array.from(r.data as Float32Array).slice(0, 4), [1, 2, 5, 6]);
    const s = slice(y, [1, 0, 2], [2, 0, 3], [1, 1, 1], { ellipsis: 2, shrink: 5 }); // x[1, ..., 2]
    same(s, [14, 18, 22], [3]);
  });
  test('new_axis_mask inserts a size-1 axis', () => {
    same(slice(x, [0, 0, 0], [0, 0, 0], [1, 1, 1], { newAxis: 1, begin: 6, end: 6 }), range(12), [1, 3, 4]);
    same(slice(x, [0, 0, 1], [0, 0, 2], [1, 1, 1], { newAxis: 2, begin: 1, end: 1 }), [1, 5, 9], [3, 1, 1]);
  });
  test('offset: end = begin + end', () => same(slice(x, [1, 1], [2, 2], [1, 1], { offset: true }), [5, 6, 9, 10], [2, 2]));
  test('int8 data pass through unchanged', () => {
    const q = { scale: [0.5], zeroPoint: [3], axis: 0 };
    const options = { type: BuiltinOptions.StridedSliceOptions, value: new StridedSliceOptionsT() };
    const [y] = run('STRIDED_SLICE', [t(Int8Array.from([1, -2, 3, -4]), [4], { quantization: q }), t(i32(1), [1]), t(i32(3), [1]), t(i32(1), [1])], { options, outQuant: [q] });
    same(y!, [-2, 3], [2]);
  });
});

describe('SLICE, GATHER, GATHER_ND', () => {
  test('SLICE with size −1 to the end', () => same(run('SLICE', [t(range(12), [3, 4]), t(i32(1, 1), [2]), t(i32(-1, 2), [2])])[0]!, [5, 6, 9, 10], [2, 2]));
  test('GATHER along axis 0 and axis 1', () => {
    const p = t(f32(1, 2, 3, 4, 5, 6), [3, 2]);
    same(run('GATHER', [p, t(i32(2, 0), [2])])[0]!, [5, 6, 1, 2], [2, 2]);
    const axis1 = { type: BuiltinOptions.GatherOptions, value: new GatherOptionsT(1, 0) };
    same(run('GATHER', [p, t(i32(1, 1, 0), [1, 3])], { options: axis1 })[0]!, [2, 2, 1, 4, 4, 3, 6, 6, 5], [3, 1, 3]);
  });
  test('GATHER with batch_dims = 1', () => {
    const options = { type: BuiltinOptions.GatherOptions, value: new GatherOptionsT(1, 1) };
    same(run('GATHER', [t(f32(1, 2, 3, 4, 5, 6), [2, 3]), t(i32(2, 0), [2, 1])], { options })[0]!, [3, 4], [2, 1]);
  });
  test('GATHER index out of range is an error', () => {
    assert.throws(() => run('GATHER', [t(f32(1, 2), [2]), t(i32(2), [1])]), /index 2 out of range \[0, 2\)/);
  });
  test('GATHER_ND', () => same(run('GATHER_ND', [t(range(6), [3, 2]), t(i32(2, 1, 0, 0), [2, 2])])[0]!, [5, 0], [2]));
});

describe('joining and splitting', () => {
  test('CONCATENATION on the last axis (negative)', () => {
    const options = { type: BuiltinOptions.ConcatenationOptions, value: new ConcatenationOptionsT(-1) };
    same(run('CONCATENATION', [t(f32(1, 2), [2, 1]), t(f32(3, 4, 5, 6), [2, 2])], { options })[0]!, [1, 3, 4, 2, 5, 6], [2, 3]);
  });
  test('PACK on axis 1, UNPACK axis 0', () => {
    const options = { type: BuiltinOptions.PackOptions, value: new PackOptionsT(2, 1) };
    same(run('PACK', [t(f32(1, 2), [2]), t(f32(3, 4), [2])], { options })[0]!, [1, 3, 2, 4], [2, 2]);
    const un = { type: BuiltinOptions.UnpackOptions, value: new UnpackOptionsT(2, 0) };
    const parts = run('UNPACK', [t(f32(1, 2, 3, 4), [2, 2])], { options: un, out: ['float32', 'float32'] });
    same(parts[0]!, [1, 2], [2]);
    same(parts[1]!, [3, 4], [2]);
  });
  test('SPLIT (axis first) and SPLIT_V with an inferred size', () => {
    const options = { type: BuiltinOptions.SplitOptions, value: new SplitOptionsT(2) };
    const s = run('SPLIT', [t(i32(1), []), t(range(8), [2, 4])], { options, out: ['float32', 'float32'] });
    same(s[0]!, [0, 1, 4, 5], [2, 2]);
    same(s[1]!, [2, 3, 6, 7], [2, 2]);
    const v = run('SPLIT_V', [t(range(5), [5]), t(i32(1, -1), [2]), t(i32(0), [])], { out: ['float32', 'float32'] });
    same(v[0]!, [0], [1]);
    same(v[1]!, [1, 2, 3, 4], [4]);
  });
  test('TRANSPOSE rank 3', () => {
    same(run('TRANSPOSE', [t(range(6), [1, 2, 3]), t(i32(2, 0, 1), [3])])[0]!, [0, 3, 1, 4, 2, 5], [3, 1, 2]);
  });
  test('TILE and BROADCAST_TO', () => {
    same(run('TILE', [t(f32(1, 2), [1, 2]), t(i32(2, 2), [2])])[0]!, [1, 2, 1, 2, 1, 2, 1, 2], [2, 4]);
    same(run('BROADCAST_TO', [t(f32(1, 2), [2]), t(i32(2, 2), [2])])[0]!, [1, 2, 1, 2], [2, 2]);
  });
});

describe('reshaping', () => {
  test('RESHAPE infers −1 and shares the data', () => {
    const x = t(range(6), [2, 3]);
    const [y] = run('RESHAPE', [x, t(i32(-1, 2), [2])]);
    same(y!, range(6), [3, 2]);
    assert.equal(y!.data, x.data);
    assert.throws(() => run('RESHAPE', [x, t(i32(4, -1), [2])]), /cannot reshape 6 elements to \[4,-1\]/);
  });
  test('SQUEEZE listed axes or all, EXPAND_DIMS negative axis', () => {
    const options = { type: BuiltinOptions.SqueezeOptions, value: new SqueezeOptionsT([0]) };
    same(run('SQUEEZE', [t(range(2), [1, 2, 1])], { options })[0]!, [0, 1], [2, 1]);
    same(run('SQUEEZE', [t(range(2), [1, 2, 1])])[0]!, [0, 1], [2]);
    same(run('EXPAND_DIMS', [t(range(2), [2]), t(i32(-1), [])])[0]!, [0, 1], [2, 1]);
  });
  test('SHAPE and CAST (truncation toward zero, bool)', () => {
    same(run('SHAPE', [t(range(6), [2, 3])], { out: ['int32'] })[0]!, [2, 3], [2]);
    same(run('CAST', [t(f32(-1.7, 2.9, 0), [3])], { out: ['int32'] })[0]!, [-1, 2, 0], [3]);
    same(run('CAST', [t(f32(-1.7, 0), [2])], { out: ['bool'] })[0]!, [1, 0], [2]);
  });
});

describe('padding', () => {
  test('PAD with zeros; quantized PAD fills the zero point', () => {
    same(run('PAD', [t(f32(1, 2, 3, 4), [2, 2]), t(i32(1, 0, 0, 2), [2, 2])])[0]!, [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0], [3, 4]);
    const q = { scale: [0.1], zeroPoint: [-5], axis: 0 };
    const [y] = run('PAD', [t(Int8Array.from([7]), [1], { quantization: q }), t(i32(1, 1), [1, 2])], { outQuant: [q] });
    same(y!, [-5, 7, -5], [3]);
  });
  test('PADV2 with a constant value', () => same(run('PADV2', [t(f32(1), [1]), t(i32(0, 2), [1, 2]), t(f32(9), [])])[0]!, [1, 9, 9], [3]));
  test('MIRROR_PAD REFLECT and SYMMETRIC', () => {
    const mode = (m: MirrorPadMode) => ({ type: BuiltinOptions.MirrorPadOptions, value: new MirrorPadOptionsT(m) });
    same(run('MIRROR_PAD', [t(f32(1, 2, 3), [3]), t(i32(2, 2), [1, 2])], { options: mode(MirrorPadMode.REFLECT) })[0]!, [3, 2, 1, 2, 3, 2, 1], [7]);
    same(run('MIRROR_PAD', [t(f32(1, 2, 3), [3]), t(i32(2, 2), [1, 2])], { options: mode(MirrorPadMode.SYMMETRIC) })[0]!, [2, 1, 1, 2, 3, 3, 2], [7]);
  });
});

describe('resizing', () => {
  const bilinear = (alignCorners: boolean, halfPixel: boolean) => ({ type: BuiltinOptions.ResizeBilinearOptions, value: new ResizeBilinearOptionsT(alignCorners, halfPixel) });
  const nearest = (alignCorners: boolean, halfPixel: boolean) => ({ type: BuiltinOptions.ResizeNearestNeighborOptions, value: new ResizeNearestNeighborOptionsT(alignCorners, halfPixel) });
  const img = t(f32(1, 2, 3, 4), [1, 2, 2, 1]);
  const size = t(i32(4, 4), [2]);
  test('RESIZE_BILINEAR 2→4 default (asymmetric) coordinates', () => {
    close(run('RESIZE_BILINEAR', [img, size], { options: bilinear(false, false) })[0]!,
      [1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4], [1, 4, 4, 1]);
  });
  test('RESIZE_BILINEAR align_corners', () => {
    const r0 = [1, 4 / 3, 5 / 3, 2];
    close(run('RESIZE_BILINEAR', [img, size], { options: bilinear(true, false) })[0]!,
      [...r0, ...r0.map((v) => v + 2 / 3), ...r0.map((v) => v + 4 / 3), ...r0.map((v) => v + 2)], [1, 4, 4, 1], 1e-6);
  });
  test('RESIZE_BILINEAR half_pixel_centers (edges clamp)', () => {
    const r0 = [1, 1.25, 1.75, 2];
    close(run('RESIZE_BILINEAR', [img, size], { options: bilinear(false, true) })[0]!,
      [...r0, ...r0.map((v) => v + 0.5), ...r0.map((v) => v + 1.5), ...r0.map((v) => v + 2)], [1, 4, 4, 1], 1e-6);
    close(run('RESIZE_BILINEAR', [t(f32(1, 2, 3), [1, 1, 3, 1]), t(i32(1, 2), [2])], { options: bilinear(false, true) })[0]!, [1.25, 2.75], [1, 1, 2, 1]);
  });
  test('RESIZE_NEAREST_NEIGHBOR in the three coordinate modes', () => {
    same(run('RESIZE_NEAREST_NEIGHBOR', [img, size], { options: nearest(false, false) })[0]!,
      [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], [1, 4, 4, 1]);
    const row = t(f32(1, 2, 3), [1, 1, 3, 1]);
    const two = t(i32(1, 2), [2]);
    same(run('RESIZE_NEAREST_NEIGHBOR', [row, two], { options: nearest(false, false) })[0]!, [1, 2], [1, 1, 2, 1]);
    same(run('RESIZE_NEAREST_NEIGHBOR', [row, two], { options: nearest(true, false) })[0]!, [1, 3], [1, 1, 2, 1]);
    same(run('RESIZE_NEAREST_NEIGHBOR', [row, two], { options: nearest(false, true) })[0]!, [1, 3], [1, 1, 2, 1]);
    same(run('RESIZE_NEAREST_NEIGHBOR', [t(f32(1, 2), [1, 1, 2, 1]), t(i32(1, 5), [2])], { options: nearest(false, true) })[0]!, [1, 1, 2, 2, 2], [1, 1, 5, 1]);
  });
  test('DEPTH_TO_SPACE and SPACE_TO_DEPTH are inverses', () => {
    const d2s = { type: BuiltinOptions.DepthToSpaceOptions, value: new DepthToSpaceOptionsT(2) };
    const [y] = run('DEPTH_TO_SPACE', [t(range(8), [1, 1, 1, 8])], { options: d2s });
    same(y!, range(8), [1, 2, 2, 2]);
    const [z] = run('DEPTH_TO_SPACE', [t(range(8), [1, 1, 2, 4])], { options: d2s });
    same(z!, [0, 1, 4, 5, 2, 3, 6, 7], [1, 2, 4, 1]);
    const s2d = { type: BuiltinOptions.SpaceToDepthOptions, value: new SpaceToDepthOptionsT(2) };
    same(run('SPACE_TO_DEPTH', [{ data: z!.data, shape: z!.shape }], { options: s2d })[0]!, range(8), [1, 1, 2, 4]);
  });
});

describe('selection', () => {
  test('SELECT_V2 broadcasts condition and both branches', () => {
    const [y] = run('SELECT_V2', [t(Uint8Array.of(1, 0), [2, 1], { dtype: 'bool' }), t(f32(1, 2, 3), [3]), t(f32(-1), [])], { out: ['float32'] });
    same(y!, [1, 2, 3, -1, -1, -1], [2, 3]);
  });
  test('SELECT with a rank-1 condition picks rows', () => {
    const [y] = run('SELECT', [t(Uint8Array.of(0, 1), [2], { dtype: 'bool' }), t(f32(1, 2, 3, 4), [2, 2]), t(f32(5, 6, 7, 8), [2, 2])], { out: ['float32'] });
    same(y!, [5, 6, 3, 4], [2, 2]);
  });
});
