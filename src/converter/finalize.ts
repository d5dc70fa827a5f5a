/**
 * The last step of conversion: the legalized graph takes TFLite's conventions, as the official converter writes them.
 * - Shapes: a dynamic dim (TF's −1) is 1 in `shape` and −1 in `shapeSignature` (only tensors with a dynamic dim get
 *   a signature).
 * - Op versions: each builtin's op-version rule (`src/ops/op-version.ts`) on the final node.
 * - Names: intermediate and constant tensors drop TF's `:0` and the scopes of inlined signature calls
 *   (`StatefulPartitionedCall/…/sequential/dense/MatMul` → `sequential/dense/MatMul`). Graphs traced under a TF2
 *   signature (inputs named `<key>_…`) keep their input names (`serving_default_input_1:0`) and name their outputs
 *   like the signature function's (`StatefulPartitionedCall:0`, from `StatefulPartitionedCall/Identity_k:0` or by
 *   output position); TF1 graphs and frozen GraphDefs name inputs and outputs after their nodes (`x`, `y`), as the
 *   official converter does. Names stay unique.
 * - Tensor order: inputs, then constants in order of first use, then every other tensor in node order.
 * - The (first) subgraph is `main`; the model description says who converted it.
 */
import type { Graph, Subgraph, Tensor } from '../ir/graph.ts';
import { TFLITE_VERSIONS } from '../ops/tf-to-tflite.ts';

export const DESCRIPTION = 'litelab converted.';

function tfliteShapes(t: Tensor): void {
  if (t.shape.some((d) => d < 0)) {
    t.shapeSignature = [...t.shape];
    t.shape = t.shape.map((d) => (d < 0 ? 1 : d));
  } else {
    t.shapeSignature = undefined;
  }
}

/** Scopes of inlined signature-function calls, which TF's own names inside the function do not have. */
const CALL_PREFIX = /^((Stateful)?PartitionedCall(_\d+)?\/)+/;

const CALL_OUTPUT = /^(StatefulPartitionedCall(?:_\d+)?|PartitionedCall(?:_\d+)?)\/Identity(?:_(\d+))?:0$/;

function outputName(t: Tensor, i: number, traced: boolean): string {
  const m = CALL_OUTPUT.exec(t.name);
  if (m) return `${m[1]}:${m[2] ?? 0}`;
  if (traced) return `StatefulPartitionedCall:${i}`;
  return t.name.replace(/:0$/, '');
}

function rename(graph: Graph, sub: Subgraph): void {
  const sig = graph.signatures.find((s) => s.subgraph === sub);
  const traced = !!sig && sub.inputs.length > 0 && sub.inputs.every((t) => t.name.startsWith(`${sig.key}_`));
  const io = new Set([...sub.inputs, ...sub.outputs]);
  const used = new Set<string>();
  const unique = (name: string): string => {
    let n = name;
    for (let k = 1; used.has(n); k++) n = `${name}_${k}`;
    used.add(n);
    return n;
  };
  for (const t of sub.inputs) t.name = unique(traced ? t.name : t.name.replace(/:0$/, ''));
  sub.outputs.forEach((t, i) => {
    if (!sub.inputs.includes(t)) t.name = unique(outputName(t, i, traced));
  });
  for (const t of sub.tensors) {
    if (io.has(t)) continue;
    t.name = unique(t.name.replace(CALL_PREFIX, '').replace(/:0$/, ''));
  }
}

function orderTensors(sub: Subgraph): void {
  const out: Tensor[] = [];
  const seen = new Set<Tensor>();
  const push = (t: Tensor | null): void => {
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  sub.inputs.forEach(push);
  for (const n of sub.nodes) for (const t of n.inputs) if (t?.isConstant) push(t);
  for (const n of sub.nodes) for (const t of [...n.inputs, ...n.outputs, ...n.intermediates]) push(t);
  sub.outputs.forEach(push);
  sub.tensors.forEach(push);
  sub.tensors = out;
}

export function finalizeTflite(graph: Graph): void {
  graph.subgraphs.forEach((sub, i) => {
    orderTensors(sub);
    for (const t of sub.tensors) tfliteShapes(t);
    for (const n of sub.nodes) {
      n.attrs = {};
      n.version = TFLITE_VERSIONS.get(n.op)?.(n) ?? 1;
    }
    rename(graph, sub);
    if (i === 0) sub.name = 'main';
  });
  graph.version = 3;
  graph.description = DESCRIPTION;
}
