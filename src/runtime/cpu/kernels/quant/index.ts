/**
 * The integer CPU kernels, registered per (op, kind): `int8` (int8 and legacy uint8 activations), `int16` (16x8:
 * int16 activations, int8 weights), `hybrid` (float activations, int8 weights: dynamic-range quantization). Each
 * follows TFLite's reference integer arithmetic, or LiteRT's runtime arithmetic when the interpreter's
 * `integerArithmetic` option (their `KernelContext`) is 'litert' (quant-math.ts). Data movement on quantized tensors (RESHAPE, TRANSPOSE, PAD, GATHER, …) is the
 * dtype-generic 'any' kernels' job; the registry falls back to them.
 */
import { registerCpuKernel } from '../../kernel-api.ts';
import { activationKernels } from './activations.ts';
import { batchMatMulKernels } from './batch-matmul.ts';
import { convKernels } from './conv.ts';
import { elementwiseKernels } from './elementwise.ts';
import { fullyConnectedKernels } from './fully-connected.ts';
import { lutActivationKernels } from './lut-activations.ts';
import { poolingKernels } from './pooling.ts';
import { reduceKernels } from './reduce.ts';
import { requantizeKernels } from './requantize.ts';
import { resizeKernels } from './resize.ts';

for (const kind of ['int8', 'int16'] as const) {
  registerCpuKernel('FULLY_CONNECTED', kind, fullyConnectedKernels.int);
  registerCpuKernel('CONV_2D', kind, convKernels.conv2dInt);
  registerCpuKernel('DEPTHWISE_CONV_2D', kind, convKernels.depthwiseInt);
  registerCpuKernel('BATCH_MATMUL', kind, batchMatMulKernels.batchMatMul);
  registerCpuKernel('ADD', kind, elementwiseKernels.add);
  registerCpuKernel('SUB', kind, elementwiseKernels.sub);
  registerCpuKernel('MUL', kind, elementwiseKernels.mul);
  registerCpuKernel('SQUARED_DIFFERENCE', kind, elementwiseKernels.squaredDifference);
  registerCpuKernel('AVERAGE_POOL_2D', kind, poolingKernels.averagePool);
  registerCpuKernel('MAX_POOL_2D', kind, poolingKernels.maxPool);
  registerCpuKernel('MEAN', kind, reduceKernels.mean);
  registerCpuKernel('SUM', kind, reduceKernels.sum);
  registerCpuKernel('QUANTIZE', kind, requantizeKernels.requantize);
  registerCpuKernel('CONCATENATION', kind, requantizeKernels.concatenation);
  registerCpuKernel('RESIZE_BILINEAR', kind, resizeKernels.resizeBilinear);
  registerCpuKernel('RELU', kind, activationKernels.relu);
  registerCpuKernel('RELU6', kind, activationKernels.relu6);
  registerCpuKernel('RELU_N1_TO_1', kind, activationKernels.reluN1To1);
  registerCpuKernel('LEAKY_RELU', kind, activationKernels.leakyRelu);
  registerCpuKernel('PRELU', kind, activationKernels.prelu);
}
registerCpuKernel('HARD_SWISH', 'int8', activationKernels.hardSwish);
registerCpuKernel('LOGISTIC', 'int8', lutActivationKernels.logistic);
registerCpuKernel('TANH', 'int8', lutActivationKernels.tanh);
registerCpuKernel('ELU', 'int8', lutActivationKernels.elu);
registerCpuKernel('SOFTMAX', 'int8', lutActivationKernels.softmax);

registerCpuKernel('FULLY_CONNECTED', 'hybrid', fullyConnectedKernels.hybrid);
registerCpuKernel('CONV_2D', 'hybrid', convKernels.conv2dHybrid);
registerCpuKernel('DEPTHWISE_CONV_2D', 'hybrid', convKernels.depthwiseHybrid);
