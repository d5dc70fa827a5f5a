/**
 * Float32 GPU row-wise ops: SOFTMAX along the last axis (kernels/f32_softmax.wgsl, one invocation per row) and the
 * reductions SUM / MEAN / REDUCE_MAX / REDUCE_MIN / REDUCE_PROD over any axes (kernels/f32_reduce.wgsl, one
 * invocation per output), ARG_MAX / ARG_MIN (kernels/f32_arg_max.wgsl, one invocation per output). Semantics as
 * src/runtime/cpu/kernels/float/softmax.ts, reduce.ts.
 */
import type { Node } from '../../../../ir/graph.ts';
import { ReducerOptionsT } from '../../../../formats/tflite/generated/tflite/reducer-options.ts';
import { SoftmaxOptionsT } from '../../../../formats/tflite/generated/tflite/softmax-options.ts';
import type { Backend } from '../../../backend.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { f32, f32In, gpuOf, input, intsOf, normAxis, optionsOf, outValue, padded, sizeOf, stridesOf, u32, word } from './util.ts';

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

/** ARG_MAX / ARG_MIN (any dtype of 32 bits; axis = input 1, one value): kernels/f32_arg_max.wgsl, int32 indices. */
async function argExtreme(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, isMin: boolean): Promise<GpuValue[]> {
  const gpu = gpuOf(backend, node.op);
  const x = input(node, inputs, 0);
  const dtype = word(x, node.op);
  const a = await intsOf(node, inputs, 1, backend);
  if (a.length !== 1) throw new RangeError(`${node.op}: axis must hold one value, got [${a}]`);
  const axis = normAxis(a[0]!, x.shape.length, node.op);
  const out = node.outputs[0]!.dtype;
  if (out !== 'int32' && out !== 'int64') throw new TypeError(`${node.op}: ${out} output is not supported`);
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const shape = x.shape.filter((_, i) => i !== axis);
  const count = sizeOf(shape);
  // int64 indices live in an int32 buffer (the value keeps its IR dtype; the executor widens on download)
  const y = gpu.empty('int32', shape);
  if (count > 0 && n > 0) {
    gpu.dispatch('f32_arg_max', { count, fields: [count, n, inner, isMin ? 1 : 0, dtype === 'float32' ? 0 : 1, 0, 0, 0].map(u32) }, [y], [x.tensor]);
  }
  return [outValue(node, 0, y, shape)];
}

registerGpuOpKernel('ARG_MAX', 'any', (node, inputs, backend) => argExtreme(node, inputs, backend, false));
registerGpuOpKernel('ARG_MIN', 'any', (node, inputs, backend) => argExtreme(node, inputs, backend, true));
