/**
 * Descriptors of the integer (int8) op kernels, kernels/i8_*.wgsl: one invocation per output word (4 int8 outputs)
 * on a 1-D grid folded by grid1d, the uniform block given field by field in WGSL struct order (i32 fields as their
 * u32 bits). The integer arithmetic mode is a uniform, so each kernel has one pipeline.
 */
import type { KernelBinding, KernelDescriptor } from '../kernel.ts';
import { grid1d, uniformBlock } from '../kernel-util.ts';

export type I8Field = { u32: number } | { f32: number };

export interface I8Params {
  /** Invocations of the grid (output words, or elements for kernels that say so). */
  count: number;
  fields: readonly I8Field[];
}

function i8Kernel(name: string, outputs: readonly string[], inputs: readonly string[], perGroup: number): KernelDescriptor<I8Params> {
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
    cacheKey: () => `${name}|i8`,
    uniforms: ({ fields }) => uniformBlock(fields),
  };
}

export const i8Conv2dKernel = i8Kernel('i8_conv2d', ['y'], ['x', 'w', 'params'], 64);
/** count = rows. */
export const i8SoftmaxStatsKernel = i8Kernel('i8_softmax_stats', ['stats'], ['x', 'table'], 64);
export const i8SoftmaxKernel = i8Kernel('i8_softmax', ['y'], ['x', 'table', 'stats'], 64);
export const i8Pool2dKernel = i8Kernel('i8_pool2d', ['y'], ['x'], 64);
export const i8BinaryKernel = i8Kernel('i8_binary', ['y'], ['a', 'b'], 64);
export const i8LutKernel = i8Kernel('i8_lut', ['y'], ['x', 'table'], 64);
/** count = elements (one float32 output each). */
export const i8DequantizeKernel = i8Kernel('i8_dequantize', ['y'], ['x', 'table'], 64);
