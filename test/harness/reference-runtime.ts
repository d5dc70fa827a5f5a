/**
 * The real TensorFlow Lite interpreters, run in plain Node (offline, WASM shipped in the packages), as the test
 * oracle: `runLiteRt` (@litertjs/core 2.5.3, newest kernels) and `runTfjsTflite` (@tensorflow/tfjs-tflite
 * 0.0.1-alpha.10, the classic interpreter + XNNPACK). `runReference` tries LiteRT.js first and falls back to
 * tfjs-tflite when LiteRT.js refuses the model.
 *
 * Both expect a browser/worker: their emscripten loaders call `importScripts`, read `self`, fetch the `.wasm`.
 * The shims for that (see /work/shared/fixtures/_interpreter) are installed only while a runtime loads, then the
 * previous globals are restored, so the rest of the process sees an ordinary Node. Each runtime loads once per
 * process (cached promise); loads and runs are serialized. Their log output (INFO lines, load errors) is captured
 * and only shown inside the error when something fails.
 *
 * LiteRT.js's JS API only knows float32/int32/uint8 tensors (a frozen table in its dist/index.js); we add int8 and
 * int16 by importing a patched copy of that module from a `data:` URL, in memory, without touching node_modules.
 *
 * Inputs are typed arrays in the order of the primary subgraph's inputs (TFLite's `interpreter.inputs()`); outputs
 * come back in the order of its outputs, named by tensor name, with the data copied out of WASM memory.
 * What a runtime cannot run (LiteRT.js: dynamic dims, variable tensors, int64/bool/float16 I/O; tfjs-tflite:
 * op versions newer than its build, int64 I/O) throws `RuntimeRefusedError` naming the runtime and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as flatbuffers from 'flatbuffers';
import { Model } from '../../src/formats/tflite/generated/tflite/model.ts';

export type RuntimeName = 'litert' | 'tfjs-tflite';
export type RuntimeArray = Float32Array | Float64Array | Int32Array | Uint32Array | Int16Array | Int8Array | Uint8Array;
export interface RuntimeOutput { name: string; dtype: string; shape: number[]; data: RuntimeArray }

/** The runtime cannot load or run this model at all (not a wrong answer): tests fall back to the other one. */
export class RuntimeRefusedError extends Error {
  override name = 'RuntimeRefusedError';
  constructor(readonly runtime: RuntimeName, readonly reason: string) {
    super(`${runtime} refused the model: ${reason}`);
  }
}

const require = createRequire(import.meta.url);
const CTORS: Record<string, new (n: number) => RuntimeArray> = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, int16: Int16Array,
  int8: Int8Array, uint8: Uint8Array, bool: Uint8Array,
};

// ---------------------------------------------------------------- shared plumbing

/** Replaces globals for the duration of `fn`, then puts back exactly what was there (or nothing). */
async function withGlobals<T>(shims: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<string, unknown>;
  const saved = Object.keys(shims).map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)] as const);
  for (const [k, v] of Object.entries(shims)) Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true, enumerable: false });
  try {
    return await fn();
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete g[k];
    }
  }
}

/** Log lines the WASM modules print; `capture` collects them during one call. */
let captured: string[] = [];
const logSink = (...args: unknown[]): void => { captured.push(args.map(String).join(' ')); };

/** One thing at a time: loads swap globals, runs capture logs. */
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Runs `fn` collecting the log lines the WASM modules print meanwhile; a failure carries them in its message. */
async function capturing<T>(what: string, fn: () => Promise<T>): Promise<T> {
  captured = [];
  try {
    return await fn();
  } catch (e) {
    const lines = errorLines(captured);
    throw new CapturedError(`${what}: ${e instanceof Error ? e.message : String(e)}${lines ? ` (log: ${lines})` : ''}`, e);
  } finally {
    captured = [];
  }
}

class CapturedError extends Error {
  constructor(message: string, readonly original: unknown) {
    super(message);
  }
}

const errorLines = (log: string[]): string =>
  log.map((l) => l.trim()).filter((l) => l && !l.startsWith('INFO:') && !/^WARNING: .*(NPU|accelerator)/.test(l)).join(' | ');

/** Primary-subgraph I/O: tensor indices and names, plus signature 0's name → tensor index maps. */
function modelIo(bytes: Uint8Array) {
  const model = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
  const sg = model.subgraphs(0);
  if (!sg) throw new Error('model has no subgraphs');
  const names = (i: number) => sg.tensors(i)?.name() ?? '';
  const inputs = Array.from({ length: sg.inputsLength() }, (_, i) => sg.inputs(i)!);
  const outputs = Array.from({ length: sg.outputsLength() }, (_, i) => sg.outputs(i)!);
  const sig = model.signatureDefsLength() > 0 ? model.signatureDefs(0) : null;
  const sigMap = (n: number, get: (j: number) => { name(): string | null; tensorIndex(): number } | null) =>
    new Map(Array.from({ length: n }, (_, j) => [get(j)!.name() ?? '', get(j)!.tensorIndex()] as const));
  return {
    inputs, outputs, names,
    signatureSubgraph: sig ? sig.subgraphIndex() : 0,
    sigInputs: sig ? sigMap(sig.inputsLength(), (j) => sig.inputs(j)) : null,
    sigOutputs: sig ? sigMap(sig.outputsLength(), (j) => sig.outputs(j)) : null,
  };
}

function checkInputs(runtime: RuntimeName, inputs: readonly RuntimeArray[], expected: { name: string; dtype: string; size: number }[]): void {
  if (inputs.length !== expected.length) throw new Error(`${runtime}: model has ${expected.length} inputs, got ${inputs.length}`);
  expected.forEach((e, i) => {
    const a = inputs[i]!;
    if (CTORS[e.dtype] && !(a instanceof CTORS[e.dtype]!)) throw new Error(`${runtime}: input ${i} (${e.name}) is ${e.dtype}, got ${a.constructor.name}`);
    if (a.length !== e.size) throw new Error(`${runtime}: input ${i} (${e.name}) needs ${e.size} elements, got ${a.length}`);
  });
}

// ---------------------------------------------------------------- LiteRT.js

interface LiteRtDetails { name: string; dtype: string; shape: ArrayLike<number> }
interface LiteRtTensor {
  type: { dtype: string; layout: { dimensions: ArrayLike<number> } };
  toTypedArray(): RuntimeArray;
  delete(): void;
}
interface LiteRtCompiledModel {
  getInputDetails(): readonly LiteRtDetails[];
  getOutputDetails(): readonly LiteRtDetails[];
  run(inputs: LiteRtTensor[]): Promise<LiteRtTensor[]>;
  delete(): void;
}
interface LiteRtModule {
  loadLiteRt(dir: string): Promise<unknown>;
  loadAndCompile(model: Uint8Array, options: { accelerator: 'wasm' }): Promise<LiteRtCompiledModel>;
  Tensor: new (data: RuntimeArray, shape: number[]) => LiteRtTensor;
}

let liteRt: Promise<LiteRtModule> | undefined;

function loadLiteRtModule(): Promise<LiteRtModule> {
  liteRt ??= serialized(async () => {
    const pkgDir = path.dirname(require.resolve('@litertjs/core/package.json'));
    const wasmUtils = createRequire(path.join(pkgDir, 'package.json')).resolve('@litertjs/wasm-utils');
    let src = fs.readFileSync(path.join(pkgDir, 'dist', 'index.js'), 'utf8');
    const anchor = '    elementType: ElementType.UINT8\n  }\n]);';
    const importLine = 'from "@litertjs/wasm-utils"';
    if (!src.includes(anchor) || !src.includes(importLine)) throw new Error('unexpected @litertjs/core dist/index.js layout (not 2.5.3?)');
    src = src
      .replace(anchor, '    elementType: ElementType.UINT8\n  },\n' +
        '  { dtype: "int8", typedArrayConstructor: Int8Array, elementType: ElementType.INT8 },\n' +
        '  { dtype: "int16", typedArrayConstructor: Int16Array, elementType: ElementType.INT16 }\n]);')
      // a data: module resolves only absolute specifiers
      .replace(importLine, `from ${JSON.stringify(pathToFileURL(wasmUtils).href)}`)
      .replace(/\/\/# sourceMappingURL=.*$/m, '');
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(src).toString('base64')}`)) as LiteRtModule;
    const importScripts = (file: string): void => {
      // emscripten's Node branch uses require("node:fs") and __dirname to find the .wasm next to the .js
      Object.assign(globalThis, { require, __filename: file, __dirname: path.dirname(file) });
      vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
    };
    await capturing('LiteRT.js failed to load', () => withGlobals(
      { self: globalThis, importScripts, require: undefined, __filename: undefined, __dirname: undefined, ModuleFactory: undefined,
        Module: { print: logSink, printErr: logSink } },
      // it logs "Failed to create default WebGPU device" (no navigator.gpu in Node): harmless, silenced
      async () => { const warn = console.warn; console.warn = logSink; try { await mod.loadLiteRt(`${pkgDir}/wasm/`); } finally { console.warn = warn; } },
    ));
    return mod;
  });
  return liteRt;
}

export async function runLiteRt(bytes: Uint8Array, inputs: readonly RuntimeArray[]): Promise<RuntimeOutput[]> {
  const mod = await loadLiteRtModule();
  return serialized(async () => {
    let model: LiteRtCompiledModel;
    try {
      model = await capturing('cannot load it', () => mod.loadAndCompile(bytes, { accelerator: 'wasm' }));
    } catch (e) {
      throw new RuntimeRefusedError('litert', (e as Error).message);
    }
    const tensors: LiteRtTensor[] = [];
    try {
      const io = modelIo(bytes); // after LiteRT accepted the bytes: they are a valid model
      if (io.signatureSubgraph !== 0) throw new RuntimeRefusedError('litert', `its default signature runs subgraph ${io.signatureSubgraph}, not the primary subgraph`);
      const details = model.getInputDetails();
      const outDetails = model.getOutputDetails();
      for (const d of [...details, ...outDetails]) {
        if (!CTORS[d.dtype]) throw new RuntimeRefusedError('litert', `its JS API has no ${d.dtype} tensors (${d.name})`);
        if (Array.from(d.shape).some((x) => x < 0)) throw new RuntimeRefusedError('litert', `${d.name} has dynamic dims [${Array.from(d.shape)}] (shape_signature -1), which LiteRT.js cannot resize`);
      }
      // LiteRT.js orders I/O by signature; map each detail back to a position in the subgraph's inputs/outputs.
      const position = (d: LiteRtDetails, i: number, order: number[], sig: Map<string, number> | null): number => {
        const ti = sig?.get(d.name) ?? order.find((t) => io.names(t) === d.name);
        const p = ti === undefined ? -1 : order.indexOf(ti);
        return p >= 0 ? p : i;
      };
      if (inputs.length !== details.length) throw new Error(`litert: model has ${details.length} inputs, got ${inputs.length}`);
      const inPos = details.map((d, i) => position(d, i, io.inputs, io.sigInputs));
      checkInputs('litert', inPos.map((p) => inputs[p]!), details.map((d) => ({ name: d.name, dtype: d.dtype, size: Array.from(d.shape).reduce((a, b) => a * b, 1) })));
      details.forEach((d, i) => tensors.push(new mod.Tensor(inputs[inPos[i]!]!, Array.from(d.shape))));
      const results = await capturing('litert: inference failed', () => model.run(tensors));
      const outPos = outDetails.map((d, i) => position(d, i, io.outputs, io.sigOutputs));
      const outputs = new Array<RuntimeOutput>(results.length);
      results.forEach((t, i) => {
        const p = outPos[i]!;
        outputs[p] = { name: io.names(io.outputs[p]!), dtype: t.type.dtype, shape: Array.from(t.type.layout.dimensions), data: t.toTypedArray().slice() };
        t.delete();
      });
      return outputs;
    } finally {
      tensors.forEach((t) => t.delete());
      model.delete();
    }
  });
}

// ---------------------------------------------------------------- tfjs-tflite

interface TfliteTensorInfo { name: string; dataType: string; shape: string; data(): RuntimeArray }
interface TfliteRunner { getInputs(): TfliteTensorInfo[]; getOutputs(): TfliteTensorInfo[]; infer(): boolean; cleanUp(): void }
interface TfjsTfliteModule {
  setWasmPath(path: string): void;
  loadTFLiteModel(model: ArrayBuffer, options: { numThreads: number }): Promise<{ modelRunner: TfliteRunner }>;
}

let tfjsTflite: Promise<TfjsTfliteModule> | undefined;

function loadTfjsTfliteModule(): Promise<TfjsTfliteModule> {
  tfjsTflite ??= serialized(async () => {
    const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm');
    const BASE = 'http://tflite.local/wasm/'; // fake URL, answered from wasmDir by the fetch shim
    const toFile = (u: unknown): string => path.join(wasmDir, String(u).replace(BASE, ''));
    const realFetch = globalThis.fetch;
    const shims = {
      self: globalThis,
      location: { href: BASE, origin: 'http://tflite.local' },
      importScripts: (u: string) => vm.runInThisContext(fs.readFileSync(toFile(u), 'utf8'), { filename: toFile(u) }),
      fetch: async (u: unknown, o?: RequestInit) => String(u).startsWith(BASE)
        ? new Response(fs.readFileSync(toFile(u)), { headers: { 'content-type': 'application/wasm' } })
        : realFetch(u as string, o),
      // its feature probe must fail so it picks the single-threaded build (threads need Web Workers)
      MessageChannel: class { constructor() { throw new Error('no threads'); } },
    };
    return capturing('tfjs-tflite failed to load', () => withGlobals(shims, async () => {
      require('@tensorflow/tfjs-core');
      require('@tensorflow/tfjs-backend-cpu');
      const mod = require('@tensorflow/tfjs-tflite') as TfjsTfliteModule;
      mod.setWasmPath(BASE);
      // The emscripten module binds console.warn/log when it is instantiated, on the first model: give it our sink.
      const { warn, log } = console;
      console.warn = console.log = logSink;
      try {
        await mod.loadTFLiteModel(new ArrayBuffer(8), { numThreads: 1 }).then((m) => m.modelRunner.cleanUp(), () => undefined);
      } finally {
        Object.assign(console, { warn, log });
      }
      return mod;
    }));
  });
  return tfjsTflite;
}

export async function runTfjsTflite(bytes: Uint8Array, inputs: readonly RuntimeArray[]): Promise<RuntimeOutput[]> {
  const mod = await loadTfjsTfliteModule();
  return serialized(async () => {
    let runner: TfliteRunner;
    try {
      const copy = bytes.slice().buffer;
      runner = (await capturing('cannot load it', () => mod.loadTFLiteModel(copy, { numThreads: 1 }))).modelRunner;
    } catch (e) {
      throw new RuntimeRefusedError('tfjs-tflite', (e as Error).message);
    }
    try {
      const shape = (t: TfliteTensorInfo) => (t.shape === '' ? [] : t.shape.split(',').map(Number));
      const ins = runner.getInputs();
      const outs = runner.getOutputs();
      let views: RuntimeArray[];
      try {
        views = ins.map((t) => t.data());
      } catch (e) {
        throw new RuntimeRefusedError('tfjs-tflite', `cannot access its input tensors (${e instanceof Error ? e.message : String(e)})`);
      }
      checkInputs('tfjs-tflite', inputs, ins.map((t, i) => ({ name: t.name, dtype: t.dataType, size: views[i]!.length })));
      views.forEach((v, i) => v.set(inputs[i]!));
      await capturing('tfjs-tflite: inference failed', async () => { if (!runner.infer()) throw new Error('infer() returned false'); });
      return outs.map((t) => ({ name: t.name, dtype: t.dataType, shape: shape(t), data: t.data().slice() }));
    } finally {
      runner.cleanUp();
    }
  });
}

// ---------------------------------------------------------------- either

/** LiteRT.js, or tfjs-tflite when LiteRT.js refuses; `refusals` says who refused what. */
export async function runReference(bytes: Uint8Array, inputs: readonly RuntimeArray[]): Promise<{ runtime: RuntimeName; outputs: RuntimeOutput[]; refusals: RuntimeRefusedError[] }> {
  const refusals: RuntimeRefusedError[] = [];
  for (const [runtime, run] of [['litert', runLiteRt], ['tfjs-tflite', runTfjsTflite]] as const) {
    try {
      return { runtime, outputs: await run(bytes, inputs), refusals };
    } catch (e) {
      if (!(e instanceof RuntimeRefusedError)) throw e;
      refusals.push(e);
    }
  }
  throw new Error(`no reference runtime can run this model: ${refusals.map((r) => r.message).join('; ')}`);
}
