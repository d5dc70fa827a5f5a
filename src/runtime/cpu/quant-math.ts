/**
 * TFLite's fixed-point requantization helpers, bit-exact with `tflite/kernels/internal/quantization_util.cc`,
 * `common.{h,cc}` and gemmlowp's `fixedpoint.h`, which every integer kernel in `kernels/quant/` builds on.
 *
 * A real multiplier M (e.g. in_scale × w_scale / out_scale) is stored as an int32 `multiplier` m ∈ [2^30, 2^31) and
 * an exponent `shift`, M ≈ m × 2^(shift − 31) (QuantizeMultiplier: frexp, round half away from zero, a mantissa that
 * rounds up to 2^31 is halved with shift + 1, shifts below −31 flush to zero).
 *
 * Rounding variant: TFLite has two `MultiplyByQuantizedMultiplier`s. The default ("double rounding", gemmlowp):
 * SaturatingRoundingDoublingHighMul(x · 2^left, m) — (x·m ± 2^30) / 2^31 truncated: nearest, exact halves away from
 * zero for positive products and toward zero for negative ones — then RoundingDivideByPOT(·, right), half away from
 * zero. The first rounding can create the tie the second one resolves (3·2^30 / 2^33 → 1, not 0). `-DTFLITE_SINGLE_ROUNDING=1` builds use one
 * rounding: (x · m + 2^(30 − shift)) >> (31 − shift), i.e. round half up, and QuantizeMultiplier saturates
 * shift > 30. TFLite's and LiteRT's default builds (and LiteRT.js 2.5.3, measured in
 * `test/runtime/quant/rounding-variant.node.test.ts`) use double rounding; the kernels use `multiplyByQuantizedMultiplier`
 * (double rounding) and the single-rounding function exists to document and test the difference. (ruy, which TFLite's
 * optimized int8 conv/FC use when XNNPACK does not take them, rounds once; see the rounding-variant test.)
 *
 * Exactness in JS: the 64-bit products (int32 × int32) are split into 16-bit halves so that every partial product and
 * sum stays below 2^53 and is exact in a double; no BigInt in hot paths. Only the int64 accumulator path of 16x8
 * kernels (`multiplyByQuantizedMultiplierInt64`) takes numbers up to 2^53 (accumulators are exact in a double there).
 */
import { ActivationFunctionType } from '../../formats/tflite/generated/tflite/activation-function-type.ts';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
const TWO_31 = 2147483648;

/** A real multiplier as TFLite stores it: `multiplier` × 2^(shift − 31). */
export interface QuantizedMultiplier {
  multiplier: number;
  shift: number;
}

/** TfLiteRound / std::round: round half away from zero. */
export function tfliteRound(x: number): number {
  return (x < 0 ? -Math.round(-x) : Math.round(x)) + 0; // + 0: no −0
}

/** std::frexp: x = fraction × 2^exponent with 0.5 ≤ |fraction| < 1 (exact: only powers of two are applied). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  const ax = Math.abs(x);
  let e = Math.max(-1073, Math.floor(Math.log2(ax)) + 1);
  let f = ax * 2 ** -e;
  // log2 can be off by one near powers of two; 2 ** -e underflows for subnormal x, handled by two steps.
  if (!Number.isFinite(f) || f === 0) f = ax * 2 ** 600 * 2 ** (-e - 600);
  while (f >= 1) { f /= 2; e++; }
  while (f < 0.5) { f *= 2; e--; }
  return [x < 0 ? -f : f, e];
}

/** QuantizeMultiplier (quantization_util.cc), default build; `singleRounding` adds the TFLITE_SINGLE_ROUNDING clamp. */
export function quantizeMultiplier(real: number, singleRounding = false): QuantizedMultiplier {
  if (real === 0) return { multiplier: 0, shift: 0 };
  const [q, e] = frexp(real);
  let shift = e;
  let qFixed = tfliteRound(q * TWO_31);
  if (qFixed > TWO_31) throw new RangeError(`quantizeMultiplier(${real}): mantissa overflow`);
  if (qFixed === TWO_31) { qFixed /= 2; shift++; }
  if (shift < -31) { shift = 0; qFixed = 0; }
  if (singleRounding && shift > 30) { shift = 30; qFixed = TWO_31 - 1; }
  return { multiplier: qFixed, shift };
}

/** QuantizeMultiplierSmallerThanOneExp: 0 ≤ real < 1, shift ≤ 0 (used by ADD/SUB's input and output rescaling). */
export function quantizeMultiplierSmallerThanOneExp(real: number): QuantizedMultiplier {
  if (!(real >= 0 && real < 1)) throw new RangeError(`quantizeMultiplierSmallerThanOneExp: ${real} is not in [0, 1)`);
  const r = quantizeMultiplier(real);
  if (r.shift > 0) throw new RangeError(`quantizeMultiplierSmallerThanOneExp(${real}): shift ${r.shift} > 0`);
  return r;
}

/** QuantizeMultiplierGreaterThanOne: real > 1, shift ≥ 0. */
export function quantizeMultiplierGreaterThanOne(real: number): QuantizedMultiplier {
  if (!(real > 1)) throw new RangeError(`quantizeMultiplierGreaterThanOne: ${real} is not > 1`);
  return quantizeMultiplier(real);
}

/**
 * gemmlowp SaturatingRoundingDoublingHighMul: (a · b + (ab ≥ 0 ? 2^30 : 1 − 2^30)) / 2^31 truncated toward zero,
 * saturating the single overflow case a = b = INT32_MIN. Exact: a · b = q1 · 2^31 + s with s a 48-bit number.
 */
export function saturatingRoundingDoublingHighMul(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const p1 = a * (b >> 16); // |p1| ≤ 2^46
  const q1 = Math.floor(p1 / 32768);
  const s = (p1 - q1 * 32768) * 65536 + a * (b & 0xffff); // a·b = q1·2^31 + s
  if ((a >= 0) === (b >= 0) || a === 0 || b === 0) return (q1 + Math.floor((s + 1073741824) / TWO_31)) | 0;
  return (q1 + Math.ceil((s + 1 - 1073741824) / TWO_31)) | 0;
}

/** gemmlowp RoundingDivideByPOT: x / 2^exponent rounded half away from zero, exponent ∈ [0, 31]. */
export function roundingDivideByPOT(x: number, exponent: number): number {
  if (exponent === 0) return x;
  const mask = exponent >= 31 ? 0x7fffffff : (1 << exponent) - 1;
  const remainder = x & mask;
  const threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/**
 * MultiplyByQuantizedMultiplier(int32 x, m, shift), TFLite's default (double-rounding) build:
 * RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x · 2^max(shift, 0), m), max(−shift, 0)).
 * The left shift wraps like the C++ int32 product.
 */
export function multiplyByQuantizedMultiplier(x: number, multiplier: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(left ? Math.imul(x, 1 << left) : x, multiplier), left ? 0 : -shift);
}

/** MultiplyByQuantizedMultiplierSmallerThanOneExp (double rounding): RDBPOT(SRDHM(x, m), −leftShift). */
export function multiplyByQuantizedMultiplierSmallerThanOneExp(x: number, multiplier: number, leftShift: number): number {
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
}

/** MultiplyByQuantizedMultiplierGreaterThanOne (double rounding): SRDHM(x · 2^leftShift, m). */
export function multiplyByQuantizedMultiplierGreaterThanOne(x: number, multiplier: number, leftShift: number): number {
  return saturatingRoundingDoublingHighMul(Math.imul(x, 1 << leftShift), multiplier);
}

/** floor((x · m + round) / 2^ts) for |x| < 2^31, 0 ≤ m < 2^31, 1 ≤ ts ≤ 62, round = 2^(ts − 1); exact. */
function mulRoundShift(x: number, m: number, ts: number): number {
  const p1 = x * (m >>> 16);
  const q1 = Math.floor(p1 / 32768);
  const lo0 = (p1 - q1 * 32768) * 65536 + x * (m & 0xffff); // x·m = q1·2^31 + lo0
  const carry = Math.floor(lo0 / TWO_31);
  let hi = q1 + carry;
  let lo = lo0 - carry * TWO_31; // [0, 2^31)
  if (ts - 1 >= 31) hi += 2 ** (ts - 32);
  else {
    lo += 2 ** (ts - 1);
    if (lo >= TWO_31) { lo -= TWO_31; hi += 1; }
  }
  return ts >= 31 ? Math.floor(hi / 2 ** (ts - 31)) : hi * 2 ** (31 - ts) + Math.floor(lo / 2 ** ts);
}

/** MultiplyByQuantizedMultiplier(int32 x, m, shift) as built with TFLITE_SINGLE_ROUNDING: (x·m + 2^(30−shift)) >> (31−shift). */
export function multiplyByQuantizedMultiplierSingleRounding(x: number, multiplier: number, shift: number): number {
  return mulRoundShift(x, multiplier, 31 - shift) | 0;
}

/**
 * MultiplyByQuantizedMultiplier(int64 x, m, shift) — the 16x8 kernels' int64 accumulator path (same in both builds):
 * m reduced to 15 bits (m + 2^15) >> 16 (saturated at 0x7FFF), then (x · m' + 2^(14 − shift)) >> (15 − shift),
 * truncated to int32. x is an exact integer Number (|x| < 2^47 as TFLite assumes; exact here up to 2^53).
 */
export function multiplyByQuantizedMultiplierInt64(x: number, multiplier: number, shift: number): number {
  const reduced = multiplier < 0x7fff0000 ? (multiplier + 32768) >> 16 : 0x7fff;
  const ts = 15 - shift; // [8, 46]
  const xh = Math.floor(x / 16777216);
  const xl = x - xh * 16777216; // [0, 2^24)
  const a = xh * reduced;
  const b = xl * reduced + 2 ** (ts - 1); // x·m' + round = a·2^24 + b
  if (ts >= 24) {
    const cb = Math.floor(b / 16777216);
    return Math.floor((a + cb) / 2 ** (ts - 24)) | 0;
  }
  return (a * 2 ** (24 - ts) + Math.floor(b / 2 ** ts)) | 0;
}

/** Per-channel (or per-tensor when `filterScales` has one entry) conv multipliers: double(in)·double(w_c)/double(out). */
export function perChannelMultipliers(inputScale: number, filterScales: readonly number[], outputScale: number, channels: number): { multipliers: Int32Array; shifts: Int32Array } {
  const multipliers = new Int32Array(channels);
  const shifts = new Int32Array(channels);
  for (let c = 0; c < channels; c++) {
    const ws = filterScales.length === 1 ? filterScales[0]! : filterScales[c]!;
    const q = quantizeMultiplier((inputScale * ws) / outputScale);
    multipliers[c] = q.multiplier;
    shifts[c] = q.shift;
  }
  return { multipliers, shifts };
}

/** The integer range of a quantized dtype. */
export function quantizedRange(dtype: string): [number, number] {
  switch (dtype) {
    case 'int8': return [-128, 127];
    case 'uint8': return [0, 255];
    case 'int16': return [-32768, 32767];
    case 'int32': return [INT32_MIN, INT32_MAX];
    default: throw new TypeError(`no quantized range for dtype ${dtype}`);
  }
}

/**
 * CalculateActivationRangeQuantized (kernel_util.cc): the output clamp of a fused activation, quantizing 0, 6, ±1
 * as zp + (int)round(f / scale) with the division in float32 (scale is the tensor's float).
 */
export function activationRangeQuantized(activation: number, dtype: string, scale: number, zeroPoint: number): [number, number] {
  const [qmin, qmax] = quantizedRange(dtype);
  const s = Math.fround(scale);
  const quantize = (f: number): number => zeroPoint + tfliteRound(Math.fround(f / s));
  switch (activation) {
    case ActivationFunctionType.RELU: return [Math.max(qmin, quantize(0)), qmax];
    case ActivationFunctionType.RELU6: return [Math.max(qmin, quantize(0)), Math.min(qmax, quantize(6))];
    case ActivationFunctionType.RELU_N1_TO_1: return [Math.max(qmin, quantize(-1)), Math.min(qmax, quantize(1))];
    case ActivationFunctionType.NONE: return [qmin, qmax];
    default: throw new RangeError(`fused activation ${activation} is not supported on quantized kernels`);
  }
}

/**
 * Which integer arithmetic the quantized kernels reproduce: a per-interpreter option
 * (`Interpreter.create(bytes, { integerArithmetic })`), handed to every kernel call in its `KernelContext`.
 *
 * `reference` (default): TFLite's reference integer kernels (tflite/kernels/internal/reference*), fixed-point
 * multiplier + shift with double rounding, round half away from zero — the DESIGN contract, and what TFLite Micro
 * and the reference op resolver compute. Exceptions, where we follow the kernel every TFLite build's default
 * resolver runs instead: int8 SOFTMAX / LOGISTIC / TANH use the float-computed tables (the gemmlowp fixed-point
 * reference versions that TFLite Micro runs are not implemented).
 *
 * `litert`: what LiteRT's default CPU runtime computes (measured on LiteRT.js 2.5.3, and tfjs-tflite where it runs the
 * op): the XNNPACK delegate's arithmetic for the ops it takes — conv/FC/depthwise/BATCH_MATMUL requantize in float32
 * (acc → float × fp32 scale, round half to even), ADD/SUB/QUANTIZE/LEAKY_RELU with XNNPACK's own fixed point,
 * RESIZE_BILINEAR with 11-bit weights, dynamic-range FC/CONV with XNNPACK's qd8 input quantization, fused-activation
 * bounds rounded half to even — and LiteRT's optimized builtin kernels for the rest (16x8 FULLY_CONNECTED with a
 * 32-bit accumulator). It exists so our outputs can equal the real runtime's bit for bit; every kernel names its
 * litert departures in its header.
 */
export type IntegerArithmetic = 'reference' | 'litert';

/** Round half to even of a float (lrintf in the default rounding mode; XNNPACK's magic-bias rounding). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return (d < 0.5 ? f : f + 1) + 0;
  return (f % 2 === 0 ? f : f + 1) + 0;
}

/**
 * The requantization of conv-like ops, (acc, channel) → round(acc · x_scale · w_scale_c / y_scale) before the output
 * zero point. reference: MultiplyByQuantizedMultiplier with QuantizeMultiplier(double(x)·double(w_c)/double(y)) — the
 * int64 variant for 16x8 (`wide`). litert, int8: s_c = fp32(fp32(x·w_c) / y), round-half-even(fp32(fp32(acc)·s_c));
 * litert, 16x8 FULLY_CONNECTED (`litertWide32`): LiteRT's optimized kernel, the int32 MultiplyByQuantizedMultiplier on
 * the (int32) accumulator; 16x8 conv stays on the reference int64 path in LiteRT too.
 */
export function channelRequantizer(mode: IntegerArithmetic, inputScale: number, filterScales: readonly number[], outputScale: number, channels: number, wide = false, litertWide32 = false): (acc: number, channel: number) => number {
  if (filterScales.length !== 1 && filterScales.length !== channels) throw new RangeError(`${filterScales.length} filter scales for ${channels} channels`);
  const ws = (c: number): number => (filterScales.length === 1 ? filterScales[0]! : filterScales[c]!);
  if (mode === 'litert' && !wide) {
    // XNNPACK qs8/qc8w requantization
    const fr = Math.fround;
    const scales = new Float32Array(channels);
    for (let c = 0; c < channels; c++) scales[c] = fr(fr(inputScale * ws(c)) / outputScale);
    return (acc, c) => roundHalfEven(fr(fr(acc) * scales[c]!));
  }
  const { multipliers, shifts } = perChannelMultipliers(inputScale, filterScales, outputScale, channels);
  if (wide && litertWide32 && mode === 'litert') return (acc, c) => multiplyByQuantizedMultiplier(acc | 0, multipliers[c]!, shifts[c]!);
  if (wide) return (acc, c) => multiplyByQuantizedMultiplierInt64(acc, multipliers[c]!, shifts[c]!);
  return (acc, c) => multiplyByQuantizedMultiplier(acc | 0, multipliers[c]!, shifts[c]!);
}
