/**
 * Backend conformance cases shared by the browser tests (mocha, SwiftShader in Chromium) and the Node tests
 * (node:test, Dawn): each case runs an op on the backend under test and on the cpu reference with the same seeded
 * data and compares. Shapes are deliberately not multiples of any workgroup size, plus 1-element and empty cases.
 * Assertions throw plain Errors so the same code works under both runners.
 */
import type { Backend, Tensor, TensorArray, TensorDType } from '../../src/runtime/backend.ts';
import { CpuBackend } from '../../src/runtime/cpu/cpu-backend.ts';
import { packInt8 } from '../../src/runtime/cpu/matmul.ts';
import { WebGpuBackend } from '../../src/runtime/webgpu/webgpu-backend.ts';
import { Rng } from '../../src/util/random.ts';

export interface BackendCase {
  name: string;
  run(backend: Backend): Promise<void>;
}

const cpu = new CpuBackend();

export function assertEqualArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(`${what}: [${i}] = ${actual[i]}, expected ${expected[i]} (first of possibly more mismatches)`);
    }
  }
}

/** Runs `op` on the backend under test and on cpu with the same inputs; returns both outputs (read back). */
async function both<D extends TensorDType>(
  backend: Backend,
  inputs: Array<[TensorArray, number[]]>,
  op: (b: Backend, ts: Tensor[]) => Tensor<D>,
): Promise<[ArrayLike<number>, ArrayLike<number>]> {
  const out: Array<ArrayLike<number>> = [];
  for (const b of [backend, cpu]) {
    const ts = inputs.map(([data, shape]) => b.upload(data, shape));
    const r = op(b, ts);
    out.push(await b.read(r));
    for (const t of [...ts, r]) b.dispose(t);
  }
  return [out[0]!, out[1]!];
}

/** f32 data in [-4, 4) with NaN, ±0, ±Inf and denormals sprinkled in. */
function awkwardF32(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const x = rng.float32Array(n, -4, 4);
  const specials = [NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40];
  for (let i = 0; i < Math.min(n, 40); i++) x[rng.int(0, n - 1)] = specials[i % specials.length]!;
  return x;
}

const minMaxCases: BackendCase[] = [
  ...[1, 257, 10_007, 600_001].map((n) => ({
    name: `minMax equals cpu, n=${n} (random, NaN/±0/±Inf/denormals mixed in)`,
    async run(b: Backend) {
      const x = n === 1 ? new Float32Array([-2.5]) : awkwardF32(n, n);
      const [g, c] = await both(b, [[x, [n]]], (be, [t]) => be.minMax(t as Tensor<'float32'>));
      assertEqualArrays(g, c, 'minMax');
    },
  })),
  {
    name: 'minMax without specials: exact min and max of the data',
    async run(b: Backend) {
      const x = new Rng(3).float32Array(4099, -1, 1);
      x[17] = -0;
      x[4098] = 0;
      const [g, c] = await both(b, [[x, [4099]]], (be, [t]) => be.minMax(t as Tensor<'float32'>));
      assertEqualArrays(g, c, 'minMax');
      let lo = Infinity, hi = -Infinity;
      for (const v of x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      assertEqualArrays(g, [lo, hi], 'minMax vs Math.min/max');
    },
  },
  {
    name: 'minMax of empty and all-NaN tensors is [+Inf, -Inf]; -0 sorts below +0',
    async run(b: Backend) {
      for (const [x, want] of [
        [new Float32Array(0), [Infinity, -Infinity]],
        [new Float32Array([NaN, NaN, NaN]), [Infinity, -Infinity]],
        [new Float32Array([0, -0]), [-0, 0]],
      ] as const) {
        const t = b.upload(x, [x.length]);
        const r = b.minMax(t);
        assertEqualArrays(await b.read(r), want, `minMax([${[...x].join(', ')}])`);
        b.dispose(t);
        b.dispose(r);
      }
    },
  },
];

const histogramCases: BackendCase[] = [
  ...([
    [1, 7, -1, 1],
    [1000, 1, -1, 1],
    [10_007, 13, -3, 2.5],
    [100_003, 256, -2, 2],
    [65_537, 4096, -4, 4],
    [50_001, 5000, -3, 3], // more bins than the workgroup-local table: global atomics path
  ] as const).map(([n, bins, lo, hi]) => ({
    name: `histogram equals cpu, n=${n} bins=${bins} [${lo}, ${hi}] (outside values clamp to edge bins, NaN skipped)`,
    async run(b: Backend) {
      const x = awkwardF32(n, n + bins);
      if (n > 10) { x[1] = lo; x[2] = hi; x[3] = lo - 1e-3; x[4] = hi + 1e-3; }
      const [g, c] = await both(b, [[x, [n]]], (be, [t]) => be.histogram(t as Tensor<'float32'>, bins, lo, hi));
      assertEqualArrays(g, c, 'histogram');
      const nonNaN = x.filter((v) => !Number.isNaN(v)).length;
      const total = Array.from(g).reduce((s, v) => s + v, 0);
      if (total !== nonNaN) throw new Error(`histogram: counts sum to ${total}, expected ${nonNaN} non-NaN values`);
    },
  })),
  {
    name: 'histogram of an empty tensor is all zeros; values on bin edges go to the upper bin',
    async run(b: Backend) {
      const e = b.upload(new Float32Array(0), [0]);
      const he = b.histogram(e, 5, 0, 1);
      assertEqualArrays(await b.read(he), [0, 0, 0, 0, 0], 'empty histogram');
      const x = new Float32Array([0, 0.25, 0.5, 0.75, 1, -7, 9, NaN, -Infinity, Infinity]);
      const t = b.upload(x, [x.length]);
      const h = b.histogram(t, 4, 0, 1);
      assertEqualArrays(await b.read(h), [3, 1, 1, 4], 'edge histogram');
      for (const tt of [e, he, t, h]) b.dispose(tt);
    },
  },
];

/** |gpu − cpu| ≤ 1e-5 · Σ_k |a_ik · b_kj| (the scale of a dot product's rounding error), per element. */
function assertMatClose(g: ArrayLike<number>, c: ArrayLike<number>, a: Float32Array, bm: Float32Array, m: number, k: number, n: number): void {
  if (g.length !== c.length) throw new Error(`matMul: length ${g.length}, expected ${c.length}`);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let scale = 0;
      for (let p = 0; p < k; p++) scale += Math.abs(a[i * k + p]! * bm[p * n + j]!);
      const d = Math.abs(g[i * n + j]! - c[i * n + j]!);
      if (!(d <= 1e-5 * scale)) throw new Error(`matMul [${i}, ${j}]: ${g[i * n + j]} vs cpu ${c[i * n + j]} (|Σ| scale ${scale})`);
    }
  }
}

const gemmShapes: Array<[number, number, number]> = [
  [1, 1, 1], [3, 5, 7], [65, 67, 63], [129, 100, 130], [200, 256, 3], [2, 255, 257], [4, 0, 5], [0, 3, 4],
];

const matMulCases: BackendCase[] = gemmShapes.map(([m, k, n]) => ({
  name: `matMul f32 within 1e-5 of cpu, [${m}, ${k}] × [${k}, ${n}]`,
  async run(b: Backend) {
    const rng = new Rng(m * 1000 + k * 10 + n);
    const a = rng.float32Array(m * k), bm = rng.float32Array(k * n);
    const [g, c] = await both(b, [[a, [m, k]], [bm, [k, n]]], (be, [x, y]) => be.matMul(x as Tensor<'float32'>, y as Tensor<'float32'>));
    assertMatClose(g, c, a, bm, m, k, n);
  },
}));

const int8Shapes: Array<[number, number, number]> = [
  [1, 1, 1], [3, 5, 7], [65, 68, 33], [129, 131, 65], [256, 256, 256], [7, 3, 250], [4, 0, 5], [0, 3, 4],
];

const matMulInt8Cases: BackendCase[] = [
  ...int8Shapes.map(([m, k, n]) => ({
    name: `matMulInt8 equals cpu exactly, [${m}, ${k}] × [${k}, ${n}]${k % 4 ? ' (K padded)' : ''}`,
    async run(b: Backend) {
      const rng = new Rng(m * 7 + k * 3 + n);
      const a = rng.int8Array(m * k), bm = rng.int8Array(k * n);
      const [g, c] = await both(b, [[a, [m, k]], [bm, [k, n]]], (be, [x, y]) => be.matMulInt8(x as Tensor<'int8'>, y as Tensor<'int8'>));
      assertEqualArrays(g, c, 'matMulInt8');
    },
  })),
  {
    name: 'matMulInt8 at the extremes: (-128)·(-128) summed over K=255 and 127·(-128)',
    async run(b: Backend) {
      const k = 255;
      const a = new Int8Array(2 * k).fill(-128);
      a.fill(127, k);
      const bm = new Int8Array(k * 3).fill(-128);
      const [g] = await both(b, [[a, [2, k]], [bm, [k, 3]]], (be, [x, y]) => be.matMulInt8(x as Tensor<'int8'>, y as Tensor<'int8'>));
      assertEqualArrays(g, [16384 * k, 16384 * k, 16384 * k, -16256 * k, -16256 * k, -16256 * k], 'extremes');
    },
  },
];

const plumbingCases: BackendCase[] = [
  {
    name: 'upload/read round-trips every dtype, odd lengths included',
    async run(b: Backend) {
      const rng = new Rng(9);
      const arrays: TensorArray[] = [rng.float32Array(5), Int32Array.from([1, -2, 3]), rng.int8Array(7), Uint32Array.from([0, 4294967295]), new Float32Array(0)];
      for (const x of arrays) {
        const t = b.upload(x, [x.length]);
        const y = await b.read(t);
        if (y.constructor !== x.constructor) throw new Error(`read gave ${y.constructor.name} for ${x.constructor.name}`);
        assertEqualArrays(y, x, `round trip ${x.constructor.name}`);
        b.dispose(t);
      }
    },
  },
  {
    name: 'ops chain on the device without reads in between',
    async run(b: Backend) {
      const rng = new Rng(11);
      const a = b.upload(rng.float32Array(33 * 40), [33, 40]);
      const w = b.upload(rng.float32Array(40 * 21), [40, 21]);
      const y = b.matMul(a, w);
      const mm = b.minMax(y);
      const h = b.histogram(y, 9, -3, 3);
      const [ry, rmm, rh] = [await b.read(y), await b.read(mm), await b.read(h)];
      const ref = cpu.upload(ry, [33, 21]);
      assertEqualArrays(rmm, await cpu.read(cpu.minMax(ref)), 'minMax of matMul');
      assertEqualArrays(rh, await cpu.read(cpu.histogram(ref, 9, -3, 3)), 'histogram of matMul');
      for (const t of [a, w, y, mm, h]) b.dispose(t);
    },
  },
  {
    name: 'bad calls throw UsageError: shape mismatch, wrong dtype, disposed tensor, bad histogram range',
    async run(b: Backend) {
      const expectUsage = (what: string, f: () => unknown): void => {
        try {
          f();
        } catch (e) {
          if (e instanceof Error && e.name === 'UsageError') return;
          throw new Error(`${what}: threw ${String(e)} instead of a UsageError`);
        }
        throw new Error(`${what}: did not throw`);
      };
      const x = b.upload(new Float32Array(6), [2, 3]);
      expectUsage('upload count', () => b.upload(new Float32Array(5), [2, 3]));
      expectUsage('inner dims', () => b.matMul(x, x));
      const sq = b.upload(new Float32Array(9), [3, 3]);
      expectUsage('dtype', () => b.matMulInt8(sq as unknown as Tensor<'int8'>, sq as unknown as Tensor<'int8'>));
      b.dispose(sq);
      expectUsage('histogram lo ≥ hi', () => b.histogram(x, 4, 1, 1));
      expectUsage('histogram bins', () => b.histogram(x, 0, 0, 1));
      const foreign: Tensor<'float32'> = { backend: b.name === 'cpu' ? 'webgpu' : 'cpu', dtype: 'float32', shape: [1], size: 1, disposed: false };
      expectUsage('other backend', () => b.minMax(foreign));
      b.dispose(x);
      b.dispose(x);
      expectUsage('disposed', () => b.minMax(x));
    },
  },
];

const webgpuCases: BackendCase[] = [
  {
    name: 'webgpu: packInt8 (GPU) equals the cpu packing, rows and transposed, K not a multiple of 4',
    async run(b: Backend) {
      if (!(b instanceof WebGpuBackend)) throw new Error('not a webgpu backend');
      const [r, k] = [37, 23];
      const x = new Rng(21).int8Array(r * k);
      const t = b.upload(x, [r, k]);
      const rows = b.packInt8(t, false);
      const cols = b.packInt8(t, true);
      assertEqualArrays(await b.read(rows), packInt8(x, r, k, false), 'pack rows');
      assertEqualArrays(await b.read(cols), packInt8(x, k, r, true), 'pack columns');
      if (rows.shape.join() !== `${r},${Math.ceil(k / 4)}` || cols.shape.join() !== `${k},${Math.ceil(r / 4)}`) {
        throw new Error(`packed shapes ${rows.shape} / ${cols.shape}`);
      }
      for (const tt of [t, rows, cols]) b.dispose(tt);
    },
  },
  {
    name: 'webgpu: one pipeline per kernel whatever the shapes; buffers are reused from the pool',
    async run(b: Backend) {
      if (!(b instanceof WebGpuBackend)) throw new Error('not a webgpu backend');
      const rng = new Rng(5);
      const before = b.stats();
      for (const [m, k, n] of [[3, 4, 5], [17, 9, 33], [3, 4, 5], [17, 9, 33]] as const) {
        const a = b.upload(rng.float32Array(m * k), [m, k]);
        const w = b.upload(rng.float32Array(k * n), [k, n]);
        const c = b.matMul(a, w);
        await b.read(c);
        for (const t of [a, w, c]) b.dispose(t);
      }
      const after = b.stats();
      const gemm = after.pipelines.filter((p) => p.startsWith('gemm_f32'));
      if (gemm.length !== 1 || gemm[0] !== 'gemm_f32|rank2') throw new Error(`gemm pipelines: ${after.pipelines.join(', ')}`);
      if (after.reused <= before.reused) throw new Error(`pool reused nothing (${JSON.stringify(after)})`);
    },
  },
];

export const BACKEND_CASES: BackendCase[] = [...plumbingCases, ...minMaxCases, ...histogramCases, ...matMulCases, ...matMulInt8Cases];
export const WEBGPU_CASES: BackendCase[] = webgpuCases;
