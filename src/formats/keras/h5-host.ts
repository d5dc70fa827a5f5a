/**
 * Runs `readH5Tree` in a worker and stops it after a time limit: the one module that knows the environment
 * (a Web Worker in the browser, `node:worker_threads` in Node, both on `h5-worker.ts`). Where neither exists the
 * read runs on the calling thread, without the time limit.
 *
 * Each read gets a fresh worker, so a trap or a runaway loop in HDF5 on one file never affects the next.
 */
import { readH5Tree, type H5ReadReply, type H5ReadRequest } from './h5-tree.ts';

/** The read did not finish in time (the worker was terminated). */
export class H5Timeout extends Error {
  override name = 'H5Timeout';
}

interface WorkerLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): unknown;
}

/** Default limit: 20 s plus 1 s per 5 MB (a 1 MB Keras file reads in ~0.2 s). */
export function defaultTimeoutMs(byteLength: number): number {
  return 20_000 + byteLength / 5_000;
}

export async function readH5InWorker(req: H5ReadRequest, timeoutMs: number): Promise<H5ReadReply> {
  const nodeVersion = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  if (typeof nodeVersion === 'string') return runNode(req, timeoutMs);
  if (typeof Worker === 'function') {
    const worker = new Worker(new URL('./h5-worker.ts', import.meta.url), { type: 'module' });
    return run(req, timeoutMs, worker, (onReply, onError) => {
      worker.onmessage = (ev: MessageEvent<H5ReadReply>) => onReply(ev.data);
      worker.onerror = (ev: ErrorEvent) => { ev.preventDefault(); onError(new Error(ev.message || 'HDF5 worker failed to start')); };
    });
  }
  return readH5Tree(req);
}

async function runNode(req: H5ReadRequest, timeoutMs: number): Promise<H5ReadReply> {
  const threads = 'node:worker_threads';
  const { Worker: NodeWorker } = await import(/* @vite-ignore */ threads) as typeof import('node:worker_threads');
  // Running from TypeScript sources (tsx), the worker needs tsx's loader registered in its own thread first.
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = JSON.stringify(new URL(fromSource ? './h5-worker.ts' : './h5-worker.js', import.meta.url).href);
  const code = fromSource
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${entry}); });`
    : `import(${entry});`;
  const worker = new NodeWorker(code, { eval: true });
  return run(req, timeoutMs, worker, (onReply, onError) => {
    worker.on('message', onReply);
    worker.on('error', onError);
    worker.on('exit', (code) => onError(new Error(`HDF5 worker exited (code ${code})`)));
  });
}

function run(
  req: H5ReadRequest,
  timeoutMs: number,
  worker: WorkerLike,
  listen: (onReply: (r: H5ReadReply) => void, onError: (e: Error) => void) => void,
): Promise<H5ReadReply> {
  return new Promise<H5ReadReply>((resolve, reject) => {
    let done = false;
    const finish = (f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => finish(() => reject(new H5Timeout(`no answer in ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
    listen((r) => finish(() => resolve(r)), (e) => finish(() => reject(e)));
    const bytes = req.bytes.slice(); // the copy is transferred; the caller keeps its bytes
    worker.postMessage({ bytes, skip: req.skip } satisfies H5ReadRequest, [bytes.buffer]);
  });
}
