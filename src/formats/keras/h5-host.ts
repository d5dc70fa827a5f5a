/**
 * Runs `readH5Tree` in a worker and stops it after a time limit: the one module that knows the environment
 * (a Web Worker in the browser, `node:worker_threads` in Node, both on `h5-worker.ts`). Where neither exists the
 * read runs on the calling thread, without the time limit.
 *
 * One warm worker per page / process: started by the first read, reused by the next ones (starting a thread and
 * loading h5wasm's 4 MB module costs ~150–350 ms, reading a 1 MB Keras file in a warm worker ~15–40 ms), and in
 * Node unref'd while idle so it never keeps the process alive. Reads are queued, one at a time. A worker that did
 * not answer in time is terminated (HDF5 loops forever on some damaged files) and the next read starts a new one; so
 * is a worker that crashed, and one whose read failed (a wasm trap may leave HDF5's global state inconsistent, and a
 * failed read is rare enough that a fresh worker costs nothing that matters). A successful read leaves nothing
 * behind in the worker: the file's in-memory copy is unlinked and HDF5's handles closed (`h5-tree.ts`).
 */
import { readH5Tree, type H5ReadReply, type H5ReadRequest } from './h5-tree.ts';
import { nodeWorkerSource } from './h5-worker-source.ts';

/** The read did not finish in time (the worker was terminated). */
export class H5Timeout extends Error {
  override name = 'H5Timeout';
}

/** Default limit: 20 s plus 1 s per 5 MB (a 1 MB Keras file reads in ~0.2 s cold). */
export function defaultTimeoutMs(byteLength: number): number {
  return 20_000 + byteLength / 5_000;
}

interface Listener {
  reply(r: H5ReadReply): void;
  fail(e: Error): void;
}

/** One worker, whatever the environment. `listener` receives what the worker says about the read in flight. */
interface WarmWorker {
  post(req: H5ReadRequest, transfer: ArrayBuffer[]): void;
  terminate(): void;
  /** Node: keep the process alive (a read is in flight) or not (idle). */
  hold(on: boolean): void;
  listener: Listener | null;
  dead: boolean;
}

let current: WarmWorker | null = null;
let queue: Promise<unknown> = Promise.resolve();

function isNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
}

export async function readH5InWorker(req: H5ReadRequest, timeoutMs: number): Promise<H5ReadReply> {
  if (!isNode() && typeof Worker !== 'function') return readH5Tree(req);
  const bytes = req.bytes.slice(); // the copy is transferred; the caller keeps its bytes
  const turn = queue.then(() => readOnce({ bytes, skip: req.skip }, timeoutMs));
  queue = turn.catch(() => undefined);
  return turn;
}

/** Drops the warm worker (tests; a page that wants its memory back). The next read starts a new one. */
export function stopH5Worker(): void {
  const w = current;
  current = null;
  if (w) retire(w);
}

function retire(w: WarmWorker): void {
  if (current === w) current = null;
  w.listener = null;
  w.dead = true;
  w.terminate();
}

async function readOnce(req: H5ReadRequest, timeoutMs: number): Promise<H5ReadReply> {
  if (!current || current.dead) current = isNode() ? await startNodeWorker() : startWebWorker();
  const w = current;
  return new Promise<H5ReadReply>((resolve, reject) => {
    let done = false;
    const finish = (keep: boolean, f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      w.listener = null;
      if (keep && !w.dead) w.hold(false);
      else retire(w);
      f();
    };
    const timer = setTimeout(() => finish(false, () => reject(new H5Timeout(`no answer in ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
    w.listener = {
      reply: (r) => finish(r.ok, () => resolve(r)),
      fail: (e) => finish(false, () => reject(e)),
    };
    w.hold(true);
    w.post(req, [req.bytes.buffer as ArrayBuffer]);
  });
}

function startWebWorker(): WarmWorker {
  const worker = new Worker(new URL('./h5-worker.ts', import.meta.url), { type: 'module' });
  const w: WarmWorker = {
    post: (req, transfer) => worker.postMessage(req, transfer),
    terminate: () => worker.terminate(),
    hold: () => undefined,
    listener: null,
    dead: false,
  };
  worker.onmessage = (ev: MessageEvent<H5ReadReply>) => w.listener?.reply(ev.data);
  worker.onerror = (ev: ErrorEvent) => {
    ev.preventDefault();
    const l = w.listener;
    retire(w);
    l?.fail(new Error(ev.message || 'HDF5 worker failed to start'));
  };
  return w;
}

async function startNodeWorker(): Promise<WarmWorker> {
  const threads = 'node:worker_threads';
  const { Worker: NodeWorker } = await import(/* @vite-ignore */ threads) as typeof import('node:worker_threads');
  const worker = new NodeWorker(await nodeWorkerSource(import.meta.url), { eval: true });
  const w: WarmWorker = {
    post: (req, transfer) => worker.postMessage(req, transfer),
    terminate: () => void worker.terminate(),
    hold: (on) => { if (on) worker.ref(); else worker.unref(); },
    listener: null,
    dead: false,
  };
  const fail = (e: Error): void => {
    const l = w.listener;
    if (!w.dead) retire(w);
    l?.fail(e);
  };
  worker.on('message', (r: H5ReadReply) => w.listener?.reply(r));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`HDF5 worker exited (code ${code})`)));
  return w;
}
