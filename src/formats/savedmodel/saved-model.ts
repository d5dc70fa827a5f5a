/**
 * Loads one signature of a TensorFlow SavedModel directory into the TF-op form of the IR (`src/ir/tf-graph.md`).
 *
 * Format facts relied on (tensorflow/core/protobuf/saved_model.proto, meta_graph.proto):
 * - `saved_model.pb` is a SavedModel proto: one MetaGraphDef per tag set (`serve`, `train`, …), each with the graph
 *   (GraphDef + FunctionDefLibrary), `stripped_op_list` (OpDefs of every op used, defaults stripped from nodes),
 *   `saver_def`, `signature_def` (key → inputs/outputs as TensorInfo `name` = `node:index`), `object_graph_def` (TF2)
 *   and `meta_info_def.tensorflow_version`. TF2 adds the pseudo-signature `__saved_model_init_op`, not a model entry.
 * - `variables/variables.index` + `variables.data-*` hold the checkpoint; a model without variables may have no
 *   `variables/` folder at all (TF 1.2 era).
 * - `saved_model.pbtxt` (text format) exists but is rare; it is not supported.
 */
import { FormatError, UsageError } from '../../errors.ts';
import { Tensor, type Graph } from '../../ir/graph.ts';
import { displayPath, subFiles, type ModelFiles } from '../model-source.ts';
import { FlatGraph, own, parseInput, type FlatNode } from './flat-graph.ts';
import type { tensorflow } from './generated/tf-protos.js';
import { buildGraph, type Feed, type Fetch } from './graph-builder.ts';
import { OpRegistry } from './op-defs.ts';
import { decodeSavedModelLazily, type LazyMetaGraph } from './lazy-decode.ts';
import { dtypeOf, requireDtype, shapeOf } from './tf-proto.ts';
import { directKey, objectGraphKeys, saverKeys } from './variable-keys.ts';
import { Checkpoint } from './variables-bundle.ts';

export interface SavedModelOptions {
  /** Signature to convert; default `serving_default` (or the only signature, when there is just one). */
  signatureKey?: string;
  /** Tag set of the MetaGraph to use; default `['serve']`. */
  tags?: string[];
}

export interface LoadedSavedModel {
  graph: Graph;
  /** Every signature of the chosen MetaGraph (without `__saved_model_init_op`), sorted. */
  signatureKeys: string[];
  signatureKey: string;
  /** `meta_info_def.tensorflow_version` of the writer, when recorded. */
  tfVersion?: string;
}

const INIT_OP = '__saved_model_init_op';
const DEFAULT_KEY = 'serving_default';

/** Folder of the SavedModel inside `files` ('' = root): the shallowest `saved_model.pb`. */
export function savedModelRoot(files: ModelFiles): string | undefined {
  const hits = files.list().filter((p) => p === 'saved_model.pb' || p.endsWith('/saved_model.pb'));
  hits.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const hit = hits[0];
  return hit === undefined ? undefined : hit.slice(0, -'saved_model.pb'.length).replace(/\/$/, '');
}

/** True when `files` holds a SavedModel (a `saved_model.pb` at the top or in a sub-folder). */
export function sniffSavedModel(files: ModelFiles): boolean {
  return savedModelRoot(files) !== undefined;
}

function chooseMetaGraph(graphs: LazyMetaGraph[], tags: string[] | undefined, file: string): LazyMetaGraph {
  if (!graphs.length) throw new FormatError(file, 'SavedModel has no MetaGraph');
  const want = [...new Set(tags ?? ['serve'])].sort().join(',');
  const tagSet = (m: LazyMetaGraph): string => [...new Set(m.meta.metaInfoDef?.tags ?? [])].sort().join(',');
  const hit = graphs.find((m) => tagSet(m) === want);
  if (hit) return hit;
  if (!tags && graphs.length === 1) return graphs[0]!;
  const available = graphs.map((m) => `[${tagSet(m)}]`).join(', ');
  const msg = `no MetaGraph with tags [${want}]; available: ${available}`;
  throw tags ? new UsageError(`${file}: ${msg}`) : new FormatError(file, msg);
}

function chooseSignature(keys: string[], requested: string | undefined, file: string): string {
  if (requested !== undefined) {
    if (keys.includes(requested)) return requested;
    throw new UsageError(`${file}: no signature "${requested}"; available signatures: ${keys.join(', ') || '(none)'}`);
  }
  if (keys.includes(DEFAULT_KEY)) return DEFAULT_KEY;
  if (keys.length === 1) return keys[0]!;
  if (!keys.length) throw new FormatError(file, 'the MetaGraph has no signatures');
  throw new UsageError(`${file}: no "${DEFAULT_KEY}" signature; choose one of: ${keys.join(', ')}`);
}

type TensorInfo = tensorflow.TensorInfo.$Properties;

/** The feeds or fetches of a signature, sorted by key (as TF's converter orders them). */
function signatureTensors(g: FlatGraph, map: Record<string, TensorInfo>, kind: string, file: string): { key: string; info: TensorInfo; ref: { node: string; index: number } }[] {
  return Object.keys(map).sort().map((key) => {
    const info = map[key]!;
    const where = `signature ${kind} ${key}`;
    if (!info.name) {
      const what = info.cooSparse ? 'a sparse tensor' : info.compositeTensor ? 'a composite tensor' : 'not a named tensor';
      throw new FormatError(file, `${what} — only dense tensors are supported`, undefined, where);
    }
    const ref = parseInput(info.name, file, where);
    if (!ref) throw new FormatError(file, `bad tensor name "${info.name}"`, undefined, where);
    if (!g.nodes.has(ref.node)) throw new FormatError(file, `tensor ${info.name} is not in the graph`, undefined, where);
    return { key, info, ref };
  });
}

/** Loads the graph of one signature of the SavedModel in `files` (its root or the shallowest sub-folder with one). */
export async function loadSavedModel(files: ModelFiles, options: SavedModelOptions = {}): Promise<LoadedSavedModel> {
  const root = savedModelRoot(files);
  if (root === undefined) {
    const text = files.list().some((p) => p.endsWith('saved_model.pbtxt'));
    throw new FormatError(files.name, text ? 'text-format SavedModels (saved_model.pbtxt) are not supported' : 'no saved_model.pb found');
  }
  const dir = subFiles(files, root);
  const file = displayPath(dir, 'saved_model.pb');
  // Only the chosen MetaGraph's graph is decoded, and only the library functions the signature reaches (on use).
  const lazy = chooseMetaGraph(decodeSavedModelLazily(await dir.read('saved_model.pb'), file), options.tags, file);
  const mg = lazy.meta;
  const signatureKeys = Object.keys(mg.signatureDef ?? {}).filter((k) => k !== INIT_OP).sort();
  const signatureKey = chooseSignature(signatureKeys, options.signatureKey, file);
  const sig = own(mg.signatureDef, signatureKey)!;
  const decoded = lazy.graph();
  if (!decoded) throw new FormatError(file, 'the MetaGraph has no graph');

  const g = new FlatGraph(file, new OpRegistry(mg.metaInfoDef?.strippedOpList?.op ?? []), decoded.graphDef.node ?? [], decoded.functions);
  const ckpt = await Checkpoint.open(dir);
  await ckpt?.verifyAll();

  const feeds: Feed[] = signatureTensors(g, sig.inputs ?? {}, 'input', file).map(({ key, info, ref }) => {
    const node = g.nodes.get(ref.node)!;
    const dtype = dtypeOf(info.dtype) ?? requireDtype(g.attr(node, 'dtype')?.type, file, `signature input ${key}`);
    const shape = shapeOf(info.tensorShape) ?? shapeOf(g.attr(node, 'shape')?.shape);
    return { key, ref, name: `${ref.node}:${ref.index}`, dtype, shape };
  });
  const fetches: Fetch[] = signatureTensors(g, sig.outputs ?? {}, 'output', file).map(({ key, ref }) => ({ key, ref }));

  // Variable node → checkpoint key: TF2 object graph first (computed before any inlining), then saver, then names.
  const tf2 = ckpt ? await objectGraphKeys(g, mg.objectGraphDef, ckpt) : new Map<string, string>();
  let tf1: Map<string, string> | undefined;
  const variable = async (node: FlatNode): Promise<Tensor> => {
    if (!ckpt) throw new FormatError(file, `the graph reads variable ${node.name} but the SavedModel has no variables/ checkpoint`);
    let key = tf2.get(node.name);
    if (!key) key = (tf1 ??= saverKeys(g, mg.saverDef)).get(node.name);
    key ??= directKey(node, ckpt);
    if (!key || !ckpt.has(key)) throw new FormatError(ckpt.indexFile, `no checkpoint value for variable ${node.name}${key ? ` (key "${key}")` : ''}`);
    const value = await ckpt.read(key);
    const want = dtypeOf(g.attr(node, 'dtype')?.type);
    if (want && want !== value.dtype) {
      throw new FormatError(ckpt.indexFile, `checkpoint value "${key}" is ${value.dtype}, variable ${node.name} is ${want}`);
    }
    return new Tensor(key, value.dtype, value.shape, value.data);
  };

  const graph = await buildGraph(g, { signatureKey, feeds, fetches, variable });
  const tfVersion = mg.metaInfoDef?.tensorflowVersion || undefined;
  return tfVersion ? { graph, signatureKeys, signatureKey, tfVersion } : { graph, signatureKeys, signatureKey };
}
