/**
 * ModelFiles from disk (Node only; never imported by readers or browser code): a directory (every file below it,
 * recursively, by relative path) or a single file (listed under its base name). Files are read when asked for.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FormatError } from '../errors.ts';
import { normalizePath, type ModelFiles } from './model-source.ts';

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await walk(root, p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Opens a model directory or file; a missing path is a FormatError naming it. */
export async function nodeFiles(target: string): Promise<ModelFiles> {
  let isDir: boolean;
  try {
    isDir = (await stat(target)).isDirectory();
  } catch {
    throw new FormatError(target, 'no such file or directory');
  }
  const root = isDir ? target : path.dirname(target);
  const paths: string[] = [];
  if (isDir) await walk(target, '', paths);
  else paths.push(path.basename(target));
  paths.sort();
  const known = new Set(paths);
  const name = target.replace(/[\\/]+$/, '') || target;
  return {
    name,
    list: () => paths.slice(),
    read: async (p) => {
      const rel = normalizePath(p);
      if (!known.has(rel)) throw new FormatError(isDir ? `${name}/${rel}` : name, 'file not found');
      const buf = await readFile(path.join(root, rel));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
}
