/**
 * Frozen GraphDef reader (`tf.compat.v1.graph_util.convert_variables_to_constants` / `freeze_graph` output, the
 * input of `tflite_convert --graph_def_file`): one GraphDef proto whose variables are already `Const` nodes.
 * Produces the TF-op form of the IR (`src/ir/tf-graph.md`) with one subgraph and a `serving_default` signature.
 *
 * Format facts relied on (tensorflow/core/framework/graph.proto): a GraphDef is `node` (field 1), `library`
 * (field 2, functions inlined like in SavedModels), `versions` (field 4); serialized in field order, so a non-empty
 * GraphDef starts with byte 0x0a (field 1, length-delimited) — a SavedModel starts with 0x08 or 0x12.
 * There is no op list: output arity/dtypes of common ops and attr defaults come from `savedmodel/op-defs.ts`.
 */
import { ConversionError, FormatError, UsageError } from '../../errors.ts';
import type { Graph } from '../../ir/graph.ts';
import { FlatGraph, own, parseInput, type FlatNode, type TfRef } from '../savedmodel/flat-graph.ts';
import { tensorflow } from '../savedmodel/generated/tf-protos.js';
import { buildGraph, type Feed, type Fetch } from '../savedmodel/graph-builder.ts';
import { OpRegistry, outputTypes } from '../savedmodel/op-defs.ts';
import { decodeProto, dtypeOf, shapeOf } from '../savedmodel/tf-proto.ts';

export interface GraphDefOptions {
  /** Input tensors (`name` or `name:k`); default: every `Placeholder` the outputs depend on, in graph order. */
  inputArrays?: string[];
  /** Output tensors; default: every node no other node consumes (sinks), except Placeholders, Consts and NoOps. */
  outputArrays?: string[];
  /** Input shapes, by input name or in `inputArrays` order (TF's -1 for a dynamic dim); default the `shape` attr. */
  inputShapes?: Record<string, number[]> | number[][];
}

/** True when `bytes` decode as a GraphDef with at least one op node. */
export function sniffGraphDef(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x0a) return false;
  try {
    const g = tensorflow.GraphDef.decode(bytes);
    return (g.node ?? []).length > 0 && (g.node ?? []).every((n) => !!n.name && !!n.op);
  } catch {
    return false;
  }
}

const NOT_SINKS = new Set(['NoOp', 'Placeholder', 'PlaceholderWithDefault', 'Const', 'VariableV2', 'VarHandleOp', 'Assign',
  'AssignVariableOp', 'SaveV2', 'RestoreV2', 'MergeV2Checkpoints']);

function defaultOutputs(g: FlatGraph): string[] {
  const consumed = new Set<string>();
  for (const n of g.nodes.values()) {
    for (const r of n.inputs) consumed.add(r.node);
    for (const c of n.control) consumed.add(c);
  }
  return [...g.nodes.values()].filter((n) => !consumed.has(n.name) && !NOT_SINKS.has(n.op)).map((n) => n.name);
}

/** Placeholders reachable from `refs` (through data edges, inlining calls), in graph order. */
function reachablePlaceholders(g: FlatGraph, refs: TfRef[]): string[] {
  const order = [...g.nodes.keys()];
  const seen = new Set<string>();
  const found = new Set<string>();
  const stack = [...refs];
  while (stack.length) {
    const r = g.resolve(stack.pop()!);
    if (seen.has(r.node)) continue;
    seen.add(r.node);
    const n = g.nodes.get(r.node)!;
    if (n.op === 'Placeholder') found.add(n.name);
    else stack.push(...n.inputs);
  }
  return order.filter((n) => found.has(n));
}

function tensorRef(g: FlatGraph, name: string, file: string, what: string): TfRef {
  const r = parseInput(name, file, what);
  if (!r || !g.nodes.has(r.node)) throw new UsageError(`${file}: ${what} "${name}" is not a tensor of the graph`);
  return r;
}

function shapeFor(options: GraphDefOptions, name: string, k: number): number[] | undefined {
  const s = options.inputShapes;
  if (!s) return undefined;
  if (Array.isArray(s)) return s[k];
  return own(s, name) ?? own(s, name.replace(/:0$/, '')) ?? own(s, `${name}:0`);
}

function feedFor(g: FlatGraph, node: FlatNode, ref: TfRef, name: string, shape: number[] | undefined, file: string): Feed {
  const spec = g.spec(node.op);
  const types = spec ? outputTypes(spec, (a) => g.attr(node, a)) : null;
  const dtype = dtypeOf(types?.[ref.index]) ?? dtypeOf(g.attr(node, 'dtype')?.type) ?? dtypeOf(g.attr(node, 'T')?.type);
  if (!dtype) throw new FormatError(file, `cannot tell the dtype of input ${name}`, undefined, node.name);
  const declared = ref.index === 0 && node.op.startsWith('Placeholder') ? shapeOf(g.attr(node, 'shape')?.shape) : null;
  const listed = shapeOf(own(node.attr, '_output_shapes')?.list?.shape?.[ref.index]);
  return { key: name, ref, name: `${ref.node}:${ref.index}`, dtype, shape: shape ?? declared ?? listed };
}

/** Loads a frozen GraphDef (`bytes` of the file named `file`) as a one-subgraph TF-op IR graph. */
export async function loadGraphDef(bytes: Uint8Array, file: string, options: GraphDefOptions = {}): Promise<Graph> {
  const gd = decodeProto((b) => tensorflow.GraphDef.decode(b), bytes, file, 'GraphDef');
  if (!(gd.node ?? []).length) throw new FormatError(file, 'GraphDef has no nodes');
  const g = new FlatGraph(file, new OpRegistry(), gd.node ?? [], gd.library);

  const outNames = options.outputArrays ?? defaultOutputs(g);
  if (!outNames.length) throw new ConversionError(`${file}: the graph has no outputs; pass outputArrays`);
  const fetches: Fetch[] = outNames.map((n) => ({ key: n.replace(/:0$/, ''), ref: tensorRef(g, n, file, 'output') }));

  const inNames = options.inputArrays ?? reachablePlaceholders(g, fetches.map((f) => f.ref));
  if (Array.isArray(options.inputShapes) && options.inputShapes.length !== inNames.length) {
    throw new UsageError(`${file}: ${options.inputShapes.length} input shapes for ${inNames.length} inputs (${inNames.join(', ')})`);
  }
  const feeds: Feed[] = inNames.map((name, k) => {
    const ref = tensorRef(g, name, file, 'input');
    return { ...feedFor(g, g.nodes.get(ref.node)!, ref, name, shapeFor(options, name, k), file), key: name.replace(/:0$/, '') };
  });

  return buildGraph(g, {
    signatureKey: 'serving_default',
    feeds,
    fetches,
    onPlaceholder: (n) => {
      throw new ConversionError(`${file}: the outputs depend on placeholder ${n.name}, which is not among the inputs (${inNames.join(', ')})`);
    },
  });
}
