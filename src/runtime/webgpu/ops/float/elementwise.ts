/**
 * Float32 elementwise GPU kernels (kernels/f32_unary.wgsl, kernels/f32_binary.wgsl), the formulas of the CPU
 * reference (src/runtime/cpu/kernels/float/unary.ts, binary.ts): activations as op codes of f32_unary followed by a
 * clamp; binary ops with NumPy broadcasting (rank ≤ 8) and their fused activation; PRELU as a binary op.
 * Unquantized int32 operands (shape arithmetic) run kernels/i32_binary.wgsl with the CPU's integer semantics (wrapping
 * ADD / SUB / MUL, truncating DIV, floor FLOOR_DIV / FLOOR_MOD, POW by repeated product).
 */
import type { Node } from '../../../../ir/graph.ts';
import { ActivationFunctionType } from '../../../../formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../../formats/tflite/generated/tflite/add-options.ts';
import { DivOptionsT } from '../../../../formats/tflite/generated/tflite/div-options.ts';
import { GeluOptionsT } from '../../../../formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../../../../formats/tflite/generated/tflite/leaky-relu-options.ts';
import { MulOptionsT } from '../../../../formats/tflite/generated/tflite/mul-options.ts';
import { SubOptionsT } from '../../../../formats/tflite/generated/tflite/sub-options.ts';
import type { Backend } from '../../../backend.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { activationRange, broadcastShapes, f32, f32In, gpuOf, input, outValue, optionsOf, padded, sizeOf, stridesOf, u32 } from './util.ts';

type Inputs = readonly (GpuValue | null)[];

function unary(node: Node, inputs: Inputs, backend: Backend, op: number, lo = -Infinity, hi = Infinity, alpha = 0): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const x = f32In(node, inputs, 0);
  const y = gpu.empty('float32', x.shape);
  if (x.size > 0) gpu.dispatch('f32_unary', { count: x.size, fields: [u32(x.size), u32(op), f32(alpha), f32(lo), f32(hi), u32(0), u32(0), u32(0)] }, [y], [x]);
  return [outValue(node, 0, y, x.shape)];
}

const UNARY: [string, number, number?, number?][] = [
  ['RELU', 0, 0], ['RELU6', 0, 0, 6], ['RELU_N1_TO_1', 0, -1, 1], ['RELU_0_TO_1', 0, 0, 1],
  ['LOGISTIC', 1], ['TANH', 2], ['ELU', 3], ['HARD_SWISH', 5], ['EXP', 8], ['SQRT', 12], ['RSQRT', 13], ['LOG', 14],
  ['SIN', 15], ['COS', 16], ['FLOOR', 17], ['CEIL', 18],
];
for (const [name, op, lo, hi] of UNARY) {
  registerGpuOpKernel(name, 'float', (node, inputs, backend) => unary(node, inputs, backend, op, lo ?? -Infinity, hi ?? Infinity));
}
registerGpuOpKernel('LEAKY_RELU', 'float', (node, inputs, backend) =>
  unary(node, inputs, backend, 4, -Infinity, Infinity, Math.fround(optionsOf(node, LeakyReluOptionsT).alpha)));
registerGpuOpKernel('GELU', 'float', (node, inputs, backend) => unary(node, inputs, backend, optionsOf(node, GeluOptionsT).approximate ? 7 : 6));
for (const [name, op] of [['ABS', 9], ['NEG', 10], ['SQUARE', 11], ['SIGN', 19]] as const) {
  registerGpuOpKernel(name, 'float', (node, inputs, backend) => unary(node, inputs, backend, op));
}

/** Strides of `shape` seen from `out` (rank ≤ 8, 0 on broadcast dims). */
function bStrides(shape: readonly number[], out: readonly number[]): number[] {
  const s = stridesOf(shape);
  return out.map((d, o) => {
    const i = o - (out.length - shape.length);
    return i < 0 || shape[i] === 1 ? 0 : s[i]!;
  });
}

/** Op codes i32_binary implements (PRELU has no integer form). */
const INT_OPS = new Set([0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);

/** int32 ⊙ int32 → int32 (kernels/i32_binary.wgsl); the clamp bounds of a fused activation as int32. */
function intBinary(node: Node, inputs: Inputs, backend: Backend, op: number, act: ActivationFunctionType): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const a = input(node, inputs, 0).tensor;
  const b = input(node, inputs, 1).tensor;
  if (b.dtype !== 'int32' || !INT_OPS.has(op)) throw new TypeError(`${node.op}: int32 × ${b.dtype} operands are not supported on the GPU`);
  const shape = broadcastShapes(a.shape, b.shape, node.op);
  const [lo, hi] = activationRange(act, node.op).map((v) => Math.max(-2147483648, Math.min(2147483647, v)));
  const y = gpu.empty('int32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('i32_binary', {
      count,
      fields: [u32(count), u32(op), u32(lo!), u32(hi!), ...padded(shape, 1), ...padded(bStrides(a.shape, shape), 0), ...padded(bStrides(b.shape, shape), 0)],
    }, [y], [a, b]);
  }
  return [outValue(node, 0, y, shape)];
}

function binary(node: Node, inputs: Inputs, backend: Backend, op: number, act: ActivationFunctionType = ActivationFunctionType.NONE): GpuValue[] {
  if (input(node, inputs, 0).tensor.dtype === 'int32') return intBinary(node, inputs, backend, op, act);
  const gpu = gpuOf(backend, node.op);
  const a = f32In(node, inputs, 0);
  const b = f32In(node, inputs, 1);
  const shape = broadcastShapes(a.shape, b.shape, node.op);
  const [lo, hi] = activationRange(act, node.op);
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('f32_binary', {
      count,
      fields: [u32(count), u32(op), f32(lo), f32(hi), ...padded(shape, 1), ...padded(bStrides(a.shape, shape), 0), ...padded(bStrides(b.shape, shape), 0)],
    }, [y], [a, b]);
  }
  return [outValue(node, 0, y, shape)];
}

registerGpuOpKernel('ADD', 'float', (node, inputs, backend) => binary(node, inputs, backend, 0, optionsOf(node, AddOptionsT).fusedActivationFunction));
registerGpuOpKernel('SUB', 'float', (node, inputs, backend) => binary(node, inputs, backend, 1, optionsOf(node, SubOptionsT).fusedActivationFunction));
registerGpuOpKernel('MUL', 'float', (node, inputs, backend) => binary(node, inputs, backend, 2, optionsOf(node, MulOptionsT).fusedActivationFunction));
registerGpuOpKernel('DIV', 'float', (node, inputs, backend) => binary(node, inputs, backend, 3, optionsOf(node, DivOptionsT).fusedActivationFunction));
const BINARY: [string, number][] = [
  ['SQUARED_DIFFERENCE', 4], ['MAXIMUM', 5], ['MINIMUM', 6], ['PRELU', 7], ['POW', 8], ['FLOOR_DIV', 9], ['FLOOR_MOD', 10],
];
for (const [name, op] of BINARY) registerGpuOpKernel(name, 'float', (node, inputs, backend) => binary(node, inputs, backend, op));
