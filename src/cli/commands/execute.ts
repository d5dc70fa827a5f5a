/**
 * `litelab execute NB.ipynb -o OUT.ipynb`: runs every code cell of a notebook headless (like `jupyter nbconvert
 * --execute`) with a trusted kernel and the engine globals, and writes the notebook with its outputs. Relative URLs
 * in cells (`load('models/x.tflite')`, `fetchBytes(…)`) resolve against the notebook's folder. If a cell fails, the
 * command exits 1 naming the first failing cell (index, id, the error and its line) and writes nothing; OUT is
 * written to a temporary sibling and renamed into place, so it is never partial.
 *
 * One compute backend serves the whole notebook (the cells' `engine`; `Interpreter.create` defaults to it): webgpu
 * through Dawn when there is an adapter, else cpu with the one-line notice on stderr. It is destroyed at the end, so
 * the process exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FormatError, LitelabError, UsageError } from '../../errors.ts';
import { engineGlobals } from '../../notebook/engine-globals.ts';
import { Kernel } from '../../notebook/kernel.ts';
import { readIpynb, writeIpynb } from '../../notebook/ipynb.ts';
import type { Notebook } from '../../notebook/notebook.ts';
import type { Backend } from '../../runtime/backend.ts';
import { createBackend } from '../../runtime/select-backend.ts';
import type { Command } from '../main.ts';
import { readInputFile } from './inspect.ts';

const USAGE = `usage: litelab execute NB.ipynb -o OUT.ipynb

Runs every code cell of the notebook in order (headless, trusted) and writes the notebook with its outputs.
Relative model URLs in cells resolve against the notebook's folder. Exit 1 names the first failing cell; nothing is
written then.

options:
  -o, --output OUT.ipynb  where to write the executed notebook (may be NB.ipynb itself)
  -h, --help              show this help
`;

/** A cell failed while executing a notebook. */
export class CellExecutionError extends LitelabError {
  override name = 'CellExecutionError';
  constructor(readonly file: string, readonly index: number, readonly cellId: string, readonly error: string, readonly line?: number) {
    super(`${file}: cell ${index} (id ${cellId}) failed${line !== undefined ? ` at line ${line}` : ''}: ${error}`);
  }
}

/**
 * Runs every code cell of `nb` (whose file is `file`) with `backend` as the cells' shared backend (none: cpu);
 * throws `CellExecutionError` for the first failing cell. The caller owns (and destroys) the backend.
 */
export async function executeNotebook(nb: Notebook, file: string, backend?: Backend): Promise<void> {
  const globals = engineGlobals({
    baseUrl: pathToFileURL(path.resolve(file)).href,
    dom: false,
    ...(backend ? { backend } : {}),
    readFile: async (url) => readInputFile(fileURLToPath(url)),
  });
  nb.clearAllOutputs();
  const kernel = new Kernel(nb, { trusted: true, globals });
  try {
    await kernel.runAll();
    await kernel.idle();
  } finally {
    kernel.dispose();
  }
  nb.cells.forEach((cell, index) => {
    if (cell.kind !== 'code') return;
    const state = kernel.state(cell.id);
    const err = cell.outputs.find((o) => o.type === 'error');
    if (state.status === 'error' || err) {
      const f = state.error;
      const text = f ? `${f.ename}: ${f.message}` : err?.type === 'error' ? `${err.ename}: ${err.evalue}` : 'failed';
      throw new CellExecutionError(file, index, cell.id, text, f?.line ?? (err?.type === 'error' ? err.line : undefined));
    }
  });
}

export const executeCommand: Command = {
  name: 'execute',
  summary: 'run every cell of a notebook headless and write it with its outputs',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one notebook, got ${positionals.length}` : 'missing NB.ipynb');
    if (!values.output) throw new UsageError('missing -o OUT.ipynb');
    const file = positionals[0]!;
    const out = values.output;
    const nb = readIpynb(readInputFile(file), file);
    const backend = await createBackend({ onNotice: (line) => io.stderr(`${line}\n`) });
    try {
      await executeNotebook(nb, file, backend);
    } finally {
      backend.destroy();
    }
    const text = writeIpynb(nb);
    const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`);
    try {
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, out);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new FormatError(out, `cannot write the notebook: ${e instanceof Error ? e.message : String(e)}`);
    }
    const cells = nb.cells.filter((c) => c.kind === 'code').length;
    io.stdout(`executed ${cells} code cells of ${file} → ${out}\n`);
    return 0;
  },
};
