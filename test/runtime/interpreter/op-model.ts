/**
 * Test helper: a `.tflite` holding one operator (constant inputs carry data, the others become graph inputs in
 * order), written with `writeTflite`, so a kernel can run through our Interpreter and through the real runtime.
 */
import { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { writeTflite } from '../../../src/formats/tflite/index.ts';
import type { DType } from '../../../src/ir/dtype.ts';
import { Graph, Node, Subgraph, Tensor, type BuiltinOptionsValue, type Quantization } from '../../../src/ir/graph.ts';

export type Arr = Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array | BigInt64Array | Uint16Array;

export const quant = (scale: number | number[], zeroPoint: number | number[] = 0, axis = 0): Quantization => {
  const s = Array.isArray(scale) ? scale.map(Math.fround) : [Math.fround(scale)];
  const z = Array.isArray(zeroPoint) ? zeroPoint : s.map(() => zeroPoint);
  return { scale: s, zeroPoint: z, axis };
};

/** A constant tensor holding `data`. */
export function constant(name: string, dtype: DType, shape: number[], data: Arr, q: Quantization | null = null): Tensor {
  return new Tensor(name, dtype, shape, new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(), q);
}

/** An activation tensor (a graph input when no node writes it). */
export function act(name: string, dtype: DType, shape: number[], q: Quantization | null = null, signature?: number[]): Tensor {
  const t = new Tensor(name, dtype, shape, null, q);
  if (signature) t.shapeSignature = signature;
  return t;
}

export interface OneOp {
  op: string;
  version?: number;
  inputs: (Tensor | null)[];
  outputs: Tensor[];
  options?: { type: BuiltinOptions; value: BuiltinOptionsValue };
}

/** The graph of one node: its non-constant inputs are the graph inputs, its outputs the graph outputs. */
export function oneOpGraph(spec: OneOp): Graph {
  const node = new Node(spec.op, spec.inputs, spec.outputs, spec.version ?? 1);
  node.options = spec.options ?? null;
  const inputs = spec.inputs.filter((t): t is Tensor => t !== null && !t.isConstant);
  const tensors = [...new Set([...spec.inputs.filter((t): t is Tensor => t !== null), ...spec.outputs])];
  const g = new Graph();
  g.subgraphs.push(new Subgraph('main', tensors, [node], [...new Set(inputs)], spec.outputs));
  return g;
}

export function oneOpModel(spec: OneOp): Uint8Array {
  return writeTflite(oneOpGraph(spec)).slice();
}

export { BuiltinOptions };
