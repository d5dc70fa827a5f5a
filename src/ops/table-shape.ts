/**
 * TF → TFLite rows for shape and data-movement ops. TFLite takes shapes, axes, paddings, permutations and slice
 * bounds as int32 input tensors (an int64 constant is converted); attrs that TFLite keeps as options move there:
 * Squeeze's squeeze_dims, ConcatV2's axis (its last input, which must be constant), Pack / Unpack axis and count,
 * GatherV2's axis (constant third input) and batch_dims, StridedSlice's masks, Split's count, the resize flags.
 * RESHAPE is written with its shape as the second input and no options, as the official converter writes it; an
 * Identity that had to stay (a graph input or constant forwarded to a graph output) becomes a same-shape RESHAPE.
 */
import { BuiltinOptions } from '../formats/tflite/generated/tflite/builtin-options.ts';
import { ConcatenationOptionsT } from '../formats/tflite/generated/tflite/concatenation-options.ts';
import { CumsumOptionsT } from '../formats/tflite/generated/tflite/cumsum-options.ts';
import { DepthToSpaceOptionsT } from '../formats/tflite/generated/tflite/depth-to-space-options.ts';
import { GatherOptionsT } from '../formats/tflite/generated/tflite/gather-options.ts';
import { MirrorPadMode } from '../formats/tflite/generated/tflite/mirror-pad-mode.ts';
import { MirrorPadOptionsT } from '../formats/tflite/generated/tflite/mirror-pad-options.ts';
import { PackOptionsT } from '../formats/tflite/generated/tflite/pack-options.ts';
import { ResizeBilinearOptionsT } from '../formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import { ShapeOptionsT } from '../formats/tflite/generated/tflite/shape-options.ts';
import { SpaceToDepthOptionsT } from '../formats/tflite/generated/tflite/space-to-depth-options.ts';
import { SplitOptionsT } from '../formats/tflite/generated/tflite/split-options.ts';
import { SplitVOptionsT } from '../formats/tflite/generated/tflite/split-voptions.ts';
import { SqueezeOptionsT } from '../formats/tflite/generated/tflite/squeeze-options.ts';
import { StridedSliceOptionsT } from '../formats/tflite/generated/tflite/strided-slice-options.ts';
import { UnpackOptionsT } from '../formats/tflite/generated/tflite/unpack-options.ts';
import { tensorTypeFromDtype } from '../ir/dtype.ts';
import type { LegalizeContext, NodeOptions, OpRow } from './op-row.ts';
import * as v from './op-version.ts';

/** A row whose TFLite inputs are TF input 0 then the int32 versions of the constant/shape inputs `ints`. */
function withIntInputs(tf: string, tflite: string, version: OpRow['version'], ints: number[], options?: (c: LegalizeContext) => NodeOptions | null): OpRow {
  return {
    tf, tflite, version,
    build: (c) => [c.make(tflite, [c.input(0), ...ints.map((i) => c.int32Input(i))], options ? options(c) : null)],
  };
}

const needConst = (i: number, what: string) => (c: LegalizeContext): string | undefined => (c.ints(i) ? undefined : `${what} is not a constant`);

const resize = (tf: string, tflite: string, version: OpRow['version'], bilinear: boolean): OpRow => withIntInputs(tf, tflite, version, [1], (c) => (bilinear
  ? { type: BuiltinOptions.ResizeBilinearOptions, value: new ResizeBilinearOptionsT(c.bool('align_corners'), c.bool('half_pixel_centers')) }
  : { type: BuiltinOptions.ResizeNearestNeighborOptions, value: new ResizeNearestNeighborOptionsT(c.bool('align_corners'), c.bool('half_pixel_centers')) }));

export const SHAPE_ROWS: readonly OpRow[] = [
  withIntInputs('Reshape', 'RESHAPE', v.one, [1]),
  {
    tf: 'Identity', tflite: 'RESHAPE', version: v.one,
    note: 'only an identity the remove-identity pass had to keep (graph input or constant → graph output)',
    check: (c) => (c.output().shape.filter((d) => d < 0).length <= 1 ? undefined : 'more than one unknown dim'),
    build: (c) => [c.make('RESHAPE', [c.input(0), c.int32('shape', c.output().shape)], null)],
  },
  {
    tf: 'Squeeze', tflite: 'SQUEEZE', version: v.squeeze, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.SqueezeOptions, value: new SqueezeOptionsT(c.list('squeeze_dims')) }),
  },
  withIntInputs('ExpandDims', 'EXPAND_DIMS', v.one, [1]),
  withIntInputs('Transpose', 'TRANSPOSE', v.transpose, [1]),
  {
    tf: 'ConcatV2', tflite: 'CONCATENATION', version: v.int16Three,
    check: (c) => needConst(c.node.inputs.length - 1, 'the axis')(c),
    build(c) {
      const n = c.node.inputs.length - 1;
      const axis = c.ints(n)![0]!;
      return [c.make('CONCATENATION', c.node.inputs.slice(0, n), { type: BuiltinOptions.ConcatenationOptions, value: new ConcatenationOptionsT(axis) })];
    },
  },
  {
    tf: 'Pack', tflite: 'PACK', version: v.pack,
    build: (c) => [c.make('PACK', [...c.node.inputs], { type: BuiltinOptions.PackOptions, value: new PackOptionsT(c.node.inputs.length, c.num('axis')) })],
  },
  {
    tf: 'Unpack', tflite: 'UNPACK', version: v.unpack, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.UnpackOptions, value: new UnpackOptionsT(c.node.outputs.length, c.num('axis')) }),
  },
  withIntInputs('Pad', 'PAD', v.pad, [1]),
  { ...withIntInputs('PadV2', 'PADV2', v.pad, [1]), build: (c) => [c.make('PADV2', [c.input(0), c.int32Input(1), c.input(2)], null)] },
  withIntInputs('MirrorPad', 'MIRROR_PAD', v.int16Three, [1], (c) => ({
    type: BuiltinOptions.MirrorPadOptions, value: new MirrorPadOptionsT(c.str('mode') === 'SYMMETRIC' ? MirrorPadMode.SYMMETRIC : MirrorPadMode.REFLECT),
  })),
  withIntInputs('StridedSlice', 'STRIDED_SLICE', v.stridedSlice, [1, 2, 3], (c) => ({
    type: BuiltinOptions.StridedSliceOptions,
    value: new StridedSliceOptionsT(c.num('begin_mask'), c.num('end_mask'), c.num('ellipsis_mask'), c.num('new_axis_mask'), c.num('shrink_axis_mask')),
  })),
  withIntInputs('Slice', 'SLICE', v.slice, [1, 2]),
  {
    tf: 'GatherV2', tflite: 'GATHER', version: v.gather, inputs: [0, 1], check: needConst(2, 'the axis'),
    options: (c) => ({ type: BuiltinOptions.GatherOptions, value: new GatherOptionsT(c.ints(2)![0]!, c.num('batch_dims')) }),
  },
  withIntInputs('Tile', 'TILE', v.tile, [1]),
  { ...withIntInputs('Fill', 'FILL', v.fill, []), build: (c) => [c.make('FILL', [c.int32Input(0), c.input(1)], null)] },
  {
    tf: 'Shape', tflite: 'SHAPE', version: v.one, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.ShapeOptions, value: new ShapeOptionsT(tensorTypeFromDtype(c.output().dtype)) }),
  },
  { tf: 'Rank', tflite: 'RANK', version: v.one, inputs: [0] },
  {
    tf: 'Split', tflite: 'SPLIT', version: v.split, inputs: [0, 1],
    options: (c) => ({ type: BuiltinOptions.SplitOptions, value: new SplitOptionsT(c.node.outputs.length) }),
  },
  {
    tf: 'SplitV', tflite: 'SPLIT_V', version: v.int8Two,
    build: (c) => [c.make('SPLIT_V', [c.input(0), c.int32Input(1), c.int32Input(2)], { type: BuiltinOptions.SplitVOptions, value: new SplitVOptionsT(c.node.outputs.length) })],
  },
  {
    tf: 'SpaceToDepth', tflite: 'SPACE_TO_DEPTH', version: v.int8Two, inputs: [0],
    check: (c) => (c.str('data_format', 'NHWC') === 'NHWC' ? undefined : `data_format ${c.str('data_format')}`),
    options: (c) => ({ type: BuiltinOptions.SpaceToDepthOptions, value: new SpaceToDepthOptionsT(c.num('block_size')) }),
  },
  {
    tf: 'DepthToSpace', tflite: 'DEPTH_TO_SPACE', version: v.int8Two, inputs: [0],
    check: (c) => (c.str('data_format', 'NHWC') === 'NHWC' ? undefined : `data_format ${c.str('data_format')}`),
    options: (c) => ({ type: BuiltinOptions.DepthToSpaceOptions, value: new DepthToSpaceOptionsT(c.num('block_size')) }),
  },
  withIntInputs('BroadcastTo', 'BROADCAST_TO', v.broadcastTo, [1]),
  resize('ResizeBilinear', 'RESIZE_BILINEAR', v.resizeBilinear, true),
  resize('ResizeNearestNeighbor', 'RESIZE_NEAREST_NEIGHBOR', v.resizeNearest, false),
  { tf: 'Range', tflite: 'RANGE', version: v.one, inputs: [0, 1, 2] },
  {
    tf: 'Cumsum', tflite: 'CUMSUM', version: v.one,
    build: (c) => [c.make('CUMSUM', [c.input(0), c.int32Input(1)], { type: BuiltinOptions.CumsumOptions, value: new CumsumOptionsT(c.bool('exclusive'), c.bool('reverse')) })],
  },
  { tf: 'TopKV2', tflite: 'TOPK_V2', version: v.int8Two, build: (c) => [c.make('TOPK_V2', [c.input(0), c.int32Input(1)], null)] },
];
