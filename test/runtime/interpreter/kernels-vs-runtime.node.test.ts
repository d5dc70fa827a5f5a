/**
 * Each float / generic kernel against the real TFLite runtime (LiteRT.js, else tfjs-tflite) on one-op models
 * written with `writeTflite`, on seeded random inputs: float outputs within max|Δ| / max|ref| ≤ 1e-5, integer and
 * data-movement outputs exactly. The cases are the configurations where TFLite's conventions decide the result:
 * SAME padding with strides and dilation, depth multipliers, transpose-conv padding, pooling at the borders,
 * broadcasting, each resize coordinate mode, strided-slice masks, QUANTIZE rounding (ties included).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivationFunctionType as Act } from '../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../src/formats/tflite/generated/tflite/add-options.ts';
import { BatchMatMulOptionsT } from '../../../src/formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { ConcatenationOptionsT } from '../../../src/formats/tflite/generated/tflite/concatenation-options.ts';
import { Conv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../src/formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { GatherOptionsT } from '../../../src/formats/tflite/generated/tflite/gather-options.ts';
import { GeluOptionsT } from '../../../src/formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../../../src/formats/tflite/generated/tflite/leaky-relu-options.ts';
import { MirrorPadMode } from '../../../src/formats/tflite/generated/tflite/mirror-pad-mode.ts';
import { MirrorPadOptionsT } from '../../../src/formats/tflite/generated/tflite/mirror-pad-options.ts';
import { MulOptionsT } from '../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { Padding } from '../../../src/formats/tflite/generated/tflite/padding.ts';
import { Pool2DOptionsT } from '../../../src/formats/tflite/generated/tflite/pool2doptions.ts';
import { ReducerOptionsT } from '../../../src/formats/tflite/generated/tflite/reducer-options.ts';
import { ResizeBilinearOptionsT } from '../../../src/formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../../../src/formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import { SoftmaxOptionsT } from '../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { StridedSliceOptionsT } from '../../../src/formats/tflite/generated/tflite/strided-slice-options.ts';
import { SubOptionsT } from '../../../src/formats/tflite/generated/tflite/sub-options.ts';
import { TransposeConvOptionsT } from '../../../src/formats/tflite/generated/tflite/transpose-conv-options.ts';
import type { DType } from '../../../src/ir/dtype.ts';
import type { Tensor } from '../../../src/ir/graph.ts';
import { Interpreter } from '../../../src/runtime/interpreter/index.ts';
import { Rng } from '../../../src/util/random.ts';
import { runReference, type RuntimeArray } from '../../harness/reference-runtime.ts';
import { act, BuiltinOptions, constant, oneOpModel, quant, type OneOp } from './op-model.ts';

const rng = new Rng(20240611);
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const rand = (s: number[], lo = -2, hi = 2) => rng.float32Array(size(s), lo, hi);
const cw = (name: string, s: number[], lo = -1, hi = 1) => constant(name, 'float32', s, rand(s, lo, hi));
const ci = (name: string, v: number[], s = [v.length]) => constant(name, 'int32', s, Int32Array.from(v));
const x = (s: number[], dtype: DType = 'float32') => act('x', dtype, s);
const y = (dtype: DType = 'float32') => act('y', dtype, [1]);

interface Case { name: string; spec: OneOp; feeds?: RuntimeArray[]; exact?: boolean }

function c(name: string, op: string, inputs: (Tensor | null)[], options?: OneOp['options'], extra: Partial<Case> & { out?: Tensor } = {}): Case {
  return { name, spec: { op, inputs, outputs: [extra.out ?? y()], options }, feeds: extra.feeds, exact: extra.exact };
}

const conv = (p: Padding, s: number, d: number, a = Act.NONE) => ({ type: BuiltinOptions.Conv2DOptions, value: new Conv2DOptionsT(p, s, s, a, d, d) });
const dw = (p: Padding, s: number, m: number, d: number, a = Act.NONE) => ({ type: BuiltinOptions.DepthwiseConv2DOptions, value: new DepthwiseConv2DOptionsT(p, s, s, m, a, d, d) });
const pool = (p: Padding, s: number, f: number) => ({ type: BuiltinOptions.Pool2DOptions, value: new Pool2DOptionsT(p, s, s, f, f, Act.NONE) });
const ss = (b: number, e: number, el: number, na: number, sh: number) => ({ type: BuiltinOptions.StridedSliceOptions, value: new StridedSliceOptionsT(b, e, el, na, sh) });
const bil = (a: boolean, h: boolean) => ({ type: BuiltinOptions.ResizeBilinearOptions, value: new ResizeBilinearOptionsT(a, h) });
const nn = (a: boolean, h: boolean) => ({ type: BuiltinOptions.ResizeNearestNeighborOptions, value: new ResizeNearestNeighborOptionsT(a, h) });
const red = (k: boolean) => ({ type: BuiltinOptions.ReducerOptions, value: new ReducerOptionsT(k) });

const cases: Case[] = [
  c('CONV_2D SAME stride 2, bias, RELU', 'CONV_2D', [x([1, 9, 9, 3]), cw('w', [4, 3, 3, 3]), cw('b', [4])], conv(Padding.SAME, 2, 1, Act.RELU)),
  c('CONV_2D SAME stride 2, even input', 'CONV_2D', [x([2, 8, 6, 3]), cw('w', [5, 3, 3, 3]), cw('b', [5])], conv(Padding.SAME, 2, 1)),
  c('CONV_2D VALID dilation 2', 'CONV_2D', [x([1, 8, 8, 2]), cw('w', [3, 3, 3, 2]), cw('b', [3])], conv(Padding.VALID, 1, 2)),
  c('CONV_2D SAME dilation 2', 'CONV_2D', [x([1, 7, 6, 3]), cw('w', [2, 3, 3, 3]), cw('b', [2])], conv(Padding.SAME, 1, 2, Act.RELU6)),
  c('CONV_2D 1×1 stride 2 VALID', 'CONV_2D', [x([1, 5, 5, 4]), cw('w', [6, 1, 1, 4]), cw('b', [6])], conv(Padding.VALID, 2, 1)),
  c('DEPTHWISE_CONV_2D SAME stride 2, multiplier 2, RELU6', 'DEPTHWISE_CONV_2D', [x([1, 8, 8, 3]), cw('w', [1, 3, 3, 6]), cw('b', [6])], dw(Padding.SAME, 2, 2, 1, Act.RELU6)),
  c('DEPTHWISE_CONV_2D VALID dilation 2', 'DEPTHWISE_CONV_2D', [x([1, 9, 7, 4]), cw('w', [1, 3, 3, 4]), cw('b', [4])], dw(Padding.VALID, 1, 1, 2)),
  c('DEPTHWISE_CONV_2D SAME 5×5 stride 1', 'DEPTHWISE_CONV_2D', [x([2, 6, 6, 2]), cw('w', [1, 5, 5, 2]), cw('b', [2])], dw(Padding.SAME, 1, 1, 1)),
  c('TRANSPOSE_CONV SAME stride 2', 'TRANSPOSE_CONV', [ci('shape', [1, 8, 8, 2]), cw('w', [2, 3, 3, 4]), x([1, 4, 4, 4])],
    { type: BuiltinOptions.TransposeConvOptions, value: new TransposeConvOptionsT(Padding.SAME, 2, 2) }),
  c('TRANSPOSE_CONV VALID stride 2', 'TRANSPOSE_CONV', [ci('shape', [1, 9, 9, 2]), cw('w', [2, 3, 3, 3]), x([1, 4, 4, 3])],
    { type: BuiltinOptions.TransposeConvOptions, value: new TransposeConvOptionsT(Padding.VALID, 2, 2) }),
  c('AVERAGE_POOL_2D SAME stride 2 filter 3', 'AVERAGE_POOL_2D', [x([1, 7, 7, 2])], pool(Padding.SAME, 2, 3)),
  c('MAX_POOL_2D SAME stride 2 filter 3', 'MAX_POOL_2D', [x([1, 7, 8, 2])], pool(Padding.SAME, 2, 3)),
  c('AVERAGE_POOL_2D VALID stride 1', 'AVERAGE_POOL_2D', [x([2, 5, 5, 3])], pool(Padding.VALID, 1, 2)),
  c('FULLY_CONNECTED keep_num_dims, batch', 'FULLY_CONNECTED', [x([2, 3, 16]), cw('w', [5, 16]), cw('b', [5])],
    { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT(Act.RELU, 0, true) }),
  c('BATCH_MATMUL adj_y, broadcast', 'BATCH_MATMUL', [x([2, 3, 4]), cw('b', [1, 5, 4])], { type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(false, true) }),
  c('BATCH_MATMUL adj_x', 'BATCH_MATMUL', [x([2, 4, 3]), cw('b', [2, 4, 2])], { type: BuiltinOptions.BatchMatMulOptions, value: new BatchMatMulOptionsT(true, false) }),
  c('ADD broadcast + RELU', 'ADD', [x([2, 1, 3]), cw('b', [4, 1])], { type: BuiltinOptions.AddOptions, value: new AddOptionsT(Act.RELU) }),
  c('SUB broadcast', 'SUB', [x([3, 1]), cw('b', [1, 4])], { type: BuiltinOptions.SubOptions, value: new SubOptionsT(Act.NONE) }),
  c('MUL broadcast + RELU_N1_TO_1', 'MUL', [x([2, 3, 4]), cw('b', [4])], { type: BuiltinOptions.MulOptions, value: new MulOptionsT(Act.RELU_N1_TO_1) }),
  c('DIV', 'DIV', [x([2, 3]), cw('b', [3], 0.5, 2)]),
  c('SQUARED_DIFFERENCE', 'SQUARED_DIFFERENCE', [x([2, 3]), cw('b', [2, 1])]),
  c('MAXIMUM', 'MAXIMUM', [x([2, 3]), cw('b', [3])]),
  c('MINIMUM', 'MINIMUM', [x([2, 3]), cw('b', [1])]),
  c('SOFTMAX β = 0.5', 'SOFTMAX', [x([3, 7], )], { type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(0.5) }),
  c('LOG_SOFTMAX', 'LOG_SOFTMAX', [x([3, 7])]),
  c('LOGISTIC', 'LOGISTIC', [x([64])], undefined, { feeds: [rand([64], -20, 20)] }),
  c('TANH', 'TANH', [x([64])], undefined, { feeds: [rand([64], -5, 5)] }),
  c('HARD_SWISH', 'HARD_SWISH', [x([64])], undefined, { feeds: [rand([64], -5, 5)] }),
  c('ELU', 'ELU', [x([64])]),
  c('RELU6', 'RELU6', [x([64])], undefined, { feeds: [rand([64], -8, 8)] }),
  c('RELU_N1_TO_1', 'RELU_N1_TO_1', [x([64])]),
  c('LEAKY_RELU', 'LEAKY_RELU', [x([64])], { type: BuiltinOptions.LeakyReluOptions, value: new LeakyReluOptionsT(0.1) }),
  c('PRELU broadcast α', 'PRELU', [x([1, 3, 3, 2]), cw('a', [1, 1, 2], 0, 0.5)]),
  c('GELU approximate', 'GELU', [x([64])], { type: BuiltinOptions.GeluOptions, value: new GeluOptionsT(true) }, { feeds: [rand([64], -5, 5)] }),
  c('GELU exact', 'GELU', [x([64])], { type: BuiltinOptions.GeluOptions, value: new GeluOptionsT(false) }, { feeds: [rand([64], -5, 5)] }),
  c('MEAN over H, W keep_dims', 'MEAN', [x([2, 4, 5, 3]), ci('axes', [1, 2])], red(true)),
  c('SUM negative axis', 'SUM', [x([2, 4, 5]), ci('axes', [-1])], red(false)),
  c('REDUCE_MAX axes 0, 2', 'REDUCE_MAX', [x([2, 4, 5]), ci('axes', [0, 2])], red(false)),
  c('STRIDED_SLICE stride 2, begin/end masks', 'STRIDED_SLICE', [x([4, 6, 3]), ci('b', [1, 0, 0]), ci('e', [3, 5, 2]), ci('s', [1, 2, 1])], ss(0b100, 0b010, 0, 0, 0), { exact: true }),
  c('STRIDED_SLICE negative stride, shrink', 'STRIDED_SLICE', [x([4, 6, 3]), ci('b', [-1, 2, 1]), ci('e', [0, 0, 2]), ci('s', [-1, 1, 1])], ss(0b001, 0b010, 0, 0, 0b100), { exact: true }),
  c('STRIDED_SLICE ellipsis + new axis', 'STRIDED_SLICE', [x([2, 3, 4]), ci('b', [0, 0, 1]), ci('e', [0, 0, 3]), ci('s', [1, 1, 1])], ss(0, 0, 0b001, 0b010, 0), { exact: true }),
  c('SLICE', 'SLICE', [x([3, 4, 5]), ci('b', [1, 0, 2]), ci('s', [2, -1, 2])], undefined, { exact: true }),
  c('GATHER axis 1', 'GATHER', [x([3, 4, 2]), ci('i', [3, 0, 3], [3])], { type: BuiltinOptions.GatherOptions, value: new GatherOptionsT(1, 0) }, { exact: true }),
  c('CONCATENATION axis 1', 'CONCATENATION', [x([2, 2, 3]), cw('b', [2, 1, 3])], { type: BuiltinOptions.ConcatenationOptions, value: new ConcatenationOptionsT(1, Act.NONE) }, { exact: true }),
  c('TRANSPOSE', 'TRANSPOSE', [x([2, 3, 4]), ci('p', [2, 0, 1])], undefined, { exact: true }),
  c('PAD', 'PAD', [x([2, 3]), ci('p', [1, 0, 2, 1], [2, 2])], undefined, { exact: true }),
  c('MIRROR_PAD reflect', 'MIRROR_PAD', [x([3, 4]), ci('p', [2, 1, 1, 3], [2, 2])], { type: BuiltinOptions.MirrorPadOptions, value: new MirrorPadOptionsT(MirrorPadMode.REFLECT) }, { exact: true }),
  c('MIRROR_PAD symmetric', 'MIRROR_PAD', [x([3, 4]), ci('p', [2, 1, 1, 3], [2, 2])], { type: BuiltinOptions.MirrorPadOptions, value: new MirrorPadOptionsT(MirrorPadMode.SYMMETRIC) }, { exact: true }),
  c('RESIZE_BILINEAR up, asymmetric', 'RESIZE_BILINEAR', [x([1, 3, 4, 2]), ci('s', [7, 9])], bil(false, false)),
  c('RESIZE_BILINEAR up, align_corners', 'RESIZE_BILINEAR', [x([1, 3, 4, 2]), ci('s', [7, 9])], bil(true, false)),
  c('RESIZE_BILINEAR up, half_pixel_centers', 'RESIZE_BILINEAR', [x([1, 3, 4, 2]), ci('s', [7, 9])], bil(false, true)),
  c('RESIZE_BILINEAR down, half_pixel_centers', 'RESIZE_BILINEAR', [x([2, 9, 7, 1]), ci('s', [4, 3])], bil(false, true)),
  c('RESIZE_NEAREST_NEIGHBOR up, asymmetric', 'RESIZE_NEAREST_NEIGHBOR', [x([1, 3, 4, 2]), ci('s', [7, 9])], nn(false, false), { exact: true }),
  c('RESIZE_NEAREST_NEIGHBOR up, align_corners', 'RESIZE_NEAREST_NEIGHBOR', [x([1, 3, 4, 2]), ci('s', [7, 9])], nn(true, false), { exact: true }),
  c('RESIZE_NEAREST_NEIGHBOR up, half_pixel_centers', 'RESIZE_NEAREST_NEIGHBOR', [x([1, 3, 4, 2]), ci('s', [7, 9])], nn(false, true), { exact: true }),
  c('RESIZE_NEAREST_NEIGHBOR down, half_pixel_centers', 'RESIZE_NEAREST_NEIGHBOR', [x([1, 9, 7, 1]), ci('s', [4, 3])], nn(false, true), { exact: true }),
];

/** Values around rounding ties for QUANTIZE: (k + ½)·scale and its float neighbours, plus random values. */
function tieValues(scale: number, n: number): Float32Array {
  const out = new Float32Array(n);
  const one = new Float32Array(1);
  const bits = new Int32Array(one.buffer);
  for (let i = 0; i < n; i++) {
    if (i < n / 2) {
      one[0] = Math.fround((((i % 300) - 150) + 0.5) * Math.fround(scale));
      bits[0] = bits[0]! + (i % 5) - 2;
      out[i] = one[0]!;
    } else out[i] = rng.uniform(-300, 300) * scale;
  }
  return out;
}

for (const [dtype, scale, zp] of [['int8', 0.1, 3], ['int8', 0.023529412, -128], ['uint8', 0.3, 128], ['int16', 0.001, 0], ['int16', 1 / 3, 0]] as const) {
  cases.push(c(`QUANTIZE float → ${dtype} (scale ${scale}, zero point ${zp})`, 'QUANTIZE', [x([1, 2000])], undefined,
    { out: act('y', dtype, [1, 2000], quant(scale, zp)), feeds: [tieValues(scale, 2000)], exact: true }));
}
for (const [dtype, scale, zp] of [['int8', 0.1, 3], ['uint8', 0.3, 128], ['int16', 0.001, 0]] as const) {
  const ctor = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array }[dtype];
  const [lo, hi] = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767] }[dtype];
  const feed = new ctor(300);
  for (let i = 0; i < feed.length; i++) feed[i] = rng.int(lo!, hi!);
  cases.push(c(`DEQUANTIZE ${dtype} → float`, 'DEQUANTIZE', [act('x', dtype, [300], quant(scale, zp))], undefined, { feeds: [feed], exact: true }));
}

describe('float kernels vs the real TFLite runtime', { concurrency: 1 }, () => {
  for (const k of cases) {
    test(k.name, async () => {
      const inputs = k.spec.inputs.filter((t): t is Tensor => t !== null && !t.isConstant);
      const feeds = k.feeds ?? inputs.map((t) => rand(t.shape));
      // litert arithmetic: QUANTIZE rounds as the runtime does (float kernels ignore the option)
      const interp = await Interpreter.create(oneOpModel(k.spec), { integerArithmetic: 'litert' });
      const ours = await interp.run(feeds as Float32Array[]);
      // the model then declares the output shapes we computed (the runtime computes its own and reports them)
      k.spec.outputs.forEach((t, i) => { t.shape = [...ours[i]!.shape]; });
      const bytes = oneOpModel(k.spec);
      const ref = await runReference(bytes, feeds);
      assert.equal(ours.length, ref.outputs.length);
      ours.forEach((o, i) => {
        const r = ref.outputs[i]!;
        assert.deepEqual(o.shape, r.shape, 'shape');
        const a = Array.from(o.data as ArrayLike<number>);
        const b = Array.from(r.data);
        if (k.exact) {
          const bad = a.flatMap((v, j) => (v === b[j] || (Number.isNaN(v) && Number.isNaN(b[j]!)) ? [] : [`[${j}] ${v} vs ${b[j]}`]));
          assert.equal(bad.length, 0, `${bad.length} values differ from ${ref.runtime}: ${bad.slice(0, 5).join(', ')}`);
        } else {
          let diff = 0;
          let max = 0;
          a.forEach((v, j) => { diff = Math.max(diff, Math.abs(v - b[j]!)); max = Math.max(max, Math.abs(b[j]!)); });
          assert.ok(diff <= 1e-5 * max, `max |Δ| ${diff} vs max |ref| ${max} (${ref.runtime}): rel ${(diff / max).toExponential(2)}`);
        }
      });
    });
  }
});
