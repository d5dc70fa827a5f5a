/**
 * Quantized element-wise activations in fixed point (activations.cc, reference_ops):
 *
 * RELU / RELU6 / RELU_N1_TO_1 (QuantizedReluX → ReluX): out = clamp(zp_out + MBQM(q − zp_in, s_in/s_out), lo, hi),
 * lo = max(qmin, zp_out + roundf(a / s_out)), hi likewise (none for RELU), a ∈ {0, 6, ±1}.
 * LEAKY_RELU (QuantizeLeakyRelu): d = q − zp_in; out = clamp(zp_out + MBQM(d, d ≥ 0 ? s_in/s_out : s_in·α/s_out)).
 * PRELU (BroadcastPrelu4DSlow): d = q − zp_in; out = clamp(zp_out + (d ≥ 0 ? MBQM(d, s_in/s_out)
 *   : MBQM(d·(α_q − zp_α), s_in·s_α/s_out))), α broadcast against the input.
 * HARD_SWISH (reference_ops::HardSwish, 16-bit fixed point): x = (q − zp_in)·2^7; the value on the output scale
 * v = SRDHM16(x, m_out); the relu-ish factor r = SRDHM16(x · 2^(e−1) sat, m_relu) · 2 sat (or RDBPOT for e < 0)
 * mapped to [0, 1] as (r + 2^15) >> 1; out = clamp(RDBPOT(SaturatingDoublingHighMul(r, v), −e_out) + zp_out), with
 * m_out/e_out from s_in/128/s_out and m_relu/e from (s_in/128)/(3/32768), multipliers rounded to 16 bits.
 * XNNPACK (litert mode) delegates LEAKY_RELU with its own 8-bit fixed point:
 * out = clamp(((q − zp_in)·m + (zp_out·256 + 128)) >> 8) with m = lrintf(256·s_in/s_out) for q ≥ zp_in, else
 * lrintf(256·(s_in/s_out)·α) (the ratio in float32).
 */
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { multiplyByQuantizedMultiplier, quantizeMultiplier, roundHalfEven, roundingDivideByPOT, tfliteRound } from '../../quant-math.ts';
import { broadcastShapes, forEachBroadcastRow, req } from '../float/util.ts';
import { leakyAlpha } from './lut-activations.ts';
import { newQOutput, outParams, qdata, qparams, quantizedRange } from './q-util.ts';

const fr = Math.fround;

function mapUnary(node: Node, inputs: readonly (HostTensor | null)[], f: (q: number) => number): HostTensor[] {
  const input = req(node, inputs, 0);
  const x = qdata(input, node.op);
  const out = newQOutput(node, [...input.shape]);
  const y = out.data;
  for (let i = 0; i < x.length; i++) y[i] = f(x[i]!);
  return [out];
}

function reluX(actMin: number, actMax: number) {
  return (node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] => {
    const pi = qparams(req(node, inputs, 0), node.op, 'input');
    const po = outParams(node);
    const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
    const lo = Math.max(qmin, po.zeroPoint + tfliteRound(fr(actMin / po.scale)));
    const hi = actMax === Infinity ? qmax : Math.min(qmax, po.zeroPoint + tfliteRound(fr(actMax / po.scale)));
    const m = quantizeMultiplier(fr(pi.scale / po.scale)); // float division, as ReluPrepare does
    return mapUnary(node, inputs, (q) => {
      const v = po.zeroPoint + multiplyByQuantizedMultiplier(q - pi.zeroPoint, m.multiplier, m.shift);
      return v < lo ? lo : v > hi ? hi : v;
    });
  };
}

function leakyRelu(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const pi = qparams(req(node, inputs, 0), node.op, 'input');
  const po = outParams(node);
  const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
  const alpha = leakyAlpha(node);
  if (ctx.integerArithmetic === 'litert' && node.outputs[0]!.dtype === 'int8') {
    const ratio = fr(pi.scale / po.scale);
    const pos = roundHalfEven(fr(256 * ratio));
    const neg = roundHalfEven(fr(256 * fr(ratio * alpha)));
    const bias = po.zeroPoint * 256 + 128;
    return mapUnary(node, inputs, (q) => {
      const d = q - pi.zeroPoint;
      const v = (bias + d * (d >= 0 ? pos : neg)) >> 8;
      return v < qmin ? qmin : v > qmax ? qmax : v;
    });
  }
  const mAlpha = quantizeMultiplier(fr(fr(pi.scale * alpha) / po.scale));
  const mId = quantizeMultiplier(fr(pi.scale / po.scale));
  return mapUnary(node, inputs, (q) => {
    const d = q - pi.zeroPoint;
    const m = d >= 0 ? mId : mAlpha;
    const v = po.zeroPoint + multiplyByQuantizedMultiplier(d, m.multiplier, m.shift);
    return v < qmin ? qmin : v > qmax ? qmax : v;
  });
}

function prelu(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const input = req(node, inputs, 0);
  const alphaT = req(node, inputs, 1);
  const x = qdata(input, node.op);
  const a = qdata(alphaT, node.op, 'alpha');
  const pi = qparams(input, node.op, 'input');
  const pa = qparams(alphaT, node.op, 'alpha');
  const po = outParams(node);
  const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
  const m1 = quantizeMultiplier(fr(pi.scale / po.scale));
  const m2 = quantizeMultiplier(fr(fr(pi.scale * pa.scale) / po.scale));
  const outShape = broadcastShapes(input.shape, alphaT.shape, node.op);
  const out = newQOutput(node, outShape);
  const y = out.data;
  forEachBroadcastRow(input.shape, alphaT.shape, outShape, (ox, oa, oo, n, sx, sa) => {
    for (let j = 0; j < n; j++) {
      const d = x[ox + j * sx]! - pi.zeroPoint;
      const v = po.zeroPoint + (d >= 0
        ? multiplyByQuantizedMultiplier(d, m1.multiplier, m1.shift)
        : multiplyByQuantizedMultiplier(d * (a[oa + j * sa]! - pa.zeroPoint), m2.multiplier, m2.shift));
      y[oo + j] = v < qmin ? qmin : v > qmax ? qmax : v;
    }
  });
  return [out];
}

// ---------------------------------------------------------------- HARD_SWISH (16-bit fixed point)

const sat16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
/** gemmlowp SaturatingRoundingDoublingHighMul for int16. */
function srdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  const ab = a * b;
  return Math.trunc((ab + (ab >= 0 ? 16384 : 1 - 16384)) / 32768);
}
/** TFLite's SaturatingDoublingHighMul (no rounding nudge). */
function sdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  return Math.trunc((a * b) / 32768);
}
/** DownScaleInt32ToInt16Multiplier. */
function downScale16(m: number): number {
  return m >= 2147483647 - 32768 ? 32767 : (m + 32768) >> 16;
}

function hardSwish(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const pi = qparams(req(node, inputs, 0), node.op, 'input');
  const po = outParams(node);
  const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
  const hires = fr(fr(1 / 128) * pi.scale);
  const outQ = quantizeMultiplier(fr(hires / po.scale));
  const reluQ = quantizeMultiplier(fr(hires / fr(3 / 32768)));
  if (outQ.shift > 0) throw new RangeError(`${node.op}: output multiplier exponent ${outQ.shift} > 0 (TFLite rejects this model)`);
  const outM = downScale16(outQ.multiplier);
  const reluM = downScale16(reluQ.multiplier);
  const e = reluQ.shift;
  return mapUnary(node, inputs, (q) => {
    const hi = sat16((q - pi.zeroPoint) * 128);
    const preshift = srdhm16(hi, outM);
    let r = hi;
    if (e > 0) r = sat16(r * 2 ** (e - 1));
    r = srdhm16(r, reluM);
    if (e > 0) r = sat16(r * 2);
    if (e < 0) r = roundingDivideByPOT(r, -e);
    r = (r + 32768) >> 1;
    const v = roundingDivideByPOT(sdhm16(r, preshift), -outQ.shift) + po.zeroPoint;
    return v < qmin ? qmin : v > qmax ? qmax : v;
  });
}

export const activationKernels = {
  relu: reluX(0, Infinity),
  relu6: reluX(0, 6),
  reluN1To1: reluX(-1, 1),
  leakyRelu,
  prelu,
  hardSwish,
};
