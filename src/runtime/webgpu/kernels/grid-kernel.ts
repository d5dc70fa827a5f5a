/**
 * Descriptors of the one-invocation-per-output kernels (kernels/f32_*.wgsl and kernels/move_*.wgsl): a 1-D grid of
 * `count` items folded into (x, y) by grid1d, and a uniform block given as its field list (the op kernel fills it in
 * the order of the WGSL `Uniforms` struct, pads included). Shapes live in the uniforms, so each kernel has one
 * pipeline (cache key `name|f32` or `name|u32`).
 */
import type { KernelBinding, KernelDescriptor } from '../kernel.ts';
import { grid1d, uniformBlock } from '../kernel-util.ts';

export type UniformField = { u32: number } | { f32: number };

export interface GridParams {
  /** Items of the grid (outputs, rows …). */
  count: number;
  /** The uniform block, field by field in struct order. */
  fields: readonly UniformField[];
}

function gridKernel(name: string, outputs: readonly string[], inputs: readonly string[], perGroup: number, elem: string): KernelDescriptor<GridParams> {
  const bindings: KernelBinding[] = [
    ...outputs.map((n) => ({ name: n, type: 'storage' as const })),
    ...inputs.map((n) => ({ name: n, type: 'read-only-storage' as const })),
    { name: 'u', type: 'uniform' },
  ];
  return {
    name,
    bindings,
    workgroupSize: [perGroup, 1, 1],
    dispatch: ({ count }) => grid1d(count, perGroup),
    cacheKey: () => `${name}|${elem}`,
    uniforms: ({ fields }) => uniformBlock(fields),
  };
}

export const f32UnaryKernel = gridKernel('f32_unary', ['y'], ['x'], 256, 'f32');
export const f32BinaryKernel = gridKernel('f32_binary', ['y'], ['a', 'b'], 256, 'f32');
export const f32Conv2dKernel = gridKernel('f32_conv2d', ['y'], ['x', 'f', 'bias'], 256, 'f32');
export const f32DepthwiseConv2dKernel = gridKernel('f32_depthwise_conv2d', ['y'], ['x', 'f', 'bias'], 256, 'f32');
export const f32Pool2dKernel = gridKernel('f32_pool2d', ['y'], ['x'], 256, 'f32');
export const f32MatmulKernel = gridKernel('f32_matmul', ['y'], ['a', 'b', 'bias'], 256, 'f32');
export const f32SoftmaxKernel = gridKernel('f32_softmax', ['y'], ['x'], 64, 'f32');
export const f32ReduceKernel = gridKernel('f32_reduce', ['y'], ['x'], 64, 'f32');
export const moveCopyKernel = gridKernel('move_copy', ['y'], ['x'], 256, 'u32');
export const moveFillKernel = gridKernel('move_fill', ['y'], [], 256, 'u32');
export const moveGatherKernel = gridKernel('move_gather', ['y'], ['x', 'idx'], 256, 'u32');
export const i32BinaryKernel = gridKernel('i32_binary', ['y'], ['a', 'b'], 256, 'i32');
export const f32ResizeBilinearKernel = gridKernel('f32_resize_bilinear', ['y'], ['x', 't'], 256, 'f32');
export const moveResizeNearestKernel = gridKernel('move_resize_nearest', ['y'], ['x', 't'], 256, 'u32');
export const f32ArgMaxKernel = gridKernel('f32_arg_max', ['y'], ['x'], 64, 'u32');
