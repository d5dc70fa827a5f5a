/**
 * Helpers the CPU kernels share (float and dtype-generic; the integer kernels may use them too): typed-array
 * allocation per dtype, reading int tensors (shapes, axes, paddings), broadcasting, axis normalisation, fused
 * activations, TFLite's padding rule, and the builtin-options accessor.
 *
 * Fused activation (TFLite `ActivationFunctionWithMinMax`): y = min(max(x, lo), hi) with [lo, hi] = NONE (−∞, ∞),
 * RELU [0, ∞), RELU_N1_TO_1 [−1, 1], RELU6 [0, 6]. TFLite's float kernels ignore TANH / SIGN_BIT there
 * (`CalculateActivationRange` has no case for them); we refuse them instead of silently skipping.
 *
 * Padding (TFLite `ComputePaddingHeightWidth`): with the dilated filter e = (k − 1)·d + 1,
 * out = SAME ? ⌈in / s⌉ : ⌈(in − e + 1) / s⌉, total = max((out − 1)·s + e − in, 0), before = ⌊total / 2⌋.
 */
import type { DType, NumericArray } from '../../../../ir/dtype.ts';
import type { Node, Quantization } from '../../../../ir/graph.ts';
import { ActivationFunctionType } from '../../../../formats/tflite/generated/tflite/activation-function-type.ts';
import { Padding } from '../../../../formats/tflite/generated/tflite/padding.ts';
import type { HostTensor } from '../../kernel-api.ts';

type ArrayCtor = new (n: number) => NumericArray;
const CTORS: Partial<Record<DType, ArrayCtor>> = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, int16: Int16Array, int8: Int8Array,
  uint8: Uint8Array, bool: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, int64: BigInt64Array,
  uint64: BigUint64Array, float16: Uint16Array, bfloat16: Uint16Array,
};

/** A zeroed typed array for `n` elements of `dtype` (float16/bfloat16 as their raw uint16 bits). */
export function allocArray(dtype: DType, n: number): NumericArray {
  const C = CTORS[dtype];
  if (!C) throw new TypeError(`no host array type for dtype ${dtype}`);
  return new C(n);
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function isBigArray(a: NumericArray): a is BigInt64Array | BigUint64Array {
  return a instanceof BigInt64Array || a instanceof BigUint64Array;
}

/** True for the dtypes whose host array holds JS numbers (everything but int64/uint64). */
export function isNumberArray(a: NumericArray): a is Exclude<NumericArray, BigInt64Array | BigUint64Array> {
  return !isBigArray(a);
}

/** The elements of an integer tensor (int32, int64, int16, int8, uint8…) as JS numbers: shapes, axes, paddings. */
export function toInts(t: HostTensor): number[] {
  const a = t.data;
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number(a[i]!);
  return out;
}

/** The output tensor `i` of `node` with `shape` and `data`, taking dtype and quantization from the IR. */
export function outputOf(node: Node, i: number, shape: number[], data: NumericArray): HostTensor {
  const t = node.outputs[i];
  if (!t) throw new RangeError(`${node.op} has no output ${i}`);
  return { dtype: t.dtype, shape, data, quantization: t.quantization };
}

/** A fresh output `i` of `node` (dtype from the IR) with `shape`. */
export function newOutput(node: Node, i: number, shape: number[]): HostTensor {
  const t = node.outputs[i];
  if (!t) throw new RangeError(`${node.op} has no output ${i}`);
  return { dtype: t.dtype, shape, data: allocArray(t.dtype, sizeOf(shape)), quantization: t.quantization };
}

/** Input `i`, which must be present. */
export function req(node: Node, inputs: readonly (HostTensor | null)[], i: number): HostTensor {
  const t = inputs[i];
  if (!t) throw new RangeError(`${node.op}: input ${i} is missing`);
  return t;
}

/** The builtin options of `node` if they are of class `C`, else C's defaults (TFLite's defaults for absent options). */
export function optionsOf<T extends object>(node: Node, C: new () => T): T {
  const v = node.options?.value;
  return v instanceof C ? v : new C();
}

export function normAxis(axis: number, rank: number, op: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!(a >= 0 && a < Math.max(rank, 1))) throw new RangeError(`${op}: axis ${axis} out of range for rank ${rank}`);
  return a;
}

/** NumPy broadcasting of two shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new RangeError(`${op}: shapes [${a}] and [${b}] do not broadcast`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen from an output of rank `rank` (0 on broadcast dimensions). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const s = stridesOf(shape);
  const out = new Array<number>(rank).fill(0);
  for (let i = 0; i < shape.length; i++) {
    const o = rank - shape.length + i;
    out[o] = shape[i] === 1 && outShape[o] !== 1 ? 0 : s[i]!;
  }
  return out;
}

/**
 * Calls `body(offA, offB, offOut, n, strideA, strideB)` for each innermost row of the broadcast of `aShape` and
 * `bShape` to `outShape`: the row's `n` elements are at offA + j·strideA, offB + j·strideB, offOut + j.
 */
export function forEachBroadcastRow(
  aShape: readonly number[], bShape: readonly number[], outShape: readonly number[],
  body: (offA: number, offB: number, offOut: number, n: number, strideA: number, strideB: number) => void,
): void {
  const rank = outShape.length;
  const total = sizeOf(outShape);
  if (total === 0) return;
  if (rank === 0) {
    body(0, 0, 0, 1, 0, 0);
    return;
  }
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const n = outShape[rank - 1]!;
  const idx = new Array<number>(rank - 1).fill(0);
  let offA = 0;
  let offB = 0;
  for (let offOut = 0; offOut < total; offOut += n) {
    body(offA, offB, offOut, n, sa[rank - 1]!, sb[rank - 1]!);
    for (let d = rank - 2; d >= 0; d--) {
      idx[d]!++;
      offA += sa[d]!;
      offB += sb[d]!;
      if (idx[d]! < outShape[d]!) break;
      offA -= sa[d]! * outShape[d]!;
      offB -= sb[d]! * outShape[d]!;
      idx[d] = 0;
    }
  }
}

/** [lo, hi] of a fused activation on float outputs. */
export function activationRange(act: ActivationFunctionType, op: string): [number, number] {
  switch (act) {
    case ActivationFunctionType.NONE: return [-Infinity, Infinity];
    case ActivationFunctionType.RELU: return [0, Infinity];
    case ActivationFunctionType.RELU_N1_TO_1: return [-1, 1];
    case ActivationFunctionType.RELU6: return [0, 6];
    default: throw new RangeError(`${op}: fused activation ${ActivationFunctionType[act] ?? act} is not supported (TFLite ignores it on this op)`);
  }
}

/** Applies the clamp of a fused activation in place. */
export function applyActivation(data: Float32Array, act: ActivationFunctionType, op: string): void {
  if (act === ActivationFunctionType.NONE) return;
  const [lo, hi] = activationRange(act, op);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    data[i] = v < lo ? lo : v > hi ? hi : v;
  }
}

/** Output size and leading padding of one spatial dimension (TFLite `ComputePaddingHeightWidth`). */
export function convDim(padding: Padding, inSize: number, filter: number, stride: number, dilation: number): { out: number; pad: number } {
  if (!(stride >= 1) || !(dilation >= 1)) throw new RangeError(`stride ${stride} and dilation ${dilation} must be ≥ 1`);
  const eff = (filter - 1) * dilation + 1;
  const out = padding === Padding.VALID ? Math.floor((inSize - eff + stride) / stride) : Math.floor((inSize + stride - 1) / stride);
  if (out < 0) throw new RangeError(`filter ${filter} (dilation ${dilation}) larger than input ${inSize} with VALID padding`);
  const total = Math.max((out - 1) * stride + eff - inSize, 0);
  return { out: Math.max(out, 0), pad: Math.floor(total / 2) };
}

/** Float data of a float32 tensor, or a clear error for another dtype. */
export function f32(t: HostTensor, op: string, what = 'input'): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new TypeError(`${op}: ${what} is ${t.dtype}, expected float32`);
  return t.data;
}

/** Same quantization (or both none): data movement keeps quantized values valid only then. */
export function sameQuantization(a: Quantization | null, b: Quantization | null): boolean {
  if (!a || !b || a.scale.length === 0 || b.scale.length === 0) return (!a || a.scale.length === 0) === (!b || b.scale.length === 0);
  return a.scale.length === b.scale.length && a.scale.every((s, i) => s === b.scale[i]) &&
    a.zeroPoint.every((z, i) => z === b.zeroPoint[i]) && (a.scale.length === 1 || a.axis === b.axis);
}

/** For dtype-generic data movement on quantized tensors: input and output must share scale and zero point. */
export function checkSameQuantization(node: Node, input: HostTensor, outIndex = 0): void {
  const q = node.outputs[outIndex]?.quantization ?? null;
  if (input.quantization?.scale.length && q?.scale.length && !sameQuantization(input.quantization, q)) {
    throw new RangeError(`${node.op}: input and output quantization differ (scale ${input.quantization.scale[0]} vs ${q.scale[0]}), which needs requantization`);
  }
}

/** The zero point to pad quantized data with (0 for float and unquantized tensors). */
export function zeroPointOf(q: Quantization | null): number {
  return q && q.zeroPoint.length ? q.zeroPoint[0]! : 0;
}

/** Round half to even (IEEE default rounding, `std::nearbyint`; what XNNPACK's conversions do). NaN stays NaN. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
}

/** Round half away from zero (`std::round`, TFLite's `TfLiteRound`). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * A typed array seen as indexable elements, for dtype-generic copies between arrays of the same dtype (number or
 * bigint elements alike); callers only ever pair arrays of one dtype.
 */
export type Elements = { [i: number]: number | bigint; readonly length: number };

/** Copies `n` contiguous elements between arrays of the same dtype. */
export function copyBlock(dst: NumericArray, dOff: number, src: NumericArray, sOff: number, n: number): void {
  if (dst.constructor !== src.constructor) throw new TypeError(`copy between ${src.constructor.name} and ${dst.constructor.name}`);
  // Same constructor, so `set` copies element for element; the cast only merges the union for the type checker.
  (dst as Float64Array).set((src as Float64Array).subarray(sOff, sOff + n), dOff);
}
