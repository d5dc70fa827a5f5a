/**
 * `.ipynb` (nbformat 4.5) reading and writing, byte-compatible with what Jupyter writes: keys sorted, one-space
 * indentation, non-ASCII kept, multiline strings as arrays of lines (`str.splitlines(keepends=True)`), a final
 * newline. The kernelspec says `litelab`, language JavaScript, so GitHub and Jupyter render the notebook with its
 * outputs. Reading accepts nbformat 4.0–4.5 (cells without ids get fresh ones) and rejects anything else with a
 * `FormatError` naming the file and the field. Live output values (`value`) are never written: outputs are MIME
 * bundles, and model bytes never enter them (cells refer to models by name or URL).
 */
import { Fields, type JsonObject } from './ipynb-fields.ts';
import { isValidCellId, newCellId } from './ids.ts';
import { splitLines } from './lines.ts';
import { Notebook, type Cell, type CellInit } from './notebook.ts';
import { isJsonMime, type CellOutput, type MimeBundle } from './outputs.ts';

export const KERNELSPEC = Object.freeze({ name: 'litelab', display_name: 'litelab (JavaScript)', language: 'javascript' });
export const LANGUAGE_INFO = Object.freeze({
  name: 'javascript',
  codemirror_mode: 'javascript',
  file_extension: '.js',
  mimetype: 'text/javascript',
  pygments_lexer: 'javascript',
});

export interface WriteOptions {
  /** Include outputs and execution counts (default true). */
  readonly outputs?: boolean;
}

/** Reads `.ipynb` text or bytes. `file` names the source in errors. */
export function readIpynb(input: string | Uint8Array, file = 'notebook.ipynb'): Notebook {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return new Fields(file).fail('', 'not UTF-8 text');
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return new Fields(file).fail('', `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return notebookFromJson(json, file);
}

/** Builds a notebook from parsed nbformat JSON, validating as it goes. */
export function notebookFromJson(json: unknown, file = 'notebook.ipynb'): Notebook {
  const f: Fields = new Fields(file);
  const root = f.object(json, '(root)');
  if (root.nbformat !== 4) {
    f.fail('nbformat', `unsupported nbformat ${JSON.stringify(root.nbformat)}; litelab reads nbformat 4.0–4.5`);
  }
  const minor = root.nbformat_minor;
  if (typeof minor !== 'number' || !Number.isInteger(minor) || minor < 0 || minor > 5) {
    f.fail('nbformat_minor', `unsupported nbformat 4.${JSON.stringify(minor)}; litelab reads nbformat 4.0–4.5`);
  }
  const metadata = f.object(root.metadata, 'metadata');
  const rawCells = f.array(root.cells, 'cells');
  const taken = new Set<string>();
  const cells: CellInit[] = rawCells.map((raw, i) => readCell(f, raw, `cells[${i}]`, minor, taken));
  return new Notebook({ cells, metadata });
}

function readCell(f: Fields, raw: unknown, at: string, minor: number, taken: Set<string>): CellInit {
  const c = f.object(raw, at);
  const kind = f.oneOf(c.cell_type, ['code', 'markdown', 'raw'] as const, `${at}.cell_type`);
  let id: string;
  if (minor >= 5) {
    if (!isValidCellId(c.id)) f.fail(`${at}.id`, `expected a cell id of 1–64 letters, digits, - or _, found ${JSON.stringify(c.id)}`);
    if (taken.has(c.id)) f.fail(`${at}.id`, `duplicate cell id ${JSON.stringify(c.id)}`);
    id = c.id;
  } else {
    id = isValidCellId(c.id) && !taken.has(c.id) ? c.id : newCellId(taken);
  }
  taken.add(id);
  const source = f.multiline(c.source, `${at}.source`);
  const metadata = f.optionalObject(c.metadata, `${at}.metadata`);
  if (kind !== 'code') {
    const attachments = c.attachments === undefined ? undefined : readAttachments(f, c.attachments, `${at}.attachments`);
    return { id, kind, source, metadata, ...(attachments ? { attachments } : {}) };
  }
  const executionCount = f.count(c.execution_count, `${at}.execution_count`);
  const outputs = c.outputs === undefined ? [] : f.array(c.outputs, `${at}.outputs`).map((o, j) => readOutput(f, o, `${at}.outputs[${j}]`));
  return { id, kind, source, metadata, executionCount, outputs };
}

function readAttachments(f: Fields, v: unknown, at: string): Record<string, MimeBundle> {
  const out: Record<string, MimeBundle> = {};
  for (const [name, bundle] of Object.entries(f.object(v, at))) out[name] = readBundle(f, bundle, `${at}.${name}`);
  return out;
}

function readBundle(f: Fields, v: unknown, at: string): MimeBundle {
  const out: Record<string, unknown> = {};
  for (const [mime, content] of Object.entries(f.object(v, at))) {
    out[mime] = isJsonMime(mime) ? content : f.multiline(content, `${at}["${mime}"]`);
  }
  return out;
}

function readOutput(f: Fields, raw: unknown, at: string): CellOutput {
  const o = f.object(raw, at);
  const type = f.oneOf(o.output_type, ['execute_result', 'display_data', 'stream', 'error'] as const, `${at}.output_type`);
  switch (type) {
    case 'execute_result':
      return {
        type: 'result',
        executionCount: f.count(o.execution_count, `${at}.execution_count`),
        data: readBundle(f, o.data, `${at}.data`),
        metadata: f.optionalObject(o.metadata, `${at}.metadata`),
      };
    case 'display_data':
      return { type: 'display', data: readBundle(f, o.data, `${at}.data`), metadata: f.optionalObject(o.metadata, `${at}.metadata`) };
    case 'stream':
      return { type: 'stream', name: f.oneOf(o.name, ['stdout', 'stderr'] as const, `${at}.name`), text: f.multiline(o.text, `${at}.text`) };
    case 'error':
      return {
        type: 'error',
        ename: f.string(o.ename, `${at}.ename`),
        evalue: f.string(o.evalue, `${at}.evalue`),
        traceback: f.array(o.traceback, `${at}.traceback`).map((t, k) => f.string(t, `${at}.traceback[${k}]`)),
      };
  }
}

/** The nbformat 4.5 JSON object for a notebook (keys not yet sorted). */
export function notebookToJson(nb: Notebook, options: WriteOptions = {}): JsonObject {
  const withOutputs = options.outputs ?? true;
  return {
    cells: nb.cells.map((c) => cellToJson(c, withOutputs)),
    metadata: { ...nb.metadata, kernelspec: { ...KERNELSPEC }, language_info: { ...LANGUAGE_INFO } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The `.ipynb` text, formatted exactly as Jupyter formats it. */
export function writeIpynb(nb: Notebook, options: WriteOptions = {}): string {
  return JSON.stringify(sortKeys(notebookToJson(nb, options)), null, 1) + '\n';
}

function cellToJson(c: Cell, withOutputs: boolean): JsonObject {
  const base: JsonObject = { cell_type: c.kind, id: c.id, metadata: c.metadata, source: splitLines(c.source) };
  if (c.kind !== 'code') {
    if (c.attachments) base.attachments = Object.fromEntries(Object.entries(c.attachments).map(([k, b]) => [k, bundleToJson(b)]));
    return base;
  }
  base.execution_count = withOutputs ? c.executionCount : null;
  base.outputs = withOutputs ? c.outputs.map(outputToJson) : [];
  return base;
}

function outputToJson(o: CellOutput): JsonObject {
  switch (o.type) {
    case 'result':
      return { output_type: 'execute_result', execution_count: o.executionCount, data: bundleToJson(o.data), metadata: o.metadata };
    case 'display':
      return { output_type: 'display_data', data: bundleToJson(o.data), metadata: o.metadata };
    case 'stream':
      return { output_type: 'stream', name: o.name, text: splitLines(o.text) };
    case 'error':
      return { output_type: 'error', ename: o.ename, evalue: o.evalue, traceback: [...o.traceback] };
  }
}

function bundleToJson(b: MimeBundle): JsonObject {
  const out: JsonObject = {};
  for (const [mime, v] of Object.entries(b)) out[mime] = !isJsonMime(mime) && typeof v === 'string' ? splitLines(v) : v;
  return out;
}

/** A copy with every object's keys in code-point order (Python's `sort_keys=True`). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(compareCodePoints)) out[k] = sortKeys((v as JsonObject)[k]);
  return out;
}

function compareCodePoints(a: string, b: string): number {
  const x = [...a], y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}
