/**
 * `load(source, options?)`: the one entry point from "something the user pointed at" to a model in the IR, in Node and
 * in the browser. A source is
 *
 * - a Node path (a file, or a folder holding a SavedModel; a path to a `saved_model.pb` file means its folder),
 * - `ModelFiles` (`src/formats/model-source.ts`), a browser `File[]` / `FileList` (folder drops keep their
 *   `webkitRelativePath`), a single `File`, a `FileSystemDirectoryHandle`,
 * - `{ name, bytes }` or bare bytes (one file: `.tflite`, `.h5`, `.keras`, `.pb`, or a `.zip` of a SavedModel folder),
 * - a URL (`URL` or an `http(s):`/`file:` string; in the browser any string is a URL). Over HTTP a folder cannot be
 *   listed, so a URL must name one file — a SavedModel can be fetched as a `.zip` of its folder.
 *
 * The format is found by sniffing the bytes (netron's `match()` then `open()`): a folder with a `saved_model.pb` is a
 * SavedModel; a single file is TFLite ("TFL3" at byte 4), Keras (HDF5 or zip signature), a zip holding a
 * `saved_model.pb`, a GraphDef, or a lone SavedModel proto. When the bytes match nothing, the file's extension
 * chooses the reader so that its precise FormatError (offset, field) reaches the user; with no usable extension the
 * FormatError says what the bytes look like. Node-only code (`node:fs`) is reached through dynamic imports with
 * computed specifiers, which bundlers leave alone, so the browser bundle never contains it.
 */
import { unzipSync } from 'fflate';
import { FormatError, UsageError } from '../errors.ts';
import type { Graph } from '../ir/graph.ts';
import { browserFiles, type FileLike } from '../formats/model-source-browser.ts';
import { displayPath, memoryFiles, type ModelFiles } from '../formats/model-source.ts';
import { loadGraphDef, sniffGraphDef, type GraphDefOptions } from '../formats/graphdef/index.ts';
import { loadKeras, sniffKeras } from '../formats/keras/index.ts';
import { loadSavedModel, savedModelRoot, sniffSavedModel } from '../formats/savedmodel/index.ts';
import { tensorflow } from '../formats/savedmodel/generated/tf-protos.js';
import { readTflite, sniffTflite } from '../formats/tflite/index.ts';

export type ModelFormat = 'savedmodel' | 'keras' | 'graphdef' | 'tflite';

export interface LoadedModel {
  format: ModelFormat;
  /** What the user chose (path, folder or file name, URL), as error messages name it. */
  name: string;
  /** TF-op IR (`src/ir/tf-graph.md`) for TensorFlow formats; TFLite IR for `tflite`. */
  graph: Graph;
  /** SavedModel: every signature of the chosen MetaGraph, and the one loaded. */
  signatureKeys?: string[];
  signatureKey?: string;
  /** What was changed or guessed on the way (dropped training-only layers, the file picked from a folder…). */
  notes: string[];
  /** TensorFlow version that wrote the model, when recorded (SavedModel `meta_info_def.tensorflow_version`). */
  tfVersion?: string;
  /** Keras version that wrote a `.h5` / `.keras` file, when recorded. */
  kerasVersion?: string;
}

export interface LoadOptions extends GraphDefOptions {
  /** SavedModel signature to load (default `serving_default`, or the only one). */
  signatureKey?: string;
  /** SavedModel MetaGraph tag set (default `['serve']`). */
  tags?: string[];
  /** The format the caller expects (`--keras_model_file`, `fromSavedModel`): another format is a FormatError. */
  format?: ModelFormat;
  /** Time limit for reading HDF5 (Keras), ms; default scales with the file size. */
  kerasTimeoutMs?: number;
  /** `fetch` to use for URLs (default `globalThis.fetch`). */
  fetch?: (url: string) => Promise<FetchResponseLike>;
}

/** What `load` needs of a fetch `Response`. */
export interface FetchResponseLike {
  ok: boolean;
  status: number;
  statusText: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A `FileSystemDirectoryHandle` (File System Access API), structurally. */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
}
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<FileLike>;
}

export type ModelSource =
  | string
  | URL
  | ModelFiles
  | { name: string; bytes: Uint8Array }
  | Uint8Array
  | ArrayBuffer
  | FileLike
  | readonly FileLike[]
  | ArrayLike<FileLike>
  | DirectoryHandleLike;

const FORMAT_NAMES: Record<ModelFormat, string> = {
  savedmodel: 'a SavedModel', keras: 'a Keras model file (.h5 / .keras)', graphdef: 'a frozen GraphDef (.pb)', tflite: 'a TFLite model (.tflite)',
};

const EXTENSION_FORMAT: Record<string, ModelFormat> = {
  '.tflite': 'tflite', '.h5': 'keras', '.hdf5': 'keras', '.keras': 'keras', '.pb': 'graphdef',
};

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

// Computed specifiers: bundlers (esbuild, Vite) do not follow them, so the browser bundle never sees node:fs.
const NODE_FILES_MODULE = '../formats/model-source-node.ts';
const NODE_URL_MODULE = 'node:url';

async function nodeFilesFor(target: string): Promise<ModelFiles> {
  const { nodeFiles } = (await import(/* @vite-ignore */ NODE_FILES_MODULE)) as typeof import('../formats/model-source-node.ts');
  // A path to saved_model.pb means the SavedModel folder around it (its variables/ are next to it).
  const m = /^(.*)[\\/]saved_model\.pb$/.exec(target);
  return nodeFiles(m ? m[1] || '/' : target === 'saved_model.pb' ? '.' : target);
}

function extensionOf(name: string): string {
  const base = name.replace(/[?#].*$/, '').replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function baseName(name: string): string {
  return name.replace(/[?#].*$/, '').replace(/[\\/]+$/, '').split(/[\\/]/).pop() || name;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isModelFiles(x: unknown): x is ModelFiles {
  return isObject(x) && typeof x['list'] === 'function' && typeof x['read'] === 'function' && typeof x['name'] === 'string';
}

function isFileLike(x: unknown): x is FileLike {
  return isObject(x) && typeof x['arrayBuffer'] === 'function' && typeof x['name'] === 'string';
}

function isDirectoryHandle(x: unknown): x is DirectoryHandleLike {
  return isObject(x) && x['kind'] === 'directory' && typeof x['values'] === 'function';
}

async function walkHandle(dir: DirectoryHandleLike, prefix: string, out: FileLike[]): Promise<void> {
  for await (const entry of dir.values()) {
    const rel = `${prefix}/${entry.name}`;
    if (entry.kind === 'directory') await walkHandle(entry, rel, out);
    else {
      const file = await entry.getFile();
      out.push({ name: entry.name, webkitRelativePath: rel, arrayBuffer: () => file.arrayBuffer() });
    }
  }
}

/** Loads a model from any supported source; see the file comment. Throws FormatError / UsageError / UnsupportedOpError. */
export async function load(source: ModelSource, options: LoadOptions = {}): Promise<LoadedModel> {
  if (typeof source === 'string') {
    if (/^(https?|blob|data):/i.test(source) || !isNode()) return loadUrl(source, options);
    if (/^file:/i.test(source)) {
      const { fileURLToPath } = (await import(/* @vite-ignore */ NODE_URL_MODULE)) as typeof import('node:url');
      return loadFiles(await nodeFilesFor(fileURLToPath(source)), options);
    }
    return loadFiles(await nodeFilesFor(source), options);
  }
  if (source instanceof URL) return load(source.href, options);
  if (source instanceof Uint8Array) return loadBytes('model', source, options, []);
  if (source instanceof ArrayBuffer) return loadBytes('model', new Uint8Array(source), options, []);
  if (isModelFiles(source)) return loadFiles(source, options);
  if (isDirectoryHandle(source)) {
    const files: FileLike[] = [];
    await walkHandle(source, source.name, files);
    if (!files.length) throw new FormatError(source.name, 'the folder is empty');
    return loadFiles(browserFiles(files), options);
  }
  if (isObject(source) && 'bytes' in source && source.bytes instanceof Uint8Array && typeof source.name === 'string') {
    return loadBytes(source.name, source.bytes, options, []);
  }
  if (isFileLike(source)) return loadFiles(browserFiles([source]), options);
  const maybeList: unknown = source;
  if (isObject(maybeList) && typeof maybeList['length'] === 'number') {
    const list = Array.from(maybeList as unknown as ArrayLike<unknown>);
    if (!list.every(isFileLike)) throw new UsageError('load(): a file list must hold File objects');
    if (!list.length) throw new UsageError('load(): the file list is empty');
    return loadFiles(browserFiles(list), options);
  }
  throw new UsageError('load(): expected a path, URL, ModelFiles, File list, directory handle, or { name, bytes }');
}

async function loadUrl(url: string, options: LoadOptions): Promise<LoadedModel> {
  const doFetch = options.fetch ?? (globalThis.fetch as ((u: string) => Promise<FetchResponseLike>) | undefined);
  if (!doFetch) throw new UsageError(`${url}: fetch is not available here`);
  let response: FetchResponseLike;
  try {
    response = await doFetch(url);
  } catch (e) {
    throw new FormatError(url, `cannot fetch (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!response.ok) {
    throw new FormatError(url, `cannot fetch: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${folderHint(url)}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    return await loadBytes(url, bytes, options, [], url);
  } catch (e) {
    if (e instanceof FormatError && folderHint(url) && e.file === url) throw new FormatError(url, `${e.detail}${folderHint(url)}`);
    throw e;
  }
}

/** What to add when a URL looks like a folder: a SavedModel cannot be listed over HTTP. */
function folderHint(url: string): string {
  const path = url.replace(/[?#].*$/, '');
  if (!path.endsWith('/') && (extensionOf(path) || /^data:/i.test(url))) return '';
  return ' (a folder such as a SavedModel cannot be listed over HTTP: give the URL of a .tflite, .h5, .keras or .pb file,' +
    ' or of a .zip of the SavedModel folder)';
}

/** A folder or a set of files: a SavedModel when there is a `saved_model.pb`, else its one model file. */
async function loadFiles(files: ModelFiles, options: LoadOptions): Promise<LoadedModel> {
  const paths = files.list();
  if (sniffSavedModel(files)) {
    if (options.format && options.format !== 'savedmodel') {
      throw new FormatError(files.name, `this is a SavedModel folder, not ${FORMAT_NAMES[options.format]}`);
    }
    return fromSavedModel(files, options, []);
  }
  if (!paths.length) throw new FormatError(files.name, 'the folder is empty');
  if (paths.length === 1) {
    const file = displayPath(files, paths[0]!);
    return loadBytes(file, await files.read(paths[0]!), options, [], file);
  }
  const candidates = paths.filter((p) => EXTENSION_FORMAT[extensionOf(p)] !== undefined);
  const text = paths.some((p) => p.endsWith('saved_model.pbtxt'));
  if (text) throw new FormatError(files.name, 'text-format SavedModels (saved_model.pbtxt) are not supported');
  if (candidates.length === 1) {
    const picked = candidates[0]!;
    const display = `${files.name}/${picked}`;
    return loadBytes(display, await files.read(picked), options, [`the folder holds no saved_model.pb; loaded its one model file ${picked}`], display);
  }
  const listed = (candidates.length ? candidates : paths).slice(0, 6).join(', ') + (Math.max(candidates.length, paths.length) > 6 ? ', …' : '');
  throw new FormatError(files.name, candidates.length
    ? `a folder without saved_model.pb holding several model files (${listed}): choose one`
    : `not a model folder: no saved_model.pb and no .tflite/.h5/.keras/.pb file (it holds ${listed})`);
}

async function fromSavedModel(files: ModelFiles, options: LoadOptions, notes: string[], name = files.name): Promise<LoadedModel> {
  const saved = await loadSavedModel(files, {
    ...(options.signatureKey !== undefined ? { signatureKey: options.signatureKey } : {}),
    ...(options.tags !== undefined ? { tags: options.tags } : {}),
  });
  const root = savedModelRoot(files);
  if (root) notes.push(`loaded the SavedModel in ${root}/`);
  const model: LoadedModel = { format: 'savedmodel', name, graph: saved.graph, signatureKeys: saved.signatureKeys, signatureKey: saved.signatureKey, notes };
  if (saved.tfVersion !== undefined) model.tfVersion = saved.tfVersion;
  return model;
}

/**
 * Which format `bytes` are, by their content only (undefined: none). `trustPb`: the file is named `.pb`, so a first
 * byte 0x0a (GraphDef field 1) is enough — the reader decodes it anyway and reports damage precisely — instead of
 * decoding the whole GraphDef twice.
 */
export function sniffBytes(bytes: Uint8Array, trustPb = false): ModelFormat | 'savedmodel-zip' | 'savedmodel-proto' | undefined {
  if (sniffTflite(bytes)) return 'tflite';
  const keras = sniffKeras(bytes);
  if (keras === 'h5') return 'keras';
  if (keras === 'keras') return zipHoldsSavedModel(bytes) ? 'savedmodel-zip' : 'keras';
  if (trustPb ? bytes[0] === 0x0a : sniffGraphDef(bytes)) return 'graphdef';
  if (looksLikeSavedModelProto(bytes)) return 'savedmodel-proto';
  return undefined;
}

function zipNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (info) => { names.push(info.name); return false; } });
  } catch {
    // A damaged zip: the reader reports it.
  }
  return names;
}

function zipHoldsSavedModel(bytes: Uint8Array): boolean {
  return zipNames(bytes).some((n) => n === 'saved_model.pb' || n.endsWith('/saved_model.pb'));
}

function looksLikeSavedModelProto(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x08 && bytes[0] !== 0x12) return false;
  try {
    return (tensorflow.SavedModel.decode(bytes).metaGraphs ?? []).length > 0;
  } catch {
    return false;
  }
}

/** One file's bytes. `name` is for messages (and its extension is a hint); `display` names the model. */
async function loadBytes(name: string, bytes: Uint8Array, options: LoadOptions, notes: string[], display = name): Promise<LoadedModel> {
  const byName: ModelFormat | undefined = baseName(name) === 'saved_model.pb' ? 'savedmodel' : EXTENSION_FORMAT[extensionOf(name)];
  const sniffed = sniffBytes(bytes, byName === 'graphdef');
  const format: ModelFormat | undefined = sniffed === 'savedmodel-zip' || sniffed === 'savedmodel-proto' ? 'savedmodel' : sniffed;
  if (format && options.format && format !== options.format) {
    throw new FormatError(name, `this is ${FORMAT_NAMES[format]}, not ${FORMAT_NAMES[options.format]}`);
  }
  if (format && byName && format !== byName && !(byName === 'graphdef' && format === 'savedmodel')) {
    notes.push(`${baseName(name)} is named like ${FORMAT_NAMES[byName]} but its content is ${FORMAT_NAMES[format]}`);
  }
  // Nothing matched: let the reader the caller or the extension points at explain what is wrong, else describe it.
  const chosen = format ?? options.format ?? byName;
  switch (chosen) {
    case 'tflite':
      return { format: 'tflite', name: display, graph: readTflite(bytes, name), notes };
    case 'keras': {
      const k = await loadKeras(bytes, name, options.kerasTimeoutMs === undefined ? {} : { timeoutMs: options.kerasTimeoutMs });
      const model: LoadedModel = { format: 'keras', name: display, graph: k.graph, notes: [...notes, ...k.notes] };
      if (k.kerasVersion !== undefined) model.kerasVersion = k.kerasVersion;
      return model;
    }
    case 'graphdef': {
      const gd: GraphDefOptions = {};
      if (options.inputArrays) gd.inputArrays = options.inputArrays;
      if (options.outputArrays) gd.outputArrays = options.outputArrays;
      if (options.inputShapes) gd.inputShapes = options.inputShapes;
      return { format: 'graphdef', name: display, graph: await loadGraphDef(bytes, name, gd), notes };
    }
    case 'savedmodel': {
      if (sniffed === 'savedmodel-zip') return fromSavedModel(unzipFiles(bytes, name), options, notes, display);
      return fromSavedModel(memoryFiles(display, { 'saved_model.pb': bytes }), options, notes, display);
    }
    case undefined:
      throw new FormatError(name, `not a model file: ${describeBytes(bytes)}; expected a SavedModel folder, .tflite, .h5/.hdf5, .keras or frozen GraphDef .pb`);
  }
}

function unzipFiles(bytes: Uint8Array, name: string): ModelFiles {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (info) => !info.name.endsWith('/') });
  } catch (e) {
    throw new FormatError(name, `not a readable zip (${e instanceof Error ? e.message : String(e)})`);
  }
  return memoryFiles(name, entries);
}

const MAGIC: [number[], string][] = [
  [[0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], 'a NumPy .npy array'],
  [[0x1f, 0x8b], 'gzip-compressed data (unpack it first)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
];

/** A short, human description of what some bytes look like (for "unknown format" errors). */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  for (const [sig, what] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return `it looks like ${what}`;
  const head = bytes.subarray(0, Math.min(bytes.length, 512));
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? head.subarray(0, head.length - 3) : head);
  } catch {
    text = undefined;
  }
  const hex = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  if (text !== undefined && !/[\x00-\x08\x0e-\x1f]/.test(text)) {
    const t = text.trimStart();
    const kind = /^[{[]/.test(t) ? 'JSON' : /^<(!doctype html|html)/i.test(t) ? 'an HTML page' : /^</.test(t) ? 'XML/HTML'
      : /^(node|meta_graphs|saved_model_schema_version)\s*[{:]/.test(t) ? 'a text-format protobuf (pbtxt; only binary .pb is supported)' : 'text';
    const preview = t.slice(0, 24).replace(/\s+/g, ' ');
    return `it looks like ${kind} ("${preview}${t.length > 24 ? '…' : ''}")`;
  }
  return `${bytes.length} bytes of unrecognized binary data starting ${hex}`;
}
