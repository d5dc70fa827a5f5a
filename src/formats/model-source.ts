/**
 * File access for model readers, the same in Node and in the browser: a model is a named set of files addressed by
 * relative paths with `/` separators (`saved_model.pb`, `variables/variables.index`), read as bytes on demand.
 * Readers never touch `node:fs`; `model-source-node.ts` (disk) and `model-source-browser.ts` (dropped files or a
 * folder) provide implementations, and `memoryFiles` wraps bytes already in memory (tests, zips, fetches).
 */
import { FormatError } from '../errors.ts';

export interface ModelFiles {
  /** What the user chose: the folder or file name, used in messages. */
  name: string;
  /** Every file, as relative paths with `/` separators, sorted. */
  list(): string[];
  /** The bytes of one file of `list()`; rejects with a FormatError naming the file when it is absent. */
  read(path: string): Promise<Uint8Array>;
}

/** Normalizes a relative path: `\` → `/`, no leading `./` or `/`, no empty segments. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.').join('/');
}

/** A ModelFiles over bytes held in memory. */
export function memoryFiles(name: string, files: ReadonlyMap<string, Uint8Array> | Record<string, Uint8Array>): ModelFiles {
  const map = new Map<string, Uint8Array>();
  for (const [p, b] of files instanceof Map ? files : Object.entries(files)) map.set(normalizePath(p), b);
  const paths = [...map.keys()].sort();
  return {
    name,
    list: () => paths.slice(),
    read: async (path) => {
      const bytes = map.get(normalizePath(path));
      if (!bytes) throw new FormatError(`${name}/${path}`, 'file not found');
      return bytes;
    },
  };
}

/** The files under `dir` (a folder path inside `files`), addressed relative to it. */
export function subFiles(files: ModelFiles, dir: string): ModelFiles {
  const prefix = normalizePath(dir);
  if (!prefix) return files;
  const paths = files.list().filter((p) => p.startsWith(prefix + '/')).map((p) => p.slice(prefix.length + 1));
  return {
    name: `${files.name}/${prefix}`,
    list: () => paths.slice(),
    read: (path) => files.read(`${prefix}/${normalizePath(path)}`),
  };
}

/** `files.name/path`, the way errors name a file of a model. */
export function displayPath(files: ModelFiles, path: string): string {
  return files.list().length === 1 && files.list()[0] === path && files.name.endsWith(path) ? files.name : `${files.name}/${path}`;
}
