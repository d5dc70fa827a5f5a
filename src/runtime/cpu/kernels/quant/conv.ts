/**
 * CONV_2D and DEPTHWISE_CONV_2D on quantized tensors (NHWC input, OHWI conv filter, 1HW(I·M) depthwise filter).
 *
 * int8 / uint8 / int16x8 (reference_integer_ops::ConvPerChannel, DepthwiseConvPerChannel; reference_ops::Conv for
 * uint8): for each output (b, y, x, c) over the in-bounds taps (padding contributes nothing, i.e. pads with the
 * input zero point), acc = Σ (w − w_zp)·(x − x_zp) + bias[c] — int32, or int64 for 16x8 — then
 * out = clamp(requantize(acc, c) + y_zp, act_min, act_max) with the per-channel multiplier of
 * double(x_scale)·double(w_scale_c)/double(y_scale) (`channelRequantizer` in quant-math.ts: TFLite's
 * MultiplyByQuantizedMultiplier; in litert mode XNNPACK's fp32 requantization and half-to-even activation bounds).
 * Grouped convolution: filter depth < input depth, group = c / (C_out / groups).
 *
 * Hybrid CONV_2D (float input, int8 filter; conv.cc EvalHybrid / EvalHybridPerChannel): each batch is quantized as a
 * whole — symmetric with a per-tensor filter (s_b·w_scale folded into one float factor, out = dot·factor + bias),
 * asymmetric with a per-channel filter (out = (dot − zp_b·Σw_c)·(w_scale_c·s_b) + bias) — then the float clamp.
 * litert mode: XNNPACK's dynamically quantized conv (qd8, `quantizeRowXnnpack` per image; per pixel for a 1×1
 * stride-1 conv, which XNNPACK runs as a fully connected layer), out = ((acc · (1/m)) · w_scale_c) + bias in float32.
 * Hybrid DEPTHWISE_CONV_2D follows the same scheme (no fixture uses it; not checked against a runtime).
 */
import { Conv2DOptionsT } from '../../../../formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { channelRequantizer } from '../../quant-math.ts';
import { activationRange, convDim, f32, optionsOf, req } from '../float/util.ts';
import { quantizeRowAsymmetric, quantizeRowSymmetric, quantizeRowXnnpack } from './hybrid-util.ts';
import { filterZeroPoint, int32Bias, newQOutput, outParams, delegatedClamp, qdata, qparams, wideBias } from './q-util.ts';

interface Geometry {
  batches: number; inH: number; inW: number; inC: number;
  kH: number; kW: number; outH: number; outW: number; outC: number;
  sH: number; sW: number; dH: number; dW: number; padH: number; padW: number;
}

function geometry(node: Node, input: HostTensor, filter: HostTensor, outC: number, opts: { padding: number; strideH: number; strideW: number; dilationHFactor: number; dilationWFactor: number }): Geometry {
  if (input.shape.length !== 4 || filter.shape.length !== 4) throw new RangeError(`${node.op}: input [${input.shape}] and filter [${filter.shape}] must be 4-D`);
  const [batches, inH, inW, inC] = input.shape as [number, number, number, number];
  const kH = filter.shape[1]!;
  const kW = filter.shape[2]!;
  const h = convDim(opts.padding, inH, kH, opts.strideH, opts.dilationHFactor);
  const w = convDim(opts.padding, inW, kW, opts.strideW, opts.dilationWFactor);
  return { batches, inH, inW, inC, kH, kW, outH: h.out, outW: w.out, outC, sH: opts.strideH, sW: opts.strideW, dH: opts.dilationHFactor, dW: opts.dilationWFactor, padH: h.pad, padW: w.pad };
}

/**
 * Integer accumulators of a conv for every output element (before bias and requantization). The filter is first
 * transposed to [kH][kW][C_in][C_out] so the innermost loop runs over contiguous output channels, and taps whose
 * offset input is 0 (the zero point, e.g. a blank image background) are skipped; sums are exact integers either way.
 */
function convAccumulate(g: Geometry, x: ArrayLike<number>, xOff: number, w: ArrayLike<number>, wOff: number, filterDepth: number): Float64Array {
  const { batches, inH, inW, inC, kH, kW, outH, outW, outC } = g;
  const acc = new Float64Array(batches * outH * outW * outC);
  const groups = inC / filterDepth;
  if (groups !== 1) return groupedConvAccumulate(g, x, xOff, w, wOff, filterDepth, acc);
  const wt = new Float64Array(kH * kW * inC * outC);
  for (let c = 0; c < outC; c++) {
    for (let t = 0; t < kH * kW * inC; t++) wt[t * outC + c] = w[c * kH * kW * inC + t]! + wOff;
  }
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * g.sH - g.padH;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * g.sW - g.padW;
        const o = ((b * outH + oy) * outW + ox) * outC;
        for (let fy = 0; fy < kH; fy++) {
          const iy = y0 + fy * g.dH;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kW; fx++) {
            const ix = x0 + fx * g.dW;
            if (ix < 0 || ix >= inW) continue;
            const xi = ((b * inH + iy) * inW + ix) * inC;
            const wi = (fy * kW + fx) * inC * outC;
            for (let ic = 0; ic < inC; ic++) {
              const xv = x[xi + ic]! + xOff;
              if (xv === 0) continue;
              const wr = wi + ic * outC;
              for (let c = 0; c < outC; c++) acc[o + c]! += wt[wr + c]! * xv;
            }
          }
        }
      }
    }
  }
  return acc;
}

/** Grouped convolution: output channel c reads input channels [group(c)·D, group(c)·D + D), D = filter depth. */
function groupedConvAccumulate(g: Geometry, x: ArrayLike<number>, xOff: number, w: ArrayLike<number>, wOff: number, filterDepth: number, acc: Float64Array): Float64Array {
  const { batches, inH, inW, inC, kH, kW, outH, outW, outC } = g;
  const perGroup = outC / (inC / filterDepth);
  let o = 0;
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * g.sH - g.padH;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * g.sW - g.padW;
        for (let c = 0; c < outC; c++, o++) {
          const icBase = Math.floor(c / perGroup) * filterDepth;
          let sum = 0;
          for (let fy = 0; fy < kH; fy++) {
            const iy = y0 + fy * g.dH;
            if (iy < 0 || iy >= inH) continue;
            for (let fx = 0; fx < kW; fx++) {
              const ix = x0 + fx * g.dW;
              if (ix < 0 || ix >= inW) continue;
              const xi = ((b * inH + iy) * inW + ix) * inC + icBase;
              const wi = ((c * kH + fy) * kW + fx) * filterDepth;
              for (let ic = 0; ic < filterDepth; ic++) sum += (w[wi + ic]! + wOff) * (x[xi + ic]! + xOff);
            }
          }
          acc[o] = sum;
        }
      }
    }
  }
  return acc;
}

/** Depthwise accumulators: output channel c = ic·M + m reads input channel ic with filter column c. */
function depthwiseAccumulate(g: Geometry, mult: number, x: ArrayLike<number>, xOff: number, w: ArrayLike<number>, wOff: number): Float64Array {
  const { batches, inH, inW, inC, kH, kW, outH, outW, outC } = g;
  const acc = new Float64Array(batches * outH * outW * outC);
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * g.sH - g.padH;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * g.sW - g.padW;
        const o = ((b * outH + oy) * outW + ox) * outC;
        for (let fy = 0; fy < kH; fy++) {
          const iy = y0 + fy * g.dH;
          if (iy < 0 || iy >= inH) continue;
          for (let fx = 0; fx < kW; fx++) {
            const ix = x0 + fx * g.dW;
            if (ix < 0 || ix >= inW) continue;
            const xi = ((b * inH + iy) * inW + ix) * inC;
            const wi = (fy * kW + fx) * outC;
            for (let ic = 0; ic < inC; ic++) {
              const xv = x[xi + ic]! + xOff;
              for (let m = 0; m < mult; m++) {
                const c = ic * mult + m;
                acc[o + c]! += (w[wi + c]! + wOff) * xv;
              }
            }
          }
        }
      }
    }
  }
  return acc;
}

/** Bias, requantization, zero point and clamp of integer accumulators, channel = index mod outC. */
function finishInt(node: Node, input: HostTensor, filter: HostTensor, biasT: HostTensor | null, acc: Float64Array, outShape: number[], outC: number, act: number, ctx: KernelContext): HostTensor[] {
  const out = newQOutput(node, outShape);
  const y = out.data;
  const yZp = outParams(node).zeroPoint;
  const [lo, hi] = delegatedClamp(node, act, ctx.integerArithmetic);
  const wide = input.dtype === 'int16';
  const bias = wide ? wideBias(biasT, outC, node.op) : int32Bias(biasT, outC, node.op);
  const requant = channelRequantizer(ctx.integerArithmetic, qparams(input, node.op, 'input').scale, filter.quantization?.scale ?? [], outParams(node).scale, outC, wide);
  for (let i = 0, c = 0; i < acc.length; i++) {
    const a = bias ? acc[i]! + bias[c]! : acc[i]!;
    const v = requant(a, c) + yZp;
    y[i] = v < lo ? lo : v > hi ? hi : v;
    if (++c === outC) c = 0;
  }
  return [out];
}

function conv2dInt(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, Conv2DOptionsT);
  const input = req(node, inputs, 0);
  const filter = req(node, inputs, 1);
  const outC = filter.shape[0]!;
  const g = geometry(node, input, filter, outC, opts);
  const filterDepth = filter.shape[3]!;
  if (g.inC % filterDepth !== 0 || outC % (g.inC / filterDepth) !== 0) throw new RangeError(`${node.op}: input depth ${g.inC} and filter [${filter.shape}] do not form groups`);
  const acc = convAccumulate(g, qdata(input, node.op), -qparams(input, node.op, 'input').zeroPoint, qdata(filter, node.op, 'filter'), -filterZeroPoint(filter), filterDepth);
  return finishInt(node, input, filter, inputs[2] ?? null, acc, [g.batches, g.outH, g.outW, outC], outC, opts.fusedActivationFunction, ctx);
}

function depthwiseInt(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, DepthwiseConv2DOptionsT);
  const input = req(node, inputs, 0);
  const filter = req(node, inputs, 1);
  const outC = filter.shape[3]!;
  const g = geometry(node, input, filter, outC, opts);
  const mult = outC / g.inC;
  if (!Number.isInteger(mult) || mult < 1) throw new RangeError(`${node.op}: filter depth ${outC} is not a multiple of the input depth ${g.inC}`);
  const acc = depthwiseAccumulate(g, mult, qdata(input, node.op), -qparams(input, node.op, 'input').zeroPoint, qdata(filter, node.op, 'filter'), -filterZeroPoint(filter));
  return finishInt(node, input, filter, inputs[2] ?? null, acc, [g.batches, g.outH, g.outW, outC], outC, opts.fusedActivationFunction, ctx);
}

/** Hybrid conv / depthwise: quantize each batch, integer accumulate, scale back to float, bias, clamp. */
function hybrid(node: Node, inputs: readonly (HostTensor | null)[], depthwise: boolean, ctx: KernelContext): HostTensor[] {
  const opts = depthwise ? optionsOf(node, DepthwiseConv2DOptionsT) : optionsOf(node, Conv2DOptionsT);
  const input = req(node, inputs, 0);
  const filter = req(node, inputs, 1);
  const x = f32(input, node.op);
  const w = qdata(filter, node.op, 'filter');
  if (!(w instanceof Int8Array)) throw new TypeError(`${node.op}: hybrid filter must be int8, got ${filter.dtype}`);
  const scales = filter.quantization?.scale ?? [];
  if (scales.length === 0) throw new RangeError(`${node.op}: hybrid filter has no scale`);
  const outC = depthwise ? filter.shape[3]! : filter.shape[0]!;
  const g = geometry(node, input, filter, outC, opts);
  const xnn = ctx.integerArithmetic === 'litert';
  if (xnn && !depthwise && g.kH === 1 && g.kW === 1 && g.sH === 1 && g.sW === 1) return pointwiseXnnpack(node, inputs, g, x, w, scales);
  const perChannel = scales.length > 1 || xnn;
  const perBatch = x.length / g.batches;
  const qx = new Int8Array(x.length);
  const batchScale = new Float32Array(g.batches);
  const batchZp = new Int32Array(g.batches);
  for (let b = 0; b < g.batches; b++) {
    const xb = x.subarray(b * perBatch, (b + 1) * perBatch);
    const qb = qx.subarray(b * perBatch, (b + 1) * perBatch);
    if (xnn) {
      const r = quantizeRowXnnpack(xb, qb);
      batchScale[b] = r.invScale;
      batchZp[b] = r.zeroPoint;
      continue;
    }
    const r = (perChannel ? quantizeRowAsymmetric : quantizeRowSymmetric)(xb, qb);
    batchScale[b] = perChannel ? r.scale : Math.fround(r.scale * scales[0]!);
    batchZp[b] = r.zeroPoint;
  }
  // Accumulate per batch with that batch's zero point as the input offset (padding then contributes 0 = zp_b − zp_b).
  const outPerBatch = g.outH * g.outW * outC;
  const acc = new Float64Array(g.batches * outPerBatch);
  for (let b = 0; b < g.batches; b++) {
    const gb = { ...g, batches: 1 };
    const xb = qx.subarray(b * perBatch, (b + 1) * perBatch);
    const a = depthwise ? depthwiseAccumulate(gb, outC / g.inC, xb, -batchZp[b]!, w, 0) : convAccumulate(gb, xb, -batchZp[b]!, w, 0, filter.shape[3]!);
    acc.set(a, b * outPerBatch);
  }
  const biasT = inputs[2] ?? null;
  const bias = biasT ? f32(biasT, node.op, 'bias') : null;
  const [lo, hi] = activationRange(opts.fusedActivationFunction, node.op);
  const y = new Float32Array(acc.length);
  const fr = Math.fround;
  for (let i = 0, c = 0; i < acc.length; i++) {
    const b = Math.floor(i / outPerBatch);
    const ws = scales.length === 1 ? scales[0]! : scales[c]!;
    let v = xnn ? fr(fr(fr(acc[i]!) * batchScale[b]!) * ws) : fr(fr(acc[i]!) * (perChannel ? fr(ws * batchScale[b]!) : batchScale[b]!));
    if (bias) v = fr(v + bias[c]!);
    y[i] = v < lo ? lo : v > hi ? hi : v;
    if (++c === outC) c = 0;
  }
  const t = node.outputs[0]!;
  return [{ dtype: t.dtype, shape: [g.batches, g.outH, g.outW, outC], data: y, quantization: t.quantization }];
}

/**
 * XNNPACK runs a 1×1 stride-1 dynamic-range CONV_2D as a fully connected layer over pixels, so each pixel is
 * quantized on its own (qd8 per row) rather than each image.
 */
function pointwiseXnnpack(node: Node, inputs: readonly (HostTensor | null)[], g: Geometry, x: Float32Array, w: Int8Array, scales: readonly number[]): HostTensor[] {
  const { inC, outC } = g;
  const pixels = x.length / inC;
  const biasT = inputs[2] ?? null;
  const bias = biasT ? f32(biasT, node.op, 'bias') : null;
  const [lo, hi] = activationRange(optionsOf(node, Conv2DOptionsT).fusedActivationFunction, node.op);
  const y = new Float32Array(pixels * outC);
  const q = new Int8Array(inC);
  const fr = Math.fround;
  for (let p = 0; p < pixels; p++) {
    const { invScale, zeroPoint } = quantizeRowXnnpack(x.subarray(p * inC, (p + 1) * inC), q);
    for (let c = 0; c < outC; c++) {
      let acc = 0;
      for (let i = 0; i < inC; i++) acc += w[c * inC + i]! * (q[i]! - zeroPoint);
      let v = fr(fr(fr(acc) * invScale) * (scales.length === 1 ? scales[0]! : scales[c]!));
      if (bias) v = fr(v + bias[c]!);
      y[p * outC + c] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  const t = node.outputs[0]!;
  return [{ dtype: t.dtype, shape: [g.batches, g.outH, g.outW, outC], data: y, quantization: t.quantization }];
}

export const convKernels = {
  conv2dInt,
  depthwiseInt,
  conv2dHybrid: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => hybrid(node, inputs, false, ctx),
  depthwiseHybrid: (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => hybrid(node, inputs, true, ctx),
};
