/**
 * Descriptor of the fixed-bin f32 histogram (kernels/histogram.wgsl): workgroup-local atomic counts merged into
 * global atomic<u32> counters. `lo` and `scale` are the f32 values from `histogramParams` (bin = floor((x − lo) ·
 * scale), clamped to the edge bins). The grid is capped at 64 workgroups: each merge costs one atomicAdd per
 * non-empty bin, so more groups than the device can run at once only add merge traffic.
 */
import type { KernelDescriptor } from '../kernel.ts';
import { uniformBlock } from '../kernel-util.ts';

export interface HistogramParams { n: number; bins: number; lo: number; scale: number }

export const histogramKernel: KernelDescriptor<HistogramParams> = {
  name: 'histogram',
  bindings: [
    { name: 'counts', type: 'storage' },
    { name: 'x', type: 'read-only-storage' },
    { name: 'u', type: 'uniform' },
  ],
  workgroupSize: [256, 1, 1],
  dispatch: ({ n }) => [Math.min(64, Math.max(1, Math.ceil(n / (256 * 16)))), 1, 1],
  cacheKey: () => 'histogram|f32',
  uniforms: ({ n, bins, lo, scale }) => uniformBlock([{ u32: n }, { u32: bins }, { f32: lo }, { f32: scale }]),
};
