/**
 * The constant-folding evaluator: TF op → kernel over constant values (one registry, the union of the kernel
 * families). `evaluate(node, inputs)` returns the output values, or undefined when the node cannot be folded.
 */
import type { Node } from '../../ir/graph.ts';
import { ELEMENTWISE_KERNELS } from './kernels-elementwise.ts';
import { REDUCE_KERNELS } from './kernels-reduce.ts';
import { SHAPE_KERNELS, SHAPE_ONLY_OPS } from './kernels-shape.ts';
import type { FoldKernel } from './kernel.ts';
import type { Value } from './values.ts';

export const FOLD_KERNELS: ReadonlyMap<string, FoldKernel> = new Map(Object.entries({
  ...ELEMENTWISE_KERNELS,
  ...SHAPE_KERNELS,
  ...REDUCE_KERNELS,
}));

export { SHAPE_ONLY_OPS };

export function evaluate(node: Node, inputs: Value[]): Value[] | undefined {
  const k = FOLD_KERNELS.get(node.op);
  if (!k) return undefined;
  try {
    return k(inputs, node);
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) return undefined;
    throw e;
  }
}

export type { Value } from './values.ts';
export type { FoldKernel } from './kernel.ts';
