/**
 * Browser entry of the interpreter benchmark (bundled by bench/infer.ts with esbuild into bench/out/, where
 * `@litertjs/core` gets the int8/int16 dtype-table patch the test harness applies). Exposes:
 *
 *   window.litelabInferSetup(url, jspi)       our webgpu backend from navigator.gpu + LiteRT.js loaded from that URL
 *                                             (its JSPI build with jspi, else its default relaxed-SIMD build)
 *   window.litelabInferModel(spec)            one fixture: throughput of the 4 engines + correctness vs LiteRT WASM
 *   window.litelabInferBatch(spec)            N images in one invoke (ours) vs N batch-1 invokes (LiteRT WASM)
 *
 * Every timed iteration is end to end from a JS typed array: set the input (ours: `setInput`, which copies; LiteRT:
 * `new Tensor`, a copy into the WASM heap), run, read the output back to a typed array (GPU readback included).
 */
import * as flatbuffers from 'flatbuffers';
import * as litertCore from '@litertjs/core';
import { Model } from '../src/formats/tflite/generated/tflite/model.ts';
import { Interpreter } from '../src/runtime/interpreter/index.ts';
import type { Backend } from '../src/runtime/backend.ts';
import { createBackend } from '../src/runtime/select-backend.ts';
import { WebGpuBackend } from '../src/runtime/webgpu/webgpu-backend.ts';
import { Rng } from '../src/util/random.ts';

type IoArray = Float32Array | Int8Array;

/** What we use of LiteRT.js (its own typings do not know the int8 tensors the patch adds). */
interface LiteRtTensor {
  toTypedArray(): IoArray;
  data(): Promise<IoArray>;
  delete(): void;
}
interface LiteRtDetails { name: string; dtype: string; shape: ArrayLike<number> }
interface LiteRtCompiledModel {
  getInputDetails(): readonly LiteRtDetails[];
  run(inputs: LiteRtTensor[]): Promise<LiteRtTensor[]>;
  delete(): void;
}
interface LiteRtApi {
  loadLiteRt(dir: string, options?: { jspi?: boolean }): Promise<unknown>;
  loadAndCompile(model: Uint8Array, options: { accelerator: 'wasm' | 'webgpu' }): Promise<LiteRtCompiledModel>;
  Tensor: new (data: IoArray, shape: number[]) => LiteRtTensor;
}
const litert = litertCore as unknown as LiteRtApi;

export interface ModelSpec { name: string; file: string; budgetMs: number; maxRuns: number }
export interface BatchSpec { name: string; file: string; n: number; reps: number }
/** One engine on one model: ms = median ms per invoke; check = agreement with LiteRT WASM's output. */
export interface Cell { ms?: number; runs?: number; error?: string; check?: string }
export interface ModelResult { name: string; file: string; dtype: string; oursGpu: Cell; oursCpu: Cell; litWasm: Cell; litGpu: Cell }
export interface BatchResult { name: string; file: string; n: number; oursGpu: Cell; oursCpu: Cell; litWasm: Cell }
export interface SetupResult { adapter: string; userAgent: string; error?: string }

declare global {
  interface Window {
    litelabInferSetup(litertWasmUrl: string, jspi: boolean): Promise<SetupResult>;
    litelabInferModel(spec: ModelSpec): Promise<ModelResult>;
    litelabInferBatch(spec: BatchSpec): Promise<BatchResult>;
  }
}

let gpu: Backend | null = null;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 300);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * `warm` untimed warm-ups, then timed samples until ≥ `minRuns` and the budget is spent (or `maxRuns`); the median
 * ms per call. A sample is k back-to-back calls, k chosen so it lasts ≥ 5 ms (performance.now() is coarsened to
 * 0.1 ms in a page that is not cross-origin isolated).
 */
async function timeIt(fn: () => Promise<void>, budgetMs: number, maxRuns: number, minRuns = 5, warm = 2, calibrate = true): Promise<{ ms: number; runs: number }> {
  for (let i = 0; i < warm; i++) await fn();
  let k = 1;
  if (calibrate) {
    const t = performance.now();
    await fn();
    k = Math.min(1000, Math.max(1, Math.ceil(5 / Math.max(performance.now() - t, 0.05))));
  }
  const ms: number[] = [];
  const t0 = performance.now();
  while (ms.length < minRuns || (performance.now() - t0 < budgetMs && ms.length < maxRuns)) {
    const t = performance.now();
    for (let i = 0; i < k; i++) await fn();
    ms.push((performance.now() - t) / k);
  }
  return { ms: median(ms), runs: ms.length * k };
}

async function fetchBytes(file: string): Promise<Uint8Array> {
  const r = await fetch(`/fixtures/${file}`);
  if (!r.ok) throw new Error(`GET /fixtures/${file}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** A copy with every shape_signature −1 set to 1: LiteRT.js cannot resize dynamic dims and refuses them. */
function pinDynamicDims(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const bb = new flatbuffers.ByteBuffer(copy);
  const model = Model.getRootAsModel(bb);
  for (let s = 0; s < model.subgraphsLength(); s++) {
    const sg = model.subgraphs(s)!;
    for (let t = 0; t < sg.tensorsLength(); t++) {
      const sig = sg.tensors(t)!.shapeSignatureArray();
      if (sig) for (let i = 0; i < sig.length; i++) if (sig[i]! < 0) sig[i] = 1;
    }
  }
  return copy;
}

/** Seeded input of `n` samples: float in [0, 1) (image-like), int8 over the full range. */
function seededInput(dtype: string, size: number, seed: number): IoArray {
  const rng = new Rng(seed);
  if (dtype === 'float32') return rng.float32Array(size, 0, 1);
  if (dtype === 'int8') return rng.int8Array(size);
  throw new Error(`input dtype ${dtype} not handled by the bench`);
}

/** Agreement of `a` with the reference `ref`: float = max |a − ref| / max |ref|; int8 = exact or how many differ. */
function compare(a: ArrayLike<number>, ref: ArrayLike<number>, dtype: string): string {
  if (a.length !== ref.length) return `length ${a.length} vs ${ref.length}`;
  if (dtype === 'float32') {
    let d = 0;
    let m = 0;
    for (let i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i]! - ref[i]!));
      m = Math.max(m, Math.abs(ref[i]!));
    }
    return `rel ${(d / (m || 1)).toExponential(1)}`;
  }
  let n = 0;
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== ref[i]) n++;
    d = Math.max(d, Math.abs(a[i]! - ref[i]!));
  }
  return n === 0 ? 'exact' : `${n}/${a.length} differ (≤${d} LSB)`;
}

window.litelabInferSetup = async (litertWasmUrl: string, jspi: boolean) => {
  const notices: string[] = [];
  gpu = await createBackend({ onNotice: (l) => notices.push(l) });
  const adapter = gpu instanceof WebGpuBackend ? gpu.description : `no webgpu backend (${notices.join(' ')})`;
  try {
    await litert.loadLiteRt(litertWasmUrl, { jspi });
  } catch (e) {
    return { adapter, userAgent: navigator.userAgent, error: `LiteRT.js did not load: ${message(e)}` };
  }
  return { adapter, userAgent: navigator.userAgent };
};

interface OursRun { cell: Cell; out: IoArray | null }

/** Our interpreter on `backend`: `x` (already of batch `batch`) → ms per invoke and the output of the last one. */
async function runOurs(bytes: Uint8Array, file: string, backend: Backend | 'cpu', x: IoArray, batch: number, time: (fn: () => Promise<void>) => Promise<{ ms: number; runs: number }>): Promise<OursRun> {
  let interp: Interpreter | null = null;
  try {
    interp = await Interpreter.create(bytes, { file, backend, integerArithmetic: 'litert' });
    const it = interp;
    const shape = it.getInputDetails()[0]!.shape;
    if (batch !== shape[0]) it.resizeInput(0, [batch, ...shape.slice(1)]);
    let out: IoArray | null = null;
    const t = await time(async () => {
      it.setInput(0, x);
      await it.invoke();
      out = it.getOutput(0).data as IoArray;
    });
    if (it.backend !== (backend === 'cpu' ? 'cpu' : 'webgpu')) return { cell: { error: `ran on ${it.backend}` }, out: null };
    return { cell: t, out };
  } catch (e) {
    return { cell: { error: message(e) }, out: null };
  } finally {
    interp?.dispose();
  }
}

window.litelabInferModel = async (spec: ModelSpec) => {
  const bytes = await fetchBytes(spec.file);
  const probe = await Interpreter.create(bytes, { file: spec.file });
  const d = probe.getInputDetails()[0]!;
  const oShape = probe.getOutputDetails()[0]!;
  probe.dispose();
  const shape = [1, ...d.shape.slice(1)];
  const x = seededInput(d.dtype, shape.reduce((a, b) => a * b, 1), 0x5eed);
  const time = (fn: () => Promise<void>) => timeIt(fn, spec.budgetMs, spec.maxRuns);
  const result: ModelResult = { name: spec.name, file: spec.file, dtype: oShape.dtype, oursGpu: {}, oursCpu: {}, litWasm: {}, litGpu: {} };

  // LiteRT.js, WASM then WebGPU; the WASM output is the reference of the checks
  const pinned = pinDynamicDims(bytes);
  let ref: IoArray | null = null;
  for (const acc of ['wasm', 'webgpu'] as const) {
    let model: LiteRtCompiledModel | null = null;
    try {
      model = await litert.loadAndCompile(pinned, { accelerator: acc });
      const m = model;
      let out: IoArray | null = null;
      const t = await time(async () => {
        const input = new litert.Tensor(x, shape);
        try {
          const outs = await m.run([input]);
          out = acc === 'wasm' ? outs[0]!.toTypedArray().slice() : await outs[0]!.data();
          outs.forEach((o) => o.delete());
        } finally {
          input.delete();
        }
      });
      if (acc === 'wasm') {
        ref = out;
        result.litWasm = t;
      } else {
        result.litGpu = { ...t, check: ref && out ? compare(out, ref, oShape.dtype) : undefined };
      }
    } catch (e) {
      if (acc === 'wasm') result.litWasm = { error: message(e) };
      else result.litGpu = { error: message(e) };
    } finally {
      try {
        model?.delete();
      } catch {
        // a model whose run failed may already be torn down
      }
    }
  }

  for (const which of ['oursGpu', 'oursCpu'] as const) {
    const backend = which === 'oursCpu' ? 'cpu' : gpu?.name === 'webgpu' ? gpu : null;
    if (!backend) {
      result[which] = { error: 'no webgpu backend' };
      continue;
    }
    const r = await runOurs(bytes, spec.file, backend, x, 1, time);
    result[which] = { ...r.cell, check: ref && r.out ? compare(r.out, ref, oShape.dtype) : r.cell.check };
  }
  return result;
};

window.litelabInferBatch = async (spec: BatchSpec) => {
  const bytes = await fetchBytes(spec.file);
  const probe = await Interpreter.create(bytes, { file: spec.file });
  const d = probe.getInputDetails()[0]!;
  const outDtype = probe.getOutputDetails()[0]!.dtype;
  probe.dispose();
  const one = d.shape.slice(1).reduce((a, b) => a * b, 1);
  const x = seededInput(d.dtype, spec.n * one, 0xba7c4);
  const time = (fn: () => Promise<void>) => timeIt(fn, 0, spec.reps, spec.reps, 1, false);
  const result: BatchResult = { name: spec.name, file: spec.file, n: spec.n, oursGpu: {}, oursCpu: {}, litWasm: {} };

  // LiteRT.js WASM: one batch-1 invoke per image (it cannot resize the batch dimension)
  let ref: IoArray | null = null;
  let model: LiteRtCompiledModel | null = null;
  try {
    model = await litert.loadAndCompile(pinDynamicDims(bytes), { accelerator: 'wasm' });
    const m = model;
    const shape = [1, ...d.shape.slice(1)];
    let all: IoArray | null = null;
    result.litWasm = await time(async () => {
      const parts: IoArray[] = [];
      for (let i = 0; i < spec.n; i++) {
        const input = new litert.Tensor(x.subarray(i * one, (i + 1) * one), shape);
        const outs = await m.run([input]);
        parts.push(outs[0]!.toTypedArray().slice());
        outs.forEach((o) => o.delete());
        input.delete();
      }
      const k = parts[0]!.length;
      const joined = outDtype === 'int8' ? new Int8Array(k * spec.n) : new Float32Array(k * spec.n);
      parts.forEach((p, i) => joined.set(p, i * k));
      all = joined;
    });
    ref = all;
  } catch (e) {
    result.litWasm = { error: message(e) };
  } finally {
    model?.delete();
  }

  for (const which of ['oursGpu', 'oursCpu'] as const) {
    const backend = which === 'oursCpu' ? 'cpu' : gpu?.name === 'webgpu' ? gpu : null;
    if (!backend) {
      result[which] = { error: 'no webgpu backend' };
      continue;
    }
    const r = await runOurs(bytes, spec.file, backend, x, spec.n, time);
    result[which] = { ...r.cell, check: ref && r.out ? compare(r.out, ref, outDtype) : r.cell.check };
  }
  return result;
};
