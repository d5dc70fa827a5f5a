/**
 * The `Backend` interface every compute backend implements: `webgpu` (kernels/*.wgsl, src/runtime/webgpu/) and
 * `cpu` (plain TypeScript, src/runtime/cpu/, the reference the tests compare against).
 *
 * Tensors are device-resident handles: `upload` copies host data in, ops take and return handles without touching
 * the host (so a chain of ops, e.g. an interpreter running a graph or a calibration observer, never round-trips),
 * and only `read` brings data back (async, the one place that waits for the device). Ops enqueue work and return at
 * once; errors the device reports surface in the next `read`. Every handle is owned by the caller: `dispose` it
 * when done (the webgpu backend recycles its buffer).
 *
 * Op semantics (identical on every backend; the cpu backend is the definition):
 * - `minMax(x)`: float32 [2] = [min, max] over all elements. NaNs are ignored; -0 counts as below +0; an empty
 *   (or all-NaN) tensor gives [+Inf, -Inf], the identities, so results can be folded across batches.
 * - `histogram(x, bins, lo, hi)`: uint32 [bins]. bin(v) = clamp(floor((v − lo) · scale), 0, bins − 1) in f32
 *   arithmetic with scale = f32(bins / f32(hi − lo)). Values outside [lo, hi] (and ±Inf) are counted in the edge
 *   bins rather than dropped, so the counts always sum to the number of non-NaN elements and a calibration observer
 *   sees how much mass sits at the clip points; NaNs are ignored. Requires lo < hi (finite) and 1 ≤ bins ≤ 2^24.
 * - `matMul(a, b)`: float32 [M, K] × [K, N] → [M, N]; each element accumulated in f32 as acc + a·b for k = 0…K−1.
 * - `matMulInt8(a, b)`: int8 [M, K] × [K, N] → int32 [M, N], exact (i32 wrap-around, none for K < 131072).
 */

/** Element types a backend tensor can hold, with the typed array that carries them on the host. */
export interface DTypeArrays {
  float32: Float32Array;
  int32: Int32Array;
  int8: Int8Array;
  uint32: Uint32Array;
}
export type TensorDType = keyof DTypeArrays;
export type TensorArray = DTypeArrays[TensorDType];
/** The dtype of a host typed array. */
export type DTypeOf<A extends TensorArray> = A extends Float32Array ? 'float32'
  : A extends Int32Array ? 'int32'
  : A extends Int8Array ? 'int8'
  : A extends Uint32Array ? 'uint32'
  : never;

export type BackendName = 'webgpu' | 'cpu';

/** A handle to a tensor that lives on a backend (in a GPU buffer for `webgpu`). */
export interface Tensor<D extends TensorDType = TensorDType> {
  /** The backend that owns it; passing it to another backend is a usage error. */
  readonly backend: BackendName;
  readonly dtype: D;
  readonly shape: readonly number[];
  /** Element count (product of shape; 1 for a scalar). */
  readonly size: number;
  /** True once disposed; any further use is a usage error. */
  readonly disposed: boolean;
}

export interface Backend {
  readonly name: BackendName;
  /** One line for the UI / CLI, e.g. the adapter summary. */
  readonly description: string;

  /** Copies `data` to the backend as a tensor of `shape` (its element count must equal `data.length`). */
  upload<A extends TensorArray>(data: A, shape: readonly number[]): Tensor<DTypeOf<A>>;
  /** Copies a tensor back to the host (waits for the work that produces it). */
  read<D extends TensorDType>(t: Tensor<D>): Promise<DTypeArrays[D]>;
  /** Frees a tensor. Disposing twice is allowed and does nothing. */
  dispose(t: Tensor): void;

  minMax(x: Tensor<'float32'>): Tensor<'float32'>;
  histogram(x: Tensor<'float32'>, bins: number, lo: number, hi: number): Tensor<'uint32'>;
  matMul(a: Tensor<'float32'>, b: Tensor<'float32'>): Tensor<'float32'>;
  matMulInt8(a: Tensor<'int8'>, b: Tensor<'int8'>): Tensor<'int32'>;

  /** Frees everything the backend holds (tensors become unusable). In Node this lets the process exit. */
  destroy(): void;
}
