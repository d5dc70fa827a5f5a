/**
 * Which checkpoint key holds the value of each variable node of a SavedModel graph.
 *
 * - TF2 (`tf.saved_model.save`, Keras `model.save`): the graph's `VarHandleOp`s are passed to the signature
 *   functions as captured inputs. A call to concrete function F passes F's user arguments first and then its
 *   captures, in the order of `SavedObjectGraph.concrete_functions[F].bound_inputs` (ids of SavedObjectGraph nodes,
 *   as TF's loader binds them). The checkpoint's own object graph (`_CHECKPOINTABLE_OBJECT_GRAPH`, a serialized
 *   TrackableObjectGraph) has the same object tree (children matched by `local_name` from the root, node 0); its
 *   node's `VARIABLE_VALUE` attribute names the checkpoint key (`…/.ATTRIBUTES/VARIABLE_VALUE`).
 * - TF1 (`SavedModelBuilder`) and as a fallback for TF2: the saver's restore op assigns every variable
 *   (`Assign` / `AssignVariableOp`) from output k of a `RestoreV2` whose `tensor_names` constant holds the key at k
 *   (in TF2 the restore op is a call into a `__inference__traced_restore` function, inlined to look inside).
 * - Last resort: a key equal to the variable node's name or `shared_name` (TF1 default checkpoint names).
 */
import { FormatError } from '../../errors.ts';
import { FlatGraph, own, type FlatNode, type TfRef } from './flat-graph.ts';
import { tensorflow } from './generated/tf-protos.js';
import type { Checkpoint } from './variables-bundle.ts';
import { decodeProto, utf8 } from './tf-proto.ts';

const VARIABLE_OPS = new Set(['VariableV2', 'Variable', 'VarHandleOp']);
const OBJECT_GRAPH_KEY = '_CHECKPOINTABLE_OBJECT_GRAPH';

/** SavedObjectGraph node id → TrackableObjectGraph node id, by walking both trees by child names from the root. */
function matchObjectGraphs(saved: tensorflow.SavedObjectGraph.$Properties, ckpt: tensorflow.TrackableObjectGraph.$Properties): Map<number, number> {
  const sNodes = saved.nodes ?? [], cNodes = ckpt.nodes ?? [];
  const map = new Map<number, number>();
  if (!sNodes.length || !cNodes.length) return map;
  map.set(0, 0);
  const queue = [0];
  while (queue.length) {
    const s = queue.shift()!;
    const c = cNodes[map.get(s)!];
    const cChildren = new Map((c?.children ?? []).map((ch) => [ch.localName ?? '', ch.nodeId ?? -1]));
    for (const ch of sNodes[s]?.children ?? []) {
      const sid = ch.nodeId ?? -1, cid = cChildren.get(ch.localName ?? '');
      if (cid === undefined || sid < 0 || sid >= sNodes.length || cid < 0 || cid >= cNodes.length || map.has(sid)) continue;
      map.set(sid, cid);
      queue.push(sid);
    }
  }
  return map;
}

/** TF2: variable node name → checkpoint key, from the captures of the top-level function calls. */
export async function objectGraphKeys(g: FlatGraph, saved: tensorflow.SavedObjectGraph.$Properties | null | undefined,
  ckpt: Checkpoint): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!saved || !ckpt.has(OBJECT_GRAPH_KEY)) return out;
  const [bytes] = await ckpt.readStrings(OBJECT_GRAPH_KEY);
  if (!bytes) return out;
  const trackable = decodeProto((b) => tensorflow.TrackableObjectGraph.decode(b), bytes, ckpt.dataFile(OBJECT_GRAPH_KEY), `TrackableObjectGraph (${OBJECT_GRAPH_KEY})`);
  const ids = matchObjectGraphs(saved, trackable);
  const keyOf = (savedId: number): string | undefined => {
    const cid = ids.get(savedId);
    const attrs = cid === undefined ? undefined : trackable.nodes?.[cid]?.attributes;
    return attrs?.find((a) => a.name === 'VARIABLE_VALUE')?.checkpointKey ?? undefined;
  };
  for (const n of [...g.nodes.values()]) {
    const fn = g.calledFunction(n);
    const bound = fn ? own(saved.concreteFunctions, fn)?.boundInputs ?? [] : [];
    if (!bound.length || bound.length > n.inputs.length) continue;
    const captured = n.inputs.slice(n.inputs.length - bound.length);
    captured.forEach((ref, j) => {
      const v = g.nodes.get(ref.node);
      const key = keyOf(bound[j]!);
      if (v && VARIABLE_OPS.has(v.op) && key) out.set(v.name, key);
    });
  }
  return out;
}

/** Follows Identity ops back from `ref` (bounded). */
function throughIdentity(g: FlatGraph, ref: TfRef): { node: FlatNode; ref: TfRef } | undefined {
  for (let i = 0; i < 1000; i++) {
    const r = g.resolve(ref);
    const node = g.nodes.get(r.node)!;
    if ((node.op !== 'Identity' && node.op !== 'Snapshot') || !node.inputs[0]) return { node, ref: r };
    ref = node.inputs[0];
  }
  return undefined;
}

/** The strings of a Const node's value. */
function constStrings(node: FlatNode): string[] {
  return node.op === 'Const' ? (own(node.attr, 'value')?.tensor?.stringVal ?? []).map(utf8) : [];
}

/** TF1-style (and TF2 fallback): variable node name → checkpoint key, from the saver's restore assignments. */
export function saverKeys(g: FlatGraph, saverDef: tensorflow.SaverDef.$Properties | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const scan = [...g.nodes.keys()];
  const restore = saverDef?.restoreOpName;
  if (restore && g.nodes.has(restore)) {
    try {
      scan.push(...g.inlineAll(restore));
    } catch (e) {
      if (!(e instanceof FormatError)) throw e; // a broken restore function only loses this fallback
    }
  }
  for (const name of scan) {
    const n = g.nodes.get(name);
    if (!n || (n.op !== 'Assign' && n.op !== 'AssignVariableOp') || n.inputs.length < 2) continue;
    try {
      const target = throughIdentity(g, n.inputs[0]!);
      const value = throughIdentity(g, n.inputs[1]!);
      if (!target || !value || !VARIABLE_OPS.has(target.node.op)) continue;
      const r = value.node;
      if ((r.op === 'RestoreV2' || r.op === 'Restore' || r.op === 'RestoreSlice') && r.inputs[1]) {
        const names = throughIdentity(g, r.inputs[1]);
        const key = names && constStrings(names.node)[r.op === 'RestoreV2' ? value.ref.index : 0];
        if (key) out.set(target.node.name, key);
      }
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
    }
  }
  return out;
}

/** The name-based last resort: the node name or its `shared_name`, if the checkpoint has such a key. */
export function directKey(node: FlatNode, ckpt: Checkpoint): string | undefined {
  const shared = utf8(own(node.attr, 'shared_name')?.s);
  return [node.name, shared].find((k) => k && ckpt.has(k));
}
