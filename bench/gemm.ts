/**
 * `npm run bench -- gemm [--sizes 64,128,256,512] [--skip-browser] [--skip-node]`: the GEMM benchmark in ONE
 * headless-Chromium run (WebGPU on whatever adapter Chromium gives; SwiftShader without a GPU) and then in Node with
 * Dawn (the `webgpu` package) where it finds an adapter. The browser side is bench/gemm-page.ts bundled with esbuild
 * into bench/out/ and served from a throwaway http server on 127.0.0.1. What is timed: see bench/gemm-core.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { createBackend } from '../src/runtime/select-backend.ts';
import { WebGpuBackend } from '../src/runtime/webgpu/webgpu-backend.ts';
import { DEFAULT_SIZES, formatGemmTable, runGemmBench } from './gemm-core.ts';
import type { GemmRow } from './gemm-core.ts';
import type { PageResult } from './gemm-page.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');

interface FindChromium { findChromium(): string; CHROMIUM_ARGS: string[] }

function parseArgs(args: string[]): { sizes: number[]; browser: boolean; node: boolean } {
  const opts = { sizes: DEFAULT_SIZES, browser: true, node: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--sizes') opts.sizes = (args[++i] ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
    else if (a === '--skip-browser') opts.browser = false;
    else if (a === '--skip-node') opts.node = false;
    else throw new Error(`gemm: unknown argument ${a}`);
  }
  return opts;
}

async function bundlePage(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(here, 'gemm-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(outDir, 'gemm-page.js'),
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>litelab gemm bench</title><link rel="icon" href="data:,"><script type="module" src="gemm-page.js"></script>\n');
}

function serve(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = http.createServer((req, res) => {
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname) || 'index.html';
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runBrowser(sizes: number[]): Promise<PageResult | string> {
  const { findChromium, CHROMIUM_ARGS } = (await import('../scripts/find-chromium.mjs' as string)) as FindChromium;
  await bundlePage();
  const server = await serve(outDir);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`[browser] ${m.text()}`));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
    await page.waitForFunction(() => typeof window.litelabGemmBench === 'function');
    const r = await page.evaluate((s) => window.litelabGemmBench(s), sizes);
    return 'error' in r ? r.error : r;
  } finally {
    await browser.close();
    server.close();
  }
}

async function runNode(sizes: number[]): Promise<{ adapter: string; rows: GemmRow[] } | string> {
  const notices: string[] = [];
  const backend = await createBackend({ onNotice: (l) => notices.push(l) });
  if (!(backend instanceof WebGpuBackend)) return notices.join(' ') || 'no webgpu backend';
  try {
    return { adapter: backend.description, rows: await runGemmBench(backend, { sizes, log: (l) => console.log(l) }) };
  } finally {
    backend.destroy();
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.versions.node}, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

const NOTE = 'ms = median wall time, warm. int8 GPU / f32 GPU: upload A,B + dispatch + readback C. JS f32: i-j-k loop, no ' +
  'transfers. int8 res / f32 res: inputs already on the GPU (dispatch + readback). int8 cpu-pack: pack on the CPU, ' +
  'upload packed, GEMM, readback. Ratios: how many times faster the first is (>1 = faster).';

export async function main(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  const t0 = performance.now();
  console.log(`gemm benchmark — sizes ${opts.sizes.join(', ')} — ${machine()}`);
  const tables: string[] = [];
  if (opts.browser) {
    console.log('\n# headless Chromium (WebGPU)');
    const r = await runBrowser(opts.sizes);
    if (typeof r === 'string') tables.push(`Chromium: no WebGPU backend (${r})`);
    else tables.push(formatGemmTable(`Chromium — ${r.adapter}\n${r.userAgent}`, r.rows));
    console.log(`\n${tables.at(-1)}`);
  }
  if (opts.node) {
    console.log('\n# Node (Dawn)');
    const r = await runNode(opts.sizes);
    if (typeof r === 'string') tables.push(`Node/Dawn: no WebGPU adapter (${r})`);
    else tables.push(formatGemmTable(`Node ${process.versions.node} + Dawn (webgpu package) — ${r.adapter}`, r.rows));
    console.log(`\n${tables.at(-1)}`);
  }
  console.log(`\n${NOTE}\ntotal bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
