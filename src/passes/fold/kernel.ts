/**
 * The folding kernel type: a TF op evaluated on constant values. Returns one value per output, or undefined when
 * this instance cannot be folded (an attr or dtype the kernel does not handle) — the node then stays.
 */
import type { Node } from '../../ir/graph.ts';
import type { Value } from './values.ts';

export type FoldKernel = (inputs: Value[], node: Node) => Value[] | undefined;
