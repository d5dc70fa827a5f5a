/**
 * Dense: MatMul(x, kernel [in, out]) + bias + activation, as Keras' trace gives it. Keras 2 adds the bias with
 * BiasAdd; Keras 3 with AddV2 (`ops.add`). Inputs of rank > 2 are flattened to [-1, in] around the MatMul and
 * reshaped back (what tf.tensordot folds to when the non-batch dims are known).
 */
import type { Tensor } from '../../../ir/graph.ts';
import { applyActivation, unsupportedActivation } from './activations.ts';
import { bool, type LayerContext, type LayerFamily } from './types.ts';

/** Adds a layer's bias the way its Keras version does (BiasAdd in Keras 2, AddV2 in Keras 3). */
export function addBias(ctx: LayerContext, y: Tensor, bias: Tensor): Tensor {
  if (ctx.kerasMajor >= 3) return ctx.op('AddV2', [y, bias], y.shape);
  return ctx.op('BiasAdd', [y, bias], y.shape, { data_format: 'NHWC' });
}

export const denseLayers: LayerFamily = {
  Dense: {
    weights: (cfg) => (bool(cfg, 'use_bias', true) ? ['kernel', 'bias'] : ['kernel']),
    unsupported: (cfg) => unsupportedActivation(cfg['activation']),
    emit: (ctx, [input]) => {
      const x = input!;
      const kernel = ctx.weight('kernel', 2);
      const [inDim, units] = [kernel.shape[0]!, kernel.shape[1]!];
      const rank = x.shape.length;
      let y: Tensor;
      if (rank === 2) {
        y = ctx.op('MatMul', [x, kernel], [x.shape[0]!, units], { transpose_a: false, transpose_b: false });
      } else if (rank > 2) {
        const outer = x.shape.slice(1, -1);
        if (outer.some((d) => d < 0)) ctx.fail(`Dense on an input of shape [${x.shape}] needs its middle dims known`);
        const flat = ctx.op('Reshape', [x, ctx.constInt32('Tensordot/shape', [2], [-1, inDim])], [-1, inDim], { Tshape: 'int32' });
        const mm = ctx.op('MatMul', [flat, kernel], [-1, units], { transpose_a: false, transpose_b: false });
        const outShape = [x.shape[0]!, ...outer, units];
        y = ctx.op('Reshape', [mm, ctx.constInt32('Tensordot/shape_1', [rank], [-1, ...outer, units])], outShape, { Tshape: 'int32' });
      } else {
        return ctx.fail(`Dense needs an input of rank ≥ 2, got [${x.shape}]`);
      }
      if (ctx.hasWeight('bias')) y = addBias(ctx, y, ctx.weight('bias', 1));
      return [applyActivation(ctx, y, ctx.config['activation'])];
    },
  },
};
