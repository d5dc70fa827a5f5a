/**
 * RESIZE_BILINEAR on quantized NHWC tensors (input and output share scale and zero point), TFLite's
 * reference_ops::ResizeBilinearInteger: 10-bit fixed-point source coordinates
 * s = ((2^10·in + ⌊out/2⌋) / out) (align_corners: ((2^10·(in−1) + ⌊(out−1)/2⌋) / (out−1))), per output index i
 * v = i·s (half_pixel_centers: i·s + ⌊s/2⌋ − 2^9), lo = max(trunc(v / 2^10), 0), hi = min(⌈v / 2^10⌉, in − 1);
 * the four neighbours are weighted by (2^10 − (v − 2^10·lo)) and (v − 2^10·lo) in each axis, summed exactly (2^20
 * scale) and rounded half away from zero: (sum ± 2^19) / 2^20 truncated.
 * XNNPACK (litert mode; the delegate takes int8 RESIZE_BILINEAR) uses float32 source coordinates and 11-bit weights
 * (xnn_indirection_init_resize_bilinear2d_hwc_q11 + s8-ibilinear): scale = in/out (align_corners: (in−1)/(out−1)),
 * v = i·scale (legacy and align_corners) or clamp(fma(i, scale, scale/2 − 1/2), 0, in−1) (half-pixel), lo = ⌊v⌋,
 * hi = min(lo + 1, in − 1), α = lrintf((v − lo)·2^11); t = (tl << 11) + (tr − tl)·αx, b likewise,
 * out = ((t << 11) + (b − t)·αy + 2^21) >> 22.
 * RESIZE_NEAREST_NEIGHBOR is data movement (the dtype-generic kernel).
 */
import { ResizeBilinearOptionsT } from '../../../../formats/tflite/generated/tflite/resize-bilinear-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { optionsOf, req, toInts } from '../float/util.ts';
import { roundHalfEven } from '../../quant-math.ts';
import { newQOutput, qdata, type QArray } from './q-util.ts';

function coords(outSize: number, inSize: number, align: boolean, half: boolean): { lo: Int32Array; hi: Int32Array; frac: Int32Array } {
  let scale = Math.trunc((1024 * inSize + Math.trunc(outSize / 2)) / outSize);
  if (align && outSize > 1) scale = Math.trunc((1024 * (inSize - 1) + Math.trunc((outSize - 1) / 2)) / (outSize - 1));
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const frac = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const v = half ? i * scale + Math.trunc(scale / 2) - 512 : i * scale;
    lo[i] = Math.max(Math.trunc(v / 1024), 0);
    hi[i] = Math.min(Math.trunc((v + 1023) / 1024), inSize - 1);
    frac[i] = v - 1024 * lo[i]!;
  }
  return { lo, hi, frac };
}

function coordsXnnpack(outSize: number, inSize: number, align: boolean, half: boolean): { lo: Int32Array; hi: Int32Array; alpha: Int32Array } {
  const fr = Math.fround;
  const adj = align && outSize !== 1 ? 1 : 0;
  const scale = fr((inSize - adj) / (outSize - adj));
  const offset = fr(fr(0.5 * scale) - 0.5);
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const alpha = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    let v: number;
    if (half && !align) v = Math.min(Math.max(fr(i * scale + offset), 0), inSize - 1);
    else v = fr(i * scale);
    lo[i] = Math.trunc(v);
    hi[i] = Math.min(lo[i]! + 1, inSize - 1);
    alpha[i] = roundHalfEven(fr(fr(v - lo[i]!) * 2048));
  }
  return { lo, hi, alpha };
}

function resizeBilinearXnnpack(node: Node, x: QArray, shape: number[], outH: number, outW: number, align: boolean, half: boolean): HostTensor[] {
  const [batches, inH, inW, depth] = shape as [number, number, number, number];
  const out = newQOutput(node, [batches, outH, outW, depth]);
  const y = out.data;
  const ys = coordsXnnpack(outH, inH, align, half);
  const xs = coordsXnnpack(outW, inW, align, half);
  let o = 0;
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const ay = ys.alpha[oy]!;
      const r0 = (b * inH + ys.lo[oy]!) * inW;
      const r1 = (b * inH + ys.hi[oy]!) * inW;
      for (let ox = 0; ox < outW; ox++) {
        const ax = xs.alpha[ox]!;
        const tl = (r0 + xs.lo[ox]!) * depth, tr = (r0 + xs.hi[ox]!) * depth;
        const bl = (r1 + xs.lo[ox]!) * depth, br = (r1 + xs.hi[ox]!) * depth;
        for (let c = 0; c < depth; c++, o++) {
          const t = x[tl + c]! * 2048 + (x[tr + c]! - x[tl + c]!) * ax;
          const bo = x[bl + c]! * 2048 + (x[br + c]! - x[bl + c]!) * ax;
          y[o] = (t * 2048 + (bo - t) * ay + 2097152) >> 22;
        }
      }
    }
  }
  return [out];
}

function resizeBilinear(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, ResizeBilinearOptionsT);
  const input = req(node, inputs, 0);
  if (input.shape.length !== 4) throw new RangeError(`${node.op}: input must be 4-D, got [${input.shape}]`);
  const [outH, outW] = toInts(req(node, inputs, 1)) as [number, number];
  const [batches, inH, inW, depth] = input.shape as [number, number, number, number];
  const x = qdata(input, node.op);
  if (ctx.integerArithmetic === 'litert' && input.dtype === 'int8') return resizeBilinearXnnpack(node, x, input.shape, outH, outW, opts.alignCorners, opts.halfPixelCenters);
  const out = newQOutput(node, [batches, outH, outW, depth]);
  const y = out.data;
  const ys = coords(outH, inH, opts.alignCorners, opts.halfPixelCenters);
  const xs = coords(outW, inW, opts.alignCorners, opts.halfPixelCenters);
  let o = 0;
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = ys.lo[oy]!, y1 = ys.hi[oy]!, fy = ys.frac[oy]!;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = xs.lo[ox]!, x1 = xs.hi[ox]!, fx = xs.frac[ox]!;
        const p00 = ((b * inH + y0) * inW + x0) * depth;
        const p10 = ((b * inH + y1) * inW + x0) * depth;
        const p01 = ((b * inH + y0) * inW + x1) * depth;
        const p11 = ((b * inH + y1) * inW + x1) * depth;
        for (let c = 0; c < depth; c++, o++) {
          const s = x[p00 + c]! * (1024 - fy) * (1024 - fx) + x[p10 + c]! * fy * (1024 - fx) +
            x[p01 + c]! * (1024 - fy) * fx + x[p11 + c]! * fy * fx;
          y[o] = Math.trunc((s + (s > 0 ? 524288 : -524288)) / 1048576);
        }
      }
    }
  }
  return [out];
}

export const resizeKernels = { resizeBilinear };
