/**
 * Float ↔ integer conversions (TFLite reference `AffineQuantize` / `PerChannelQuantize`, `Dequantize` /
 * `PerChannelDequantize`), per tensor or per channel along the quantized dimension.
 *
 * QUANTIZE (kind `float`: float32 in → int8 / uint8 / int16 out) follows the interpreter's integer arithmetic
 * (`KernelContext.integerArithmetic`):
 *   'reference' (default): TFLite's reference kernels (`reference_ops::AffineQuantize`, `PerChannelQuantize`, what
 *     TFLite Micro runs): q = clamp(round_half_away(f32(x / f32(scale))) + zero_point, qmin, qmax) — f32 division.
 *   'litert': bit for bit what the real runtimes compute (measured against LiteRT.js and tfjs-tflite on ties and random
 *     values, see kernels-vs-runtime.node.test.ts):
 *     int8, uint8 (per tensor): q = clamp(round_half_even(f32(x · f32(1 / scale))) + zero_point, qmin, qmax) — TFLite
 *       hands this QUANTIZE to XNNPACK (`convert_nc_f32_qs8/qu8`), which multiplies by the f32 reciprocal and rounds
 *       ties to even.
 *     int16, and per-channel parameters (no XNNPACK path): TFLite's builtin kernel (`optimized_ops::AffineQuantize`
 *       scalar loop): q = clamp(round_half_away(x / double(scale)) + zero_point, qmin, qmax).
 *   They differ by one step only on (near-)ties.
 *   int8 → int8 requantization is the integer kernels' QUANTIZE (kind 'int8').
 * DEQUANTIZE (kind `any`: int8 / uint8 / int16 / int32 in, or float16 in as float16 models store weights):
 *   x = f32(scale · (q − zero_point)), computed in f64 as TFLite's `static_cast<float>(double(scale) · (q − zp))`
 *   (exact before the one rounding). float16 → float32 is exact (IEEE half to single).
 */
import type { DType, NumericArray } from '../../../../ir/dtype.ts';
import type { Quantization } from '../../../../ir/graph.ts';
import { registerCpuKernel } from '../../kernel-api.ts';
import type { IntegerArithmetic } from '../../quant-math.ts';
import { allocArray, f32, isNumberArray, outputOf, req, roundHalfAway, roundHalfEven, sizeOf } from './util.ts';

const RANGE: Record<string, [number, number]> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
};

/** Channel of flat index i for per-channel quantization along `axis` of `shape`: ⌊i / inner⌋ mod dim. */
function channelParams(q: Pick<Quantization, 'scale' | 'axis'>, shape: readonly number[], op: string): { inner: number; dim: number } {
  if (q.scale.length <= 1) return { inner: 1, dim: 1 };
  const dim = shape[q.axis];
  if (dim !== q.scale.length) throw new RangeError(`${op}: ${q.scale.length} scales for axis ${q.axis} of [${shape}]`);
  return { inner: sizeOf(shape.slice(q.axis + 1)), dim };
}

/** IEEE 754 binary16 bits → number. */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/**
 * Quantizes float values to `dtype` (int8, uint8, int16) with `q`, exactly as the QUANTIZE kernel does (see the
 * module comment) in arithmetic `mode`; `shape` is needed for per-channel parameters. Also what `litelab run` uses on
 * float data given for an int8 input.
 */
export function quantizeValues(xd: Float32Array, q: Pick<Quantization, 'scale' | 'zeroPoint' | 'axis'>, dtype: string, shape: readonly number[] = [xd.length], mode: IntegerArithmetic = 'reference'): NumericArray {
  const op = 'QUANTIZE';
  const range = RANGE[dtype];
  if (!range || dtype === 'int32') throw new TypeError(`${op}: cannot quantize to ${dtype}`);
  if (!q.scale.length) throw new RangeError(`${op}: no quantization parameters`);
  const [lo, hi] = range;
  const out = allocArray(dtype as DType, xd.length);
  if (!isNumberArray(out)) throw new TypeError(`${op}: ${dtype} output`);
  const { inner, dim } = channelParams(q, shape, op);
  const fr = Math.fround;
  if (mode === 'reference') {
    const scales = Float32Array.from(q.scale);
    for (let i = 0; i < xd.length; i++) {
      const c = dim === 1 ? 0 : Math.floor(i / inner) % dim;
      const v = roundHalfAway(fr(xd[i]! / scales[c]!)) + (q.zeroPoint[c] ?? 0);
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  } else if (dim === 1 && dtype !== 'int16') {
    const inv = Math.fround(1 / Math.fround(q.scale[0]!));
    const zp = q.zeroPoint[0] ?? 0;
    for (let i = 0; i < xd.length; i++) {
      const v = roundHalfEven(Math.fround(xd[i]! * inv)) + zp;
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  } else {
    for (let i = 0; i < xd.length; i++) {
      const c = dim === 1 ? 0 : Math.floor(i / inner) % dim;
      const v = roundHalfAway(xd[i]! / q.scale[c]!) + (q.zeroPoint[c] ?? 0);
      out[i] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  return out;
}

registerCpuKernel('QUANTIZE', 'float', (node, inputs, ctx) => {
  const x = req(node, inputs, 0);
  const t = node.outputs[0]!;
  if (!t.quantization || !t.quantization.scale.length) throw new RangeError(`QUANTIZE: output ${t.name} has no quantization parameters`);
  return [outputOf(node, 0, [...x.shape], quantizeValues(f32(x, 'QUANTIZE'), t.quantization, t.dtype, x.shape, ctx.integerArithmetic))];
});

registerCpuKernel('DEQUANTIZE', 'any', (node, inputs) => {
  const op = 'DEQUANTIZE';
  const x = req(node, inputs, 0);
  const xd = x.data;
  const out = new Float32Array(xd.length);
  if (x.dtype === 'float16') {
    for (let i = 0; i < xd.length; i++) out[i] = halfToFloat(Number(xd[i]!));
    return [outputOf(node, 0, [...x.shape], out)];
  }
  if (!RANGE[x.dtype] || !isNumberArray(xd)) throw new TypeError(`${op}: cannot dequantize ${x.dtype}`);
  const q = x.quantization;
  if (!q || !q.scale.length) throw new RangeError(`${op}: input has no quantization parameters`);
  const { inner, dim } = channelParams(q, x.shape, op);
  for (let i = 0; i < xd.length; i++) {
    const c = dim === 1 ? 0 : Math.floor(i / inner) % dim;
    out[i] = q.scale[c]! * (xd[i]! - (q.zeroPoint[c] ?? 0));
  }
  return [outputOf(node, 0, [...x.shape], out)];
});
