// Shared helpers for kernel tests (Node and browser): a notebook from sources, and outputs as short strings.
import { Kernel, type KernelOptions } from '../../src/notebook/kernel.ts';
import { Notebook } from '../../src/notebook/notebook.ts';
import type { CellOutput } from '../../src/notebook/outputs.ts';

export interface Setup {
  nb: Notebook;
  kernel: Kernel;
  ids: string[];
  /** Cell ids by the label given in `cells`. */
  id: (label: string) => string;
}

/** A trusted kernel over cells given as `{label: source}` (in notebook order). */
export function setup(cells: Record<string, string>, options: KernelOptions = {}): Setup {
  const nb = new Notebook({ cells: Object.entries(cells).map(([label, source]) => ({ id: label, source })) });
  const kernel = new Kernel(nb, { trusted: true, ...options });
  return { nb, kernel, ids: nb.cells.map((c) => c.id), id: (label) => label };
}

export function brief(o: CellOutput): string {
  switch (o.type) {
    case 'result': return `result:${String(o.data['text/plain'])}`;
    case 'display': return `display:${String(o.data['text/plain'])}`;
    case 'stream': return `${o.name}:${o.text}`;
    case 'error': return `error:${o.ename}: ${o.evalue}`;
  }
}

export function outputs(nb: Notebook, id: string): string[] {
  return nb.cell(id)!.outputs.map(brief);
}
