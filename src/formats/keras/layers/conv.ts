/**
 * Convolutions, as tf.nn traces them (NHWC; filters HWIO, depthwise filters [h, w, in, multiplier]):
 * Conv2D → Conv2D (+ bias, activation); DepthwiseConv2D → DepthwiseConv2dNative; SeparableConv2D →
 * DepthwiseConv2dNative then a 1×1 VALID Conv2D; Conv1D → ExpandDims(x, -3) + Conv2D with a [1, k, in, out] filter +
 * Squeeze([-3]) (tf.nn.conv1d); SeparableConv1D → ExpandDims(x, 1) + the 2-D form + Squeeze([1]) (Keras 2's code).
 * `padding="causal"` (1-D) pads the time axis on the left with a Pad op and runs VALID.
 * Dilated depthwise convs keep `dilations` on the op (tf.nn.depthwise_conv2d would wrap it in
 * SpaceToBatchND/BatchToSpaceND; TFLite's DEPTHWISE_CONV_2D takes the dilation directly).
 * 1-D filters are stored with their expanded shape rather than through an ExpandDims op (same bytes).
 */
import type { Tensor } from '../../../ir/graph.ts';
import { applyActivation, unsupportedActivation } from './activations.ts';
import { addBias } from './dense.ts';
import { bool, channelsFirst, str, tuple, windowOut, type LayerConfig, type LayerContext, type LayerDef, type LayerFamily } from './types.ts';

function unsupportedConv(cfg: LayerConfig): string | undefined {
  if (channelsFirst(cfg)) return 'data_format=channels_first';
  return unsupportedActivation(cfg['activation']);
}

interface Conv2DArgs {
  strides: number[];
  dilations: number[];
  padding: 'SAME' | 'VALID';
}

function conv2d(ctx: LayerContext, x: Tensor, filter: Tensor, a: Conv2DArgs): Tensor {
  const [kh, kw, , out] = filter.shape as [number, number, number, number];
  const shape = [x.shape[0]!, windowOut(x.shape[1]!, kh, a.strides[1]!, a.dilations[1]!, a.padding),
    windowOut(x.shape[2]!, kw, a.strides[2]!, a.dilations[2]!, a.padding), out];
  return ctx.op('Conv2D', [x, filter], shape, {
    strides: a.strides, padding: a.padding, data_format: 'NHWC', dilations: a.dilations, explicit_paddings: [], use_cudnn_on_gpu: true,
  });
}

function depthwise(ctx: LayerContext, x: Tensor, filter: Tensor, a: Conv2DArgs): Tensor {
  const [kh, kw, c, m] = filter.shape as [number, number, number, number];
  const shape = [x.shape[0]!, windowOut(x.shape[1]!, kh, a.strides[1]!, a.dilations[1]!, a.padding),
    windowOut(x.shape[2]!, kw, a.strides[2]!, a.dilations[2]!, a.padding), c * m];
  return ctx.op('DepthwiseConv2dNative', [x, filter], shape, {
    strides: a.strides, padding: a.padding, data_format: 'NHWC', dilations: a.dilations, explicit_paddings: [],
  });
}

function finish(ctx: LayerContext, y: Tensor): Tensor {
  if (ctx.hasWeight('bias')) y = addBias(ctx, y, ctx.weight('bias', 1));
  return applyActivation(ctx, y, ctx.config['activation']);
}

/** `padding="causal"`: Pad [[0,0], [(k-1)·d, 0], [0,0]] on the time axis. */
function causalPad(ctx: LayerContext, x: Tensor, k: number, d: number): Tensor {
  const left = (k - 1) * d;
  const shape = [x.shape[0]!, x.shape[1]! < 0 ? -1 : x.shape[1]! + left, x.shape[2]!];
  return ctx.op('Pad', [x, ctx.constInt32('Pad/paddings', [3, 2], [0, 0, left, 0, 0, 0])], shape, { Tpaddings: 'int32' });
}

function expand(ctx: LayerContext, x: Tensor, axis: number): Tensor {
  const shape = [...x.shape];
  shape.splice(axis < 0 ? shape.length + 1 + axis : axis, 0, 1);
  return ctx.op('ExpandDims', [x, ctx.constInt32('ExpandDims/dim', [], [axis])], shape, { Tdim: 'int32' });
}

function squeeze(ctx: LayerContext, x: Tensor, axis: number): Tensor {
  const a = axis < 0 ? x.shape.length + axis : axis;
  return ctx.op('Squeeze', [x], x.shape.filter((_, i) => i !== a), { squeeze_dims: [axis] });
}

const withBias = (names: string[]) => (cfg: LayerConfig): string[] => (bool(cfg, 'use_bias', true) ? [...names, 'bias'] : names);

const conv2D: LayerDef = {
  weights: withBias(['kernel']),
  unsupported: unsupportedConv,
  emit: (ctx, [x]) => {
    const cfg = ctx.config;
    const [sh, sw] = tuple(cfg, 'strides', 2, 1);
    const [dh, dw] = tuple(cfg, 'dilation_rate', 2, 1);
    const y = conv2d(ctx, x!, ctx.weight('kernel', 4), { strides: [1, sh!, sw!, 1], dilations: [1, dh!, dw!, 1], padding: str(cfg, 'padding', 'valid') === 'same' ? 'SAME' : 'VALID' });
    return [finish(ctx, y)];
  },
};

const conv1D: LayerDef = {
  weights: withBias(['kernel']),
  unsupported: unsupportedConv,
  emit: (ctx, [input]) => {
    const cfg = ctx.config;
    const [s] = tuple(cfg, 'strides', 1, 1);
    const [d] = tuple(cfg, 'dilation_rate', 1, 1);
    const kernel = ctx.weight('kernel', 3);
    const padding = str(cfg, 'padding', 'valid');
    let x = input!;
    if (padding === 'causal') x = causalPad(ctx, x, kernel.shape[0]!, d!);
    const filter = ctx.constReshaped('conv1d/ExpandDims_1', kernel, [1, ...kernel.shape]);
    const y4 = conv2d(ctx, expand(ctx, x, -3), filter, { strides: [1, 1, s!, 1], dilations: [1, 1, d!, 1], padding: padding === 'same' ? 'SAME' : 'VALID' });
    return [finish(ctx, squeeze(ctx, y4, -3))];
  },
};

const depthwiseConv2D: LayerDef = {
  weights: withBias(['depthwise_kernel']),
  unsupported: unsupportedConv,
  emit: (ctx, [x]) => {
    const cfg = ctx.config;
    const [sh, sw] = tuple(cfg, 'strides', 2, 1);
    const [dh, dw] = tuple(cfg, 'dilation_rate', 2, 1);
    const y = depthwise(ctx, x!, ctx.weight('depthwise_kernel', 4), { strides: [1, sh!, sw!, 1], dilations: [1, dh!, dw!, 1], padding: str(cfg, 'padding', 'valid') === 'same' ? 'SAME' : 'VALID' });
    return [finish(ctx, y)];
  },
};

function separable(ctx: LayerContext, x: Tensor, dw: Tensor, pw: Tensor, a: Conv2DArgs): Tensor {
  const d = depthwise(ctx, x, dw, a);
  return conv2d(ctx, d, pw, { strides: [1, 1, 1, 1], dilations: [1, 1, 1, 1], padding: 'VALID' });
}

const separableConv2D: LayerDef = {
  weights: withBias(['depthwise_kernel', 'pointwise_kernel']),
  unsupported: unsupportedConv,
  emit: (ctx, [x]) => {
    const cfg = ctx.config;
    const [sh, sw] = tuple(cfg, 'strides', 2, 1);
    const [dh, dw] = tuple(cfg, 'dilation_rate', 2, 1);
    const y = separable(ctx, x!, ctx.weight('depthwise_kernel', 4), ctx.weight('pointwise_kernel', 4),
      { strides: [1, sh!, sw!, 1], dilations: [1, dh!, dw!, 1], padding: str(cfg, 'padding', 'valid') === 'same' ? 'SAME' : 'VALID' });
    return [finish(ctx, y)];
  },
};

const separableConv1D: LayerDef = {
  weights: withBias(['depthwise_kernel', 'pointwise_kernel']),
  unsupported: unsupportedConv,
  emit: (ctx, [input]) => {
    const cfg = ctx.config;
    const [s] = tuple(cfg, 'strides', 1, 1);
    const [d] = tuple(cfg, 'dilation_rate', 1, 1);
    const dwk = ctx.weight('depthwise_kernel', 3);
    const pwk = ctx.weight('pointwise_kernel', 3);
    const padding = str(cfg, 'padding', 'valid');
    let x = input!;
    if (padding === 'causal') x = causalPad(ctx, x, dwk.shape[0]!, d!);
    const dw4 = ctx.constReshaped('ExpandDims_1', dwk, [1, ...dwk.shape]);
    const pw4 = ctx.constReshaped('ExpandDims_2', pwk, [1, ...pwk.shape]);
    let y = separable(ctx, expand(ctx, x, 1), dw4, pw4, { strides: [1, s!, s!, 1], dilations: [1, 1, d!, 1], padding: padding === 'same' ? 'SAME' : 'VALID' });
    if (ctx.hasWeight('bias')) y = addBias(ctx, y, ctx.weight('bias', 1));
    return [applyActivation(ctx, squeeze(ctx, y, 1), cfg['activation'])];
  },
};

export const convLayers: LayerFamily = {
  Conv1D: conv1D,
  Conv2D: conv2D,
  DepthwiseConv2D: depthwiseConv2D,
  SeparableConv1D: separableConv1D,
  SeparableConv2D: separableConv2D,
};
