/**
 * Weight quantization maths shared by the post-training quantization passes.
 *
 * Symmetric int8 (TFLite's `SymmetricQuantizeFloats`, narrow range, zero point 0), per tensor or per channel along
 * `axis` (the values w of one channel c):
 *
 *   range_c = max |w|            scale_c = range_c / 127            q = clamp(round(w × 127 / range_c), −127, 127)
 *
 * computed in float32 as TFLite does (`scale` and the inverse `127 / range` are float32, the product w × inv is
 * rounded to float32 before `round`, which rounds half away from zero). A channel of zeros gets scale 1 and q = 0
 * (any scale represents it exactly; TFLite's kernels divide by nothing). Dequantized: w' = scale_c × q, so
 * |w − w'| ≤ scale_c / 2 = range_c / 254.
 *
 * Float16 (IEEE binary16, round to nearest even; `floatToHalf`): |w − w'| ≤ 2^−11 |w| for normal halves.
 */
import { floatToHalf, halfToFloat } from '../passes/fold/values.ts';

export interface SymmetricInt8 {
  data: Int8Array;
  /** One scale per channel (per-channel) or a single scale (per-tensor). */
  scales: number[];
}

const f32 = Math.fround;

/** round half away from zero (C's `std::round`). */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** One channel's float32 scale and inverse from its max |w|. */
function scaleOf(range: number): { scale: number; inv: number } {
  if (!(range > 0)) return { scale: 1, inv: 0 };
  return { scale: f32(range / 127), inv: f32(127 / range) };
}

/**
 * Symmetric int8 quantization of `values` (row-major, `shape`): per channel along `axis`, or per tensor when `axis`
 * is null.
 */
export function quantizeSymmetricInt8(values: Float32Array, shape: readonly number[], axis: number | null): SymmetricInt8 {
  const n = values.length;
  const channels = axis === null ? 1 : shape[axis]!;
  // Element i's channel: (i / inner) % channels, with inner = product of the dims after `axis`.
  const inner = axis === null ? n : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const channelOf = (i: number): number => (axis === null ? 0 : Math.floor(i / inner) % channels);
  const range = new Float32Array(channels);
  for (let i = 0; i < n; i++) {
    const c = channelOf(i);
    const a = Math.abs(values[i]!);
    if (a > range[c]!) range[c] = a;
  }
  const params = Array.from(range, scaleOf);
  const data = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const { inv } = params[channelOf(i)]!;
    const q = roundHalfAway(f32(values[i]! * inv));
    data[i] = Math.max(-127, Math.min(127, q));
  }
  return { data, scales: params.map((p) => p.scale) };
}

/** w' = scale_c × q, the values the hybrid kernels effectively use. */
export function dequantizeSymmetricInt8(q: SymmetricInt8, shape: readonly number[], axis: number | null): Float32Array {
  const n = q.data.length;
  const channels = axis === null ? 1 : shape[axis]!;
  const inner = axis === null ? n : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = q.scales[axis === null ? 0 : Math.floor(i / inner) % channels]! * q.data[i]!;
  return out;
}

/** float32 values → little-endian IEEE half bytes. */
export function float16Bytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(2 * i, floatToHalf(values[i]!), true);
  return out;
}

/** Little-endian IEEE half bytes → float32 values. */
export function float16Values(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 2);
  for (let i = 0; i < out.length; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
  return out;
}

/** The float32 contents of a constant's bytes (little-endian). */
export function float32Values(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}
