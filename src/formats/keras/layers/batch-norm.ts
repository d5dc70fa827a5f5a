/**
 * BatchNormalization at inference, as Keras traces it.
 * Keras 2, rank-4 input normalized over the last axis (its `fused` path): FusedBatchNormV3(x, gamma, beta,
 * moving_mean, moving_variance) with is_training=false, data_format NHWC, epsilon raised to ≥ 1.001e-5 as
 * tf.nn.fused_batch_norm does; 6 outputs like TF's op. Otherwise (other ranks or axes, `fused: false`, and every
 * Keras 3 model, whose BN calls tf.nn.batch_normalization): TF's batch_normalization ops
 * inv = Rsqrt(var + eps) · gamma; y = x · inv + (beta − mean · inv), i.e. AddV2, Rsqrt, Mul, Mul, Mul, Sub, AddV2
 * (Neg instead of Sub without beta), with the per-channel constants shaped to broadcast along the BN axis.
 * A missing gamma (scale=false) / beta (center=false) is a constant 1 / 0 on the fused path.
 */
import type { Tensor } from '../../../ir/graph.ts';
import { axisOf, bool, ints, num, type LayerConfig, type LayerContext, type LayerFamily } from './types.ts';

function weightNames(cfg: LayerConfig): string[] {
  const names: string[] = [];
  if (bool(cfg, 'scale', true)) names.push('gamma');
  if (bool(cfg, 'center', true)) names.push('beta');
  return [...names, 'moving_mean', 'moving_variance'];
}

function fused(ctx: LayerContext, x: Tensor, eps: number): Tensor {
  const mean = ctx.weight('moving_mean');
  const c = mean.shape[0]!;
  const gamma = ctx.hasWeight('gamma') ? ctx.weight('gamma') : ctx.constFloat('Const', [c], new Float32Array(c).fill(1), mean.dtype);
  const beta = ctx.hasWeight('beta') ? ctx.weight('beta') : ctx.constFloat('Const_1', [c], new Float32Array(c), mean.dtype);
  const outs = ctx.opAll('FusedBatchNormV3', [x, gamma, beta, mean, ctx.weight('moving_variance')], x.shape, {
    U: mean.dtype, epsilon: Math.max(eps, 1.001e-5), exponential_avg_factor: 1, data_format: 'NHWC', is_training: false,
  }, { extraOutputs: [[c], [c], [c], [c], [c]] });
  return outs[0]!;
}

function unfused(ctx: LayerContext, x: Tensor, axis: number, eps: number): Tensor {
  const rank = x.shape.length;
  const c = ctx.weight('moving_mean').shape[0]!;
  // Per-channel constants broadcast along `axis` (Keras reshapes them when the axis is not the last).
  const bshape = axis === rank - 1 ? [c] : x.shape.map((_, i) => (i === axis ? c : 1));
  const param = (name: string): Tensor => {
    const w = ctx.weight(name);
    return bshape.length === 1 ? w : ctx.constReshaped(`${name}/Reshape`, w, bshape);
  };
  const variance = param('moving_variance');
  const epsT = ctx.constFloat('batchnorm/add/y', [], [eps], variance.dtype);
  let inv = ctx.op('Rsqrt', [ctx.op('AddV2', [variance, epsT], bshape)], bshape);
  if (ctx.hasWeight('gamma')) inv = ctx.op('Mul', [inv, param('gamma')], bshape);
  const scaled = ctx.op('Mul', [x, inv], x.shape);
  const meanInv = ctx.op('Mul', [param('moving_mean'), inv], bshape);
  const shift = ctx.hasWeight('beta') ? ctx.op('Sub', [param('beta'), meanInv], bshape) : ctx.op('Neg', [meanInv], bshape);
  return ctx.op('AddV2', [scaled, shift], x.shape);
}

export const batchNormLayers: LayerFamily = {
  BatchNormalization: {
    weights: weightNames,
    unsupported: (cfg) => (ints(cfg, 'axis', [-1]).length > 1 ? 'normalization over several axes' : undefined),
    emit: (ctx, [input]) => {
      const x = input!;
      const rank = x.shape.length;
      const axis = axisOf(ints(ctx.config, 'axis', [-1])[0]!, rank);
      const eps = num(ctx.config, 'epsilon', 1e-3);
      const fusable = ctx.kerasMajor < 3 && rank === 4 && axis === 3 && ctx.config['fused'] !== false
        && !ctx.config['renorm'] && !ctx.config['virtual_batch_size'];
      return [fusable ? fused(ctx, x, eps) : unfused(ctx, x, axis, eps)];
    },
  },
};
