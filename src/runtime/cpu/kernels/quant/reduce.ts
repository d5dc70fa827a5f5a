/**
 * MEAN and SUM on quantized tensors (reduce.cc → reference_ops::QuantizedMeanOrSum), int8 / uint8 / int16:
 * S = Σ q over the reduced axes (int32), n = #reduced elements, (m, e) = QuantizeMultiplier(s_in / s_out) (double);
 * for MEAN the 1/n is folded into the multiplier: k = min(⌊log2 n⌋, 32, 31 + e), m' = ⌊m·2^k / n⌋, e' = e − k;
 * out = clamp(MBQM(S − zp_in·n, m', e') + zp_out).
 *
 * Departures of LiteRT.js (litert mode): MEAN over H and W of a 4-D int8 tensor with keep_dims runs in XNNPACK's
 * reduce, float32: out = clamp(round-half-even(fp32(S − zp_in·n) · fp32(fp32(s_in/s_out) · fp32(1/n))) + zp_out) —
 * this reproduces LiteRT.js on all but 2 of ~1,200 outputs in our sweep (1 LSB). MEAN/SUM over other axes run
 * LiteRT's optimized float kernels (SUM casting to int8 without saturation), which we have not reproduced: both modes
 * use the reference arithmetic there, within 1 LSB of LiteRT.js when SUM does not wrap.
 */
import { ReducerOptionsT } from '../../../../formats/tflite/generated/tflite/reducer-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { multiplyByQuantizedMultiplier, quantizeMultiplier, roundHalfEven } from '../../quant-math.ts';
import { normAxis, optionsOf, req, toInts } from '../float/util.ts';
import { newQOutput, outParams, qdata, qparams, quantizedRange } from './q-util.ts';

/** Output shape and, for every input element, the index of the output it reduces into. */
function reduction(node: Node, inputs: readonly (HostTensor | null)[]): { outShape: number[]; target: Int32Array; outSize: number; n: number; axes: number[] } {
  const input = req(node, inputs, 0);
  const rank = input.shape.length;
  const axes = [...new Set(toInts(req(node, inputs, 1)).map((a) => normAxis(a, rank, node.op)))].sort((a, b) => a - b);
  const keep = optionsOf(node, ReducerOptionsT).keepDims;
  const reduced = new Set(axes);
  const outShape: number[] = [];
  input.shape.forEach((d, i) => { if (!reduced.has(i)) outShape.push(d); else if (keep) outShape.push(1); });
  // strides of the output over the kept axes
  const kept = input.shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const outStrides = new Map<number, number>();
  let s = 1;
  for (let j = kept.length - 1; j >= 0; j--) { outStrides.set(kept[j]!, s); s *= input.shape[kept[j]!]!; }
  const outSize = s;
  const size = input.data.length;
  const target = new Int32Array(size);
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    let o = 0;
    for (const a of kept) o += idx[a]! * outStrides.get(a)!;
    target[i] = o;
    for (let d = rank - 1; d >= 0; d--) { if (++idx[d]! < input.shape[d]!) break; idx[d] = 0; }
  }
  let n = 1;
  for (const a of axes) n *= input.shape[a]!;
  return { outShape, target, outSize, n, axes };
}

function meanOrSum(node: Node, inputs: readonly (HostTensor | null)[], mean: boolean, ctx: KernelContext): HostTensor[] {
  const input = req(node, inputs, 0);
  const x = qdata(input, node.op);
  const pi = qparams(input, node.op, 'input');
  const po = outParams(node);
  const { outShape, target, outSize, n, axes } = reduction(node, inputs);
  const out = newQOutput(node, outShape);
  const y = out.data;
  const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
  if (x.length === 0 || n === 0) return [out];
  const sums = new Float64Array(outSize);
  for (let i = 0; i < x.length; i++) sums[target[i]!]! += x[i]!;
  const spatial = mean && input.dtype === 'int8' && input.shape.length === 4 && optionsOf(node, ReducerOptionsT).keepDims &&
    axes.length === 2 && axes[0] === 1 && axes[1] === 2;
  let m: number;
  let e: number;
  if (spatial && ctx.integerArithmetic === 'litert') {
    const fr = Math.fround;
    const scale = fr(fr(pi.scale / po.scale) * fr(1 / n));
    for (let o = 0; o < outSize; o++) {
      const v = roundHalfEven(fr(fr(sums[o]! - pi.zeroPoint * n) * scale)) + po.zeroPoint;
      y[o] = v < qmin ? qmin : v > qmax ? qmax : v;
    }
    return [out];
  } else {
    ({ multiplier: m, shift: e } = quantizeMultiplier(pi.scale / po.scale));
    if (mean) {
      let k = Math.floor(Math.log2(n));
      if (2 ** k > n) k--;
      k = Math.min(k, 32, 31 + e);
      m = Number((BigInt(m) << BigInt(k)) / BigInt(n));
      e -= k;
    }
  }
  for (let o = 0; o < outSize; o++) {
    const v = multiplyByQuantizedMultiplier((sums[o]! - pi.zeroPoint * n) | 0, m, e) + po.zeroPoint;
    y[o] = v < qmin ? qmin : v > qmax ? qmax : v;
  }
  return [out];
}

export const reduceKernels = {
  mean: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => meanOrSum(node, inputs, true, ctx),
  sum: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => meanOrSum(node, inputs, false, ctx),
};
