/**
 * Reference reductions over f32 data (the definition the webgpu kernels are tested against, bit for bit).
 *
 * minMax works on order keys: the f32 bit pattern b maps to the u32 key ~b when negative and b | 0x80000000
 * otherwise, whose unsigned order is the total order of floats (-Inf < … < -0 < +0 < … < +Inf). NaNs are skipped;
 * the identities key(+Inf) / key(-Inf) make an empty input give [+Inf, -Inf]. No float compare is involved, so the
 * result is exact whatever the platform does with denormals.
 *
 * histogram evaluates bin(v) = clamp(floor((v − lo) · scale), 0, bins − 1) with Math.fround after each operation,
 * i.e. the f32 arithmetic the GPU does (f64 then round to f32 equals the correctly rounded f32 result for one +, −,
 * ×). ±Inf go to the edge bins; NaNs are skipped.
 */

const KEY_POS_INF = 0xff800000;
const KEY_NEG_INF = 0x007fffff;

export function orderKey(bits: number): number {
  return (bits & 0x80000000 ? ~bits : bits | 0x80000000) >>> 0;
}

export function keyToBits(key: number): number {
  return (key & 0x80000000 ? key & 0x7fffffff : ~key) >>> 0;
}

/** [min, max] of `x` ignoring NaN; [+Inf, -Inf] when nothing is left. */
export function minMaxF32(x: Float32Array): Float32Array {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  let lo = KEY_POS_INF;
  let hi = KEY_NEG_INF;
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    if ((b & 0x7fffffff) >>> 0 > 0x7f800000) continue; // NaN
    const k = orderKey(b);
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const out = new Float32Array(2);
  const outBits = new Uint32Array(out.buffer);
  outBits[0] = keyToBits(lo);
  outBits[1] = keyToBits(hi);
  return out;
}

/** Fixed-bin counts with edge clamping; `lo`, `scale` from `histogramParams` (already f32). */
export function histogramF32(x: Float32Array, bins: number, lo: number, scale: number): Uint32Array {
  const counts = new Uint32Array(bins);
  const last = bins - 1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== v) continue; // NaN
    let b: number;
    if (v === Infinity) b = last;
    else if (v === -Infinity) b = 0;
    else {
      const t = Math.fround(Math.fround(v - lo) * scale);
      b = t < 1 ? 0 : t >= bins ? last : Math.floor(t);
    }
    counts[b]++;
  }
  return counts;
}
