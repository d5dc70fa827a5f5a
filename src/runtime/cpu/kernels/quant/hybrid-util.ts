/**
 * On-the-fly input quantization of TFLite's hybrid (dynamic-range) kernels, float32 arithmetic mirrored with
 * Math.fround (tensor_utils::PortableSymmetricQuantizeFloats / PortableAsymmetricQuantizeFloats):
 *
 * symmetric: range = max(|min x|, |max x|); s = range / 127, q = clamp((int)round(x · (127 / range)), −127, 127)
 *   (range 0 → all zeros, s = 1);
 * asymmetric: rmin = min(0, min x), rmax = max(0, max x) in double, s = (rmax − rmin) / 255,
 *   zp = round(the zero point from min or max, whichever has the smaller error) clamped to [−128, 127],
 *   q = clamp((int)round(zp + x · (1 / s)), −128, 127) with s stored as float32.
 * The dequantized dot product is then (Σ w·q − zp·Σ w) · (s · w_scale) added to the float output.
 */

import { roundHalfEven } from '../../quant-math.ts';

const fr = Math.fround;

/** round half away from zero. */
const round = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

export function quantizeRowSymmetric(values: Float32Array, q: Int8Array): { scale: number; zeroPoint: number } {
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < values.length; i++) { const v = values[i]!; if (v < mn) mn = v; if (v > mx) mx = v; }
  const range = Math.max(Math.abs(mn), Math.abs(mx));
  if (range === 0 || values.length === 0) { q.fill(0); return { scale: 1, zeroPoint: 0 }; }
  const scale = fr(range / 127);
  const inv = fr(127 / range);
  for (let i = 0; i < values.length; i++) {
    const v = round(fr(values[i]! * inv));
    q[i] = v > 127 ? 127 : v < -127 ? -127 : v;
  }
  return { scale, zeroPoint: 0 };
}

export function quantizeRowAsymmetric(values: Float32Array, q: Int8Array): { scale: number; zeroPoint: number } {
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < values.length; i++) { const v = values[i]!; if (v < mn) mn = v; if (v > mx) mx = v; }
  const rmin = Math.min(0, mn);
  const rmax = Math.max(0, mx);
  if (rmin === rmax) { q.fill(0); return { scale: 1, zeroPoint: 0 }; }
  const scaleD = (rmax - rmin) / 255;
  const zpFromMin = -128 - rmin / scaleD;
  const zpFromMax = 127 - rmax / scaleD;
  const errMin = 128 + Math.abs(rmin / scaleD);
  const errMax = 127 + Math.abs(rmax / scaleD);
  const zpD = errMin < errMax ? zpFromMin : zpFromMax;
  const zp = zpD <= -128 ? -128 : zpD >= 127 ? 127 : round(zpD);
  const scale = fr(scaleD);
  const inv = fr(1 / scale);
  for (let i = 0; i < values.length; i++) {
    const v = round(fr(zp + fr(values[i]! * inv)));
    q[i] = v > 127 ? 127 : v < -128 ? -128 : v;
  }
  return { scale, zeroPoint: zp };
}

/**
 * XNNPACK's dynamic quantization (qd8, xnn_qd8_asymmetric_quantization_params + the f32→qs8 convert), which the
 * XNNPACK delegate uses for dynamic-range FULLY_CONNECTED / CONV_2D: float32 throughout,
 * rmin = min(0, min x), rmax = max(0, max x), m = 255 / (rmax − rmin) (1 when equal),
 * zp = lrintf(clamp(−128 − rmin·m if (−128 + rmin·m) + (127 + rmax·m) > 0 else 127 − rmax·m)),
 * q = lrintf(clamp(x·m, −128 − zp, 127 − zp)) + zp; the dequantization factor is 1 / m.
 */
export function quantizeRowXnnpack(values: Float32Array, q: Int8Array): { invScale: number; zeroPoint: number } {
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < values.length; i++) { const v = values[i]!; if (v < mn) mn = v; if (v > mx) mx = v; }
  const rmin = Math.min(0, mn);
  const rmax = Math.max(0, mx);
  const m = rmin === rmax ? 1 : fr(255 / fr(rmax - rmin));
  const dmin = fr(rmin * m);
  const dmax = fr(rmax * m);
  let zpf = fr(fr(-128 + dmin) + fr(127 + dmax)) > 0 ? fr(-128 - dmin) : fr(127 - dmax);
  zpf = Math.min(Math.max(zpf, -128), 127);
  const zp = roundHalfEven(zpf);
  const lo = -128 - zp;
  const hi = 127 - zp;
  for (let i = 0; i < values.length; i++) {
    let v = fr(values[i]! * m);
    v = v < lo ? lo : v > hi ? hi : v;
    q[i] = roundHalfEven(v) + zp;
  }
  return { invScale: fr(1 / m), zeroPoint: zp };
}
