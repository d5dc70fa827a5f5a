/**
 * Legalization: every TF op becomes TFLite builtins, by the op table (`src/ops/tf-to-tflite.ts`). Rule per node:
 * find the row for its op type, run the row's `check` (an unsupported attr, a non-constant weight…), then replace the
 * node by what the row builds (by default one builtin node reading the mapped inputs, with the row's options,
 * writing the node's own output tensors). Nodes that already are TFLite builtins are left alone.
 * All nodes are checked before any is rewritten; if any op has no row or fails its check, ONE UnsupportedOpError
 * lists every such op type (with the reason, when there is one) and the names of all its nodes.
 */
import { UnsupportedOpError } from '../errors.ts';
import type { Graph, Node } from '../ir/graph.ts';
import { LegalizeContext, LegalizeRefusal, type OpRow } from '../ops/op-row.ts';
import { isTfliteOp, TF_TO_TFLITE } from '../ops/tf-to-tflite.ts';
import { GraphEditor } from './graph-editor.ts';
import type { Pass } from './pass.ts';

/** Rows' default conversion: one node with the mapped inputs and the row's options. */
function defaultBuild(row: OpRow, c: LegalizeContext): Node[] {
  const inputs = (row.inputs ?? c.node.inputs.map((_, i) => i)).map((i) => (i === null ? null : c.input(i)));
  return [c.make(row.tflite, inputs, row.options ? row.options(c) : null)];
}

export interface LegalizePlan {
  node: Node;
  row: OpRow;
}

/** The rows for every TF node of `g`, or the unsupported ops (op label → node names). */
export function planLegalization(g: GraphEditor, unsupported: Map<string, string[]>): LegalizePlan[] {
  const plans: LegalizePlan[] = [];
  const add = (label: string, node: Node): void => {
    unsupported.set(label, [...(unsupported.get(label) ?? []), node.name]);
  };
  for (const node of g.nodes) {
    if (isTfliteOp(node.op)) continue;
    const row = TF_TO_TFLITE.get(node.op);
    if (!row) {
      add(node.op, node);
      continue;
    }
    const reason = row.check?.(new LegalizeContext(node, g));
    if (reason !== undefined) add(`${node.op} with ${reason}`, node);
    else plans.push({ node, row });
  }
  return plans;
}

export const legalizePass: Pass = {
  name: 'legalize',
  description: 'TF ops become TFLite builtins by the op table',
  run(graph: Graph) {
    const unsupported = new Map<string, string[]>();
    const work = graph.subgraphs.map((sub) => {
      const g = new GraphEditor(graph, sub);
      return { g, plans: planLegalization(g, unsupported) };
    });
    if (unsupported.size) throw new UnsupportedOpError(unsupported);
    let rewrites = 0;
    for (const { g, plans } of work) {
      for (const { node, row } of plans) {
        const c = new LegalizeContext(node, g);
        let built: Node[];
        try {
          built = row.build ? row.build(c) : defaultBuild(row, c);
        } catch (e) {
          if (!(e instanceof LegalizeRefusal)) throw e;
          const label = `${node.op} with ${e.message}`;
          unsupported.set(label, [...(unsupported.get(label) ?? []), node.name]);
          continue;
        }
        g.replaceNode(node, ...built);
        rewrites++;
      }
    }
    if (unsupported.size) throw new UnsupportedOpError(unsupported);
    return { graph, changed: rewrites > 0, rewrites };
  },
};
