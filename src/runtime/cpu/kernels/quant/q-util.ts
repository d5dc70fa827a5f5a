/**
 * Helpers the integer kernels share: a tensor's per-tensor quantization (TFLite `params.scale/zero_point`), its
 * integer data, the output clamp of a fused activation, and the per-channel requantization parameters of
 * conv-like ops. Everything numeric is in `../../quant-math.ts`; this file only reads tensors.
 */
import type { DType } from '../../../../ir/dtype.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor } from '../../kernel-api.ts';
import { activationRangeQuantized, quantizedRange, roundHalfEven, type IntegerArithmetic } from '../../quant-math.ts';

export type QArray = Int8Array | Uint8Array | Int16Array;

export interface QParams {
  scale: number;
  zeroPoint: number;
}

/** Per-tensor scale and zero point of `t` (channel 0 of a per-channel tensor, as TFLite's `params` holds). */
export function qparams(t: { quantization: HostTensor['quantization']; dtype: DType }, op: string, what: string): QParams {
  const q = t.quantization;
  if (!q || q.scale.length === 0) throw new RangeError(`${op}: ${what} (${t.dtype}) has no quantization parameters`);
  return { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0] ?? 0 };
}

/** The output IR tensor `i` of `node` (dtype and quantization the kernel must produce). */
export function outTensor(node: Node, i = 0) {
  const t = node.outputs[i];
  if (!t) throw new RangeError(`${node.op} has no output ${i}`);
  return t;
}

/** Output quantization parameters of `node`. */
export function outParams(node: Node, i = 0): QParams {
  return qparams(outTensor(node, i), node.op, `output ${i}`);
}

/** The data of an int8 / uint8 / int16 tensor. */
export function qdata(t: HostTensor, op: string, what = 'input'): QArray {
  const d = t.data;
  if (d instanceof Int8Array || d instanceof Uint8Array || d instanceof Int16Array) {
    if (t.dtype === 'int8' || t.dtype === 'uint8' || t.dtype === 'int16') return d;
  }
  throw new TypeError(`${op}: ${what} is ${t.dtype}, expected int8, uint8 or int16`);
}

/** A zeroed array of a quantized dtype. */
export function allocQ(dtype: DType, n: number): QArray {
  switch (dtype) {
    case 'int8': return new Int8Array(n);
    case 'uint8': return new Uint8Array(n);
    case 'int16': return new Int16Array(n);
    default: throw new TypeError(`expected an int8, uint8 or int16 output, got ${dtype}`);
  }
}

/** A fresh quantized output `i` of `node` with `shape`. */
export function newQOutput(node: Node, shape: number[], i = 0): HostTensor & { data: QArray } {
  const t = outTensor(node, i);
  let n = 1;
  for (const d of shape) n *= d;
  return { dtype: t.dtype, shape, data: allocQ(t.dtype, n), quantization: t.quantization };
}

/**
 * The output clamp of an op XNNPACK delegates: `xnnpackClamp` in litert arithmetic `mode` for int8 outputs, else
 * TFLite's CalculateActivationRangeQuantized.
 */
export function delegatedClamp(node: Node, act: number, mode: IntegerArithmetic, i = 0): [number, number] {
  return mode === 'litert' && outTensor(node, i).dtype === 'int8' ? xnnpackClamp(node, act, i) : outputClamp(node, act, i);
}

/** The [min, max] clamp of `node`'s output with fused activation `act` (CalculateActivationRangeQuantized). */
export function outputClamp(node: Node, act: number, i = 0): [number, number] {
  const t = outTensor(node, i);
  const p = outParams(node, i);
  return activationRangeQuantized(act, t.dtype, p.scale, p.zeroPoint);
}

export { quantizedRange };

/**
 * The output clamp the XNNPACK delegate gives a fused activation on a quantized op: the float bounds of the
 * activation (none: ±∞, RELU [0, ∞), RELU_N1_TO_1 [−1, 1], RELU6 [0, 6]) quantized as
 * lrintf(clamp(bound / scale + zp)) — round half to even, float32 arithmetic (xnn_qs8_quantize).
 */
export function xnnpackClamp(node: Node, act: number, i = 0): [number, number] {
  const t = outTensor(node, i);
  const p = outParams(node, i);
  const [qmin, qmax] = quantizedRange(t.dtype);
  const bounds: Record<number, [number, number]> = { 0: [-Infinity, Infinity], 1: [0, Infinity], 2: [-1, 1], 3: [0, 6] };
  const b = bounds[act];
  if (!b) throw new RangeError(`${node.op}: fused activation ${act} is not supported on quantized kernels`);
  const fr = Math.fround;
  const q = (v: number): number => roundHalfEven(Math.min(Math.max(fr(fr(v / p.scale) + p.zeroPoint), qmin), qmax));
  return [q(b[0]), q(b[1])];
}

/** int32 bias data (or null), checked. */
export function int32Bias(t: HostTensor | null, n: number, op: string): Int32Array | null {
  if (!t) return null;
  if (!(t.data instanceof Int32Array)) throw new TypeError(`${op}: bias is ${t.dtype}, expected int32`);
  if (t.data.length < n) throw new RangeError(`${op}: bias has ${t.data.length} elements, needs ${n}`);
  return t.data;
}

/** int64 bias data of 16x8 kernels (or int32), as Numbers (exact below 2^53), or null. */
export function wideBias(t: HostTensor | null, n: number, op: string): Float64Array | null {
  if (!t) return null;
  const d = t.data;
  if (!(d instanceof BigInt64Array || d instanceof Int32Array)) throw new TypeError(`${op}: bias is ${t.dtype}, expected int64 or int32`);
  if (d.length < n) throw new RangeError(`${op}: bias has ${d.length} elements, needs ${n}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Number(d[i]!);
  return out;
}

/** Weight zero point: TFLite's int8 weights are symmetric (0); uint8 (legacy) weights carry one. */
export function filterZeroPoint(filter: HostTensor): number {
  return filter.quantization?.zeroPoint[0] ?? 0;
}
