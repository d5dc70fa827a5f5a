/**
 * Constant values for the folding evaluator: a dtype, a shape and the elements as JS numbers (row-major). Floats are
 * computed in double precision and rounded to the tensor's type when stored (`Math.fround` for float32), integers
 * wrap like the TF kernels (int32 two's complement); int64 goes through Number (exact below 2^53, enough for shapes
 * and indices). Encoding/decoding is little-endian, as the IR stores constant data.
 */
import type { DType } from '../../ir/dtype.ts';
import type { Tensor } from '../../ir/graph.ts';

export interface Value {
  dtype: DType;
  shape: number[];
  data: Float64Array;
}

/** Dtypes the evaluator computes with. */
const SUPPORTED = new Set<DType>(['float32', 'float64', 'float16', 'int32', 'int64', 'int16', 'int8', 'uint8', 'uint16', 'uint32', 'bool']);

export function supportedDtype(d: DType): boolean {
  return SUPPORTED.has(d);
}

export const isFloat = (d: DType): boolean => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function value(dtype: DType, shape: number[], data: ArrayLike<number>): Value {
  const v: Value = { dtype, shape: [...shape], data: Float64Array.from(data) };
  return normalize(v);
}

export function scalar(dtype: DType, x: number): Value {
  return value(dtype, [], [x]);
}

/** Rounds/wraps every element to what `dtype` can hold. */
export function normalize(v: Value): Value {
  const d = v.data;
  const fix = roundFn(v.dtype);
  if (fix) for (let i = 0; i < d.length; i++) d[i] = fix(d[i]!);
  return v;
}

function roundFn(dtype: DType): ((x: number) => number) | undefined {
  switch (dtype) {
    case 'float32': return Math.fround;
    case 'float16': return (x) => halfToFloat(floatToHalf(x));
    case 'int32': return (x) => Math.trunc(x) | 0;
    case 'int16': return (x) => (Math.trunc(x) << 16) >> 16;
    case 'int8': return (x) => (Math.trunc(x) << 24) >> 24;
    case 'uint8': return (x) => Math.trunc(x) & 0xff;
    case 'uint16': return (x) => Math.trunc(x) & 0xffff;
    case 'uint32': return (x) => Math.trunc(x) >>> 0;
    case 'int64': return (x) => Math.trunc(x);
    case 'bool': return (x) => (x ? 1 : 0);
    default: return undefined;
  }
}

/** The value of a constant tensor, or undefined (not constant, or a dtype the evaluator does not handle). */
export function valueOf(t: Tensor | null | undefined): Value | undefined {
  if (!t || !t.data || !supportedDtype(t.dtype)) return undefined;
  if (t.shape.some((d) => d < 0)) return undefined;
  const n = sizeOf(t.shape);
  const bytes = t.data;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(n);
  const step = BYTES[t.dtype]!;
  if (bytes.byteLength < n * step) return undefined;
  for (let i = 0; i < n; i++) {
    const o = i * step;
    switch (t.dtype) {
      case 'float32': out[i] = view.getFloat32(o, true); break;
      case 'float64': out[i] = view.getFloat64(o, true); break;
      case 'float16': out[i] = halfToFloat(view.getUint16(o, true)); break;
      case 'int32': out[i] = view.getInt32(o, true); break;
      case 'int64': out[i] = Number(view.getBigInt64(o, true)); break;
      case 'int16': out[i] = view.getInt16(o, true); break;
      case 'int8': out[i] = view.getInt8(o); break;
      case 'uint8': case 'bool': out[i] = view.getUint8(o); break;
      case 'uint16': out[i] = view.getUint16(o, true); break;
      case 'uint32': out[i] = view.getUint32(o, true); break;
      default: return undefined;
    }
  }
  return { dtype: t.dtype, shape: [...t.shape], data: out };
}

const BYTES: Partial<Record<DType, number>> = {
  float32: 4, float64: 8, float16: 2, int32: 4, int64: 8, int16: 2, int8: 1, uint8: 1, bool: 1, uint16: 2, uint32: 4,
};

/** Little-endian bytes of `v` in its dtype. */
export function encode(v: Value): Uint8Array {
  const n = v.data.length;
  const step = BYTES[v.dtype];
  if (step === undefined) throw new TypeError(`cannot encode ${v.dtype}`);
  const bytes = new Uint8Array(n * step);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const x = v.data[i]!;
    const o = i * step;
    switch (v.dtype) {
      case 'float32': view.setFloat32(o, x, true); break;
      case 'float64': view.setFloat64(o, x, true); break;
      case 'float16': view.setUint16(o, floatToHalf(x), true); break;
      case 'int32': view.setInt32(o, x, true); break;
      case 'int64': view.setBigInt64(o, BigInt(Math.trunc(x)), true); break;
      case 'int16': view.setInt16(o, x, true); break;
      case 'int8': view.setInt8(o, x); break;
      case 'uint8': case 'bool': view.setUint8(o, x); break;
      case 'uint16': view.setUint16(o, x, true); break;
      case 'uint32': view.setUint32(o, x, true); break;
      default: break;
    }
  }
  return bytes;
}

/** Float32 contents of a constant tensor (a copy), or undefined. */
export function floatsOf(t: Tensor | null | undefined): Float32Array | undefined {
  const v = valueOf(t);
  return v && isFloat(v.dtype) ? Float32Array.from(v.data) : undefined;
}

/** Integer contents of a constant tensor, or undefined. */
export function intsOf(t: Tensor | null | undefined): number[] | undefined {
  const v = valueOf(t);
  return v && !isFloat(v.dtype) ? Array.from(v.data) : undefined;
}

export function float32Bytes(a: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(a).buffer);
}

export function int32Bytes(a: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Int32Array.from(a).buffer);
}

/** Row-major strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** `data` (row-major, `shape`) with its axes permuted: out.shape[i] = shape[perm[i]]. */
export function transposeData<T extends Float64Array | Float32Array | Uint8Array>(data: T, shape: readonly number[], perm: readonly number[], elementBytes = 1): T {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = stridesOf(shape);
  const n = sizeOf(shape);
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += idx[i]! * inStrides[perm[i]!]!;
    for (let b = 0; b < elementBytes; b++) out[o * elementBytes + b] = data[src * elementBytes + b]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++idx[i]! < outShape[i]!) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** IEEE half bits → number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** number → IEEE half bits (round to nearest even). */
export function floatToHalf(x: number): number {
  const f32 = new Float32Array([x]);
  const u = new Uint32Array(f32.buffer)[0]!;
  const sign = (u >>> 16) & 0x8000;
  const exp = (u >>> 23) & 0xff;
  let mant = u & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}
