/**
 * Pooling. MaxPooling2D / AveragePooling2D → MaxPool / AvgPool (NHWC, ksize and strides [1, h, w, 1]).
 * 1-D pooling expands to 2-D and squeezes back: Keras 2 inserts the dummy axis at 2 ([N, W, 1, C]), Keras 3
 * (tf.nn.max_pool1d) at 1 ([N, 1, W, C]). Global pooling → Mean / Max over the spatial axes (keep_dims from
 * `keepdims`).
 */
import type { Tensor } from '../../../ir/graph.ts';
import { bool, channelsFirst, str, tuple, windowOut, type LayerConfig, type LayerContext, type LayerDef, type LayerFamily } from './types.ts';

const notChannelsFirst = (cfg: LayerConfig): string | undefined => (channelsFirst(cfg) ? 'data_format=channels_first' : undefined);

function pool2d(ctx: LayerContext, op: 'MaxPool' | 'AvgPool', x: Tensor, k: number[], s: number[], padding: 'SAME' | 'VALID'): Tensor {
  const shape = [x.shape[0]!, windowOut(x.shape[1]!, k[0]!, s[0]!, 1, padding), windowOut(x.shape[2]!, k[1]!, s[1]!, 1, padding), x.shape[3]!];
  const attrs = { ksize: [1, k[0]!, k[1]!, 1], strides: [1, s[0]!, s[1]!, 1], padding, data_format: 'NHWC' };
  return ctx.op(op, [x], shape, op === 'MaxPool' ? { ...attrs, explicit_paddings: [] } : attrs);
}

function padding(cfg: LayerConfig): 'SAME' | 'VALID' {
  return str(cfg, 'padding', 'valid').toLowerCase() === 'same' ? 'SAME' : 'VALID';
}

function pooling2D(op: 'MaxPool' | 'AvgPool'): LayerDef {
  return {
    unsupported: notChannelsFirst,
    emit: (ctx, [x]) => {
      const k = tuple(ctx.config, 'pool_size', 2, 2);
      const s = ctx.config['strides'] == null ? k : tuple(ctx.config, 'strides', 2, 1);
      return [pool2d(ctx, op, x!, k, s, padding(ctx.config))];
    },
  };
}

function pooling1D(op: 'MaxPool' | 'AvgPool'): LayerDef {
  return {
    unsupported: notChannelsFirst,
    emit: (ctx, [x]) => {
      const [k] = tuple(ctx.config, 'pool_size', 1, 2);
      const [s] = ctx.config['strides'] == null ? [k!] : tuple(ctx.config, 'strides', 1, 1);
      const axis = ctx.kerasMajor >= 3 ? 1 : 2;
      const shape4 = [...x!.shape];
      shape4.splice(axis, 0, 1);
      const x4 = ctx.op('ExpandDims', [x!, ctx.constInt32('ExpandDims/dim', [], [axis])], shape4, { Tdim: 'int32' });
      const ks = axis === 1 ? [1, k!] : [k!, 1];
      const ss = axis === 1 ? [1, s!] : [s!, 1];
      const y4 = pool2d(ctx, op, x4, ks, ss, padding(ctx.config));
      return [ctx.op('Squeeze', [y4], y4.shape.filter((_, i) => i !== axis), { squeeze_dims: [axis] })];
    },
  };
}

function globalPooling(op: 'Mean' | 'Max', axes: number[]): LayerDef {
  return {
    unsupported: notChannelsFirst,
    emit: (ctx, [x]) => {
      const keep = bool(ctx.config, 'keepdims', false);
      const shape = keep ? x!.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x!.shape.filter((_, i) => !axes.includes(i));
      const idx = ctx.constInt32(`${op}/reduction_indices`, [axes.length], axes);
      return [ctx.op(op, [x!, idx], shape, { Tidx: 'int32', keep_dims: keep })];
    },
  };
}

export const poolingLayers: LayerFamily = {
  MaxPooling1D: pooling1D('MaxPool'),
  AveragePooling1D: pooling1D('AvgPool'),
  MaxPooling2D: pooling2D('MaxPool'),
  AveragePooling2D: pooling2D('AvgPool'),
  GlobalAveragePooling1D: globalPooling('Mean', [1]),
  GlobalAveragePooling2D: globalPooling('Mean', [1, 2]),
  GlobalMaxPooling1D: globalPooling('Max', [1]),
  GlobalMaxPooling2D: globalPooling('Max', [1, 2]),
};
