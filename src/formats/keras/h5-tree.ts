/**
 * Reads a whole HDF5 file (from bytes, with h5wasm) into a plain tree of groups, attributes and datasets, so it can
 * cross a worker boundary (structured clone; dataset buffers are transferred) and be used after the HDF5 handle is
 * gone. This is the code that runs inside the worker (`h5-worker.ts`); `h5-file.ts` is the API over its result.
 *
 * A value HDF5 cannot read is recorded where it is (`errors[name]` on its group, `error` on a dataset) and reading
 * goes on; a failure of the file itself (not HDF5, bad superblock, a wasm trap that may have left HDF5's state
 * inconsistent) ends the read with `{ ok: false }`. Skipped top-level groups (optimizer state) are not read at all.
 */
import type { Dataset as H5Dataset, Group as H5Group } from 'h5wasm';
import type { DType } from '../../ir/dtype.ts';
import { loadH5, memFs, takeDiagnostics, type H5Api } from './h5-module.ts';

/** A dataset's contents: dtype, shape and little-endian bytes. */
export interface H5Array {
  dtype: DType;
  shape: number[];
  data: Uint8Array;
}

export interface H5GroupNode {
  kind: 'group';
  attrs: Record<string, unknown>;
  /** Attributes (or children, by name) HDF5 failed to read, with its message. */
  errors: Record<string, string>;
  children: Record<string, H5TreeNode>;
}

export interface H5DatasetNode {
  kind: 'dataset';
  attrs: Record<string, unknown>;
  errors: Record<string, string>;
  array?: H5Array;
  error?: string;
}

export type H5TreeNode = H5GroupNode | H5DatasetNode;

export interface H5ReadRequest {
  bytes: Uint8Array;
  /** Paths (`/optimizer_weights`) not to read. */
  skip: string[];
}

export type H5ReadReply =
  | { ok: true; root: H5GroupNode }
  | { ok: false; message: string; path: string };

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const MAX_DEPTH = 64;
const MAX_NODES = 1_000_000;
let counter = 0;

/** Thrown for a failure that ends the read. */
class FatalRead extends Error {
  constructor(message: string, readonly path: string) {
    super(message);
  }
}

export async function readH5Tree(req: H5ReadRequest): Promise<H5ReadReply> {
  let h5: H5Api;
  try {
    h5 = await loadH5();
  } catch (e) {
    return { ok: false, message: `cannot load the HDF5 reader (h5wasm): ${describe(e)}`, path: '/' };
  }
  const fs = memFs(h5);
  const fsPath = `/litelab-${++counter}.h5`;
  let file: InstanceType<H5Api['File']> | null = null;
  takeDiagnostics();
  try {
    fs.writeFile(fsPath, req.bytes);
    file = new h5.File(fsPath, 'r');
    if (file.file_id < 0n) return { ok: false, message: `HDF5: ${takeDiagnostics() || 'cannot open the file'}`, path: '/' };
    const reader = new TreeReader(h5, new Set(req.skip), req.bytes.byteLength);
    return { ok: true, root: reader.group(file, '/', 0) };
  } catch (e) {
    if (e instanceof FatalRead) return { ok: false, message: e.message, path: e.path };
    return { ok: false, message: message(e), path: '/' };
  } finally {
    try { file?.close(); } catch { /* a damaged file may fail to close; the copy is freed below */ }
    try { fs.unlink(fsPath); } catch { /* never written */ }
    takeDiagnostics();
  }
}

/** Every dataset buffer in a tree (to transfer rather than copy it). */
export function treeBuffers(node: H5TreeNode, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (node.kind === 'dataset') {
    if (node.array) out.push(node.array.data.buffer as ArrayBuffer);
  } else {
    for (const c of Object.values(node.children)) treeBuffers(c, out);
  }
  return out;
}

class TreeReader {
  private nodes = 0;
  constructor(private readonly h5: H5Api, private readonly skip: Set<string>, private readonly fileBytes: number) {}

  group(g: H5Group, path: string, depth: number): H5GroupNode {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES) throw new FatalRead('group structure too deep or too large (link cycle?)', path);
    const node: H5GroupNode = { kind: 'group', attrs: {}, errors: {}, children: {} };
    this.attrs(g, path, node);
    const names = this.fatal(path, () => g.keys());
    for (const name of names) {
      const childPath = path === '/' ? `/${name}` : `${path}/${name}`;
      if (this.skip.has(childPath)) continue;
      const r = this.soft(() => g.get(name));
      if (!r.ok) { node.errors[name] = r.error; continue; }
      const child = r.value;
      if (child instanceof this.h5.Group) node.children[name] = this.group(child, childPath, depth + 1);
      else if (child instanceof this.h5.Dataset) node.children[name] = this.dataset(child, childPath);
    }
    return node;
  }

  private dataset(d: H5Dataset, path: string): H5DatasetNode {
    ++this.nodes;
    const node: H5DatasetNode = { kind: 'dataset', attrs: {}, errors: {} };
    this.attrs(d, path, node);
    const r = this.soft(() => this.array(d));
    if (r.ok) node.array = r.value;
    else node.error = r.error;
    return node;
  }

  private array(d: H5Dataset): H5Array {
    const m = d.metadata;
    const shape = m.shape;
    if (!shape) throw new Error('dataset has no shape (null dataspace)');
    if (!m.littleEndian) throw new Error('big-endian datasets are not supported');
    const dtype = dtypeOf(m.type, m.size, m.signed);
    if (!dtype) throw new Error(`unsupported HDF5 element type (class ${m.type}, ${m.size} bytes)`);
    const nbytes = shape.reduce((a, b) => a * b, 1) * m.size;
    // A damaged header can claim any size: refuse what this file cannot hold (allowing for compression).
    if (!Number.isSafeInteger(nbytes) || nbytes < 0 || nbytes > Math.min(2 ** 31, 64 * this.fileBytes + (1 << 20))) {
      throw new Error(`dataset claims ${nbytes} bytes, more than a ${this.fileBytes}-byte file can hold`);
    }
    const v = d.value;
    if (!ArrayBuffer.isView(v) || v.byteLength !== nbytes) {
      throw new Error(`read ${ArrayBuffer.isView(v) ? v.byteLength : 'no'} bytes, expected ${nbytes}`);
    }
    return { dtype, shape: [...shape], data: new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)) };
  }

  private attrs(e: H5Group | H5Dataset, path: string, node: { attrs: Record<string, unknown>; errors: Record<string, string> }): void {
    const attrs = this.fatal(path, () => e.attrs);
    for (const name of Object.keys(attrs)) {
      const r = this.soft(() => attrs[name]!.value);
      if (r.ok) node.attrs[name] = r.value;
      else node.errors[name] = r.error;
    }
  }

  /** Runs a read whose failure is recorded, not fatal (a wasm trap still is). */
  private soft<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: string } {
    takeDiagnostics();
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      if (isTrap(e)) throw new FatalRead(message(e), '');
      return { ok: false, error: message(e) };
    }
  }

  private fatal<T>(path: string, fn: () => T): T {
    takeDiagnostics();
    try {
      return fn();
    } catch (e) {
      throw new FatalRead(message(e), path);
    }
  }
}

function isTrap(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || (e instanceof Error && e.name === 'RuntimeError');
}

function message(e: unknown): string {
  const hdf5 = takeDiagnostics();
  if (isTrap(e)) return `the HDF5 reader stopped on damaged data (${describe(e)})`;
  if (hdf5) return `HDF5: ${hdf5}`;
  return describe(e);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
}

function dtypeOf(type: number, size: number, signed: boolean): DType | undefined {
  if (type === H5T_FLOAT) return size === 4 ? 'float32' : size === 8 ? 'float64' : size === 2 ? 'float16' : undefined;
  if (type !== H5T_INTEGER) return undefined;
  switch (size) {
    case 1: return signed ? 'int8' : 'uint8';
    case 2: return signed ? 'int16' : 'uint16';
    case 4: return signed ? 'int32' : 'uint32';
    case 8: return signed ? 'int64' : 'uint64';
    default: return undefined;
  }
}
