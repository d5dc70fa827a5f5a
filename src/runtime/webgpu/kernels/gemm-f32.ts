/**
 * Descriptor of the f32 matrix product (kernels/gemm_f32.wgsl): 8 × 8 outputs per invocation, 8 × 8 invocations
 * per workgroup, so one workgroup per 64 × 64 block of C. Chosen by measurement on SwiftShader among naive
 * (1 output per invocation), workgroup-memory tiled 16 × 16, and register tiles 1×4 … 16×4, 8×8 (bench/README.md).
 */
import type { KernelDescriptor } from '../kernel.ts';
import { uniformBlock } from '../kernel-util.ts';

export interface GemmParams { m: number; n: number; k: number }

export const gemmF32Kernel: KernelDescriptor<GemmParams> = {
  name: 'gemm_f32',
  bindings: [
    { name: 'c', type: 'storage' },
    { name: 'a', type: 'read-only-storage' },
    { name: 'b', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [8, 8, 1],
  dispatch: ({ m, n }) => [Math.ceil(n / 64), Math.ceil(m / 64), 1],
  cacheKey: () => 'gemm_f32|rank2',
  uniforms: ({ m, n, k }) => uniformBlock([{ u32: m }, { u32: n }, { u32: k }]),
};
