/**
 * Browser entry of the GEMM benchmark (bundled by bench/gemm.ts with esbuild into bench/out/): exposes
 * `window.litelabGemmBench(sizes)`, which creates the webgpu backend from navigator.gpu and runs bench/gemm-core.ts.
 */
import { createBackend } from '../src/runtime/select-backend.ts';
import { WebGpuBackend } from '../src/runtime/webgpu/webgpu-backend.ts';
import { runGemmBench } from './gemm-core.ts';
import type { GemmRow } from './gemm-core.ts';

export interface PageResult {
  adapter: string;
  userAgent: string;
  rows: GemmRow[];
}

declare global {
  interface Window {
    litelabGemmBench(sizes: number[]): Promise<PageResult | { error: string }>;
  }
}

window.litelabGemmBench = async (sizes: number[]) => {
  const notices: string[] = [];
  const backend = await createBackend({ onNotice: (l) => notices.push(l) });
  if (!(backend instanceof WebGpuBackend)) return { error: notices.join(' ') || 'no webgpu backend' };
  try {
    const rows = await runGemmBench(backend, { sizes, log: (l) => console.log(l) });
    return { adapter: backend.description, userAgent: navigator.userAgent, rows };
  } finally {
    backend.destroy();
  }
};
