/**
 * Argument checks and small helpers both backends share, so they reject the same bad calls with the same
 * `UsageError` text and agree on derived values (histogram scale, element counts).
 */
import { UsageError } from '../errors.ts';
import type { BackendName, DTypeArrays, Tensor, TensorArray, TensorDType } from './backend.ts';

/** Largest histogram bin count either backend accepts (keeps f32(bins) exact). */
export const MAX_BINS = 1 << 24;

export function dtypeOfArray(a: TensorArray): TensorDType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Uint32Array) return 'uint32';
  throw new UsageError(`upload: unsupported array type ${Object.prototype.toString.call(a)}`);
}

/** A typed array of `dtype` with `n` elements. */
export function allocArray<D extends TensorDType>(dtype: D, n: number): DTypeArrays[D] {
  const ctors = { float32: Float32Array, int32: Int32Array, int8: Int8Array, uint32: Uint32Array } as const;
  return new ctors[dtype](n) as DTypeArrays[D];
}

/** A typed array of `dtype` viewing (not copying) `buffer`, `n` elements from byte 0. */
export function viewArray<D extends TensorDType>(dtype: D, buffer: ArrayBuffer, n: number): DTypeArrays[D] {
  const ctors = { float32: Float32Array, int32: Int32Array, int8: Int8Array, uint32: Uint32Array } as const;
  return new ctors[dtype](buffer, 0, n) as DTypeArrays[D];
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new UsageError(`bad shape [${shape.join(', ')}]: dims must be integers ≥ 0`);
    n *= d;
  }
  return n;
}

export function checkUpload(data: TensorArray, shape: readonly number[]): number {
  const n = elementCount(shape);
  if (n !== data.length) throw new UsageError(`upload: shape [${shape.join(', ')}] has ${n} elements, data has ${data.length}`);
  return n;
}

/** Checks a tensor handle is live, belongs to `backend` and has `dtype`. */
export function checkTensor(op: string, t: Tensor, backend: BackendName, dtype?: TensorDType): void {
  if (t.backend !== backend) throw new UsageError(`${op}: tensor belongs to the ${t.backend} backend, not ${backend}`);
  if (t.disposed) throw new UsageError(`${op}: tensor was disposed`);
  if (dtype && t.dtype !== dtype) throw new UsageError(`${op}: expected a ${dtype} tensor, got ${t.dtype}`);
}

/** [M, K, N] of a matrix product, after checking both operands are rank 2 with matching inner dims. */
export function matMulDims(op: string, a: Tensor, b: Tensor): [number, number, number] {
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new UsageError(`${op}: expected rank-2 operands, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  const [m, k] = a.shape as [number, number];
  const [k2, n] = b.shape as [number, number];
  if (k !== k2) throw new UsageError(`${op}: inner dims differ: [${m}, ${k}] × [${k2}, ${n}]`);
  return [m, k, n];
}

/** The f32 histogram parameters both backends use: lo as f32 and scale = f32(bins / f32(hi − lo)). */
export function histogramParams(bins: number, lo: number, hi: number): { lo: number; scale: number } {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new UsageError(`histogram: bins must be an integer in [1, ${MAX_BINS}], got ${bins}`);
  }
  const lo32 = Math.fround(lo);
  const width = Math.fround(Math.fround(hi) - lo32);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(width > 0) || !Number.isFinite(width)) {
    throw new UsageError(`histogram: need finite lo < hi (as float32), got lo=${lo} hi=${hi}`);
  }
  const scale = Math.fround(bins / width);
  if (!Number.isFinite(scale) || scale <= 0) throw new UsageError(`histogram: range [${lo}, ${hi}] too narrow for ${bins} bins`);
  return { lo: lo32, scale };
}
