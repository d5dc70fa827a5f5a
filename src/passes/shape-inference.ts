/**
 * Shape inference. Rule: walking the nodes in topological order, each output's unknown dims (−1) are filled from
 * what the op's shape function (`shapes/shape-fns.ts`) derives from its inputs' shapes and constant inputs; an
 * output of unknown rank takes the inferred shape. Known dims are never overwritten (a disagreement means the
 * graph's recorded shapes win). With `batchSize`, each graph input's dynamic leading dim first becomes that size, so
 * the whole graph becomes static; otherwise the batch dim stays dynamic.
 */
import type { Tensor } from '../ir/graph.ts';
import type { GraphEditor } from './graph-editor.ts';
import { subgraphPass, type PassContext } from './pass.ts';
import { SHAPE_FNS } from './shapes/shape-fns.ts';

/** Merges `inferred` into `t`'s shape; true when something changed. */
function merge(t: Tensor, inferred: number[]): boolean {
  if (t.isConstant) return false;
  const unranked = !t.hasRank && t.shape.length === 0;
  if (unranked) {
    t.shape = [...inferred];
    t.hasRank = true;
    return true;
  }
  if (t.shape.length !== inferred.length) return false;
  let changed = false;
  t.shape = t.shape.map((d, i) => {
    const v = inferred[i]!;
    if (d < 0 && v >= 0) {
      changed = true;
      return v;
    }
    return d;
  });
  return changed;
}

function infer(g: GraphEditor, ctx: PassContext): number {
  let changes = 0;
  const batch = ctx.options.batchSize;
  if (batch !== undefined) {
    for (const t of g.sub.inputs) {
      if (t.shape.length > 0 && t.shape[0]! < 0) {
        t.shape = [batch, ...t.shape.slice(1)];
        changes++;
      }
    }
  }
  for (const node of g.nodes) {
    const fn = SHAPE_FNS.get(node.op);
    if (!fn) continue;
    const out = fn(node, node.inputs.map((t) => (t ? t.shape : [])));
    if (!out) continue;
    node.outputs.forEach((t, i) => {
      const s = out[i];
      if (s && merge(t, s)) changes++;
    });
  }
  return changes;
}

export const shapeInferencePass = subgraphPass('shape-inference', 'unknown dims are derived from the inputs of each op', infer);
