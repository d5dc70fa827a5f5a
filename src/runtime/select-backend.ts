/**
 * Picks the compute backend: `webgpu` when the environment offers an adapter — navigator.gpu in browsers, the
 * `webgpu` package (Dawn) in Node, loaded through a dynamic import the browser bundle never follows — else `cpu`,
 * announced with one line through `onNotice` (default console.warn, i.e. stderr in Node).
 */
import type { Backend } from './backend.ts';
import { CpuBackend } from './cpu/cpu-backend.ts';
import type { DeviceOptions } from './webgpu/device.ts';
import type { NodeGpu } from './webgpu/node-gpu.ts';
import { WebGpuBackend } from './webgpu/webgpu-backend.ts';

export interface BackendOptions extends DeviceOptions {
  /** `cpu` skips WebGPU entirely; `webgpu` (the default) falls back to cpu when there is no adapter. */
  prefer?: 'webgpu' | 'cpu';
  /** Receives the one-line fallback notice. */
  onNotice?: (line: string) => void;
}

// A computed specifier so bundlers (esbuild, Vite) leave the Node-only module, and its `webgpu` import, alone.
const NODE_GPU_MODULE = './webgpu/node-gpu.ts';

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

async function nodeGpu(): Promise<NodeGpu> {
  const mod = (await import(/* @vite-ignore */ NODE_GPU_MODULE)) as typeof import('./webgpu/node-gpu.ts');
  return mod.createNodeGpu();
}

/** The GPU object and what to say if it has no adapter, or the reason there is none. */
async function findGpu(): Promise<{ gpu: GPU; noAdapterHint: string } | string> {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { gpu?: GPU }) : undefined;
  if (nav?.gpu) return { gpu: nav.gpu, noAdapterHint: 'navigator.gpu gave no WebGPU adapter' };
  if (isNode()) {
    try {
      return await nodeGpu();
    } catch (e) {
      return `could not load the webgpu package (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
    }
  }
  return 'WebGPU is not available here (no navigator.gpu)';
}

export async function createBackend(opts: BackendOptions = {}): Promise<Backend> {
  const notice = opts.onNotice ?? ((line: string) => console.warn(line));
  if (opts.prefer === 'cpu') return new CpuBackend();
  let reason: string;
  const found = await findGpu();
  if (typeof found === 'string') reason = found;
  else {
    try {
      const backend = await WebGpuBackend.create(found.gpu, opts);
      if (backend) return backend;
      reason = found.noAdapterHint;
    } catch (e) {
      reason = e instanceof Error ? e.message : String(e);
    }
  }
  notice(`litelab: ${reason.replace(/\s+/g, ' ')}; using the cpu backend`);
  return new CpuBackend();
}
