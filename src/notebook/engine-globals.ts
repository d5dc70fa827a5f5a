/**
 * The globals notebook cells see (browser and Node): the litelab engine API (`load`, `TFLiteConverter`,
 * `Interpreter`, `readTflite`, `writeTflite`, `inspectGraph`, the typed errors…) plus three helpers that return
 * values which render themselves (`Symbol.for('litelab.mime')`):
 *
 * - `summary(modelOrBytes)`: operators, parameters, sizes, inputs/outputs of a model (a `load()` result, `.tflite`
 *   bytes or an IR graph) as `application/vnd.litelab.model-summary+json`, `text/html` and `text/plain`;
 * - `download(bytes, name)`: in a browser a link that downloads the bytes (shown live, never saved into the
 *   notebook); headless a `text/plain` note;
 * - `fetchBytes(url)`: the bytes at a URL. Relative URLs (and relative paths given to `load`) resolve against
 *   `baseUrl` — the notebook's own location — so `models/x.tflite` next to the notebook works in the app and in
 *   `litelab execute` alike (where `file:` URLs are read with `readFile`).
 *
 * One compute backend serves every cell: `options.backend` (the app's, shared through @lit/context; the one
 * `litelab execute` creates). Cells see it as `engine` (`engine.backend`, `engine.name`, `await engine.ready`), and
 * `Interpreter.create(bytes)` without a `backend` option runs on it — on the cpu kernels when a model has an
 * operator kind with no WebGPU kernel (e.g. hybrid dynamic-range FULLY_CONNECTED), so a cell never fails for that.
 */
import { load as loadModel, type LoadedModel, type LoadOptions, type ModelSource } from '../api/load.ts';
import * as engine from '../index.ts';
import { inspectGraph, readTflite, type InspectReport } from '../formats/tflite/index.ts';
import { FormatError, UnsupportedOpError } from '../errors.ts';
import { Graph } from '../ir/graph.ts';
import type { Backend } from '../runtime/backend.ts';
import { Interpreter, InterpreterError, type InterpreterOptions } from '../runtime/interpreter/index.ts';
import { MIME_SYMBOL } from './mime.ts';
import type { MimeBundle } from './outputs.ts';

export const MODEL_SUMMARY_MIME = 'application/vnd.litelab.model-summary+json';

export interface EngineGlobalsOptions {
  /** What relative URLs resolve against (a `http(s):` or `file:` URL); default `location.href` in a browser. */
  readonly baseUrl?: string;
  /** Reads a `file:` URL (Node); without it `file:` URLs fail with a FormatError. */
  readonly readFile?: (url: URL) => Promise<Uint8Array>;
  /** `fetch` for other URLs (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /** Whether `download()` makes a real link (default: when there is a `document`). */
  readonly dom?: boolean;
  /** The backend cells share (or a promise of it); without one, interpreters default to the cpu backend. */
  readonly backend?: Backend | Promise<Backend>;
}

export interface SummaryTensor { name: string; dtype: string; shape: number[] }

/** The JSON of a model summary (`application/vnd.litelab.model-summary+json`). */
export interface ModelSummaryJson {
  name: string;
  format: string;
  operators: number;
  parameters: number;
  fileBytes: number;
  constantBytes: number;
  opCounts: Record<string, number>;
  inputs: SummaryTensor[];
  outputs: SummaryTensor[];
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const kb = (n: number): string => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`);
const tensorText = (t: SummaryTensor): string => `${t.name}: ${t.dtype}[${t.shape.join(', ')}]`;

/** File sizes of models the `load` global read as bytes. */
const LOADED_BYTES = new WeakMap<LoadedModel, number>();

/** What `summary()` returns: the JSON, the full inspect report (live only), and its MIME bundle. */
export class ModelSummary {
  constructor(readonly json: ModelSummaryJson, readonly report: InspectReport | undefined) {}

  get plain(): string {
    const s = this.json;
    return [
      `${s.name} (${s.format}): ${s.operators} operators, ${s.parameters.toLocaleString('en-US')} parameters${s.fileBytes ? `, ${kb(s.fileBytes)}` : ''}`,
      `ops: ${Object.entries(s.opCounts).map(([op, n]) => `${op} × ${n}`).join(', ')}`,
      `inputs: ${s.inputs.map(tensorText).join('; ')}`,
      `outputs: ${s.outputs.map(tensorText).join('; ')}`,
    ].join('\n');
  }

  get html(): string {
    const s = this.json;
    const tensors = (ts: SummaryTensor[]): string => ts.map((t) => `<code>${escapeHtml(tensorText(t))}</code>`).join('<br>');
    return `<div class="litelab-summary"><b>${escapeHtml(s.name)}</b> <span>(${escapeHtml(s.format)})</span>` +
      `<p><span class="operators">${s.operators} operators</span> · <span class="parameters">${s.parameters.toLocaleString('en-US')} parameters</span>` +
      `${s.fileBytes ? ` · ${kb(s.fileBytes)} file` : ''} · ${kb(s.constantBytes)} constants</p>` +
      `<p>${Object.entries(s.opCounts).map(([op, n]) => `<span class="op">${escapeHtml(op)} × ${n}</span>`).join(' ')}</p>` +
      `<table><tr><th>inputs</th><td>${tensors(s.inputs)}</td></tr><tr><th>outputs</th><td>${tensors(s.outputs)}</td></tr></table></div>`;
  }

  [MIME_SYMBOL](): MimeBundle {
    return { [MODEL_SUMMARY_MIME]: this.json, 'text/html': this.html, 'text/plain': this.plain };
  }
}

/** A summary of a loaded model, `.tflite` bytes or an IR graph. */
export function summary(model: LoadedModel | Uint8Array | ArrayBuffer | Graph, name?: string): ModelSummary {
  let graph: Graph, format = 'tflite', bytes = 0, label = name ?? 'model';
  if (model instanceof Uint8Array || model instanceof ArrayBuffer) {
    const b = model instanceof Uint8Array ? model : new Uint8Array(model);
    graph = readTflite(b, name ?? 'model.tflite');
    bytes = b.byteLength;
    label = name ?? 'model.tflite';
  } else if (model instanceof Graph) {
    graph = model;
  } else if (typeof model === 'object' && model !== null && (model as LoadedModel).graph instanceof Graph) {
    graph = model.graph;
    format = model.format;
    label = name ?? (model.name.split(/[\\/]/).pop() || model.name);
    bytes = LOADED_BYTES.get(model) ?? 0;
  } else {
    throw new engine.UsageError('summary() takes a load() result, .tflite bytes or a graph');
  }
  const report = inspectGraph(graph, bytes);
  const sg = report.subgraphs[0];
  const io = (ids: number[] | undefined): SummaryTensor[] => (ids ?? []).map((i) => {
    const t = sg?.tensors[i];
    return { name: t?.name ?? `#${i}`, dtype: t?.dtype ?? '?', shape: [...(t?.shapeSignature ?? t?.shape ?? [])] };
  });
  return new ModelSummary({
    name: label, format, operators: report.sizes.operators, parameters: report.sizes.parameters,
    fileBytes: report.sizes.fileBytes, constantBytes: report.sizes.constantBytes, opCounts: { ...report.opCounts },
    inputs: io(sg?.inputs), outputs: io(sg?.outputs),
  }, report);
}

/** What `download()` returns headless: a note. */
export class DownloadNote {
  constructor(readonly name: string, readonly size: number) {}
  [MIME_SYMBOL](): MimeBundle {
    return { 'text/plain': `${this.name}: ${this.size.toLocaleString('en-US')} bytes (download it from the notebook in a browser)` };
  }
}

function downloadLink(bytes: Uint8Array, name: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  a.download = name;
  a.className = 'litelab-download';
  a.textContent = `Download ${name} (${kb(bytes.byteLength)})`;
  // The link's blob URL dies with the page: what is saved is a note, not the bytes.
  Object.defineProperty(a, MIME_SYMBOL, {
    value: () => ({ 'text/plain': `${name}: ${bytes.byteLength.toLocaleString('en-US')} bytes (run the cell to download)` }),
  });
  return a;
}

/** The `engine` global: the backend the notebook's cells share. */
export class NotebookEngine {
  #backend: Backend | undefined;
  /** Resolves to the shared backend once it exists (undefined when there is none, or creating it failed). */
  readonly ready: Promise<Backend | undefined>;

  constructor(backend?: Backend | Promise<Backend>) {
    this.ready = Promise.resolve(backend).then((b) => (this.#backend = b), () => undefined);
  }

  /** The shared backend (undefined until `ready` resolves, or when there is none). */
  get backend(): Backend | undefined {
    return this.#backend;
  }

  /** `webgpu` or `cpu`: what `Interpreter.create` defaults to. */
  get name(): 'webgpu' | 'cpu' {
    return this.#backend?.name ?? 'cpu';
  }

  [MIME_SYMBOL](): MimeBundle {
    return { 'text/plain': this.#backend ? this.#backend.description : 'cpu backend (no shared backend)' };
  }
}

/**
 * `Interpreter` as cells see it: the same class (statics, `instanceof`), whose `create` defaults `backend` to the
 * notebook's shared backend, falling back to cpu for a model with an operator the WebGPU backend lacks.
 */
export function notebookInterpreter(engine: NotebookEngine): typeof Interpreter {
  const create = async (model: Parameters<typeof Interpreter.create>[0], options: InterpreterOptions = {}): Promise<Interpreter> => {
    if (options.backend !== undefined) return Interpreter.create(model, options);
    const backend = await engine.ready;
    if (!backend || backend.name === 'cpu') return Interpreter.create(model, options);
    try {
      return await Interpreter.create(model, { ...options, backend });
    } catch (e) {
      if (e instanceof UnsupportedOpError) return Interpreter.create(model, { ...options, backend: 'cpu' });
      throw e;
    }
  };
  return new Proxy(Interpreter, { get: (target, key, receiver) => (key === 'create' ? create : Reflect.get(target, key, receiver)) });
}

/** The globals for a kernel (a fresh object; the kernel shares it with its cells). */
export function engineGlobals(options: EngineGlobalsOptions = {}): Record<string, unknown> {
  const base = (): string | undefined => options.baseUrl ?? (typeof location !== 'undefined' ? location.href : undefined);
  const resolve = (url: string): URL => {
    try {
      return new URL(url, base());
    } catch {
      throw new FormatError(url, 'not a URL, and there is no notebook location to resolve it against');
    }
  };
  const fetchBytes = async (url: string | URL): Promise<Uint8Array> => {
    const u = resolve(String(url));
    if (u.protocol === 'file:') {
      if (!options.readFile) throw new FormatError(u.href, 'file: URLs can only be read headless (litelab execute)');
      return options.readFile(u);
    }
    const f = options.fetch ?? globalThis.fetch;
    let res: Response;
    try {
      res = await f(u.href);
    } catch (e) {
      throw new FormatError(u.href, `could not fetch: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new FormatError(u.href, `could not fetch (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  };
  /** `load`, with relative strings resolved against the notebook (file: → a path, so Node folders still work). */
  const load = async (source: ModelSource, opts: LoadOptions = {}): Promise<LoadedModel> => {
    if (typeof source !== 'string' || (source.startsWith('/') && options.readFile)) return loadModel(source, opts);
    const u = resolve(source);
    const name = decodeURIComponent(u.pathname.split('/').pop() || u.href);
    let bytes: Uint8Array;
    try {
      bytes = await fetchBytes(u);
    } catch (e) {
      // a SavedModel folder next to the notebook (headless): load reads folders by path
      if (u.protocol === 'file:' && e instanceof FormatError && /directory/.test(e.message)) return loadModel(decodeURIComponent(u.pathname), opts);
      throw e;
    }
    const model = await loadModel({ name, bytes }, opts);
    LOADED_BYTES.set(model, bytes.byteLength);
    return model;
  };
  const dom = options.dom ?? typeof document !== 'undefined';
  const download = (bytes: Uint8Array | ArrayBuffer, name = 'model.tflite'): HTMLAnchorElement | DownloadNote => {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return dom ? downloadLink(b, name) : new DownloadNote(name, b.byteLength);
  };
  const shared = new NotebookEngine(options.backend);
  return {
    ...engine,
    engine: shared,
    load,
    Interpreter: notebookInterpreter(shared),
    InterpreterError,
    summary,
    download,
    fetchBytes,
  };
}
