/**
 * Small matching helpers for rules that recognize composite activations written as chains of TF ops:
 * single-value constants, products flattened into (constant factor, non-constant factors), and "the interior of a
 * pattern is read only by the pattern" checks.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { valueOf } from './fold/values.ts';
import type { GraphEditor } from './graph-editor.ts';

/** The value of a single-element float constant, else undefined. */
export function scalarOf(t: Tensor | null | undefined): number | undefined {
  const v = valueOf(t);
  return v && v.data.length === 1 && (v.dtype === 'float32' || v.dtype === 'float64' || v.dtype === 'float16') ? v.data[0] : undefined;
}

export function near(a: number | undefined, b: number, rel = 1e-5): boolean {
  return a !== undefined && Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
}

/**
 * A product `t` = k · f1 · f2 · …, looking through Mul and RealDiv-by-constant nodes (`interior` collects the nodes
 * walked through, the root's producer first). Constants multiply into `k`; everything else is a factor.
 */
export interface Product { k: number; factors: Tensor[]; interior: Node[] }

export function flattenProduct(g: GraphEditor, t: Tensor, depth = 3): Product {
  const out: Product = { k: 1, factors: [], interior: [] };
  const walk = (x: Tensor, d: number, root: boolean): void => {
    const c = scalarOf(x);
    if (c !== undefined) {
      out.k *= c;
      return;
    }
    const p = g.producerOf(x, 'Mul', 'RealDiv');
    if (p && d > 0 && (root || g.singleUse(x))) {
      const [a, b] = p.inputs as [Tensor, Tensor];
      if (p.op === 'Mul') {
        out.interior.push(p);
        walk(a, d - 1, false);
        walk(b, d - 1, false);
        return;
      }
      const div = scalarOf(b);
      if (div !== undefined && div !== 0) {
        out.interior.push(p);
        out.k /= div;
        walk(a, d - 1, false);
        return;
      }
    }
    out.factors.push(x);
  };
  walk(t, depth, true);
  return out;
}

/** The other operand of a binary `node` when one operand is the constant `c` (within tolerance). */
export function otherThanConst(node: Node, c: number): Tensor | undefined {
  const [a, b] = node.inputs;
  if (!a || !b) return undefined;
  if (near(scalarOf(b), c)) return a;
  if (near(scalarOf(a), c)) return b;
  return undefined;
}

/** Why the interior nodes (all but the root) cannot be removed with the pattern, or undefined. */
export function interiorProblem(g: GraphEditor, root: Node, nodes: readonly Node[]): string | undefined {
  for (const n of nodes) {
    if (n === root) continue;
    for (const t of n.outputs) if (g.useCount(t) > 1 || g.isGraphOutput(t)) return `${t.name} is also read outside the pattern`;
  }
  return undefined;
}

/** Replaces the pattern rooted at `root` (its interior `nodes` removed) by `replacement`, which writes root's output. */
export function replacePattern(g: GraphEditor, root: Node, nodes: readonly Node[], replacement: Node): void {
  g.replaceNode(root, replacement);
  for (const n of nodes) if (n !== root && g.has(n)) g.removeNode(n);
}
