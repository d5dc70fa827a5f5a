/**
 * Hard-swish recognition. Rule: x·Relu6(x + 3)/6 — Keras 3's hard_swish / hard_silu, MobileNetV3's `x * relu6(x+3)
 * / 6` in any association (Mul chains, RealDiv by 6, Mul by 1/6) — becomes one `_HardSwish` node (TFLite
 * HARD_SWISH). Check: the interior tensors are read only by the pattern.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { flattenProduct, interiorProblem, near, otherThanConst, replacePattern } from './pattern.ts';

interface HardSwishMatch { root: Node; x: Tensor; nodes: Node[] }

const hardSwish: RewriteRule<HardSwishMatch> = {
  name: 'hard-swish',
  roots: ['Mul', 'RealDiv'],
  match(root, g) {
    const p = flattenProduct(g, root.outputs[0]!);
    if (p.factors.length !== 2 || !near(p.k, 1 / 6, 1e-4)) return undefined;
    for (const [x, r] of [[p.factors[0], p.factors[1]], [p.factors[1], p.factors[0]]] as [Tensor, Tensor][]) {
      const relu6 = g.producerOf(r, 'Relu6');
      const add = relu6 && g.producerOf(relu6.inputs[0], 'AddV2', 'Add');
      if (add && otherThanConst(add, 3) === x) return { root, x, nodes: [...p.interior, relu6, add] };
    }
    return undefined;
  },
  check: ({ root, nodes }, g) => interiorProblem(g, root, nodes),
  rewrite({ root, x, nodes }, g) {
    const n = GraphEditor.node('_HardSwish', [x], [root.outputs[0]!], root.tfName);
    n.attrs = { T: x.dtype };
    replacePattern(g, root, nodes, n);
  },
};

export const fuseHardSwishPass = rulePass('fuse-hard-swish', 'x·relu6(x + 3)/6 becomes one HARD_SWISH', [hardSwish]);
