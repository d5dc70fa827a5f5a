/**
 * Quantized binary element-wise ops with NumPy broadcasting: ADD, SUB, MUL, SQUARED_DIFFERENCE (int8 / uint8 /
 * int16), following TFLite's kernels (add.cc, sub.cc, mul.cc, squared_difference.cc) and, in `litert` arithmetic
 * mode, the XNNPACK delegate's QS8 kernels for ADD/SUB/MUL.
 *
 * ADD / SUB (reference_integer_ops::AddElementwise, reference_ops::SubElementwise): with left_shift = 20 (8-bit) or
 * 15 (16-bit), M = 2·max(s1, s2), each input is rescaled
 * a_i = MultiplyByQuantizedMultiplierSmallerThanOneExp((q_i − zp_i)·2^left_shift, s_i / M),
 * then out = clamp(MBQMSmallerThanOneExp(a_1 ± a_2, M / (2^left_shift · s_out)) + zp_out).
 * int16 ADD/SUB with pot_scale_int16 and power-of-two scales (the LSTM path): out = sat16(q_a + RDBPOT(q_b, shift)).
 * XNNPACK qs8 add (xnn_init_qs8_add_minmax_scalar_params): r_i = s_i / s_out in float, shift = 20 − exponent(max r),
 * m_i = lrintf(r_i · 2^shift) (negative for SUB's b), out = clamp(((2^(shift−1) − m_a·zp_a − m_b·zp_b) + m_a·q_a +
 * m_b·q_b) >> shift + zp_out); used when both ratios lie in [2^−10, 2^8), else TFLite's arithmetic.
 *
 * MUL (reference_integer_ops::MulElementwise): out = clamp(zp_out + MBQM((q1 − zp1)·(q2 − zp2), s1·s2/s_out)).
 * XNNPACK qs8 mul: round-half-even(fp32((q1 − zp1)(q2 − zp2)) · fp32(fp32(s1·s2)/s_out)) + zp_out.
 *
 * SQUARED_DIFFERENCE (reference_ops SquaredDifference, int8): left_shift 7, inputs rescaled as for ADD, then
 * d = a_1 − a_2, out = clamp(MBQM(d², (2·max s)² / (2^14 · s_out)) + zp_out).
 */
import { AddOptionsT } from '../../../../formats/tflite/generated/tflite/add-options.ts';
import { MulOptionsT } from '../../../../formats/tflite/generated/tflite/mul-options.ts';
import { SubOptionsT } from '../../../../formats/tflite/generated/tflite/sub-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import {
  frexp, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierSmallerThanOneExp, quantizeMultiplier,
  quantizeMultiplierSmallerThanOneExp, roundHalfEven, roundingDivideByPOT,
} from '../../quant-math.ts';
import { broadcastShapes, forEachBroadcastRow, optionsOf, req } from '../float/util.ts';
import { newQOutput, outParams, outputClamp, qdata, qparams, xnnpackClamp } from './q-util.ts';

type ElementFn = (a: number, b: number) => number;

/** Runs `f(qa, qb)` (already clamped by `f`) over the broadcast of the two inputs. */
function binary(node: Node, inputs: readonly (HostTensor | null)[], f: ElementFn): HostTensor[] {
  const a = req(node, inputs, 0);
  const b = req(node, inputs, 1);
  const xa = qdata(a, node.op, 'input 0');
  const xb = qdata(b, node.op, 'input 1');
  const outShape = broadcastShapes(a.shape, b.shape, node.op);
  const out = newQOutput(node, outShape);
  const y = out.data;
  forEachBroadcastRow(a.shape, b.shape, outShape, (oa, ob, oo, n, sa, sb) => {
    for (let j = 0; j < n; j++) y[oo + j] = f(xa[oa + j * sa]!, xb[ob + j * sb]!);
  });
  return [out];
}

/** CheckedLog2: log2(x) rounded, if x is within 1e-3 (in log2) of a power of two. */
function checkedLog2(x: number): number | null {
  if (!(x > 0)) return null;
  const l = Math.fround(Math.fround(Math.log(x)) * Math.fround(1 / Math.log(2)));
  const r = Math.round(l);
  return Math.abs(l - r) < 1e-3 ? r : null;
}

function addSub(node: Node, inputs: readonly (HostTensor | null)[], sign: 1 | -1, ctx: KernelContext): HostTensor[] {
  const opts = sign > 0 ? optionsOf(node, AddOptionsT) : optionsOf(node, SubOptionsT);
  const a = req(node, inputs, 0);
  const b = req(node, inputs, 1);
  const pa = qparams(a, node.op, 'input 0');
  const pb = qparams(b, node.op, 'input 1');
  const po = outParams(node);
  const [lo, hi] = outputClamp(node, opts.fusedActivationFunction);
  const dtype = node.outputs[0]!.dtype;

  if (dtype === 'int16' && opts.potScaleInt16) {
    const la = checkedLog2(pa.scale);
    const lb = checkedLog2(pb.scale);
    const lo2 = checkedLog2(po.scale);
    if (la !== null && lb !== null && lo2 !== null) {
      const shiftA = la - lo2;
      const shiftB = lb - lo2;
      if ((shiftA !== 0 && shiftB !== 0) || shiftA > 0 || shiftB > 0) throw new RangeError(`${node.op}: int16 power-of-two scales need one input at the output scale`);
      const sat = (v: number) => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
      const f: ElementFn = shiftA === 0
        ? (qa, qb) => { const v = sat(qa + sign * roundingDivideByPOT(qb, -shiftB)); return v < lo ? lo : v > hi ? hi : v; }
        : (qa, qb) => { const v = sat(roundingDivideByPOT(qa, -shiftA) + sign * qb); return v < lo ? lo : v > hi ? hi : v; };
      return binary(node, inputs, f);
    }
  }

  if (ctx.integerArithmetic === 'litert' && dtype === 'int8') {
    const fr = Math.fround;
    const ra = fr(pa.scale / po.scale);
    const rb = fr(pb.scale / po.scale);
    if (ra >= 2 ** -10 && rb >= 2 ** -10 && ra < 256 && rb < 256) {
      const shift = 20 - (frexp(Math.max(ra, rb))[1] - 1); // 20 − unbiased float exponent of the larger ratio
      const ma = roundHalfEven(ra * 2 ** shift);
      const mb = sign * roundHalfEven(rb * 2 ** shift);
      const bias = 2 ** (shift - 1) - ma * pa.zeroPoint - mb * pb.zeroPoint;
      const [xlo, xhi] = xnnpackClamp(node, opts.fusedActivationFunction);
      return binary(node, inputs, (qa, qb) => {
        const v = ((bias + ma * qa + mb * qb) >> shift) + po.zeroPoint;
        return v < xlo ? xlo : v > xhi ? xhi : v;
      });
    }
  }

  const leftShift = dtype === 'int16' ? 15 : 20;
  const twiceMax = 2 * Math.max(pa.scale, pb.scale);
  const m1 = quantizeMultiplierSmallerThanOneExp(pa.scale / twiceMax);
  const m2 = quantizeMultiplierSmallerThanOneExp(pb.scale / twiceMax);
  const realOut = twiceMax / (2 ** leftShift * po.scale);
  const mo = realOut > 1 && sign < 0 ? quantizeMultiplier(realOut) : quantizeMultiplierSmallerThanOneExp(realOut);
  const scaleUp = 2 ** leftShift;
  return binary(node, inputs, (qa, qb) => {
    const s1 = multiplyByQuantizedMultiplierSmallerThanOneExp(((qa - pa.zeroPoint) * scaleUp) | 0, m1.multiplier, m1.shift);
    const s2 = multiplyByQuantizedMultiplierSmallerThanOneExp(((qb - pb.zeroPoint) * scaleUp) | 0, m2.multiplier, m2.shift);
    const v = multiplyByQuantizedMultiplierSmallerThanOneExp((s1 + sign * s2) | 0, mo.multiplier, mo.shift) + po.zeroPoint;
    return v < lo ? lo : v > hi ? hi : v;
  });
}

function mul(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, MulOptionsT);
  const pa = qparams(req(node, inputs, 0), node.op, 'input 0');
  const pb = qparams(req(node, inputs, 1), node.op, 'input 1');
  const po = outParams(node);
  if (ctx.integerArithmetic === 'litert' && node.outputs[0]!.dtype === 'int8') {
    const fr = Math.fround;
    const scale = fr(fr(pa.scale * pb.scale) / po.scale);
    if (scale >= 2 ** -16 && scale < 256) {
      const [xlo, xhi] = xnnpackClamp(node, opts.fusedActivationFunction);
      return binary(node, inputs, (qa, qb) => {
        const v = roundHalfEven(fr((qa - pa.zeroPoint) * (qb - pb.zeroPoint) * scale)) + po.zeroPoint;
        return v < xlo ? xlo : v > xhi ? xhi : v;
      });
    }
  }
  const [lo, hi] = outputClamp(node, opts.fusedActivationFunction);
  const m = quantizeMultiplier((pa.scale * pb.scale) / po.scale);
  return binary(node, inputs, (qa, qb) => {
    const v = po.zeroPoint + multiplyByQuantizedMultiplier(((qa - pa.zeroPoint) * (qb - pb.zeroPoint)) | 0, m.multiplier, m.shift);
    return v < lo ? lo : v > hi ? hi : v;
  });
}

function squaredDifference(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const pa = qparams(req(node, inputs, 0), node.op, 'input 0');
  const pb = qparams(req(node, inputs, 1), node.op, 'input 1');
  const po = outParams(node);
  const [lo, hi] = outputClamp(node, 0);
  const leftShift = 7;
  const twiceMax = 2 * Math.max(pa.scale, pb.scale);
  const m1 = quantizeMultiplierSmallerThanOneExp(pa.scale / twiceMax);
  const m2 = quantizeMultiplierSmallerThanOneExp(pb.scale / twiceMax);
  const mo = quantizeMultiplier((twiceMax * twiceMax) / (2 ** (2 * leftShift) * po.scale));
  return binary(node, inputs, (qa, qb) => {
    const s1 = multiplyByQuantizedMultiplierSmallerThanOneExp((qa - pa.zeroPoint) * 128, m1.multiplier, m1.shift);
    const s2 = multiplyByQuantizedMultiplierSmallerThanOneExp((qb - pb.zeroPoint) * 128, m2.multiplier, m2.shift);
    const d = s1 - s2;
    const v = multiplyByQuantizedMultiplier(Math.imul(d, d), mo.multiplier, mo.shift) + po.zeroPoint;
    return v < lo ? lo : v > hi ? hi : v;
  });
}

export const elementwiseKernels = {
  add: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => addSub(node, inputs, 1, ctx),
  sub: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => addSub(node, inputs, -1, ctx),
  mul,
  squaredDifference,
};
