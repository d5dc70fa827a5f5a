/**
 * The one place that loads h5wasm (the HDF5 C library compiled to WebAssembly), for the Keras readers. It runs
 * inside the HDF5 worker (`h5-worker.ts`; `h5-host.ts` picks Web Worker vs worker_threads).
 *
 * Build: we load h5wasm's ESM build in the browser AND in Node. Its wasm is inlined in the JS, and it
 * keeps files in Emscripten's in-memory FS in both places. We do not use `h5wasm/node`: that build is compiled
 * with NODERAWFS, so its `FS.writeFile` writes to the host disk (a `MEMFS` mount there also ends up on disk).
 * Readers take bytes, not paths, so an in-memory FS is what we need everywhere. The dynamic import keeps the
 * 4 MB module out of the initial bundle until a Keras file is opened.
 *
 * HDF5 prints its error stack to stderr. We point the wasm module's file descriptor 2 at a device that keeps
 * the text, so errors do not clutter the console and `takeDiagnostics()` can put the most specific line into
 * the FormatError.
 */
import type * as H5 from 'h5wasm';

export type H5Api = typeof H5;

/** The part of Emscripten's FS we use (h5wasm's typings declare less than the object has). */
export interface MemFs {
  writeFile(path: string, data: Uint8Array): void;
  unlink(path: string): void;
  createDevice(parent: string, name: string, input: (() => number | null) | null, output: (c: number | null) => void): unknown;
  open(path: string, flags: string): { fd: number };
  close(stream: unknown): void;
  streams: unknown[];
}

/** h5wasm's in-memory file system. */
export function memFs(h5: H5Api): MemFs {
  const fs = h5.FS as unknown as MemFs | null;
  if (!fs) throw new Error('h5wasm is not ready');
  return fs;
}

let loading: Promise<H5Api> | null = null;
let diagnostics: number[] = [];
const DIAG_LIMIT = 64 * 1024;

/** h5wasm, ready to use (loaded once per page / process). */
export function loadH5(): Promise<H5Api> {
  loading ??= (async () => {
    const h5 = await import('h5wasm');
    await h5.ready;
    const fs = memFs(h5);
    fs.createDevice('/dev', 'litelab-h5-stderr', null, (c: number | null) => {
      if (typeof c === 'number' && diagnostics.length < DIAG_LIMIT) diagnostics.push(c);
    });
    const stderr = fs.streams[2];
    if (stderr) fs.close(stderr);
    fs.open('/dev/litelab-h5-stderr', 'w'); // takes the lowest free descriptor: 2
    return h5;
  })();
  return loading;
}

/**
 * What HDF5 printed since the last call (then forgotten): the most specific message of its first error stack, e.g.
 * `H5F__super_read(): truncated file: eof = 165953, …`, or '' when it printed nothing.
 */
export function takeDiagnostics(): string {
  if (diagnostics.length === 0) return '';
  const text = new TextDecoder().decode(new Uint8Array(diagnostics));
  diagnostics = [];
  const firstStack = text.split(/HDF5-DIAG: Error detected/).find((s) => s.trim()) ?? '';
  let last = '';
  for (const line of firstStack.split('\n')) {
    const m = /#\d+: .* in (\w+\(\)): (.*)$/.exec(line);
    if (m) last = `${m[1]}: ${m[2]}`;
  }
  return last;
}
