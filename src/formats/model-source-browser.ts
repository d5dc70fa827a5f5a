/**
 * ModelFiles from files the user dropped or picked in the browser (`File[]` from a drop, `<input type=file>` or
 * `<input webkitdirectory>`). Files from a folder carry `webkitRelativePath` (`my_model/variables/variables.index`):
 * the common top folder becomes the model's name and paths are relative to it. Loose files keep their own names.
 */
import { FormatError } from '../errors.ts';
import { normalizePath, type ModelFiles } from './model-source.ts';

/** What we need of a DOM `File` (so tests can pass plain objects). */
export interface FileLike {
  name: string;
  webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export function browserFiles(files: readonly FileLike[]): ModelFiles {
  const rel = files.map((f) => normalizePath(f.webkitRelativePath || f.name));
  // One top folder shared by every file (a dropped directory) becomes the model name.
  const tops = new Set(rel.map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : '')));
  const [top] = tops;
  const strip = tops.size === 1 && top !== undefined && top !== '' ? top.length + 1 : 0;
  const byPath = new Map<string, FileLike>();
  rel.forEach((p, i) => byPath.set(p.slice(strip), files[i]!));
  const paths = [...byPath.keys()].sort();
  const name = strip ? top! : paths.length === 1 ? paths[0]! : 'model';
  return {
    name,
    list: () => paths.slice(),
    read: async (p) => {
      const file = byPath.get(normalizePath(p));
      if (!file) throw new FormatError(`${name}/${p}`, 'file not found');
      return new Uint8Array(await file.arrayBuffer());
    },
  };
}
