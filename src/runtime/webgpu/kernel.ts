/**
 * Kernel descriptors and the one kernel registry.
 *
 * A kernel is one WGSL file `kernels/NAME.wgsl` (bundled into KERNEL_SOURCES[NAME]) plus a descriptor in
 * `src/runtime/webgpu/kernels/NAME-in-kebab-case.ts` saying how to bind and dispatch it. Every kernel uses bind
 * group 0 with binding i = bindings[i], in the fixed order outputs, inputs, uniforms (one uniform block, last).
 * Shapes travel in the uniform block, so one pipeline serves every shape of a shape class; `cacheKey` names that
 * class (`gemm_f32|rank2`) and is the pipeline-cache key. Adding a kernel = the .wgsl + its descriptor file + one line in KERNELS below.
 */
import { gemmF32Kernel } from './kernels/gemm-f32.ts';
import { gemmInt8Kernel } from './kernels/gemm-int8.ts';
import { histogramKernel } from './kernels/histogram.ts';
import { minMaxFinalizeKernel, minMaxKernel } from './kernels/min-max.ts';
import { packInt8Kernel } from './kernels/pack-int8.ts';
import {
  f32BinaryKernel, f32Conv2dKernel, f32DepthwiseConv2dKernel, f32MatmulKernel, f32Pool2dKernel, f32ReduceKernel,
  f32SoftmaxKernel, f32UnaryKernel, moveCopyKernel, moveFillKernel, moveGatherKernel,
} from './kernels/grid-kernel.ts';
import { i8Conv2dKernel } from './kernels/i8-kernels.ts';
import { f32ArgMaxKernel, f32ResizeBilinearKernel, i32BinaryKernel, moveResizeNearestKernel } from './kernels/grid-kernel.ts';
import { i8BinaryKernel, i8DequantizeKernel, i8LutKernel, i8Pool2dKernel, i8SoftmaxKernel, i8SoftmaxStatsKernel } from './kernels/i8-kernels.ts';

export { grid1d, uniformBlock } from './kernel-util.ts';

export type BindingType = 'storage' | 'read-only-storage' | 'uniform';

export interface KernelBinding {
  /** The WGSL variable name (documentation; the header comment of the .wgsl lists the same). */
  readonly name: string;
  readonly type: BindingType;
}

export type Dispatch = readonly [number, number, number];

export interface KernelDescriptor<P> {
  /** The WGSL file base name, i.e. the KERNEL_SOURCES key. */
  readonly name: string;
  /** In binding order: outputs (`storage`), inputs (`read-only-storage`), then one `uniform`. */
  readonly bindings: readonly KernelBinding[];
  /** Must equal the @workgroup_size of the WGSL entry point `main` (a test checks). */
  readonly workgroupSize: Dispatch;
  /** Workgroup counts for one dispatch of these params. */
  dispatch(params: P): Dispatch;
  /** Pipeline-cache key: kernel name + shape class, e.g. `gemm_f32|rank2`. */
  cacheKey(params: P): string;
  /** The uniform block contents (a multiple of 16 bytes). */
  uniforms(params: P): ArrayBuffer;
}

/** The registry: every kernel the webgpu backend can run, by WGSL name. */
export const KERNELS = {
  min_max: minMaxKernel,
  min_max_finalize: minMaxFinalizeKernel,
  histogram: histogramKernel,
  gemm_f32: gemmF32Kernel,
  gemm_int8: gemmInt8Kernel,
  pack_int8: packInt8Kernel,
  f32_unary: f32UnaryKernel,
  f32_binary: f32BinaryKernel,
  f32_conv2d: f32Conv2dKernel,
  f32_depthwise_conv2d: f32DepthwiseConv2dKernel,
  f32_pool2d: f32Pool2dKernel,
  f32_matmul: f32MatmulKernel,
  f32_softmax: f32SoftmaxKernel,
  f32_reduce: f32ReduceKernel,
  move_copy: moveCopyKernel,
  move_fill: moveFillKernel,
  move_gather: moveGatherKernel,
  i8_conv2d: i8Conv2dKernel,
  i32_binary: i32BinaryKernel,
  f32_resize_bilinear: f32ResizeBilinearKernel,
  move_resize_nearest: moveResizeNearestKernel,
  f32_arg_max: f32ArgMaxKernel,
  i8_softmax_stats: i8SoftmaxStatsKernel,
  i8_softmax: i8SoftmaxKernel,
  i8_pool2d: i8Pool2dKernel,
  i8_binary: i8BinaryKernel,
  i8_lut: i8LutKernel,
  i8_dequantize: i8DequantizeKernel,
} as const;

export type KernelName = keyof typeof KERNELS;
/** The params type of kernel `K`'s descriptor. */
export type KernelParams<K extends KernelName> = (typeof KERNELS)[K] extends KernelDescriptor<infer P> ? P : never;
