/**
 * int8 AVERAGE_POOL_2D / MAX_POOL_2D on the GPU (kernels/i8_pool2d.wgsl), bit-identical to the CPU kernel
 * (cpu/kernels/quant/pooling.ts; the same in both integer arithmetic modes). Input and output share scale and zero
 * point, so pooling works on the raw integers: over the window clamped to the input (n cells, padding not counted),
 * average = clamp(acc > 0 ? (acc + ⌊n/2⌋) / n : (acc − ⌊n/2⌋) / n) with truncating integer division (the mean rounded
 * half away from zero), max = clamp(max q); [lo, hi] is the fused activation's CalculateActivationRangeQuantized.
 */
import { Pool2DOptionsT } from '../../../../formats/tflite/generated/tflite/pool2doptions.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { Backend } from '../../../backend.ts';
import { convDim, optionsOf } from '../../../cpu/kernels/float/util.ts';
import { outputClamp } from '../../../cpu/kernels/quant/q-util.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { gpuOf, i32Field, i8In, i8Out, u32Field } from './util.ts';

/** Throws when some window of an axis lies entirely in the padding (the CPU kernel refuses those too). */
function checkWindows(op: string, outN: number, stride: number, pad: number, k: number, inN: number): void {
  for (let o = 0; o < outN; o++) {
    const s = o * stride - pad;
    if (Math.min(k, inN - s) - Math.max(0, -s) <= 0) throw new RangeError(`${op}: a pooling window lies entirely in the padding`);
  }
}

function pool(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, average: boolean): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const o = optionsOf(node, Pool2DOptionsT);
  const x = i8In(node, inputs, 0);
  if (x.shape.length !== 4) throw new RangeError(`${node.op}: input must be 4-D, got [${x.shape}]`);
  const [batches, inH, inW, depth] = x.shape as [number, number, number, number];
  const h = convDim(o.padding, inH, o.filterHeight, o.strideH, 1);
  const w = convDim(o.padding, inW, o.filterWidth, o.strideW, 1);
  checkWindows(node.op, h.out, o.strideH, h.pad, o.filterHeight, inH);
  checkWindows(node.op, w.out, o.strideW, w.pad, o.filterWidth, inW);
  const [lo, hi] = outputClamp(node, o.fusedActivationFunction);
  const shape = [batches, h.out, w.out, depth];
  const total = batches * h.out * w.out * depth;
  const y = gpu.empty('int8', shape);
  if (total > 0) {
    const fields = [batches, inH, inW, depth, h.out, w.out, o.filterHeight, o.filterWidth, o.strideH, o.strideW, h.pad, w.pad, average ? 1 : 0, total].map(u32Field);
    fields.push(i32Field(lo), i32Field(hi));
    gpu.dispatch('i8_pool2d', { count: Math.ceil(total / 4), fields }, [y], [x.tensor]);
  }
  return [i8Out(node, y, shape)];
}

registerGpuOpKernel('AVERAGE_POOL_2D', 'int8', (node, inputs, backend) => pool(node, inputs, backend, true));
registerGpuOpKernel('MAX_POOL_2D', 'int8', (node, inputs, backend) => pool(node, inputs, backend, false));
