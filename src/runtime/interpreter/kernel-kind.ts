/**
 * Which kernel kind runs a node, decided from the IR dtypes alone (so it is known at `Interpreter.create`, before
 * any data): look at the node's ACTIVATION — its first non-constant input (else its first input, else its first
 * output) — then:
 *
 *   activation int8 or uint8                                        → 'int8'
 *   activation int16                                                → 'int16'   (16x8: int16 activations)
 *   activation float (float32/float16/float64) and some CONSTANT input
 *     of int8/uint8/int4 (weights quantized, activations not)       → 'hybrid'  (dynamic-range quantization)
 *   anything else (float32, and unquantized int32/int64/bool/string
 *     index and mask arithmetic, which the float kernels also do)   → 'float'
 *
 * The CPU registry then falls back to the op's dtype-generic 'any' kernel (data movement, conversions) when the
 * kind has none (`getCpuKernel`). Examples: QUANTIZE float→int8 is 'float'; QUANTIZE int8→int8 (requantize) is
 * 'int8'; DEQUANTIZE of constant int8 or float16 weights resolves to the 'any' DEQUANTIZE; RESHAPE of int8 data is
 * 'int8' → 'any'; GATHER of a constant int8 table by int32 indices is 'float' → 'any'.
 */
import type { Node, Tensor } from '../../ir/graph.ts';
import type { KernelKind } from '../cpu/kernel-api.ts';

const FLOATS = new Set(['float32', 'float16', 'float64', 'bfloat16']);
const QUANTIZED_WEIGHTS = new Set(['int8', 'uint8', 'int4']);

/** The tensor whose dtype decides the kind (see the module comment). */
export function activationTensor(node: Node): Tensor | undefined {
  return node.inputs.find((t): t is Tensor => !!t && !t.isConstant) ?? node.inputs.find((t): t is Tensor => !!t) ?? node.outputs[0];
}

export function kernelKind(node: Node): KernelKind {
  const dtype = activationTensor(node)?.dtype;
  if (dtype === 'int8' || dtype === 'uint8') return 'int8';
  if (dtype === 'int16') return 'int16';
  if (dtype && FLOATS.has(dtype) && node.inputs.some((t) => t?.isConstant && QUANTIZED_WEIGHTS.has(t.dtype))) return 'hybrid';
  return 'float';
}
