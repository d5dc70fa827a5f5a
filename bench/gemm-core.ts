/**
 * The GEMM benchmark body, environment-free: runs in the browser page (bench/gemm-page.ts) and in Node (Dawn) the
 * same way. For each square size S it times, as the median of warm repetitions (one untimed warm-up first, which
 * also compiles the pipelines):
 *   int8      upload A, B (int8) + matMulInt8 (GPU packing + dot4I8Packed GEMM) + read C (int32)
 *   f32       upload A, B (f32) + matMul + read C
 *   js        a plain JS f32 triple loop (i, j, k; f64 accumulator stored to a Float32Array) — no transfers
 *   int8 res / f32 res   the same GPU ops with A, B already resident: dispatch + read C only
 *   int8 cpu-pack        A, B packed to u32 words on the CPU, uploaded packed, matMulInt8Packed + read C
 * Every GPU result is checked once per size against the cpu reference (int8 exact, f32 within 1e-5 relative).
 */
import { matMulF32, matMulInt8, packInt8 } from '../src/runtime/cpu/matmul.ts';
import type { WebGpuBackend } from '../src/runtime/webgpu/webgpu-backend.ts';
import { Rng } from '../src/util/random.ts';

export interface GemmRow {
  size: number;
  /** Median milliseconds. */
  int8: number;
  f32: number;
  js: number;
  int8Resident: number;
  f32Resident: number;
  int8CpuPack: number;
  reps: number;
  checks: string;
}

export interface GemmBenchOptions {
  sizes: number[];
  /** Progress lines. */
  log?: (line: string) => void;
}

export const DEFAULT_SIZES = [64, 128, 256, 512];

function repsFor(size: number): number {
  return size <= 128 ? 15 : size <= 256 ? 9 : 5;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function time(reps: number, body: () => Promise<unknown> | unknown): Promise<number> {
  await body(); // warm-up: pipeline compilation, pool fill, JIT
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await body();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** The plain JS peer: C = A·B with an i, j, k triple loop. */
export function jsMatMul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = acc;
    }
  }
  return c;
}

export async function runGemmBench(gpu: WebGpuBackend, opts: GemmBenchOptions): Promise<GemmRow[]> {
  const log = opts.log ?? (() => {});
  const rows: GemmRow[] = [];
  for (const s of opts.sizes) {
    const reps = repsFor(s);
    const rng = new Rng(s);
    const af = rng.float32Array(s * s), bf = rng.float32Array(s * s);
    const ai = rng.int8Array(s * s), bi = rng.int8Array(s * s);
    const shape = [s, s];

    // correctness once per size
    const checks: string[] = [];
    {
      const a = gpu.upload(ai, shape), b = gpu.upload(bi, shape), c = gpu.matMulInt8(a, b);
      const got = await gpu.read(c);
      const ref = matMulInt8(ai, bi, s, s, s);
      checks.push(got.every((v, i) => v === ref[i]) ? 'int8 exact' : 'int8 MISMATCH');
      for (const t of [a, b, c]) gpu.dispose(t);
    }
    const fa = gpu.upload(af, shape), fb = gpu.upload(bf, shape), fc = gpu.matMul(fa, fb);
    const cf = await gpu.read(fc);
    for (const t of [fa, fb, fc]) gpu.dispose(t);
    const refF = matMulF32(af, bf, s, s, s);
    let exact = 0, worst = 0;
    for (let i = 0; i < refF.length; i++) {
      if (cf[i] === refF[i]) exact++;
      worst = Math.max(worst, Math.abs(cf[i]! - refF[i]!) / Math.max(1e-6, Math.abs(refF[i]!)));
    }
    checks.push(`f32 ${((100 * exact) / refF.length).toFixed(1)}% bit-equal to cpu${worst > 1e-5 ? ` (max rel ${worst.toExponential(1)})` : ''}`);

    const int8 = await time(reps, async () => {
      const a = gpu.upload(ai, shape), b = gpu.upload(bi, shape);
      const c = gpu.matMulInt8(a, b);
      await gpu.read(c);
      for (const t of [a, b, c]) gpu.dispose(t);
    });
    const f32 = await time(reps, async () => {
      const a = gpu.upload(af, shape), b = gpu.upload(bf, shape);
      const c = gpu.matMul(a, b);
      await gpu.read(c);
      for (const t of [a, b, c]) gpu.dispose(t);
    });
    const ra = gpu.upload(ai, shape), rb = gpu.upload(bi, shape), rfa = gpu.upload(af, shape), rfb = gpu.upload(bf, shape);
    const int8Resident = await time(reps, async () => {
      const c = gpu.matMulInt8(ra, rb);
      await gpu.read(c);
      gpu.dispose(c);
    });
    const f32Resident = await time(reps, async () => {
      const c = gpu.matMul(rfa, rfb);
      await gpu.read(c);
      gpu.dispose(c);
    });
    for (const t of [ra, rb, rfa, rfb]) gpu.dispose(t);
    const k4 = Math.ceil(s / 4);
    const int8CpuPack = await time(reps, async () => {
      const a = gpu.upload(packInt8(ai, s, s, false), [s, k4]);
      const b = gpu.upload(packInt8(bi, s, s, true), [s, k4]);
      const c = gpu.matMulInt8Packed(a, b);
      await gpu.read(c);
      for (const t of [a, b, c]) gpu.dispose(t);
    });
    const js = await time(reps, () => jsMatMul(af, bf, s, s, s));
    const row: GemmRow = { size: s, int8, f32, js, int8Resident, f32Resident, int8CpuPack, reps, checks: checks.join(', ') };
    log(`  ${s}³ done: int8 ${int8.toFixed(1)} ms, f32 ${f32.toFixed(1)} ms, js ${js.toFixed(1)} ms (${row.checks})`);
    rows.push(row);
  }
  return rows;
}

/** The printed table: times in ms and the three ratios (> 1 means the first is faster). */
export function formatGemmTable(title: string, rows: GemmRow[]): string {
  const head = ['size', 'int8 GPU', 'f32 GPU', 'JS f32', 'int8/f32', 'int8/JS', 'f32/JS', 'int8 res', 'f32 res', 'int8 cpu-pack', 'reps'];
  const f = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
  const r = (x: number): string => `${x.toFixed(2)}×`;
  const body = rows.map((w) => [
    `${w.size}³`, f(w.int8), f(w.f32), f(w.js), r(w.f32 / w.int8), r(w.js / w.int8), r(w.js / w.f32),
    f(w.int8Resident), f(w.f32Resident), f(w.int8CpuPack), String(w.reps),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  return [
    title,
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
