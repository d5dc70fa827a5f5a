/**
 * Shape layers. Flatten → Reshape(x, [-1, prod(non-batch dims)]) (ExpandDims for a rank-1 input; Transpose to
 * channels-last first for channels_first); Reshape → Reshape(x, [-1, …target_shape]) (a -1 in the target is
 * resolved from the known dims, so batch stays the only -1 — Keras computes [batch, …] at run time with Shape /
 * StridedSlice / Pack, which folds to this); Permute → Transpose([0, …dims]); ZeroPadding1D/2D → Pad;
 * UpSampling2D → ResizeNearestNeighbor / ResizeBilinear (half_pixel_centers, as tf.image.resize) to a constant size.
 */
import type { Tensor } from '../../../ir/graph.ts';
import { channelsFirst, ints, str, tuple, type LayerConfig, type LayerFamily } from './types.ts';

function known(dims: number[]): boolean {
  return dims.every((d) => d >= 0);
}

/** ZeroPadding padding config → [[before, after], …] for `n` spatial dims. */
function paddingPairs(cfg: LayerConfig, n: number): number[][] {
  const v = cfg['padding'];
  if (typeof v === 'number') return Array.from({ length: n }, () => [v, v]);
  if (Array.isArray(v)) {
    if (n === 1 && v.length === 2 && v.every((x) => typeof x === 'number')) return [v as number[]];
    if (v.length === n) {
      return v.map((p) => (typeof p === 'number' ? [p, p] : Array.isArray(p) && p.length === 2 ? (p as number[]) : [0, 0]));
    }
  }
  return Array.from({ length: n }, () => [1, 1]);
}

export const reshapingLayers: LayerFamily = {
  Flatten: {
    emit: (ctx, [input]) => {
      let x = input!;
      const rank = x.shape.length;
      if (rank === 1) {
        return [ctx.op('ExpandDims', [x, ctx.constInt32('ExpandDims/dim', [], [1])], [x.shape[0]!, 1], { Tdim: 'int32' })];
      }
      if (channelsFirst(ctx.config) && rank > 2) {
        const perm = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
        x = ctx.op('Transpose', [x, ctx.constInt32('perm', [rank], perm)], perm.map((p) => x.shape[p]!), { Tperm: 'int32' });
      }
      const rest = x.shape.slice(1);
      if (!known(rest)) ctx.fail(`Flatten needs the non-batch dims of its input known, got [${x.shape}]`);
      const n = rest.reduce((a, b) => a * b, 1);
      return [ctx.op('Reshape', [x, ctx.constInt32('Const', [2], [-1, n])], [x.shape[0]!, n], { Tshape: 'int32' })];
    },
  },
  Reshape: {
    emit: (ctx, [x]) => {
      const target = ints(ctx.config, 'target_shape', []);
      const unknown = target.filter((d) => d < 0).length;
      let dims = target;
      if (unknown > 0) {
        const rest = x!.shape.slice(1);
        if (unknown > 1 || !known(rest)) ctx.fail(`cannot resolve target_shape [${target}] from input [${x!.shape}]`);
        const total = rest.reduce((a, b) => a * b, 1);
        const knownProd = target.filter((d) => d >= 0).reduce((a, b) => a * b, 1);
        dims = target.map((d) => (d < 0 ? total / knownProd : d));
      }
      return [ctx.op('Reshape', [x!, ctx.constInt32('Reshape/shape', [dims.length + 1], [-1, ...dims])], [x!.shape[0]!, ...dims], { Tshape: 'int32' })];
    },
  },
  Permute: {
    emit: (ctx, [x]) => {
      const perm = [0, ...ints(ctx.config, 'dims', [])];
      if (perm.length !== x!.shape.length) ctx.fail(`dims ${JSON.stringify(ctx.config['dims'])} do not fit an input of rank ${x!.shape.length}`);
      return [ctx.op('Transpose', [x!, ctx.constInt32('transpose/perm', [perm.length], perm)], perm.map((p) => x!.shape[p]!), { Tperm: 'int32' })];
    },
  },
  ZeroPadding1D: {
    emit: (ctx, [x]) => {
      const [[l, r]] = paddingPairs(ctx.config, 1) as [[number, number]];
      const w = x!.shape[1]!;
      return [ctx.op('Pad', [x!, ctx.constInt32('Pad/paddings', [3, 2], [0, 0, l, r, 0, 0])], [x!.shape[0]!, w < 0 ? -1 : w + l + r, x!.shape[2]!], { Tpaddings: 'int32' })];
    },
  },
  ZeroPadding2D: {
    unsupported: (cfg) => (channelsFirst(cfg) ? 'data_format=channels_first' : undefined),
    emit: (ctx, [x]) => {
      const [[t, b], [l, r]] = paddingPairs(ctx.config, 2) as [[number, number], [number, number]];
      const [n, h, w, c] = x!.shape as [number, number, number, number];
      const shape = [n, h < 0 ? -1 : h + t + b, w < 0 ? -1 : w + l + r, c];
      return [ctx.op('Pad', [x!, ctx.constInt32('Pad/paddings', [4, 2], [0, 0, t, b, l, r, 0, 0])], shape, { Tpaddings: 'int32' })];
    },
  },
  UpSampling2D: {
    unsupported: (cfg) => {
      if (channelsFirst(cfg)) return 'data_format=channels_first';
      const i = str(cfg, 'interpolation', 'nearest');
      return i === 'nearest' || i === 'bilinear' ? undefined : `interpolation=${i}`;
    },
    emit: (ctx, [x]) => {
      const [fh, fw] = tuple(ctx.config, 'size', 2, 2);
      const [n, h, w, c] = x!.shape as [number, number, number, number];
      if (h < 0 || w < 0) ctx.fail(`UpSampling2D needs the input height and width known, got [${x!.shape}]`);
      const size: Tensor = ctx.constInt32('size', [2], [h * fh!, w * fw!]);
      const op = str(ctx.config, 'interpolation', 'nearest') === 'bilinear' ? 'ResizeBilinear' : 'ResizeNearestNeighbor';
      return [ctx.op(op, [x!, size], [n, h * fh!, w * fw!, c], { align_corners: false, half_pixel_centers: true })];
    },
  },
};
