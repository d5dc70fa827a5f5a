/**
 * The contract between the interpreter and the CPU reference kernels (`src/runtime/cpu/kernels/`).
 *
 * A kernel runs one IR node on host tensors: it gets the node (its options, and its IR output tensors, which give
 * the output dtype and quantization) and the evaluated inputs (`null` for an omitted optional input), computes the
 * output shapes itself (TFLite's Prepare: shapes can change per invoke, e.g. a batch dimension), and returns the
 * outputs. Kernels never mutate their inputs. Constant inputs arrive as views of the model's bytes.
 *
 * Kernels are registered per (op, kind): `float` (float32 activations), `int8`, `int16` (16x8: int16 activations,
 * int8 weights), `hybrid` (float activations, int8 weights: dynamic-range), `any` (dtype-generic data movement such
 * as RESHAPE or GATHER). The float and the integer paths of one op live in different files, so they can be written
 * and reviewed apart; the integer ones follow TFLite's reference integer arithmetic bit for bit.
 */
import type { DType, NumericArray } from '../../ir/dtype.ts';
import type { Node, Quantization } from '../../ir/graph.ts';
import type { IntegerArithmetic } from './quant-math.ts';

export interface HostTensor {
  dtype: DType;
  shape: number[];
  data: NumericArray;
  quantization: Quantization | null;
}

export type KernelKind = 'float' | 'int8' | 'int16' | 'hybrid' | 'any';

/**
 * Per-interpreter facts a kernel may need besides its node and inputs (`Interpreter.create(bytes, { integerArithmetic })`).
 * Float kernels ignore it (they are declared with two parameters); the integer kernels read `integerArithmetic`.
 */
export interface KernelContext {
  /** Which integer arithmetic the quantized kernels reproduce (see `IntegerArithmetic` in quant-math.ts). */
  integerArithmetic: IntegerArithmetic;
}

/** The default context: TFLite's reference integer arithmetic (the DESIGN contract). */
export const DEFAULT_KERNEL_CONTEXT: KernelContext = Object.freeze({ integerArithmetic: 'reference' });

export type CpuKernel = (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => HostTensor[];

const registry = new Map<string, CpuKernel>();
const key = (op: string, kind: KernelKind) => `${op}|${kind}`;

export function registerCpuKernel(op: string, kind: KernelKind, kernel: CpuKernel): void {
  const k = key(op, kind);
  if (registry.has(k)) throw new Error(`CPU kernel ${k} registered twice`);
  registry.set(k, kernel);
}

export function getCpuKernel(op: string, kind: KernelKind): CpuKernel | undefined {
  return registry.get(key(op, kind)) ?? (kind === 'any' ? undefined : registry.get(key(op, 'any')));
}

export function registeredCpuKernels(): string[] {
  return [...registry.keys()].sort();
}
