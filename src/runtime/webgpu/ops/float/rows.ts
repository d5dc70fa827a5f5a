/**
 * Float32 GPU row-wise ops: SOFTMAX along the last axis (kernels/f32_softmax.wgsl, one invocation per row) and the
 * reductions SUM / MEAN / REDUCE_MAX / REDUCE_MIN / REDUCE_PROD over any axes (kernels/f32_reduce.wgsl, one
 * invocation per output). Semantics as src/runtime/cpu/kernels/float/softmax.ts, reduce.ts.
 */
import type { Node } from '../../../../ir/graph.ts';
import { ReducerOptionsT } from '../../../../formats/tflite/generated/tflite/reducer-options.ts';
import { SoftmaxOptionsT } from '../../../../formats/tflite/generated/tflite/softmax-options.ts';
import type { Backend } from '../../../backend.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { f32, f32In, gpuOf, intsOf, normAxis, optionsOf, outValue, padded, sizeOf, stridesOf, u32 } from './util.ts';

registerGpuOpKernel('SOFTMAX', 'float', (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const x = f32In(node, inputs, 0);
  const n = x.shape.length ? x.shape[x.shape.length - 1]! : 1;
  const rows = n === 0 ? 0 : x.size / n;
  const y = gpu.empty('float32', x.shape);
  const beta = Math.fround(optionsOf(node, SoftmaxOptionsT).beta);
  if (rows > 0) gpu.dispatch('f32_softmax', { count: rows, fields: [u32(rows), u32(n), f32(beta), u32(0)] }, [y], [x]);
  return [outValue(node, 0, y, x.shape)];
});

async function reduce(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, mode: number): Promise<GpuValue[]> {
  const gpu = gpuOf(backend, node.op);
  const x = f32In(node, inputs, 0);
  const rank = x.shape.length;
  const axes = [...new Set((await intsOf(node, inputs, 1, backend)).map((a) => normAxis(a, rank, node.op)))].sort((a, b) => a - b);
  const keep = optionsOf(node, ReducerOptionsT).keepDims;
  const str = stridesOf(x.shape);
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const shape = keep ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((d) => x.shape[d]!);
  const red = sizeOf(axes.map((d) => x.shape[d]!));
  const count = sizeOf(shape);
  const y = gpu.empty('float32', shape);
  if (count > 0) {
    gpu.dispatch('f32_reduce', {
      count,
      fields: [u32(count), u32(red), u32(mode), u32(0), ...padded(kept.map((d) => x.shape[d]!), 1), ...padded(kept.map((d) => str[d]!), 0),
        ...padded(axes.map((d) => x.shape[d]!), 1), ...padded(axes.map((d) => str[d]!), 0)],
    }, [y], [x]);
  }
  return [outValue(node, 0, y, shape)];
}

const REDUCTIONS: [string, number][] = [['SUM', 0], ['MEAN', 1], ['REDUCE_MAX', 2], ['REDUCE_MIN', 3], ['REDUCE_PROD', 4]];
for (const [op, mode] of REDUCTIONS) registerGpuOpKernel(op, 'float', (node, inputs, backend) => reduce(node, inputs, backend, mode));
