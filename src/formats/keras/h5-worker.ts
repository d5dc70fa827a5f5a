/**
 * Worker entry (Web Worker in the browser, worker_threads in Node): reads one HDF5 file into a tree with
 * `readH5Tree` and posts it back, transferring the dataset buffers. Running HDF5 here lets the caller stop it:
 * on some damaged files the HDF5 library loops forever, and a wasm trap may leave its global state inconsistent;
 * terminating the worker ends both. See `h5-host.ts` for the calling side.
 */
import { readH5Tree, treeBuffers, type H5ReadReply, type H5ReadRequest } from './h5-tree.ts';

interface Port {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

async function answer(req: H5ReadRequest, port: Port): Promise<void> {
  let reply: H5ReadReply;
  try {
    reply = await readH5Tree(req);
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e), path: '/' };
  }
  port.postMessage(reply, reply.ok ? treeBuffers(reply.root) : []);
}

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string'
  && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'undefined';

if (isNode) {
  const threads = 'node:worker_threads';
  const { parentPort } = await import(/* @vite-ignore */ threads) as typeof import('node:worker_threads');
  parentPort?.on('message', (req: H5ReadRequest) => void answer(req, parentPort));
} else {
  const scope = globalThis as unknown as Port & { onmessage: ((ev: { data: H5ReadRequest }) => void) | null };
  scope.onmessage = (ev) => void answer(ev.data, scope);
}
