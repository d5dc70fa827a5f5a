/**
 * Descriptor of the int8 matrix product with i32 accumulation (kernels/gemm_int8.wgsl) on packed operands
 * (kernels/pack_int8.wgsl): ap [M, K4] and bt [N, K4] u32 words, K4 = ceil(K / 4). 8 × 4 outputs per invocation,
 * 8 × 8 invocations per workgroup → one workgroup per 64 × 32 block of C (the best of 1×1 … 8×8 tiles measured on
 * SwiftShader; unpacking to vec4<i32> instead of dot4I8Packed was slower).
 */
import type { KernelDescriptor } from '../kernel.ts';
import { uniformBlock } from '../kernel-util.ts';

export interface GemmInt8Params { m: number; n: number; k4: number }

export const gemmInt8Kernel: KernelDescriptor<GemmInt8Params> = {
  name: 'gemm_int8',
  bindings: [
    { name: 'c', type: 'storage' },
    { name: 'ap', type: 'read-only-storage' },
    { name: 'bt', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [8, 8, 1],
  dispatch: ({ m, n }) => [Math.ceil(n / 32), Math.ceil(m / 64), 1],
  cacheKey: () => 'gemm_int8|rank2',
  uniforms: ({ m, n, k4 }) => uniformBlock([{ u32: m }, { u32: n }, { u32: k4 }]),
};
