/**
 * Dead-code removal. Rule: a node none of whose outputs is read (by another node or as a graph output) is deleted,
 * repeatedly, from the outputs backwards; then the subgraph's tensor list keeps only the tensors still referenced
 * (inputs, outputs, node operands, signatures), in their existing order.
 */
import type { Tensor } from '../ir/graph.ts';
import type { GraphEditor } from './graph-editor.ts';
import { subgraphPass } from './pass.ts';

function removeDead(g: GraphEditor): number {
  const sub = g.sub;
  const live = new Set<Tensor>(sub.outputs);
  const keep: boolean[] = new Array<boolean>(sub.nodes.length).fill(false);
  for (let i = sub.nodes.length - 1; i >= 0; i--) {
    const n = sub.nodes[i]!;
    if (n.outputs.some((t) => live.has(t))) {
      keep[i] = true;
      for (const t of n.inputs) if (t) live.add(t);
    }
  }
  const removed = keep.filter((k) => !k).length;
  if (removed) {
    sub.nodes = sub.nodes.filter((_, i) => keep[i]);
    g.touch();
  }
  compactTensors(g);
  return removed;
}

/** Keeps only the referenced tensors in `sub.tensors` (existing order first, then any missing ones). */
export function compactTensors(g: GraphEditor): void {
  const sub = g.sub;
  const used = new Set<Tensor>([...sub.inputs, ...sub.outputs]);
  for (const n of sub.nodes) for (const t of [...n.inputs, ...n.outputs, ...n.intermediates]) if (t) used.add(t);
  for (const s of g.graph.signatures) if (s.subgraph === sub) for (const x of [...s.inputs, ...s.outputs]) used.add(x.tensor);
  const kept = sub.tensors.filter((t) => used.has(t));
  const listed = new Set(kept);
  for (const t of used) if (!listed.has(t)) kept.push(t);
  sub.tensors = kept;
}

export const deadCodePass = subgraphPass('dead-code', 'nodes whose outputs nobody reads are removed', removeDead);
