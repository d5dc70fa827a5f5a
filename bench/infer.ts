/**
 * `npm run bench -- infer [--budget MS] [--max-runs N] [--batch N] [--reps N] [--only a,b] [--no-jspi]`: the interpreter against LiteRT.js
 * (@litertjs/core 2.5.3) in ONE headless-Chromium run. For each fixture model, throughput (samples/s = 1000 / median
 * ms per batch-1 invoke, warm, seeded input) of our webgpu backend, our cpu backend, LiteRT.js WASM and LiteRT.js's
 * own WebGPU accelerator (its error when it does not run); then N MNIST-like images in one invoke on ours vs N
 * batch-1 invokes on LiteRT.js WASM. Correctness in the same run: every output against LiteRT.js WASM's (float: max
 * |diff| / max |ref|; int8 with `integerArithmetic: 'litert'`: exact or how many differ).
 *
 * The page is bench/infer-page.ts bundled by esbuild into bench/out/ — with @litertjs/core's dist/index.js patched
 * on the way in (int8/int16 added to its frozen dtype table, as test/harness/reference-runtime.ts does) — and served
 * with the fixtures and LiteRT.js's wasm/ directory from a throwaway http server on 127.0.0.1. LiteRT.js loads its
 * JSPI build (Chromium ships JSPI; without it LiteRT.js's WebGPU accelerator fails on int8 models with "Asyncify is
 * not defined"); `--no-jspi` loads its default build instead. Both are single-threaded (threads need a
 * cross-origin-isolated page).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import type { BatchResult, BatchSpec, Cell, ModelResult, ModelSpec, SetupResult } from './infer-page.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const fixturesDir = path.join(here, '..', 'test', 'fixtures');
const require = createRequire(import.meta.url);
const litertDir = path.dirname(require.resolve('@litertjs/core/package.json'));

interface FindChromium { findChromium(): string; CHROMIUM_ARGS: string[] }

const MODELS: readonly { name: string; file: string }[] = [
  { name: 'mnist_mlp f32', file: 'sgx_mnist_mlp_savedmodel/model_no_quant.tflite' },
  { name: 'mnist_mlp int8', file: 'sgx_mnist_mlp_savedmodel/model.tflite' },
  { name: 'mnist_cnn f32', file: 'gitadi_mnist_cnn_keras/model_fp32_28.tflite' },
  { name: 'mnist_cnn int8', file: 'gitadi_mnist_cnn_keras/model_int8_28.tflite' },
  { name: 'resnet8 f32', file: 'mlperf_tiny_ic_resnet8/pretrainedResnet.tflite' },
  { name: 'resnet8 int8', file: 'mlperf_tiny_ic_resnet8/pretrainedResnet_quant.tflite' },
  { name: 'kws_dscnn int8', file: 'mlperf_tiny_kws_dscnn/kws_ref_model.tflite' },
];
const BATCHED = ['mnist_mlp f32', 'mnist_mlp int8', 'mnist_cnn f32', 'mnist_cnn int8'];

interface Opts { budgetMs: number; maxRuns: number; batch: number; reps: number; only: string[] | null; jspi: boolean }

function parseArgs(args: string[]): Opts {
  const o: Opts = { budgetMs: 1500, maxRuns: 60, batch: 500, reps: 3, only: null, jspi: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--no-jspi') {
      o.jspi = false;
      continue;
    }
    const v = args[++i] ?? '';
    if (a === '--budget') o.budgetMs = Number(v);
    else if (a === '--max-runs') o.maxRuns = Number(v);
    else if (a === '--batch') o.batch = Number(v);
    else if (a === '--reps') o.reps = Number(v);
    else if (a === '--only') o.only = v.split(',').filter(Boolean);
    else throw new Error(`infer: unknown argument ${a}`);
  }
  return o;
}

const LITERT_ANCHOR = '    elementType: ElementType.UINT8\n  }\n]);';

async function bundlePage(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const patchLiteRt: esbuild.Plugin = {
    name: 'litert-int8',
    setup(build) {
      build.onLoad({ filter: /@litertjs[\\/]core[\\/]dist[\\/]index\.js$/ }, (args) => {
        const src = fs.readFileSync(args.path, 'utf8');
        if (!src.includes(LITERT_ANCHOR)) throw new Error('unexpected @litertjs/core dist/index.js layout (not 2.5.3?)');
        return {
          loader: 'js',
          contents: src.replace(LITERT_ANCHOR, '    elementType: ElementType.UINT8\n  },\n' +
            '  { dtype: "int8", typedArrayConstructor: Int8Array, elementType: ElementType.INT8 },\n' +
            '  { dtype: "int16", typedArrayConstructor: Int16Array, elementType: ElementType.INT16 }\n]);'),
        };
      });
    },
  };
  await esbuild.build({
    entryPoints: [path.join(here, 'infer-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(outDir, 'infer-page.js'),
    logLevel: 'warning',
    plugins: [patchLiteRt],
  });
  fs.writeFileSync(path.join(outDir, 'infer.html'),
    '<!doctype html><meta charset="utf-8"><title>litelab infer bench</title><link rel="icon" href="data:,"><body><script type="module" src="infer-page.js"></script>\n');
}

/** /fixtures/… → test/fixtures, /litert-wasm/… → @litertjs/core/wasm, anything else → bench/out by base name. */
function serve(): Promise<http.Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const inside = (root: string, rel: string): string | null => {
    const file = path.resolve(root, rel);
    return file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
  };
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file: string | null;
    if (p.startsWith('/fixtures/')) file = inside(fixturesDir, p.slice('/fixtures/'.length));
    else if (p.startsWith('/litert-wasm/')) file = inside(path.join(litertDir, 'wasm'), p.slice('/litert-wasm/'.length));
    else file = inside(outDir, path.basename(p) || 'infer.html');
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `${os.type()} ${os.release()}, Node ${process.versions.node}, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
/** samples/s of a cell that ran `n` samples per invoke, or its error (shortened). */
const sps = (c: Cell, n: number): string => (c.ms !== undefined ? fmt((1000 * n) / c.ms) : `✗ ${(c.error ?? '?').slice(0, 60)}`);
const ratio = (a: Cell, b: Cell): string => (a.ms !== undefined && b.ms !== undefined ? `${(b.ms / a.ms).toFixed(2)}×` : '—');
const check = (c: Cell): string => c.check ?? '—';

function modelRow(r: ModelResult): string {
  return `| ${r.name} | ${sps(r.oursGpu, 1)} | ${sps(r.oursCpu, 1)} | ${sps(r.litWasm, 1)} | ${sps(r.litGpu, 1)} | ` +
    `${ratio(r.oursGpu, r.litGpu)} | ${ratio(r.oursGpu, r.litWasm)} | ${ratio(r.oursCpu, r.litWasm)} | ` +
    `${check(r.oursGpu)} | ${check(r.oursCpu)} | ${check(r.litGpu)} |`;
}
const MODEL_HEAD = '| model | ours webgpu | ours cpu | LiteRT wasm | LiteRT webgpu | ours gpu / LiteRT gpu | ours gpu / LiteRT wasm | ours cpu / LiteRT wasm | check ours gpu | check ours cpu | check LiteRT gpu |\n' +
  '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|';

function batchRow(r: BatchResult): string {
  return `| ${r.name} × ${r.n} | ${sps(r.oursGpu, r.n)} | ${sps(r.oursCpu, r.n)} | ${sps(r.litWasm, r.n)} | ` +
    `${ratio(r.oursGpu, r.litWasm)} | ${ratio(r.oursCpu, r.litWasm)} | ${check(r.oursGpu)} | ${check(r.oursCpu)} |`;
}
const BATCH_HEAD = '| batch | ours webgpu (1 invoke) | ours cpu (1 invoke) | LiteRT wasm (batch-1 invokes) | ours gpu / LiteRT wasm | ours cpu / LiteRT wasm | check ours gpu | check ours cpu |\n' +
  '|---|---:|---:|---:|---:|---:|---|---|';

export async function main(args: string[]): Promise<void> {
  const o = parseArgs(args);
  const t0 = performance.now();
  console.log(`infer benchmark — ${machine()}`);
  const { findChromium, CHROMIUM_ARGS } = (await import('../scripts/find-chromium.mjs' as string)) as FindChromium;
  await bundlePage();
  const server = await serve();
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const errors: string[] = [];
  const modelRows: string[] = [];
  const batchRows: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      const t = m.text();
      // LiteRT.js's own log: keep its warnings/errors (W…/E… lines, "[LiteRT]" notices), not its INFO chatter
      if ((m.type() === 'error' || m.type() === 'warning') && !/^INFO:/.test(t)) errors.push(t.replace(/%c/g, '').slice(0, 200));
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/infer.html`);
    await page.waitForFunction(() => typeof window.litelabInferSetup === 'function');
    const setup: SetupResult = await page.evaluate(([u, j]) => window.litelabInferSetup(u, j), ['/litert-wasm/', o.jspi] as const);
    console.log(`Chromium: ${setup.userAgent}\nour adapter: ${setup.adapter}\nLiteRT.js build: ${o.jspi ? 'JSPI' : 'non-JSPI (--no-jspi)'}, single-threaded`);
    if (setup.error) throw new Error(setup.error);
    const wanted = MODELS.filter((m) => !o.only || o.only.some((s) => m.name.includes(s)));
    console.log(`\n# throughput, batch 1 (samples/s; ratios > 1 = ours faster)\n${MODEL_HEAD}`);
    for (const m of wanted) {
      const spec: ModelSpec = { ...m, budgetMs: o.budgetMs, maxRuns: o.maxRuns };
      const r: ModelResult = await page.evaluate((s) => window.litelabInferModel(s), spec);
      modelRows.push(modelRow(r));
      console.log(modelRows.at(-1));
    }
    console.log(`\n# batched: ${o.batch} seeded MNIST-like images (samples/s)\n${BATCH_HEAD}`);
    for (const m of wanted.filter((w) => BATCHED.includes(w.name))) {
      const spec: BatchSpec = { ...m, n: o.batch, reps: o.reps };
      const r: BatchResult = await page.evaluate((s) => window.litelabInferBatch(s), spec);
      batchRows.push(batchRow(r));
      console.log(batchRows.at(-1));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const seen = [...new Set(errors)];
  if (seen.length) console.log(`\nbrowser warnings/errors (${seen.length} distinct):\n${seen.map((e) => `  ${e}`).join('\n')}`);
  console.log(`\nsamples/s = 1000 × batch / median ms per invoke (batch 1: ≥ 5 timed runs after 2 warm-ups, up to ` +
    `${o.budgetMs} ms or ${o.maxRuns} runs; batched: median of ${o.reps} after 1 warm-up), end to end from a typed ` +
    `array (set input, run, read output). check = vs LiteRT.js WASM's output on the same input: float "rel" = ` +
    `max |diff| / max |ref|, int8 (ours with integerArithmetic 'litert') exact or how many elements differ.\n` +
    `total bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
