/**
 * Constant folding. Rule: a TF op whose inputs are all constants (for Shape / Size / Rank: whose input has a fully
 * known static shape) is evaluated by the folding evaluator (`fold/`), its output tensors become constants holding
 * the results (same tensor objects, so names and readers stay), and the node is deleted.
 * Not folded: ops the evaluator does not know, dtypes it does not compute with, and folds that would grow the model
 * (an output over 4M elements larger than every input: Fill / Tile / BroadcastTo of a big shape), which are left to
 * run at inference like the official converter leaves large splats.
 */
import type { Node } from '../ir/graph.ts';
import { evaluate, FOLD_KERNELS, SHAPE_ONLY_OPS } from './fold/index.ts';
import { encode, supportedDtype, valueOf, type Value } from './fold/values.ts';
import { rulePass, type RewriteRule } from './pass.ts';

const MAX_GROWTH_ELEMENTS = 1 << 22;

interface Folded { node: Node; results: Value[] }

/** The input values of `node` when all are known, else undefined. */
function inputValues(node: Node): Value[] | undefined {
  if (SHAPE_ONLY_OPS.has(node.op)) {
    const x = node.inputs[0];
    if (!x || (!x.hasRank && x.shape.length === 0) || x.shape.some((d) => d < 0)) return undefined;
    return [{ dtype: x.dtype, shape: [...x.shape], data: new Float64Array(0) }];
  }
  const values: Value[] = [];
  for (const t of node.inputs) {
    const v = valueOf(t);
    if (!v) return undefined;
    values.push(v);
  }
  return values;
}

const fold: RewriteRule<Folded> = {
  name: 'fold-constants',
  roots: [...FOLD_KERNELS.keys()],
  match(node) {
    if (node.outputs.length === 0 || node.outputs.some((t) => !supportedDtype(t.dtype))) return undefined;
    const ins = inputValues(node);
    if (!ins) return undefined;
    const results = evaluate(node, ins);
    if (!results || results.length !== node.outputs.length) return undefined;
    return { node, results };
  },
  check({ node, results }) {
    const biggestIn = Math.max(0, ...node.inputs.map((t) => (t?.data ? t.size : 0)));
    const biggestOut = Math.max(...results.map((r) => r.data.length));
    if (biggestOut > MAX_GROWTH_ELEMENTS && biggestOut > biggestIn) return `folding would store ${biggestOut} elements`;
    return undefined;
  },
  rewrite({ node, results }, g) {
    node.outputs.forEach((t, i) => {
      const r = results[i]!;
      t.dtype = r.dtype;
      t.shape = [...r.shape];
      t.hasRank = true;
      t.data = encode(r);
    });
    g.removeNode(node);
  },
};

export const constantFoldPass = rulePass('constant-fold', 'ops whose inputs are all constant are evaluated at conversion time', [fold]);
