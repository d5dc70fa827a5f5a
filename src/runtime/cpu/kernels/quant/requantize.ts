/**
 * Integer → integer QUANTIZE (requantization) and CONCATENATION of quantized tensors.
 *
 * QUANTIZE int8/uint8/int16 → int8/uint8/int16/int32 (quantize.cc → reference_ops::Requantize):
 * m = QuantizeMultiplier(double(s_in) / double(s_out)); out = clamp(MBQM(q − zp_in, m) + zp_out); int8↔uint8 with
 * equal scales and zero points 128 apart is the bit flip q ^ 0x80. In litert mode int8 → int8 follows XNNPACK's
 * qs8 convert: m8 = lrintf(256 · fp32(s_in / s_out)), out = clamp(((q − zp_in)·m8 + zp_out·256 + 128) >> 8)
 * (used when s_in/s_out ∈ [2^−8, 2^7]).
 *
 * CONCATENATION (concatenation.cc): int8/int16 inputs must share the output's scale and zero point (TFLite rejects the
 * model otherwise) and are copied; uint8 inputs with other parameters are rescaled (ConcatenationWithScaling):
 * out = clamp((int)round(q · (s_i · (1/s_out)) + (−zp_i · that)) + zp_out, 0, 255) in float32.
 */
import { ConcatenationOptionsT } from '../../../../formats/tflite/generated/tflite/concatenation-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { multiplyByQuantizedMultiplier, quantizeMultiplier, roundHalfEven, tfliteRound } from '../../quant-math.ts';
import { normAxis, optionsOf, req } from '../float/util.ts';
import { allocQ, outParams, outTensor, qdata, qparams, quantizedRange } from './q-util.ts';

function requantize(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const input = req(node, inputs, 0);
  const x = qdata(input, node.op);
  const pi = qparams(input, node.op, 'input');
  const po = outParams(node);
  const t = outTensor(node);
  const [qmin, qmax] = quantizedRange(t.dtype);
  const y = t.dtype === 'int32' ? new Int32Array(x.length) : allocQ(t.dtype, x.length);
  const ratio = Math.fround(pi.scale / po.scale);
  if (ctx.integerArithmetic === 'litert' && input.dtype === 'int8' && t.dtype === 'int8' && ratio >= 2 ** -8 && ratio <= 128) {
    const m8 = roundHalfEven(Math.fround(256 * ratio));
    const bias = po.zeroPoint * 256 + 128;
    for (let i = 0; i < x.length; i++) {
      const v = ((x[i]! - pi.zeroPoint) * m8 + bias) >> 8;
      y[i] = v < qmin ? qmin : v > qmax ? qmax : v;
    }
  } else {
    const { multiplier, shift } = quantizeMultiplier(pi.scale / po.scale);
    const flip = multiplier === 1 << 30 && shift === 1 &&
      ((input.dtype === 'int8' && t.dtype === 'uint8' && pi.zeroPoint - po.zeroPoint === -128) ||
        (input.dtype === 'uint8' && t.dtype === 'int8' && pi.zeroPoint - po.zeroPoint === 128));
    for (let i = 0; i < x.length; i++) {
      if (flip) { y[i] = x[i]! ^ 0x80; if (t.dtype === 'int8' && y[i]! > 127) y[i] = y[i]! - 256; continue; }
      const v = multiplyByQuantizedMultiplier(x[i]! - pi.zeroPoint, multiplier, shift) + po.zeroPoint;
      y[i] = v < qmin ? qmin : v > qmax ? qmax : v;
    }
  }
  return [{ dtype: t.dtype, shape: [...input.shape], data: y, quantization: t.quantization }];
}

function concatenation(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const ins = inputs.map((t, i) => req(node, inputs, i));
  const first = ins[0]!;
  const rank = first.shape.length;
  const axis = normAxis(optionsOf(node, ConcatenationOptionsT).axis, rank, node.op);
  const po = outParams(node);
  const t = outTensor(node);
  const outShape = [...first.shape];
  outShape[axis] = ins.reduce((s, x) => s + x.shape[axis]!, 0);
  for (const x of ins) {
    if (x.shape.length !== rank || x.shape.some((d, i) => i !== axis && d !== first.shape[i])) throw new RangeError(`${node.op}: input shapes [${x.shape}] and [${first.shape}] do not concatenate along axis ${axis}`);
  }
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= first.shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < rank; i++) inner *= first.shape[i]!;
  const y = allocQ(t.dtype, outer * outShape[axis]! * inner);
  const [qmin, qmax] = quantizedRange(t.dtype);
  const inv = Math.fround(1 / po.scale);
  let o = 0;
  const fr = Math.fround;
  for (let k = 0; k < outer; k++) {
    for (const x of ins) {
      const data = qdata(x, node.op);
      const p = qparams(x, node.op, 'input');
      const size = x.shape[axis]! * inner;
      const src = data.subarray(k * size, (k + 1) * size);
      if (p.scale === po.scale && p.zeroPoint === po.zeroPoint) {
        y.set(src, o);
      } else if (t.dtype === 'uint8') {
        const scale = fr(p.scale * inv);
        const bias = fr(-p.zeroPoint * scale);
        for (let j = 0; j < size; j++) {
          const v = tfliteRound(fr(fr(src[j]! * scale) + bias)) + po.zeroPoint;
          y[o + j] = v < qmin ? qmin : v > qmax ? qmax : v;
        }
      } else {
        throw new RangeError(`${node.op}: ${t.dtype} inputs must share the output's scale and zero point (TFLite rejects rescaling here)`);
      }
      o += size;
    }
  }
  return [{ dtype: t.dtype, shape: outShape, data: y, quantization: t.quantization }];
}

export const requantizeKernels = { requantize, concatenation };
