/**
 * Notebook files for the UI: open an `.ipynb` (File System Access API when the browser has it, else a file input),
 * save one (FS Access, else a download), and share links. Kept out of the elements so each stays small.
 */
import { readIpynb, writeIpynb } from '../src/notebook/ipynb.ts';
import type { Notebook } from '../src/notebook/notebook.ts';

interface FsFileHandle {
  name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
interface FsPickerOptions { suggestedName?: string; types?: { description: string; accept: Record<string, string[]> }[] }
interface FsAccessWindow {
  showOpenFilePicker?: (o?: FsPickerOptions) => Promise<FsFileHandle[]>;
  showSaveFilePicker?: (o?: FsPickerOptions) => Promise<FsFileHandle>;
}

const TYPES = [{ description: 'Jupyter notebook', accept: { 'application/x-ipynb+json': ['.ipynb'] } }];

export interface OpenedNotebook {
  notebook: Notebook;
  name: string;
}

/** Whether the File System Access API is there. */
export function hasFsAccess(): boolean {
  const w = globalThis as unknown as FsAccessWindow;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function';
}

/** Reads a notebook file (throws FormatError naming it). */
export async function readNotebookFile(file: Blob & { name: string }): Promise<OpenedNotebook> {
  return { notebook: readIpynb(new Uint8Array(await file.arrayBuffer()), file.name), name: file.name };
}

/** Asks for a notebook file; null if the person cancelled. */
export async function pickNotebook(fsAccess: boolean): Promise<OpenedNotebook | null> {
  const w = globalThis as unknown as FsAccessWindow;
  if (fsAccess && w.showOpenFilePicker) {
    try {
      const [handle] = await w.showOpenFilePicker({ types: TYPES });
      return handle ? readNotebookFile(await handle.getFile()) : null;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
  }
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.ipynb,application/x-ipynb+json,application/json';
  const file = await new Promise<File | null>((resolve) => {
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => resolve(null), { once: true });
    input.click();
  });
  return file ? readNotebookFile(file) : null;
}

/** Saves the notebook as `.ipynb`; returns the text written (null if cancelled). */
export async function saveNotebook(nb: Notebook, name: string, fsAccess: boolean): Promise<string | null> {
  const text = writeIpynb(nb);
  const w = globalThis as unknown as FsAccessWindow;
  if (fsAccess && w.showSaveFilePicker) {
    try {
      const handle = await w.showSaveFilePicker({ suggestedName: name, types: TYPES });
      const out = await handle.createWritable();
      await out.write(text);
      await out.close();
      return text;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      throw e;
    }
  }
  const a = document.createElement('a');
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return text;
}
