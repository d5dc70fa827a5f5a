/**
 * Activations: the `activation` argument of Dense / Conv layers and the activation layers (Activation, ReLU,
 * LeakyReLU, PReLU, ELU, Softmax, ThresholdedReLU), as the TF ops Keras' own functions trace to:
 * relu → Relu, relu6 → Relu6, sigmoid → Sigmoid, tanh → Tanh, softmax → Softmax (Transpose around it for a
 * non-last axis), elu → Elu, selu → Selu, softplus → Softplus, softsign → Softsign, exponential → Exp,
 * log_softmax → LogSoftmax, leaky_relu → LeakyRelu(alpha 0.2), swish/silu → x·Sigmoid(x), mish → x·Tanh(Softplus(x)),
 * gelu → tf.nn.gelu's ops (exact: 0.5x·(1 + Erf(x / √2)); approximate: 0.5x·(1 + Tanh(√(2/π)·(x + 0.044715·x³)))),
 * hard_sigmoid → Keras 2: clip(0.2x + 0.5, 0, 1), Keras 3: Relu6(x + 3) / 6; hard_silu/hard_swish → x · that Keras 3
 * form. ReLU(max_value, negative_slope, threshold) follows keras.backend.relu op for op.
 */
import type { Tensor } from '../../../ir/graph.ts';
import { axisOf, ints, num, optNum, type LayerConfig, type LayerContext, type LayerFamily } from './types.ts';

const SIMPLE: Readonly<Record<string, string>> = {
  relu: 'Relu', relu6: 'Relu6', sigmoid: 'Sigmoid', tanh: 'Tanh', elu: 'Elu', selu: 'Selu', softplus: 'Softplus',
  softsign: 'Softsign', exponential: 'Exp', log_softmax: 'LogSoftmax',
};
const COMPOSED = new Set(['linear', 'softmax', 'leaky_relu', 'swish', 'silu', 'mish', 'gelu', 'hard_sigmoid', 'hard_silu', 'hard_swish']);

/** An activation config value (`"relu"`, null, or a serialized function / object) as { name, approximate }. */
export function activationOf(v: unknown): { name: string; approximate: boolean } {
  if (v === null || v === undefined) return { name: 'linear', approximate: false };
  if (typeof v === 'string') return { name: v, approximate: false };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const cfg = o['config'];
    const approximate = typeof cfg === 'object' && cfg !== null && (cfg as Record<string, unknown>)['approximate'] === true;
    // Keras 3 serializes a function as {class_name: "function", config: "relu", registered_name: …}.
    const name = typeof cfg === 'string' ? cfg : typeof o['registered_name'] === 'string' ? o['registered_name'] : String(o['class_name'] ?? '?');
    return { name: name.toLowerCase(), approximate };
  }
  return { name: String(v), approximate: false };
}

/** Why an activation cannot be converted, or undefined. */
export function unsupportedActivation(v: unknown): string | undefined {
  const { name } = activationOf(v);
  return name in SIMPLE || COMPOSED.has(name) ? undefined : `activation=${name}`;
}

/** Applies a Keras activation to `x`. */
export function applyActivation(ctx: LayerContext, x: Tensor, v: unknown): Tensor {
  const { name, approximate } = activationOf(v);
  const simple = SIMPLE[name];
  if (simple) return ctx.op(simple, [x], x.shape);
  switch (name) {
    case 'linear': return x;
    case 'softmax': return softmax(ctx, x, -1);
    case 'leaky_relu': return ctx.op('LeakyRelu', [x], x.shape, { alpha: 0.2 });
    case 'swish': case 'silu': return ctx.op('Mul', [x, ctx.op('Sigmoid', [x], x.shape)], x.shape);
    case 'mish': return ctx.op('Mul', [x, ctx.op('Tanh', [ctx.op('Softplus', [x], x.shape)], x.shape)], x.shape);
    case 'gelu': return gelu(ctx, x, approximate);
    case 'hard_sigmoid': return ctx.kerasMajor >= 3 ? hardSigmoid3(ctx, x) : hardSigmoid2(ctx, x);
    case 'hard_silu': case 'hard_swish': return ctx.op('Mul', [x, hardSigmoid3(ctx, x)], x.shape);
    default: return ctx.fail(`activation "${name}" is not supported`);
  }
}

function scalar(ctx: LayerContext, x: Tensor, v: number): Tensor {
  return ctx.constFloat('Const', [], [v], x.dtype);
}

/** Softmax over `axis`; tf.nn.softmax transposes a non-last axis to the end and back. */
export function softmax(ctx: LayerContext, x: Tensor, axis: number): Tensor {
  const rank = x.shape.length;
  const a = axisOf(axis, rank);
  if (a === rank - 1 || rank === 0) return ctx.op('Softmax', [x], x.shape);
  const perm = [...Array(rank).keys()];
  perm[a] = rank - 1;
  perm[rank - 1] = a;
  const swapped = perm.map((p) => x.shape[p]!);
  const permT = ctx.constInt32('perm', [rank], perm);
  const t = ctx.op('Transpose', [x, permT], swapped, { Tperm: 'int32' });
  const s = ctx.op('Softmax', [t], swapped);
  return ctx.op('Transpose', [s, permT], x.shape, { Tperm: 'int32' });
}

function gelu(ctx: LayerContext, x: Tensor, approximate: boolean): Tensor {
  const half = ctx.op('Mul', [scalar(ctx, x, 0.5), x], x.shape);
  let inner: Tensor;
  if (approximate) {
    const cube = ctx.op('Pow', [x, scalar(ctx, x, 3)], x.shape);
    const scaled = ctx.op('Mul', [scalar(ctx, x, 0.044715), cube], x.shape);
    const sum = ctx.op('AddV2', [x, scaled], x.shape);
    inner = ctx.op('Tanh', [ctx.op('Mul', [scalar(ctx, x, 0.7978845608028654), sum], x.shape)], x.shape);
  } else {
    inner = ctx.op('Erf', [ctx.op('RealDiv', [x, scalar(ctx, x, 1.4142135623730951)], x.shape)], x.shape);
  }
  return ctx.op('Mul', [half, ctx.op('AddV2', [scalar(ctx, x, 1), inner], x.shape)], x.shape);
}

function hardSigmoid2(ctx: LayerContext, x: Tensor): Tensor {
  const lin = ctx.op('AddV2', [ctx.op('Mul', [x, scalar(ctx, x, 0.2)], x.shape), scalar(ctx, x, 0.5)], x.shape);
  return clip(ctx, lin, 0, 1);
}

function hardSigmoid3(ctx: LayerContext, x: Tensor): Tensor {
  const r = ctx.op('Relu6', [ctx.op('AddV2', [x, scalar(ctx, x, 3)], x.shape)], x.shape);
  return ctx.op('RealDiv', [r, scalar(ctx, x, 6)], x.shape);
}

/** tf.clip_by_value: Minimum(x, hi) then Maximum(·, lo). */
function clip(ctx: LayerContext, x: Tensor, lo: number, hi: number): Tensor {
  return ctx.op('Maximum', [ctx.op('Minimum', [x, scalar(ctx, x, hi)], x.shape), scalar(ctx, x, lo)], x.shape);
}

/** keras.backend.relu(x, alpha, max_value, threshold), op for op. */
export function relu(ctx: LayerContext, x: Tensor, slope: number, maxValue: number | undefined, threshold: number): Tensor {
  if (slope !== 0 && maxValue === undefined && threshold === 0) return ctx.op('LeakyRelu', [x], x.shape, { alpha: slope });
  let negative: Tensor | undefined;
  if (slope !== 0) {
    const neg = ctx.op('Neg', [x], x.shape);
    negative = ctx.op('Relu', [threshold !== 0 ? ctx.op('AddV2', [neg, scalar(ctx, x, threshold)], x.shape) : neg], x.shape);
  }
  let clipMax = maxValue !== undefined;
  let y: Tensor;
  if (threshold !== 0) {
    const above = ctx.op('Greater', [x, scalar(ctx, x, threshold)], x.shape, {}, { dtype: 'bool' });
    y = ctx.op('Mul', [x, ctx.op('Cast', [above], x.shape, { SrcT: 'bool', DstT: x.dtype, Truncate: false }, { dtype: x.dtype, noT: true })], x.shape);
  } else if (maxValue === 6) {
    y = ctx.op('Relu6', [x], x.shape);
    clipMax = false;
  } else {
    y = ctx.op('Relu', [x], x.shape);
  }
  if (clipMax) y = clip(ctx, y, 0, maxValue!);
  if (negative) y = ctx.op('Sub', [y, ctx.op('Mul', [scalar(ctx, x, slope), negative], x.shape)], x.shape);
  return y;
}

function softmaxAxes(cfg: LayerConfig): number[] {
  return ints(cfg, 'axis', [-1]);
}

export const activationLayers: LayerFamily = {
  Activation: {
    unsupported: (cfg) => unsupportedActivation(cfg['activation']),
    emit: (ctx, [x]) => [applyActivation(ctx, x!, ctx.config['activation'])],
  },
  ReLU: {
    emit: (ctx, [x]) => [relu(ctx, x!, num(ctx.config, 'negative_slope', 0), optNum(ctx.config, 'max_value'), num(ctx.config, 'threshold', 0))],
  },
  LeakyReLU: {
    emit: (ctx, [x]) => [ctx.op('LeakyRelu', [x!], x!.shape, { alpha: optNum(ctx.config, 'negative_slope') ?? num(ctx.config, 'alpha', 0.3) })],
  },
  PReLU: {
    weights: () => ['alpha'],
    emit: (ctx, [x]) => {
      // pos + (-alpha) * relu(-x)
      const pos = ctx.op('Relu', [x!], x!.shape);
      const alpha = ctx.weight('alpha');
      const negAlpha = ctx.op('Neg', [alpha], alpha.shape);
      const negPart = ctx.op('Relu', [ctx.op('Neg', [x!], x!.shape)], x!.shape);
      return [ctx.op('AddV2', [pos, ctx.op('Mul', [negAlpha, negPart], x!.shape)], x!.shape)];
    },
  },
  ELU: {
    emit: (ctx, [x]) => {
      const alpha = num(ctx.config, 'alpha', 1);
      const res = ctx.op('Elu', [x!], x!.shape);
      if (alpha === 1) return [res];
      const positive = ctx.op('Greater', [x!, scalar(ctx, x!, 0)], x!.shape, {}, { dtype: 'bool' });
      const scaled = ctx.op('Mul', [scalar(ctx, x!, alpha), res], x!.shape);
      return [ctx.op('SelectV2', [positive, res, scaled], x!.shape, { T: x!.dtype }, { dtype: x!.dtype })];
    },
  },
  Softmax: {
    unsupported: (cfg) => (softmaxAxes(cfg).length > 1 ? 'softmax over several axes' : undefined),
    emit: (ctx, [x]) => [softmax(ctx, x!, softmaxAxes(ctx.config)[0]!)],
  },
  ThresholdedReLU: {
    emit: (ctx, [x]) => {
      const above = ctx.op('Greater', [x!, scalar(ctx, x!, num(ctx.config, 'theta', 1))], x!.shape, {}, { dtype: 'bool' });
      const mask = ctx.op('Cast', [above], x!.shape, { SrcT: 'bool', DstT: x!.dtype, Truncate: false }, { dtype: x!.dtype, noT: true });
      return [ctx.op('Mul', [x!, mask], x!.shape)];
    },
  },
};
