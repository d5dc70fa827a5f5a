/**
 * GELU recognition. Rule: the ops tf.nn.gelu (and Keras' gelu activation) trace to become one `_Gelu` node
 * (legalized to TFLite GELU):
 *   exact:       0.5·x·(1 + erf(x/√2))                                  → GELU(approximate = false)
 *   approximate: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))             → GELU(approximate = true)
 * Products are matched in any association / operand order (Mul chains, division by a constant, x³ as Pow(x, 3),
 * x·x·x or Square(x)·x). Check: the interior tensors are read only by the pattern.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { flattenProduct, interiorProblem, near, otherThanConst, replacePattern, scalarOf } from './pattern.ts';

interface GeluMatch { root: Node; x: Tensor; approximate: boolean; nodes: Node[] }

/** x when `t` = x·k (k ≈ `k`), collecting interior nodes. */
function scaled(g: GraphEditor, t: Tensor, k: number, nodes: Node[]): Tensor | undefined {
  const p = flattenProduct(g, t);
  if (p.factors.length !== 1 || !near(p.k, k, 1e-4)) return undefined;
  nodes.push(...p.interior);
  return p.factors[0];
}

/** True when `t` = x³ (Pow(x, 3), x·x·x, Square(x)·x). */
function isCube(g: GraphEditor, t: Tensor, x: Tensor, nodes: Node[]): boolean {
  const pow = g.producerOf(t, 'Pow');
  if (pow && pow.inputs[0] === x && near(scalarOf(pow.inputs[1]), 3)) {
    nodes.push(pow);
    return true;
  }
  const p = flattenProduct(g, t);
  if (!near(p.k, 1)) return false;
  const sq = p.factors.map((f) => g.producerOf(f, 'Square')).find((n) => n?.inputs[0] === x);
  const ok = (p.factors.length === 3 && p.factors.every((f) => f === x))
    || (p.factors.length === 2 && !!sq && p.factors.includes(x));
  if (ok) nodes.push(...p.interior, ...(sq ? [sq] : []));
  return ok;
}

/** The inner term T of (1 + T) for input x: erf(x/√2) → false, tanh(…) → true; undefined if neither. */
function inner(g: GraphEditor, t: Tensor, x: Tensor, nodes: Node[]): boolean | undefined {
  const erf = g.producerOf(t, 'Erf');
  if (erf && scaled(g, erf.inputs[0]!, Math.SQRT1_2, nodes) === x) {
    nodes.push(erf);
    return false;
  }
  const tanh = g.producerOf(t, 'Tanh');
  if (!tanh) return undefined;
  const s = scaled(g, tanh.inputs[0]!, Math.sqrt(2 / Math.PI), nodes);
  const add = g.producerOf(s, 'AddV2', 'Add');
  if (!add) return undefined;
  for (const [a, b] of [[add.inputs[0], add.inputs[1]], [add.inputs[1], add.inputs[0]]] as [Tensor, Tensor][]) {
    if (a !== x) continue;
    const cube = scaled(g, b, 0.044715, nodes);
    if (cube && isCube(g, cube, x, nodes)) {
      nodes.push(tanh, add);
      return true;
    }
  }
  return undefined;
}

const gelu: RewriteRule<GeluMatch> = {
  name: 'gelu',
  roots: ['Mul'],
  match(root, g) {
    const p = flattenProduct(g, root.outputs[0]!);
    if (p.factors.length !== 2 || !near(p.k, 0.5, 1e-4)) return undefined;
    for (const [x, a] of [[p.factors[0], p.factors[1]], [p.factors[1], p.factors[0]]] as [Tensor, Tensor][]) {
      const add = g.producerOf(a, 'AddV2', 'Add');
      const t = add && otherThanConst(add, 1);
      if (!add || !t) continue;
      const nodes: Node[] = [...p.interior, add];
      const approximate = inner(g, t, x, nodes);
      if (approximate !== undefined) return { root, x, approximate, nodes };
    }
    return undefined;
  },
  check: ({ root, nodes }, g) => interiorProblem(g, root, nodes),
  rewrite({ root, x, approximate, nodes }, g) {
    const n = GraphEditor.node('_Gelu', [x], [root.outputs[0]!], root.tfName);
    n.attrs = { T: x.dtype, approximate };
    replacePattern(g, root, nodes, n);
  },
};

export const fuseGeluPass = rulePass('fuse-gelu', 'the op chain of tf.nn.gelu (exact or tanh-approximate) becomes one GELU', [gelu]);
