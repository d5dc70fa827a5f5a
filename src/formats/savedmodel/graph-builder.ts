/**
 * Builds the TF-op form of the IR (`src/ir/tf-graph.md`) for one set of fetches from a FlatGraph: walks back from
 * the outputs (inlining function calls as it goes), stops at the fed tensors (which become the subgraph inputs),
 * turns `Const` nodes and variable reads into constant tensors, and emits every other node it reached, in
 * topological order, with its TF op type, attrs (OpDef defaults filled in) and one tensor per TF output.
 *
 * Format facts relied on: a `PlaceholderWithDefault` nobody feeds is its default input; a TF1 ref variable
 * (`VariableV2`) is read directly (usually through an `Identity`), a resource variable (`VarHandleOp`) through
 * `ReadVariableOp`; `_output_shapes` (when present) lists one shape per output; attrs starting with `_` are
 * annotations, not op attributes.
 */
import { Graph, Node, Subgraph, Tensor, type AttrValue } from '../../ir/graph.ts';
import type { DType } from '../../ir/dtype.ts';
import { ConversionError, FormatError } from '../../errors.ts';
import { FlatGraph, own, refKey, type FlatNode, type TfRef } from './flat-graph.ts';
import { outputTypes } from './op-defs.ts';
import { attrFromProto, dtypeOf, shapeOf, tensorFromProto } from './tf-proto.ts';

export interface Feed {
  /** Signature-level name. */
  key: string;
  ref: TfRef;
  /** Name of the input tensor (TF's `node:index`). */
  name: string;
  dtype: DType;
  shape: number[] | null;
}

export interface Fetch {
  key: string;
  ref: TfRef;
}

export interface BuildSpec {
  signatureKey: string;
  feeds: Feed[];
  fetches: Fetch[];
  /** The checkpoint value of a variable node (VariableV2 / VarHandleOp); throws when there is none. */
  variable?: (node: FlatNode) => Promise<Tensor>;
  /** What an unfed `Placeholder` on the path to the outputs means (default: a ConversionError). */
  onPlaceholder?: (node: FlatNode) => never;
}

const VARIABLE_OPS = new Set(['VariableV2', 'Variable', 'VarHandleOp']);

function setShape(t: Tensor, shape: number[] | null): void {
  t.shape = shape ?? [];
  t.hasRank = shape !== null;
}

/** Builds a one-subgraph Graph computing `spec.fetches` from `spec.feeds`. */
export async function buildGraph(g: FlatGraph, spec: BuildSpec): Promise<Graph> {
  const file = g.file;
  const sub = new Subgraph(spec.signatureKey);
  const feeds = new Map<string, Tensor>();
  const inputs: { key: string; tensor: Tensor }[] = [];
  for (const f of spec.feeds) {
    const key = refKey(g.resolve(f.ref, `signature input ${f.key}`));
    let t = feeds.get(key);
    if (!t) {
      t = new Tensor(f.name, f.dtype, []);
      setShape(t, f.shape);
      feeds.set(key, t);
      sub.tensors.push(t);
    }
    sub.inputs.push(t);
    inputs.push({ key: f.key, tensor: t });
  }

  /** The output that really produces `ref`: through aliases and inlined calls, and past unfed PlaceholderWithDefaults. */
  const canonical = (ref: TfRef, where: string): TfRef => {
    for (let guard = 0; ; guard++) {
      const r = g.resolve(ref, where);
      if (feeds.has(refKey(r))) return r;
      const n = g.nodes.get(r.node)!;
      if (n.op !== 'PlaceholderWithDefault' || guard > 10_000) return r;
      const d = n.inputs[0];
      if (!d) throw new FormatError(file, 'PlaceholderWithDefault without input', undefined, n.name);
      ref = d;
    }
  };

  const constants = new Map<string, Tensor>();
  const outputs = new Map<string, Tensor[]>();
  const growable = new Set<string>();

  const outputShapes = (n: FlatNode): (number[] | null)[] => (own(n.attr, '_output_shapes')?.list?.shape ?? []).map(shapeOf);

  /** Creates the output tensors of an op node (on first visit, so back edges of cycles can refer to them). */
  const makeOutputs = (n: FlatNode): Tensor[] => {
    const spec = g.spec(n.op);
    const types = spec ? outputTypes(spec, (a) => g.attr(n, a)) : null;
    const shapes = outputShapes(n);
    if (!types) growable.add(n.name);
    const fallback = dtypeOf(g.attr(n, 'T')?.type) ?? dtypeOf(g.attr(n, 'dtype')?.type) ?? 'float32';
    const count = types ? types.length : Math.max(shapes.length, 1);
    const ts: Tensor[] = [];
    for (let i = 0; i < count; i++) {
      const t = new Tensor(`${n.name}:${i}`, (types && dtypeOf(types[i])) || fallback, []);
      setShape(t, shapes[i] ?? null);
      ts.push(t);
      sub.tensors.push(t);
    }
    outputs.set(n.name, ts);
    return ts;
  };

  /** The variable node a resource / ref input comes from, looking through Identity. */
  const variableNode = (ref: TfRef, where: string): FlatNode | undefined => {
    for (let guard = 0; guard < 10_000; guard++) {
      const n = g.nodes.get(canonical(ref, where).node)!;
      if (VARIABLE_OPS.has(n.op)) return n;
      if (n.op !== 'Identity' || !n.inputs[0]) return undefined;
      ref = n.inputs[0];
    }
    return undefined;
  };

  const readVariable = async (v: FlatNode, name: string): Promise<Tensor> => {
    if (!spec.variable) throw new ConversionError(`${file}: variable ${v.name} has no value (the graph is not frozen)`);
    const value = await spec.variable(v);
    const t = new Tensor(name, value.dtype, value.shape, value.data);
    t.hasRank = true;
    return t;
  };

  /** A constant-valued output (Const, a variable read), or undefined for an op output. */
  const constantFor = async (n: FlatNode, r: TfRef): Promise<Tensor | undefined> => {
    const key = refKey(r);
    const known = constants.get(key);
    if (known) return known;
    let t: Tensor | undefined;
    if (n.op === 'Const') {
      const value = own(n.attr, 'value')?.tensor;
      if (!value) throw new FormatError(file, 'Const without a value', undefined, n.name);
      t = tensorFromProto(value, `${n.name}:0`, file, n.name);
    } else if (n.op === 'VariableV2' || n.op === 'Variable') {
      t = await readVariable(n, `${n.name}:0`);
    } else if (n.op === 'ReadVariableOp' && n.inputs[0]) {
      const v = variableNode(n.inputs[0], n.name);
      if (v) t = await readVariable(v, `${n.name}:0`);
    }
    if (t) {
      constants.set(key, t);
      sub.tensors.push(t);
    }
    return t;
  };

  // Iterative DFS from the fetches: nodes are emitted after their inputs (post-order).
  const state = new Map<string, 'open' | 'done'>();
  const emitted: FlatNode[] = [];
  const inputRefs = new Map<string, TfRef[]>();
  const stack: { ref: TfRef; where: string; exit?: FlatNode }[] = spec.fetches.map((f) => ({ ref: f.ref, where: `output ${f.key}` })).reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if (item.exit) {
      state.set(item.exit.name, 'done');
      emitted.push(item.exit);
      continue;
    }
    const r = canonical(item.ref, item.where);
    if (feeds.has(refKey(r))) continue;
    const n = g.nodes.get(r.node)!;
    if (state.has(n.name)) continue;
    if (await constantFor(n, r)) continue;
    if (n.op === 'Placeholder') {
      if (spec.onPlaceholder) spec.onPlaceholder(n);
      throw new ConversionError(`${file}: the outputs depend on placeholder ${n.name}, which the signature does not feed`);
    }
    state.set(n.name, 'open');
    makeOutputs(n);
    const refs = n.inputs.map((i) => canonical(i, n.name));
    inputRefs.set(n.name, refs);
    stack.push({ ref: r, where: '', exit: n });
    for (let i = refs.length - 1; i >= 0; i--) stack.push({ ref: refs[i]!, where: n.name });
  }

  const tensorOf = async (r: TfRef, consumer: string): Promise<Tensor> => {
    const fed = feeds.get(refKey(r));
    if (fed) return fed;
    const n = g.nodes.get(r.node)!;
    const c = await constantFor(n, r);
    if (c) return c;
    const ts = outputs.get(n.name)!;
    while (r.index >= ts.length && growable.has(n.name) && ts.length < 65536) {
      const t = new Tensor(`${n.name}:${ts.length}`, ts[0]!.dtype, []);
      ts.push(t);
      sub.tensors.push(t);
    }
    const t = ts[r.index];
    if (!t) throw new FormatError(file, `${n.op} node ${n.name} has no output ${r.index}`, undefined, consumer);
    return t;
  };

  for (const n of emitted) {
    const ins: Tensor[] = [];
    for (const r of inputRefs.get(n.name)!) ins.push(await tensorOf(r, n.name));
    const node = new Node(n.op, ins, outputs.get(n.name)!);
    node.tfName = n.name;
    node.attrs = convertAttrs(g, n);
    // A resource variable used by something other than ReadVariableOp (e.g. ResourceGather) stays a VarHandleOp
    // node; its checkpoint value rides along as the `value` attr so legalization can still use it.
    if (n.op === 'VarHandleOp' && spec.variable) node.attrs.value = await readVariable(n, `${n.name}/value`);
    sub.nodes.push(node);
  }

  const outs: { key: string; tensor: Tensor }[] = [];
  for (const f of spec.fetches) {
    const t = await tensorOf(canonical(f.ref, `output ${f.key}`), `output ${f.key}`);
    sub.outputs.push(t);
    outs.push({ key: f.key, tensor: t });
  }

  const graph = new Graph();
  graph.subgraphs.push(sub);
  graph.signatures.push({
    key: spec.signatureKey,
    subgraph: sub,
    inputs: inputs.map((i) => ({ name: i.key, tensor: i.tensor })),
    outputs: outs.map((o) => ({ name: o.key, tensor: o.tensor })),
  });
  return graph;
}

/** A node's TF attrs as IR values, with OpDef defaults for the absent ones; `_`-annotations dropped. */
function convertAttrs(g: FlatGraph, n: FlatNode): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  const defaults = g.spec(n.op)?.defaults ?? {};
  for (const [k, v] of [...Object.entries(defaults), ...Object.entries(n.attr)]) {
    if (k.startsWith('_')) continue;
    const c = attrFromProto(v, g.file, `${n.name}.${k}`);
    if (c !== undefined) out[k] = c;
  }
  return out;
}
