/**
 * TF → TFLite rows for the neural-network ops: convolutions, matrix products, pooling, activations and the fused
 * activations recognized by passes. Layout changes (TF → TFLite):
 * - Conv2D filter HWIO → OHWI (transpose [3, 0, 1, 2]); a zero bias [O] is added (the bias-add fusion replaces it);
 *   EXPLICIT padding becomes a PAD in front of a VALID conv.
 * - DepthwiseConv2dNative filter [H, W, C, M] → [1, H, W, C·M] (same bytes), depth_multiplier = M.
 * - MatMul with a constant [in, out] weight → FULLY_CONNECTED with weights [out, in] (transposed unless transpose_b),
 *   no bias, keep_num_dims = false; otherwise BATCH_MATMUL. BatchMatMulV2/V3 with a constant rank-2 right operand
 *   and no adj_x → FULLY_CONNECTED (keep_num_dims when the left operand's rank is not 2), else BATCH_MATMUL.
 * - Conv2DBackpropInput (filter [H, W, out, in]) → TRANSPOSE_CONV with weights [out, H, W, in].
 */
import { ActivationFunctionType } from '../formats/tflite/generated/tflite/activation-function-type.ts';
import { BatchMatMulOptionsT } from '../formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { BuiltinOptions } from '../formats/tflite/generated/tflite/builtin-options.ts';
import { Conv2DOptionsT } from '../formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../formats/tflite/generated/tflite/fully-connected-options.ts';
import { GeluOptionsT } from '../formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../formats/tflite/generated/tflite/leaky-relu-options.ts';
import { Padding } from '../formats/tflite/generated/tflite/padding.ts';
import { Pool2DOptionsT } from '../formats/tflite/generated/tflite/pool2doptions.ts';
import { SoftmaxOptionsT } from '../formats/tflite/generated/tflite/softmax-options.ts';
import { TransposeConvOptionsT } from '../formats/tflite/generated/tflite/transpose-conv-options.ts';
import type { Node, Tensor } from '../ir/graph.ts';
import { transposeData } from '../passes/fold/values.ts';
import type { LegalizeContext, OpRow } from './op-row.ts';
import * as v from './op-version.ts';

const NONE = ActivationFunctionType.NONE;

function nhwc(c: LegalizeContext): string | undefined {
  const f = c.str('data_format', 'NHWC');
  return f === 'NHWC' ? undefined : `data_format ${f}`;
}

/** Strides / dilations / ksize [1, h, w, 1]: the batch and channel entries must be 1. */
function spatial(c: LegalizeContext, attr: string): string | undefined {
  const s = c.list(attr);
  if (s.length && (s.length !== 4 || s[0] !== 1 || s[3] !== 1)) return `${attr} [${s}] moves along batch or channels`;
  return undefined;
}

function padding(c: LegalizeContext): Padding {
  return c.str('padding') === 'SAME' ? Padding.SAME : Padding.VALID;
}

const convCheck = (c: LegalizeContext): string | undefined => {
  const f = c.input(1);
  if (!f?.data) return 'the filter is not a constant';
  if (f.dtype !== 'float32' || f.shape.length !== 4) return `the filter is ${f.dtype} [${f.shape}]`;
  const p = c.str('padding');
  if (!['SAME', 'VALID', 'EXPLICIT'].includes(p)) return `padding ${p}`;
  return nhwc(c) ?? spatial(c, 'strides') ?? spatial(c, 'dilations');
};

/** The input, behind a PAD node when the TF op used EXPLICIT padding. */
function explicitPad(c: LegalizeContext, nodes: Node[]): Tensor {
  const x = c.input(0)!;
  if (c.str('padding') !== 'EXPLICIT') return x;
  const p = c.list('explicit_paddings');
  const shape = x.shape.map((d, i) => (d < 0 ? -1 : d + (p[2 * i] ?? 0) + (p[2 * i + 1] ?? 0)));
  const padded = c.g.tensor(`${c.name}/pad`, x.dtype, shape);
  nodes.push(c.make('PAD', [x, c.int32('paddings', p, [4, 2])], null, [padded]));
  return padded;
}

function zeroBias(c: LegalizeContext, n: number): Tensor {
  return c.g.constant(`${c.name}_bias`, 'float32', [n], new Uint8Array(4 * n));
}

const conv2d: OpRow = {
  tf: 'Conv2D', tflite: 'CONV_2D', version: v.conv2d, check: convCheck,
  build(c) {
    const nodes: Node[] = [];
    const x = explicitPad(c, nodes);
    const f = c.input(1)!;
    const [h, w, i, o] = f.shape as [number, number, number, number];
    const ohwi = transposeData(f.data!, f.shape, [3, 0, 1, 2], 4);
    const filter = c.g.constant(c.name, 'float32', [o, h, w, i], ohwi);
    const s = c.list('strides');
    const d = c.list('dilations');
    const opts = new Conv2DOptionsT(padding(c), s[2] ?? 1, s[1] ?? 1, NONE, d[2] ?? 1, d[1] ?? 1);
    nodes.push(c.make('CONV_2D', [x, filter, zeroBias(c, o)], { type: BuiltinOptions.Conv2DOptions, value: opts }));
    return nodes;
  },
};

const depthwise: OpRow = {
  tf: 'DepthwiseConv2dNative', tflite: 'DEPTHWISE_CONV_2D', version: v.depthwiseConv2d, check: convCheck,
  build(c) {
    const nodes: Node[] = [];
    const x = explicitPad(c, nodes);
    const f = c.input(1)!;
    const [h, w, ch, m] = f.shape as [number, number, number, number];
    const filter = c.g.constant(c.name, 'float32', [1, h, w, ch * m], f.data!);
    const s = c.list('strides');
    const d = c.list('dilations');
    const opts = new DepthwiseConv2DOptionsT(padding(c), s[2] ?? 1, s[1] ?? 1, m, NONE, d[2] ?? 1, d[1] ?? 1);
    nodes.push(c.make('DEPTHWISE_CONV_2D', [x, filter, zeroBias(c, ch * m)], { type: BuiltinOptions.DepthwiseConv2DOptions, value: opts }));
    return nodes;
  },
};

/** FULLY_CONNECTED from x · W where W ([in, out], or [out, in] when `transposed`) is constant. */
function fullyConnected(c: LegalizeContext, w: Tensor, transposed: boolean, keepNumDims: boolean): Node {
  const [a, b] = w.shape as [number, number];
  const weights = transposed ? c.g.constant(c.name, w.dtype, [a, b], w.data!)
    : c.g.constant(c.name, w.dtype, [b, a], transposeData(w.data!, w.shape, [1, 0], 4));
  const opts = new FullyConnectedOptionsT(NONE);
  opts.keepNumDims = keepNumDims;
  return c.make('FULLY_CONNECTED', [c.input(0), weights, null], { type: BuiltinOptions.FullyConnectedOptions, value: opts });
}

const constWeight = (t: Tensor | null): t is Tensor => !!t?.data && t.dtype === 'float32' && t.shape.length === 2;

const matmul: OpRow = {
  tf: 'MatMul', tflite: 'FULLY_CONNECTED', version: v.fullyConnected,
  note: 'constant weight → FULLY_CONNECTED; otherwise BATCH_MATMUL',
  build(c) {
    const w = c.input(1);
    const [ta, tb] = [c.bool('transpose_a'), c.bool('transpose_b')];
    if (constWeight(w) && !ta) return [fullyConnected(c, w, tb, false)];
    return [c.make('BATCH_MATMUL', [c.input(0), w], { type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(ta, tb) })];
  },
};

function batchMatmul(tf: string): OpRow {
  return {
    tf, tflite: 'BATCH_MATMUL', version: v.batchMatmul,
    note: 'constant rank-2 right operand without adj_x → FULLY_CONNECTED',
    build(c) {
      const [ax, ay] = [c.bool('adj_x'), c.bool('adj_y')];
      const w = c.input(1);
      if (constWeight(w) && !ax) return [fullyConnected(c, w, ay, (c.input(0)?.shape.length ?? 2) !== 2)];
      return [c.make('BATCH_MATMUL', [c.input(0), w], { type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(ax, ay) })];
    },
  };
}

function pool(tf: string, tflite: string): OpRow {
  return {
    tf, tflite, version: v.pool,
    check: (c) => nhwc(c) ?? spatial(c, 'ksize') ?? spatial(c, 'strides') ?? (['SAME', 'VALID'].includes(c.str('padding')) ? undefined : `padding ${c.str('padding')}`),
    options(c) {
      const [k, s] = [c.list('ksize'), c.list('strides')];
      return { type: BuiltinOptions.Pool2DOptions, value: new Pool2DOptionsT(padding(c), s[2] ?? 1, s[1] ?? 1, k[2] ?? 1, k[1] ?? 1, NONE) };
    },
  };
}

const transposeConv: OpRow = {
  tf: 'Conv2DBackpropInput', tflite: 'TRANSPOSE_CONV', version: v.transposeConv,
  check(c) {
    const f = c.input(1);
    if (!c.ints(0)) return 'output_shape is not a constant';
    if (!f?.data || f.dtype !== 'float32' || f.shape.length !== 4) return 'the filter is not a float constant of rank 4';
    if (!['SAME', 'VALID'].includes(c.str('padding'))) return `padding ${c.str('padding')}`;
    if (c.list('dilations').some((d) => d !== 1)) return 'dilated transposed convolution';
    return nhwc(c) ?? spatial(c, 'strides');
  },
  build(c) {
    const f = c.input(1)!;
    const [h, w, o, i] = f.shape as [number, number, number, number];
    const weights = c.g.constant(c.name, 'float32', [o, h, w, i], transposeData(f.data!, f.shape, [2, 0, 1, 3], 4));
    const s = c.list('strides');
    const opts = new TransposeConvOptionsT(padding(c), s[2] ?? 1, s[1] ?? 1, NONE);
    return [c.make('TRANSPOSE_CONV', [c.int32Input(0), weights, c.input(2), null], { type: BuiltinOptions.TransposeConvOptions, value: opts })];
  },
};

const unary = (tf: string, tflite: string, version: OpRow['version'] = v.one): OpRow => ({ tf, tflite, version, inputs: [0] });

export const NN_ROWS: readonly OpRow[] = [
  conv2d, depthwise, matmul, batchMatmul('BatchMatMul'), batchMatmul('BatchMatMulV2'), batchMatmul('BatchMatMulV3'),
  pool('AvgPool', 'AVERAGE_POOL_2D'), pool('MaxPool', 'MAX_POOL_2D'), transposeConv,
  unary('Relu', 'RELU', v.relu), unary('Relu6', 'RELU6', v.int16Three), unary('Sigmoid', 'LOGISTIC', v.logisticTanh),
  unary('Tanh', 'TANH', v.logisticTanh), unary('Elu', 'ELU'), unary('_HardSwish', 'HARD_SWISH'),
  {
    tf: 'LeakyRelu', tflite: 'LEAKY_RELU', version: v.leakyRelu, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.LeakyReluOptions, value: new LeakyReluOptionsT(c.num('alpha', 0.2)) }),
  },
  {
    tf: 'Softmax', tflite: 'SOFTMAX', version: v.int16Three, inputs: [0],
    options: () => ({ type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(1) }),
  },
  unary('LogSoftmax', 'LOG_SOFTMAX', v.int8Two),
  {
    tf: '_Gelu', tflite: 'GELU', version: v.gelu, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.GeluOptions, value: new GeluOptionsT(c.bool('approximate')) }),
  },
  { tf: '_Prelu', tflite: 'PRELU', version: v.one, inputs: [0, 1] },
];
