/**
 * int8 ADD / SUB / MUL with NumPy broadcasting on the GPU (kernels/i8_binary.wgsl), bit-identical to the CPU kernels
 * (cpu/kernels/quant/elementwise.ts) in both integer arithmetic modes. The parameters are derived here exactly as the
 * CPU derives them; with d_i = q_i − zp_i:
 *   ADD/SUB reference (left_shift 20): M = 2·max(s_1, s_2), (m_i, e_i) = QuantizeMultiplierSmallerThanOneExp(s_i / M),
 *     (m_o, e_o) = that of M / (2^20 · s_out);  s_i = MBQM(d_i · 2^20, m_i, e_i);
 *     out = clamp(MBQM(s_1 ± s_2, m_o, e_o) + zp_out, CalculateActivationRangeQuantized).
 *   ADD/SUB litert (XNNPACK qs8 add, when both r_i = fp32(s_i / s_out) ∈ [2^−10, 2^8)): shift = 20 − exponent(max r),
 *     m_i = lrintf(r_i · 2^shift) (negated for SUB's b), bias = 2^(shift−1) − m_1·zp_1 − m_2·zp_2;
 *     out = clamp(((bias + m_1·q_1 + m_2·q_2) >> shift) + zp_out, xnnpackClamp); else the reference arithmetic.
 *   MUL reference: (m, e) = QuantizeMultiplier(s_1·s_2 / s_out); out = clamp(MBQM(d_1·d_2, m, e) + zp_out).
 *   MUL litert (XNNPACK qs8 mul, when scale = fp32(fp32(s_1·s_2) / s_out) ∈ [2^−16, 2^8)):
 *     out = clamp(round_half_even(fp32(d_1·d_2) · scale) + zp_out, xnnpackClamp); else the reference arithmetic.
 * SUB whose output multiplier exceeds 1 and int16 (incl. pot_scale_int16) stay on the CPU.
 */
import { AddOptionsT } from '../../../../formats/tflite/generated/tflite/add-options.ts';
import { MulOptionsT } from '../../../../formats/tflite/generated/tflite/mul-options.ts';
import { SubOptionsT } from '../../../../formats/tflite/generated/tflite/sub-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { Backend } from '../../../backend.ts';
import type { KernelContext } from '../../../cpu/kernel-api.ts';
import { broadcastShapes, optionsOf, stridesOf } from '../../../cpu/kernels/float/util.ts';
import { outputClamp, xnnpackClamp } from '../../../cpu/kernels/quant/q-util.ts';
import { frexp, quantizeMultiplier, quantizeMultiplierSmallerThanOneExp, roundHalfEven } from '../../../cpu/quant-math.ts';
import type { I8Field } from '../../kernels/i8-kernels.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { gpuOf, i32Field, i8In, i8Out, qp, u32Field } from './util.ts';

const fr = Math.fround;
const MAX_RANK = 8;

/** The uniform words the kernel reads before the shape arrays (see the WGSL header). */
interface BinaryParams {
  op: 0 | 1 | 2 | 3; sign: number; lo: number; hi: number;
  m1: number; e1: number; m2: number; e2: number; mo: number; eo: number; scale: number;
}

const NO_PARAMS = { m1: 0, e1: 0, m2: 0, e2: 0, mo: 0, eo: 0, scale: 0 };

/** `values` right-aligned into MAX_RANK slots, the leading ones `fill`. */
function padded(values: readonly number[], fill: number): I8Field[] {
  if (values.length > MAX_RANK) throw new RangeError(`rank ${values.length} > ${MAX_RANK} is not supported on the GPU`);
  return new Array<number>(MAX_RANK - values.length).fill(fill).concat(values).map(u32Field);
}

/** Element strides of `shape` seen from the broadcast `out` (0 on broadcast dims). */
function bStrides(shape: readonly number[], out: readonly number[]): number[] {
  const s = stridesOf(shape);
  return out.map((_, o) => {
    const i = o - (out.length - shape.length);
    return i < 0 || shape[i] === 1 ? 0 : s[i]!;
  });
}

function addSubParams(node: Node, a: GpuValue, b: GpuValue, sign: 1 | -1, ctx: KernelContext): BinaryParams {
  const act = sign > 0 ? optionsOf(node, AddOptionsT).fusedActivationFunction : optionsOf(node, SubOptionsT).fusedActivationFunction;
  const pa = qp(a.quantization, node.op, 'input 0');
  const pb = qp(b.quantization, node.op, 'input 1');
  const po = qp(node.outputs[0]!.quantization, node.op, 'output');
  if (ctx.integerArithmetic === 'litert') {
    const ra = fr(pa.scale / po.scale);
    const rb = fr(pb.scale / po.scale);
    if (ra >= 2 ** -10 && rb >= 2 ** -10 && ra < 256 && rb < 256) {
      const shift = 20 - (frexp(Math.max(ra, rb))[1] - 1);
      const ma = roundHalfEven(ra * 2 ** shift);
      const mb = sign * roundHalfEven(rb * 2 ** shift);
      const bias = 2 ** (shift - 1) - ma * pa.zeroPoint - mb * pb.zeroPoint;
      const [lo, hi] = xnnpackClamp(node, act);
      return { ...NO_PARAMS, op: 1, sign, lo, hi, m1: ma, m2: mb, mo: bias, eo: shift };
    }
  }
  const twiceMax = 2 * Math.max(pa.scale, pb.scale);
  const m1 = quantizeMultiplierSmallerThanOneExp(pa.scale / twiceMax);
  const m2 = quantizeMultiplierSmallerThanOneExp(pb.scale / twiceMax);
  const realOut = twiceMax / (2 ** 20 * po.scale);
  if (realOut >= 1) throw new RangeError(`${node.op}: output multiplier ${realOut} ≥ 1 is not supported on the GPU`);
  const mo = quantizeMultiplierSmallerThanOneExp(realOut);
  const [lo, hi] = outputClamp(node, act);
  return { ...NO_PARAMS, op: 0, sign, lo, hi, m1: m1.multiplier, e1: m1.shift, m2: m2.multiplier, e2: m2.shift, mo: mo.multiplier, eo: mo.shift };
}

function mulParams(node: Node, a: GpuValue, b: GpuValue, ctx: KernelContext): BinaryParams {
  const act = optionsOf(node, MulOptionsT).fusedActivationFunction;
  const pa = qp(a.quantization, node.op, 'input 0');
  const pb = qp(b.quantization, node.op, 'input 1');
  const po = qp(node.outputs[0]!.quantization, node.op, 'output');
  if (ctx.integerArithmetic === 'litert') {
    const scale = fr(fr(pa.scale * pb.scale) / po.scale);
    if (scale >= 2 ** -16 && scale < 256) {
      const [lo, hi] = xnnpackClamp(node, act);
      return { ...NO_PARAMS, op: 3, sign: 1, lo, hi, scale };
    }
  }
  const m = quantizeMultiplier((pa.scale * pb.scale) / po.scale);
  const [lo, hi] = outputClamp(node, act);
  return { ...NO_PARAMS, op: 2, sign: 1, lo, hi, mo: m.multiplier, eo: m.shift };
}

function binary(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext, params: (a: GpuValue, b: GpuValue) => BinaryParams): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const a = i8In(node, inputs, 0);
  const b = i8In(node, inputs, 1);
  const p = params(a, b);
  const zo = qp(node.outputs[0]!.quantization, node.op, 'output').zeroPoint;
  const za = qp(a.quantization, node.op, 'input 0').zeroPoint;
  const zb = qp(b.quantization, node.op, 'input 1').zeroPoint;
  const shape = broadcastShapes(a.shape, b.shape, node.op);
  const total = shape.reduce((x, y) => x * y, 1);
  const y = gpu.empty('int8', shape);
  if (total > 0) {
    const fields: I8Field[] = [u32Field(total), u32Field(p.op), ...[p.sign, p.lo, p.hi, za, zb, zo, p.m1, p.e1, p.m2, p.e2, p.mo, p.eo].map(i32Field), { f32: p.scale }, u32Field(0),
      ...padded(shape, 1), ...padded(bStrides(a.shape, shape), 0), ...padded(bStrides(b.shape, shape), 0)];
    gpu.dispatch('i8_binary', { count: Math.ceil(total / 4), fields }, [y], [a.tensor, b.tensor]);
  }
  return [i8Out(node, y, shape)];
}

registerGpuOpKernel('ADD', 'int8', (node, inputs, backend, ctx) => binary(node, inputs, backend, ctx, (a, b) => addSubParams(node, a, b, 1, ctx)));
registerGpuOpKernel('SUB', 'int8', (node, inputs, backend, ctx) => binary(node, inputs, backend, ctx, (a, b) => addSubParams(node, a, b, -1, ctx)));
registerGpuOpKernel('MUL', 'int8', (node, inputs, backend, ctx) => binary(node, inputs, backend, ctx, (a, b) => mulParams(node, a, b, ctx)));
