/**
 * The interpreter: runs any `.tflite` (float, int8, int16, hybrid) on the cpu reference kernels or on WebGPU.
 * See `interpreter.ts` for the API, `kernel-kind.ts` for the kernel-kind rule, `executor.ts` for the backend seam.
 */
export { Interpreter, SignatureRunner } from './interpreter.ts';
export type { InterpreterOptions, SignatureInfo } from './interpreter.ts';
export type { InputData, TensorDetails, QuantizationDetails } from './tensor-io.ts';
export type { OpTiming } from './engine.ts';
export { InterpreterError } from './errors.ts';
export { kernelKind } from './kernel-kind.ts';
export { registerGpuOpKernel, getGpuOpKernel, registeredGpuOpKernels } from '../webgpu/ops/registry.ts';
export type { GpuValue, GpuOpKernel } from '../webgpu/ops/registry.ts';
export type { Executor, ExecKernel, ExecutorFactory } from './executor.ts';
export type { HostTensor } from '../cpu/kernel-api.ts';
