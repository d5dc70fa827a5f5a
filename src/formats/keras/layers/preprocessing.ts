/**
 * Preprocessing layers that compute at inference. Rescaling → x · scale + offset (Mul, AddV2, as Keras writes it,
 * even for offset 0). Normalization → (x − mean) / max(√variance, 1e-7) (Sub, Sqrt, Maximum, RealDiv: Keras'
 * formula, epsilon = keras.backend.epsilon()), or with `invert` mean + x · max(√variance, 1e-7); mean / variance
 * come from the stored weights (adapted) or the config (passed to the constructor), shaped to broadcast over the
 * kept `axis`.
 */
import type { Tensor } from '../../../ir/graph.ts';
import { axisOf, bool, ints, num, type LayerConfig, type LayerContext, type LayerFamily } from './types.ts';

const EPSILON = 1e-7;

function configStats(cfg: LayerConfig): boolean {
  return cfg['mean'] !== undefined && cfg['mean'] !== null;
}

/** The kept axes of a Normalization for an input of `rank` (config `axis`: int, list, or null = none). */
function keptAxes(cfg: LayerConfig, rank: number): number[] {
  if (cfg['axis'] === null) return [];
  return ints(cfg, 'axis', [-1]).map((a) => axisOf(a, rank));
}

function stat(ctx: LayerContext, name: 'mean' | 'variance', x: Tensor, bshape: number[]): Tensor {
  const count = bshape.reduce((a, b) => a * b, 1);
  if (!configStats(ctx.config)) return ctx.constReshaped(`${name}/Reshape`, ctx.weight(name), bshape);
  const v = ctx.config[name];
  const values = typeof v === 'number' ? new Float32Array(count).fill(v)
    : Array.isArray(v) ? Float32Array.from((v as unknown[]).flat(8) as number[]) : null;
  if (!values || (values.length !== count && values.length !== 1)) ctx.fail(`config ${name} does not fit the broadcast shape [${bshape}]`);
  return ctx.constFloat(name, bshape, values.length === count ? values : new Float32Array(count).fill(values[0]!), x.dtype);
}

export const preprocessingLayers: LayerFamily = {
  Rescaling: {
    emit: (ctx, [x]) => {
      const scale = ctx.constFloat('Cast/x', [], [num(ctx.config, 'scale', 1)], x!.dtype);
      const offset = ctx.constFloat('Cast_1/x', [], [num(ctx.config, 'offset', 0)], x!.dtype);
      return [ctx.op('AddV2', [ctx.op('Mul', [x!, scale], x!.shape), offset], x!.shape)];
    },
  },
  Normalization: {
    weights: (cfg) => (configStats(cfg) ? [] : ['mean', 'variance', 'count']),
    emit: (ctx, [input]) => {
      const x = input!;
      const rank = x.shape.length;
      const kept = keptAxes(ctx.config, rank);
      if (kept.some((a) => x.shape[a]! < 0)) ctx.fail(`normalized axes of input [${x.shape}] must be known`);
      const bshape = x.shape.map((d, i) => (kept.includes(i) ? d : 1));
      const mean = stat(ctx, 'mean', x, bshape);
      const variance = stat(ctx, 'variance', x, bshape);
      const eps = ctx.constFloat('Maximum/y', [], [EPSILON], x.dtype);
      const std = ctx.op('Maximum', [ctx.op('Sqrt', [variance], bshape), eps], bshape);
      if (bool(ctx.config, 'invert', false)) {
        return [ctx.op('AddV2', [mean, ctx.op('Mul', [x, std], x.shape)], x.shape)];
      }
      return [ctx.op('RealDiv', [ctx.op('Sub', [x, mean], x.shape), std], x.shape)];
    },
  },
};
