/**
 * Spatial resampling, NHWC; size = input 1 (int32 [2]: new height, new width). Scales in f32 as TFLite computes:
 * scale = in / out, or (in − 1) / (out − 1) with align_corners (out > 1).
 *
 * RESIZE_BILINEAR (float32; TFLite reference): the source coordinate is v = (o + ½)·scale − ½ with
 *   half_pixel_centers, else o·scale (f32); lo = max(⌊v⌋, 0), hi = min(⌈v⌉, in − 1), and
 *   y = x[y0, x0]·(1 − dy)·(1 − dx) + x[y1, x0]·dy·(1 − dx) + x[y0, x1]·(1 − dy)·dx + x[y1, x1]·dy·dx with
 *   dy = v_y − y0, dx = v_x − x0 (not clamped: TFLite's formula, which also extrapolates at the first row).
 * RESIZE_NEAREST_NEIGHBOR (any dtype: data movement): src = min(align_corners ? round((o + off)·scale)
 *   : ⌊(o + off)·scale⌋, in − 1) with off = ½ for half_pixel_centers (then also ≥ 0), else 0; round is half away.
 * DEPTH_TO_SPACE (block b): y[n, h·b + i, w·b + j, c] = x[n, h, w, (i·b + j)·C' + c] with C' = C / b².
 * SPACE_TO_DEPTH: its inverse.
 */
import { DepthToSpaceOptionsT } from '../../../../formats/tflite/generated/tflite/depth-to-space-options.ts';
import { ResizeBilinearOptionsT } from '../../../../formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../../../../formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import { SpaceToDepthOptionsT } from '../../../../formats/tflite/generated/tflite/space-to-depth-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { allocArray, checkSameQuantization, copyBlock, f32, optionsOf, outputOf, req, roundHalfAway, toInts } from './util.ts';

const fr = Math.fround;

function sizes(node: Node, inputs: readonly (HostTensor | null)[]): { x: HostTensor; n: number; h: number; w: number; c: number; oh: number; ow: number } {
  const x = req(node, inputs, 0);
  if (x.shape.length !== 4) throw new RangeError(`${node.op}: input must be rank 4, got [${x.shape}]`);
  const s = toInts(req(node, inputs, 1));
  if (s.length !== 2 || !(s[0]! > 0 && s[1]! > 0)) throw new RangeError(`${node.op}: size must be two positive values, got [${s}]`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  return { x, n, h, w, c, oh: s[0]!, ow: s[1]! };
}

function scaleOf(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? fr(fr(inSize - 1) / (outSize - 1)) : fr(fr(inSize) / outSize);
}

registerCpuKernel('RESIZE_BILINEAR', 'float', (node, inputs) => {
  const o = optionsOf(node, ResizeBilinearOptionsT);
  const { x, n, h, w, c, oh, ow } = sizes(node, inputs);
  const xd = f32(x, node.op);
  const hs = scaleOf(h, oh, o.alignCorners);
  const ws = scaleOf(w, ow, o.alignCorners);
  const interp = (v: number, scale: number, size: number): [number, number, number] => {
    const s = o.halfPixelCenters ? fr(fr(fr(v + 0.5) * scale) - 0.5) : fr(v * scale);
    return [s, Math.max(Math.floor(s), 0), Math.min(Math.ceil(s), size - 1)];
  };
  const xs = Array.from({ length: ow }, (_, ox) => interp(ox, ws, w));
  const out = new Float32Array(n * oh * ow * c);
  let p = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const [iy, y0, y1] = interp(oy, hs, h);
      const dy = fr(iy - y0);
      for (let ox = 0; ox < ow; ox++) {
        const [ix, x0, x1] = xs[ox]!;
        const dx = fr(ix - x0);
        const r00 = ((b * h + y0) * w + x0) * c;
        const r10 = ((b * h + y1) * w + x0) * c;
        const r01 = ((b * h + y0) * w + x1) * c;
        const r11 = ((b * h + y1) * w + x1) * c;
        const w00 = fr(fr(1 - dy) * fr(1 - dx));
        const w10 = fr(dy * fr(1 - dx));
        const w01 = fr(fr(1 - dy) * dx);
        const w11 = fr(dy * dx);
        for (let k = 0; k < c; k++) {
          out[p++] = xd[r00 + k]! * w00 + xd[r10 + k]! * w10 + xd[r01 + k]! * w01 + xd[r11 + k]! * w11;
        }
      }
    }
  }
  return [outputOf(node, 0, [n, oh, ow, c], out)];
});

registerCpuKernel('RESIZE_NEAREST_NEIGHBOR', 'any', (node, inputs) => {
  const o = optionsOf(node, ResizeNearestNeighborOptionsT);
  const { x, n, h, w, c, oh, ow } = sizes(node, inputs);
  checkSameQuantization(node, x);
  const offset = o.halfPixelCenters ? 0.5 : 0;
  const nearest = (v: number, inSize: number, outSize: number): number => {
    const scale = scaleOf(inSize, outSize, o.alignCorners);
    const s = fr(fr(v + offset) * scale);
    let r = Math.min(o.alignCorners ? roundHalfAway(s) : Math.floor(s), inSize - 1);
    if (o.halfPixelCenters) r = Math.max(0, r);
    return r;
  };
  const ys = Array.from({ length: oh }, (_, i) => nearest(i, h, oh));
  const xs = Array.from({ length: ow }, (_, i) => nearest(i, w, ow));
  const out = allocArray(x.dtype, n * oh * ow * c);
  let p = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        copyBlock(out, p, x.data, ((b * h + ys[oy]!) * w + xs[ox]!) * c, c);
        p += c;
      }
    }
  }
  return [outputOf(node, 0, [n, oh, ow, c], out)];
});

/** Moves blocks between depth and space: `toSpace` = DEPTH_TO_SPACE. */
function depthSpace(node: Node, inputs: readonly (HostTensor | null)[], bs: number, toSpace: boolean): HostTensor[] {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  if (x.shape.length !== 4 || !(bs >= 1)) throw new RangeError(`${node.op}: needs a rank-4 input and block size ≥ 1`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  // the space-side (large) and depth-side (small) geometry
  const [sh, sw, sc] = toSpace ? [h * bs, w * bs, c / (bs * bs)] : [h, w, c];
  const [dh, dw, dc] = toSpace ? [h, w, c] : [h / bs, w / bs, c * bs * bs];
  if (!Number.isInteger(sc) || !Number.isInteger(dh) || !Number.isInteger(dw)) throw new RangeError(`${node.op}: [${x.shape}] does not divide by block size ${bs}`);
  const out = allocArray(x.dtype, x.data.length);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < dh; y++) {
      for (let xx = 0; xx < dw; xx++) {
        for (let i = 0; i < bs; i++) {
          for (let j = 0; j < bs; j++) {
            const space = ((b * sh + y * bs + i) * sw + xx * bs + j) * sc;
            const depth = ((b * dh + y) * dw + xx) * dc + (i * bs + j) * sc;
            if (toSpace) copyBlock(out, space, x.data, depth, sc);
            else copyBlock(out, depth, x.data, space, sc);
          }
        }
      }
    }
  }
  return [outputOf(node, 0, toSpace ? [n, sh, sw, sc] : [n, dh, dw, dc], out)];
}

registerCpuKernel('DEPTH_TO_SPACE', 'any', (node, inputs) => depthSpace(node, inputs, optionsOf(node, DepthToSpaceOptionsT).blockSize, true));
registerCpuKernel('SPACE_TO_DEPTH', 'any', (node, inputs) => depthSpace(node, inputs, optionsOf(node, SpaceToDepthOptionsT).blockSize, false));
