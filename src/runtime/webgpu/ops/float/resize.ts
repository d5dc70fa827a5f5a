/**
 * Spatial resampling on the GPU, NHWC, semantics as src/runtime/cpu/kernels/float/resize.ts (size = input 1, int32
 * [2]; from the IR constant when it is one, so nothing is read back): the per-row and per-column source indices
 * (and bilinear fractions) are computed on the host with the CPU kernel's exact f32 formulas — align_corners,
 * half_pixel_centers — and uploaded as a small table, so the GPU only gathers and blends.
 *   RESIZE_BILINEAR (float32): kernels/f32_resize_bilinear.wgsl.
 *   RESIZE_NEAREST_NEIGHBOR (any 32-bit dtype, data movement): kernels/move_resize_nearest.wgsl.
 */
import type { Node } from '../../../../ir/graph.ts';
import { ResizeBilinearOptionsT } from '../../../../formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../../../../formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import type { Backend } from '../../../backend.ts';
import { roundHalfAway } from '../../../cpu/kernels/float/util.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { f32In, gpuOf, input, intsOf, optionsOf, outValue, sizeOf, u32, word } from './util.ts';

type Inputs = readonly (GpuValue | null)[];
const fr = Math.fround;

interface Geometry { n: number; h: number; w: number; c: number; oh: number; ow: number }

async function geometry(node: Node, inputs: Inputs, backend: Backend): Promise<Geometry> {
  const x = input(node, inputs, 0);
  if (x.shape.length !== 4) throw new RangeError(`${node.op}: input must be rank 4, got [${x.shape}]`);
  const s = await intsOf(node, inputs, 1, backend);
  if (s.length !== 2 || !(s[0]! > 0 && s[1]! > 0)) throw new RangeError(`${node.op}: size must be two positive values, got [${s}]`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  return { n, h, w, c, oh: s[0]!, ow: s[1]! };
}

function scaleOf(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? fr(fr(inSize - 1) / (outSize - 1)) : fr(fr(inSize) / outSize);
}

const fields = (g: Geometry, count: number) => [count, g.h, g.w, g.c, g.oh, g.ow, 0, 0].map(u32);

registerGpuOpKernel('RESIZE_BILINEAR', 'float', async (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const o = optionsOf(node, ResizeBilinearOptionsT);
  const x = f32In(node, inputs, 0);
  const g = await geometry(node, inputs, backend);
  const table = new Float32Array(3 * (g.oh + g.ow));
  const fill = (at: number, count: number, inSize: number, outSize: number): void => {
    const scale = scaleOf(inSize, outSize, o.alignCorners);
    for (let v = 0; v < count; v++) {
      const s = o.halfPixelCenters ? fr(fr(fr(v + 0.5) * scale) - 0.5) : fr(v * scale);
      const lo = Math.max(Math.floor(s), 0);
      table[at + 3 * v] = lo;
      table[at + 3 * v + 1] = Math.min(Math.ceil(s), inSize - 1);
      table[at + 3 * v + 2] = fr(s - lo);
    }
  };
  fill(0, g.oh, g.h, g.oh);
  fill(3 * g.oh, g.ow, g.w, g.ow);
  const shape = [g.n, g.oh, g.ow, g.c];
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    const t = gpu.upload(table, [table.length]);
    gpu.dispatch('f32_resize_bilinear', { count, fields: fields(g, count) }, [y], [x, t]);
    gpu.dispose(t);
  }
  return [outValue(node, 0, y, shape)];
});

registerGpuOpKernel('RESIZE_NEAREST_NEIGHBOR', 'any', async (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const o = optionsOf(node, ResizeNearestNeighborOptionsT);
  const x = input(node, inputs, 0);
  const dtype = word(x, node.op);
  const g = await geometry(node, inputs, backend);
  const offset = o.halfPixelCenters ? 0.5 : 0;
  const nearest = (v: number, inSize: number, outSize: number): number => {
    const s = fr(fr(v + offset) * scaleOf(inSize, outSize, o.alignCorners));
    const r = Math.min(o.alignCorners ? roundHalfAway(s) : Math.floor(s), inSize - 1);
    return o.halfPixelCenters ? Math.max(0, r) : r;
  };
  const table = new Int32Array(g.oh + g.ow);
  for (let v = 0; v < g.oh; v++) table[v] = nearest(v, g.h, g.oh);
  for (let v = 0; v < g.ow; v++) table[g.oh + v] = nearest(v, g.w, g.ow);
  const shape = [g.n, g.oh, g.ow, g.c];
  const y = gpu.empty(dtype, shape);
  const count = sizeOf(shape);
  if (count > 0) {
    const t = gpu.upload(table, [table.length]);
    gpu.dispatch('move_resize_nearest', { count, fields: fields(g, count) }, [y], [x.tensor, t]);
    gpu.dispose(t);
  }
  return [outValue(node, 0, y, shape)];
});
