/**
 * PReLU / LeakyReLU recognition, as the official converter does it:
 * - `prelu`: Relu(x) + (−α)·Relu(−x) — Keras' PReLU layer (relu(x) − α·relu(−x), with −α constant-folded), also
 *   written Relu(x) − α·Relu(−x) — becomes `_Prelu(x, α)` (TFLite PRELU; α keeps its shape, which broadcasts
 *   against x). PReLU(x) = x for x ≥ 0, α·x below.
 * - `leaky-relu`: Maximum(x, α·x) with a scalar 0 ≤ α ≤ 1 becomes LeakyRelu(alpha = α) (max(x, αx) = x for x ≥ 0,
 *   αx below, exactly when α ≤ 1).
 * Check: the interior tensors are read only by the pattern.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { float32Bytes, floatsOf } from './fold/values.ts';
import { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { interiorProblem, replacePattern, scalarOf } from './pattern.ts';

interface PreluMatch { root: Node; x: Tensor; alpha: Tensor; negate: boolean; nodes: Node[] }

/** x when `t` = Relu(Neg(x)). */
function reluOfNeg(g: GraphEditor, t: Tensor | null | undefined): { x: Tensor; nodes: Node[] } | undefined {
  const relu = g.producerOf(t, 'Relu');
  const neg = relu && g.producerOf(relu.inputs[0], 'Neg');
  return neg && neg.inputs[0] ? { x: neg.inputs[0], nodes: [relu, neg] } : undefined;
}

const prelu: RewriteRule<PreluMatch> = {
  name: 'prelu',
  roots: ['AddV2', 'Add', 'Sub'],
  match(root, g) {
    const orders: [number, number][] = root.op === 'Sub' ? [[0, 1]] : [[0, 1], [1, 0]];
    for (const [i, j] of orders) {
      const pos = g.producerOf(root.inputs[i], 'Relu');
      const mul = g.producerOf(root.inputs[j], 'Mul');
      if (!pos || !mul) continue;
      for (const [a, b] of [[mul.inputs[0], mul.inputs[1]], [mul.inputs[1], mul.inputs[0]]]) {
        const neg = reluOfNeg(g, b);
        if (!a?.data || a.dtype !== 'float32' || !neg || neg.x !== pos.inputs[0]) continue;
        return { root, x: neg.x, alpha: a, negate: root.op !== 'Sub', nodes: [pos, mul, ...neg.nodes] };
      }
    }
    return undefined;
  },
  check: ({ root, nodes }, g) => interiorProblem(g, root, nodes),
  rewrite({ root, x, alpha, negate, nodes }, g) {
    const a = negate ? g.constant(`${alpha.name}/neg`, 'float32', alpha.shape, float32Bytes(floatsOf(alpha)!.map((v) => -v))) : alpha;
    const n = GraphEditor.node('_Prelu', [x, a], [root.outputs[0]!], root.tfName);
    n.attrs = { T: x.dtype };
    replacePattern(g, root, nodes, n);
  },
};

interface LeakyMatch { root: Node; x: Tensor; alpha: number; nodes: Node[] }

const leakyRelu: RewriteRule<LeakyMatch> = {
  name: 'leaky-relu',
  roots: ['Maximum'],
  match(root, g) {
    for (const [x, m] of [[root.inputs[0], root.inputs[1]], [root.inputs[1], root.inputs[0]]]) {
      const mul = g.producerOf(m, 'Mul');
      if (!x || !mul) continue;
      const [p, q] = mul.inputs;
      const alpha = p === x ? scalarOf(q) : q === x ? scalarOf(p) : undefined;
      if (alpha !== undefined && alpha >= 0 && alpha <= 1) return { root, x, alpha, nodes: [mul] };
    }
    return undefined;
  },
  check: ({ root, nodes }, g) => interiorProblem(g, root, nodes),
  rewrite({ root, x, alpha, nodes }, g) {
    const n = GraphEditor.node('LeakyRelu', [x], [root.outputs[0]!], root.tfName);
    n.attrs = { T: x.dtype, alpha };
    replacePattern(g, root, nodes, n);
  },
};

export const fusePreluPass = rulePass('fuse-prelu', 'relu(x) − α·relu(−x) becomes PRELU; max(x, αx) becomes LEAKY_RELU', [prelu, leakyRelu]);
