/**
 * Descriptors of the two-pass f32 min/max reduction (kernels/min_max.wgsl, kernels/min_max_finalize.wgsl):
 * pass 1 reduces grid-strided slices to one order-key pair per workgroup, pass 2 folds the pairs in one workgroup
 * and writes [min, max] as f32. The pass-1 grid is capped so pass 2 stays one workgroup reading ≤ 256 pairs.
 */
import type { KernelDescriptor } from '../kernel.ts';
import { uniformBlock } from '../kernel-util.ts';

/** Pass-1 workgroups for n elements: about 8 elements per lane, at most 256 workgroups. */
export function minMaxGroups(n: number): number {
  return Math.min(256, Math.max(1, Math.ceil(n / (256 * 8))));
}

export const minMaxKernel: KernelDescriptor<{ n: number }> = {
  name: 'min_max',
  bindings: [
    { name: 'partials', type: 'storage' },
    { name: 'x', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [256, 1, 1],
  dispatch: ({ n }) => [minMaxGroups(n), 1, 1],
  cacheKey: () => 'min_max|f32',
  uniforms: ({ n }) => uniformBlock([{ u32: n }]),
};

export const minMaxFinalizeKernel: KernelDescriptor<{ count: number }> = {
  name: 'min_max_finalize',
  bindings: [
    { name: 'out', type: 'storage' },
    { name: 'partials', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [256, 1, 1],
  dispatch: () => [1, 1, 1],
  cacheKey: () => 'min_max_finalize|f32',
  uniforms: ({ count }) => uniformBlock([{ u32: count }]),
};
