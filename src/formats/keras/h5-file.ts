/**
 * An HDF5 file opened from bytes: groups, attributes and datasets (as dtype + shape + little-endian bytes), with
 * every failure a FormatError naming the file and the HDF5 path. Works the same in the browser and in Node.
 *
 * `open` reads the whole file (less the `skip`ped groups) with h5wasm in a worker, bounded by a time limit
 * (HDF5 can loop forever on some damaged files), and frees h5wasm's in-memory copy before returning; the
 * accessors then read the snapshot. `close()` drops it.
 */
import { FormatError } from '../../errors.ts';
import { defaultTimeoutMs, H5Timeout, readH5InWorker } from './h5-host.ts';
import type { H5Array, H5DatasetNode, H5GroupNode, H5TreeNode } from './h5-tree.ts';

export type { H5Array } from './h5-tree.ts';

export interface H5OpenOptions {
  /** Absolute paths of groups not to read (e.g. `/optimizer_weights`). */
  skip?: string[];
  /** Time limit for reading the file, ms (default: `defaultTimeoutMs(bytes.byteLength)`). */
  timeoutMs?: number;
}

export class H5File {
  private root: H5GroupNode | null;
  private constructor(root: H5GroupNode, /** Name used in errors. */ readonly file: string) {
    this.root = root;
  }

  /** Reads HDF5 bytes; a file that is not HDF5, is damaged, or makes HDF5 hang gives a FormatError naming `file`. */
  static async open(bytes: Uint8Array, file: string, options: H5OpenOptions = {}): Promise<H5File> {
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs(bytes.byteLength);
    let reply;
    try {
      reply = await readH5InWorker({ bytes, skip: options.skip ?? [] }, timeoutMs);
    } catch (e) {
      if (e instanceof H5Timeout) throw new FormatError(file, `the HDF5 reader did not finish (${e.message}); the file is probably damaged`);
      throw new FormatError(file, `the HDF5 reader failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!reply.ok) throw new FormatError(file, `not a readable HDF5 file: ${reply.message}`, undefined, reply.path && reply.path !== '/' ? reply.path : undefined);
    return new H5File(reply.root, file);
  }

  /** Child names of a group ([] when `path` is not a group). */
  keys(path: string): string[] {
    const n = this.node(path);
    return n?.kind === 'group' ? Object.keys(n.children) : [];
  }

  isGroup(path: string): boolean {
    return this.node(path)?.kind === 'group';
  }

  isDataset(path: string): boolean {
    return this.node(path)?.kind === 'dataset';
  }

  attrNames(path: string): string[] {
    const n = this.node(path);
    return n ? [...Object.keys(n.attrs), ...Object.keys(n.errors).filter((k) => !(k in (n.kind === 'group' ? n.children : {})))] : [];
  }

  /** An attribute's value as h5wasm gives it (string, string[], typed array, number…); undefined when absent. */
  attr(path: string, name: string): unknown {
    const n = this.node(path);
    if (!n) return undefined;
    const err = n.errors[name];
    if (err !== undefined && !(n.kind === 'group' && name in n.children)) {
      throw new FormatError(this.file, `cannot read attribute: ${err}`, undefined, `${norm(path)}@${name}`);
    }
    return n.attrs[name];
  }

  /** A text attribute, undefined when absent or not text. */
  attrString(path: string, name: string): string | undefined {
    const v = this.attr(path, name);
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    return undefined;
  }

  /** A list-of-strings attribute (Keras' `layer_names`, `weight_names`); [] when absent or empty. */
  attrStrings(path: string, name: string): string[] {
    const v = this.attr(path, name);
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return v.map((x) => String(x));
    return [];
  }

  /** A numeric dataset's contents; FormatError when it is missing or HDF5 could not read it. */
  dataset(path: string): H5Array {
    const n = this.node(path);
    if (!n) {
      const parent = this.node(norm(path).replace(/\/[^/]*$/, '') || '/');
      const err = parent?.errors[norm(path).split('/').pop() ?? ''];
      throw new FormatError(this.file, err ? `cannot read dataset: ${err}` : 'dataset missing', undefined, norm(path));
    }
    if (n.kind !== 'dataset') throw new FormatError(this.file, 'expected a dataset, found a group', undefined, norm(path));
    if (!n.array) throw new FormatError(this.file, `cannot read dataset: ${n.error ?? 'no data'}`, undefined, norm(path));
    return n.array;
  }

  /** Drops the snapshot (h5wasm's copy was already freed when `open` returned). */
  close(): void {
    this.root = null;
  }

  private node(path: string): H5TreeNode | undefined {
    if (!this.root) throw new FormatError(this.file, 'file already closed', undefined, norm(path));
    let n: H5TreeNode = this.root;
    for (const part of norm(path).split('/')) {
      if (!part) continue;
      if (n.kind !== 'group') return undefined;
      const next: H5GroupNode | H5DatasetNode | undefined = n.children[part];
      if (!next) return undefined;
      n = next;
    }
    return n;
  }
}

function norm(path: string): string {
  return '/' + path.split('/').filter(Boolean).join('/');
}
