/**
 * Descriptor of the int8 → u32-word packer (kernels/pack_int8.wgsl) that lays out gemm_int8 operands on the GPU:
 * rows of A [M, K] (rowStride K, colStride 1) or columns of B [K, N] (rowStride 1, colStride N), 4 int8 per word
 * along K, zero-padded to K4 = ceil(K / 4) words. One invocation per output word.
 */
import type { KernelDescriptor } from '../kernel.ts';
import { grid1d, uniformBlock } from '../kernel-util.ts';

export interface PackInt8Params { rows: number; k: number; rowStride: number; colStride: number }

const words = ({ rows, k }: PackInt8Params): number => rows * Math.ceil(k / 4);

export const packInt8Kernel: KernelDescriptor<PackInt8Params> = {
  name: 'pack_int8',
  bindings: [
    { name: 'out', type: 'storage' },
    { name: 'src', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [256, 1, 1],
  dispatch: (p) => grid1d(words(p), 256),
  cacheKey: () => 'pack_int8|rank2',
  uniforms: (p) => uniformBlock([
    { u32: p.rows }, { u32: p.k }, { u32: Math.ceil(p.k / 4) }, { u32: p.rowStride }, { u32: p.colStride }, { u32: words(p) },
  ]),
};
