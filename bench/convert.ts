/**
 * `npm run bench -- convert [--runs N] [--only NAME,…]`: `litelab convert` on every convertible fixture, against
 * the I/O floor — what any converter must at least do: read the input files and write an output of the same size
 * (write to a temporary file + rename, as ours does). Ratio = convert / floor (the target: ≤ 2×).
 *
 * Each fixture runs in a FRESH Node process (`bench/main.ts convert --child NAME`), so that memory figures belong to
 * that model alone: after importing the modules, one warm-up conversion (timed separately: "1st conversion", what a
 * single CLI run pays after its imports — e.g. starting the HDF5 worker), then N timed conversions
 * (`convertModel`, exactly what the CLI runs in process: load → convertGraph → write → atomic save) and N floor
 * runs, interleaved. Times are medians. Memory:
 *
 * - peak RSS: `process.resourceUsage().maxRSS` (the OS high-water mark, which includes the HDF5 worker thread used
 *   for Keras files) at the end, minus the RSS right after the imports, i.e. what converting added at its worst;
 * - peak heap: the largest `heapUsed + arrayBuffers` (`process.memoryUsage()`) sampled at every progress callback
 *   (the boundaries of load / convert stages / write / save) of the first conversion, minus the same figure before
 *   it; a high-water at those points, not between them (and not the HDF5 worker's heap, which only RSS sees).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertModel, type ConvertHooks } from '../src/cli/commands/convert.ts';
import type { ConvertRequest } from '../src/cli/commands/convert-args.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const F = path.join(ROOT, 'test', 'fixtures');

interface Fixture { name: string; input: string; what: string }

const FIXTURES: readonly Fixture[] = [
  { name: 'half_plus_two', input: path.join(F, 'serving_saved_model_half_plus_two_cpu'), what: 'TF1 SavedModel, 3 vars' },
  { name: 'mnist_mlp', input: path.join(F, 'sgx_mnist_mlp_savedmodel', 'saved_model'), what: 'TF2 SavedModel, Dense MLP' },
  { name: 'kws_dscnn', input: path.join(F, 'mlperf_tiny_kws_dscnn', 'kws_ref_model'), what: 'TF2 SavedModel, DS-CNN' },
  { name: 'resnet8', input: path.join(F, 'mlperf_tiny_ic_resnet8', 'pretrainedResnet.h5'), what: 'Keras 2 .h5, ResNet-8' },
  { name: 'toycar', input: path.join(F, 'mlperf_tiny_anomaly_toycar', 'model_ToyCar.hdf5'), what: 'Keras 2 .hdf5, Dense+BN AE' },
  { name: 'mnist_cnn', input: path.join(F, 'gitadi_mnist_cnn_keras', 'baseline_cnn_28.keras'), what: '.keras zip, CNN' },
  { name: 'multi_add', input: path.join(F, 'litert_multi_add_graphdef', 'multi_add.pb'), what: 'frozen GraphDef' },
];

export interface ChildResult {
  name: string;
  inputBytes: number;
  outputBytes: number;
  operators: number;
  /** The untimed warm-up: the first conversion in a fresh process (what one CLI run pays, less the imports). */
  firstMs: number;
  convertMs: number[];
  floorMs: number[];
  /** Median ms per phase of the timed conversions: load, convert (convertGraph + metadata), write (serialize), save. */
  phases: { load: number; convert: number; write: number; save: number };
  baseRssMb: number;
  peakRssMb: number;
  /** heapUsed + arrayBuffers after the imports, before converting. */
  baseHeapMb: number;
  peakHeapMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The files a converter reads for `input` (a SavedModel's saved_model.pb and variables/, or the file). */
function inputFiles(input: string): string[] {
  if (!fs.statSync(input).isDirectory()) return [input];
  const vars = path.join(input, 'variables');
  return [path.join(input, 'saved_model.pb'), ...(fs.existsSync(vars) ? fs.readdirSync(vars).map((f) => path.join(vars, f)) : [])];
}

function floorRun(files: string[], outBytes: number, out: string): number {
  const t0 = performance.now();
  for (const f of files) fs.readFileSync(f);
  const tmp = `${out}.floor-tmp`;
  fs.writeFileSync(tmp, new Uint8Array(outBytes), { flag: 'w' });
  fs.renameSync(tmp, out);
  return performance.now() - t0;
}

const mb = (bytes: number): number => bytes / (1024 * 1024);

async function child(name: string, runs: number): Promise<ChildResult> {
  const fx = FIXTURES.find((f) => f.name === name);
  if (!fx) throw new Error(`unknown fixture ${name}`);
  const baseRssMb = mb(process.memoryUsage().rss);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-bench-convert-'));
  try {
    const out = path.join(tmp, `${name}.tflite`);
    const req: ConvertRequest = { input: fx.input, output: out, load: {}, converter: {}, quantFlags: [], formatFlags: [] };
    let peakHeap = 0;
    const sampleHeap = (): void => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    };
    sampleHeap();
    const baseHeapMb = mb(peakHeap);
    const tw = performance.now();
    const warm = await convertModel(req, { onProgress: sampleHeap });
    const firstMs = performance.now() - tw;
    const files = inputFiles(fx.input);
    const inputBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const convertMs: number[] = [];
    const floorMs: number[] = [];
    const phases: Record<'load' | 'convert' | 'write' | 'save', number[]> = { load: [], convert: [], write: [], save: [] };
    for (let i = 0; i < runs; i++) {
      floorMs.push(floorRun(files, warm.bytes, path.join(tmp, 'floor.tflite')));
      const marks = new Map<string, number>();
      const hooks: ConvertHooks = {
        onProgress: (stage, fraction) => {
          const key = `${stage}:${fraction >= 1 ? 1 : fraction <= 0 ? 0 : 'mid'}`;
          if (!marks.has(key) || fraction >= 1) marks.set(key, performance.now());
        },
      };
      const t0 = performance.now();
      await convertModel(req, hooks);
      const t1 = performance.now();
      convertMs.push(t1 - t0);
      const at = (k: string, fallback: number): number => marks.get(k) ?? fallback;
      phases.load.push(at('load:1', t0) - t0);
      phases.convert.push(at('write:0', t1) - at('load:1', t0));
      phases.write.push(at('write:1', t1) - at('write:0', t1));
      phases.save.push(t1 - at('write:1', t1));
    }
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return {
      name, inputBytes, outputBytes: warm.bytes, operators: warm.operators, firstMs, convertMs, floorMs,
      phases: { load: median(phases.load), convert: median(phases.convert), write: median(phases.write), save: median(phases.save) },
      baseRssMb, peakRssMb, baseHeapMb, peakHeapMb: mb(peakHeap),
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function runChild(name: string, runs: number): Promise<ChildResult | string> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'main.ts'), 'convert', '--child', name, '--runs', String(runs)],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (err || !line) resolve((stderr || String(err)).trim().split('\n')[0] ?? 'failed');
        else resolve(JSON.parse(line) as ChildResult);
      });
  });
}

const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export function formatTable(rows: (ChildResult | { name: string; error: string })[], runs: number): string {
  const head = '| model | input KB | output KB | ops | convert ms | I/O floor ms | ratio | load / convert / write / save ms | 1st conversion ms | peak RSS Δ MB | peak heap Δ MB |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|';
  const lines = rows.map((r) => {
    if ('error' in r) return `| ${r.name} | — | — | — | error: ${r.error} | | | | | | |`;
    const c = median(r.convertMs);
    const f = median(r.floorMs);
    const p = r.phases;
    return `| ${r.name} | ${kb(r.inputBytes)} | ${kb(r.outputBytes)} | ${r.operators} | ${ms(c)} | ${ms(f)} | ${(c / f).toFixed(0)}× | ` +
      `${ms(p.load)} / ${ms(p.convert)} / ${ms(p.write)} / ${ms(p.save)} | ${ms(r.firstMs)} | ${(r.peakRssMb - r.baseRssMb).toFixed(1)} | ${(r.peakHeapMb - r.baseHeapMb).toFixed(1)} |`;
  });
  const base = rows.find((r): r is ChildResult => !('error' in r));
  const baseline = base ? `; after the imports, before converting: RSS ${base.baseRssMb.toFixed(0)} MB, heap ${base.baseHeapMb.toFixed(0)} MB` : '';
  return `${head}\n${lines.join('\n')}\n(medians of ${runs} runs after one warm-up, each model in a fresh Node process${baseline})`;
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, Node ${process.versions.node}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

export async function main(args: string[]): Promise<void> {
  let runs = 5;
  let only: string[] | undefined;
  let childName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--runs') runs = Number(args[++i]);
    else if (a === '--only') only = (args[++i] ?? '').split(',');
    else if (a === '--child') childName = args[++i];
    else throw new Error(`convert: unknown argument ${a}`);
  }
  if (!(Number.isInteger(runs) && runs > 0)) throw new Error('convert: --runs needs a positive integer');
  if (childName !== undefined) {
    console.log(JSON.stringify(await child(childName, runs)));
    return;
  }
  const chosen = only ? FIXTURES.filter((f) => only.includes(f.name)) : FIXTURES;
  if (!chosen.length) throw new Error(`convert: no fixture among ${only?.join(', ')}; known: ${FIXTURES.map((f) => f.name).join(', ')}`);
  console.log(`convert benchmark — ${chosen.length} fixtures × ${runs} runs — ${machine()}`);
  const t0 = performance.now();
  const rows: (ChildResult | { name: string; error: string })[] = [];
  for (const fx of chosen) {
    const r = await runChild(fx.name, runs);
    rows.push(typeof r === 'string' ? { name: fx.name, error: r } : r);
    console.log(typeof r === 'string' ? `${fx.name}: ${r}` : `${fx.name} (${fx.what}): convert ${ms(median(r.convertMs))} ms, floor ${ms(median(r.floorMs))} ms`);
  }
  console.log(`\n${formatTable(rows, runs)}\ntotal bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
