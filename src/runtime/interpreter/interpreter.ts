/**
 * The TFLite interpreter, TF-like (tf.lite.Interpreter in camelCase), over an IR graph on a backend:
 *
 *   const interp = await Interpreter.create(bytes, { backend: 'cpu' });      // or a Graph; 'webgpu'; a Backend
 *   interp.getInputDetails()          // [{ name, index, dtype, shape, shapeSignature, quantization }] model order
 *   interp.setInput(0, float32Array)  // by position or tensor name; flat data fill a dynamic batch dimension
 *   interp.resizeInput('x', [500, 784])
 *   await interp.invoke();
 *   interp.getOutput(0)               // HostTensor { dtype, shape, data, quantization }
 *   await interp.run([x])             // set every input, invoke, all outputs in model order
 *
 *   interp.getSignatureList()         // [{ key, inputs: [names], outputs: [names] }]
 *   const runner = interp.getSignatureRunner('serving_default');
 *   const out = await runner.invoke({ x: { data, shape: [2, 784] } });   // { name: HostTensor } by signature name
 *
 * Options: `captureIntermediates: true | names[]` keeps those tensors of the last invoke (`getTensor(name)`,
 * `intermediates`), `profile: true` times every operator (`lastProfile`: [{ index, op, kind, name, ms }]),
 * `integerArithmetic: 'reference' | 'litert'` picks the quantized kernels' arithmetic for this interpreter only.
 *
 * `create` resolves a kernel for every node of every subgraph first and throws ONE UnsupportedOpError listing each
 * op [kind] without a kernel with its nodes; the kind rule is in `kernel-kind.ts`. The backend seam is
 * `executor.ts` (CpuExecutor, WebGpuExecutor). `backend: 'webgpu'` without an adapter falls back to the cpu with a
 * notice, like `createBackend`. set/get/invoke address the primary subgraph (TFLite's `interpreter.inputs()`);
 * signature runners run the signature's own subgraph.
 */
import { UnsupportedOpError } from '../../errors.ts';
import { readTflite } from '../../formats/tflite/index.ts';
import { Graph, type Signature, type Subgraph, type Tensor } from '../../ir/graph.ts';
import type { Backend, BackendName } from '../backend.ts';
import type { HostTensor, KernelContext } from '../cpu/kernel-api.ts';
import type { IntegerArithmetic } from '../cpu/quant-math.ts';
import { createBackend } from '../select-backend.ts';
import { Engine, missingKernels, type OpTiming, type RunResult } from './engine.ts';
import { InterpreterError } from './errors.ts';
import { cpuExecutorFactory, CpuExecutor, type Executor, type ExecutorFactory } from './executor.ts';
import { checkShape, details, inferInputShape, toHostInput, unpackInput, type InputData, type TensorDetails } from './tensor-io.ts';
import { WebGpuExecutor, webGpuExecutorFactory } from './webgpu-executor.ts';

export interface InterpreterOptions {
  /** 'cpu' (default), 'webgpu' (GPU kernels; falls back to cpu when there is no adapter), or a Backend instance. */
  backend?: BackendName | Backend;
  /** Keep these tensors (by name) of each invoke, or all of them with `true`. */
  captureIntermediates?: boolean | readonly string[];
  /** Time each operator; see `lastProfile`. */
  profile?: boolean;
  /**
   * The integer arithmetic of the quantized kernels: 'reference' (default; TFLite's reference kernels, the DESIGN
   * contract) or 'litert' (what LiteRT's default CPU runtime, XNNPACK, computes). See `IntegerArithmetic`.
   */
  integerArithmetic?: IntegerArithmetic;
  /** Name used in messages (default 'model.tflite'). */
  file?: string;
  /** Receives the one-line notice when 'webgpu' falls back to cpu (default console.warn). */
  onNotice?: (line: string) => void;
}

export interface SignatureInfo {
  key: string;
  inputs: string[];
  outputs: string[];
}

/** What the interpreter needs from an engine, whatever its backend value type. */
interface ModelRunner {
  readonly backend: string;
  prepare(subgraphs: readonly Subgraph[]): void;
  run(sg: Subgraph, inputs: ReadonlyMap<Tensor, HostTensor>, opts: { capture: boolean | ReadonlySet<string>; profile: boolean }): Promise<RunResult>;
  destroy(): void;
}

function engineFor<T>(executor: Executor<T>, file: string, ctx: KernelContext): ModelRunner {
  return new Engine(executor, file, ctx);
}

function checkKernels(graph: Graph, factory: ExecutorFactory, file: string): void {
  const missing = missingKernels(graph.subgraphs, factory);
  if (missing.size) throw new UnsupportedOpError(missing, `${file} (${factory.backend} backend)`);
}

export class Interpreter {
  private readonly inputs: Tensor[];
  private readonly outputs: Tensor[];
  private readonly shapes: number[][];
  private readonly data: (HostTensor | null)[];
  private last: RunResult | null = null;
  private disposed = false;
  private readonly capture: boolean | ReadonlySet<string>;

  private constructor(
    readonly graph: Graph,
    private readonly engine: ModelRunner,
    private readonly file: string,
    options: InterpreterOptions,
  ) {
    const main = graph.main;
    this.inputs = main.inputs;
    this.outputs = main.outputs;
    this.shapes = main.inputs.map((t) => [...t.shape]);
    this.data = main.inputs.map(() => null);
    const c = options.captureIntermediates ?? false;
    this.capture = typeof c === 'boolean' ? c : new Set(c);
    this.profiling = options.profile ?? false;
  }

  /** Whether invoke() times each operator (may be switched between invokes). */
  profiling: boolean;

  static async create(model: Uint8Array | Graph, options: InterpreterOptions = {}): Promise<Interpreter> {
    const file = options.file ?? 'model.tflite';
    const graph = model instanceof Graph ? model : readTflite(model, file);
    if (!graph.subgraphs.length) throw new InterpreterError(`${file}: the model has no subgraphs`);
    const choice = options.backend ?? 'cpu';
    const name = typeof choice === 'string' ? choice : choice.name;
    const mode = options.integerArithmetic ?? 'reference';
    if (mode !== 'reference' && mode !== 'litert') throw new InterpreterError(`${file}: integerArithmetic must be 'reference' or 'litert', got '${String(mode)}'`);
    const ctx: KernelContext = Object.freeze({ integerArithmetic: mode });
    let runner: ModelRunner;
    if (name === 'webgpu') {
      checkKernels(graph, webGpuExecutorFactory, file);
      const gpu = typeof choice === 'object' ? choice : await createBackend({ prefer: 'webgpu', onNotice: options.onNotice });
      if (gpu.name === 'webgpu') runner = engineFor(new WebGpuExecutor(gpu), file, ctx);
      else {
        checkKernels(graph, cpuExecutorFactory, file);
        runner = engineFor(new CpuExecutor(), file, ctx);
      }
    } else {
      checkKernels(graph, cpuExecutorFactory, file);
      runner = engineFor(new CpuExecutor(), file, ctx);
    }
    runner.prepare(graph.subgraphs);
    return new Interpreter(graph, runner, file, options);
  }

  /** The backend the operators run on. */
  get backend(): string {
    return this.engine.backend;
  }

  getInputDetails(): TensorDetails[] {
    return this.inputs.map((t, i) => details(t, this.graph.main.tensors.indexOf(t), t.name, this.shapes[i]!));
  }

  getOutputDetails(): TensorDetails[] {
    return this.outputs.map((t, i) => details(t, this.graph.main.tensors.indexOf(t), t.name, this.last?.outputs[i]?.shape ?? t.shape));
  }

  /** Position of an input/output given by position, tensor name or (default signature) signature name. */
  private position(list: readonly Tensor[], which: number | string, what: 'input' | 'output'): number {
    if (typeof which === 'number') {
      if (Number.isInteger(which) && which >= 0 && which < list.length) return which;
      throw new InterpreterError(`${this.file}: no ${what} ${which} (the model has ${list.length})`);
    }
    let i = list.findIndex((t) => t.name === which);
    if (i < 0) {
      const sig = this.graph.signatures.find((s) => s.subgraph === this.graph.main);
      const st = (what === 'input' ? sig?.inputs : sig?.outputs)?.find((s) => s.name === which);
      if (st) i = list.indexOf(st.tensor);
    }
    if (i < 0) throw new InterpreterError(`${this.file}: no ${what} named '${which}' (${what}s: ${list.map((t) => t.name).join(', ')})`);
    return i;
  }

  private label(i: number): string {
    return `${this.file}: input ${i} '${this.inputs[i]!.name}'`;
  }

  /** Changes the shape of a dynamic input dimension (TF `resize_tensor_input`); clears data that no longer fit. */
  resizeInput(input: number | string, shape: readonly number[]): void {
    const i = this.position(this.inputs, input, 'input');
    this.shapes[i] = checkShape(this.inputs[i]!, this.label(i), shape);
    const d = this.data[i];
    if (d && d.shape.join() !== shape.join()) this.data[i] = null;
  }

  /** Sets an input's values (copied). Flat data fill the current shape, or the one dynamic dimension. */
  setInput(input: number | string, value: InputData): void {
    const i = this.position(this.inputs, input, 'input');
    const t = this.inputs[i]!;
    const label = this.label(i);
    const { data, shape } = unpackInput(value);
    const s = shape ? checkShape(t, label, shape) : inferInputShape(t, label, this.shapes[i]!, data.length);
    this.data[i] = toHostInput(t, label, data, s);
    this.shapes[i] = s;
  }

  async invoke(): Promise<void> {
    if (this.disposed) throw new InterpreterError(`${this.file}: the interpreter was disposed`);
    const map = new Map<Tensor, HostTensor>();
    this.inputs.forEach((t, i) => {
      const d = this.data[i];
      if (!d) throw new InterpreterError(`${this.label(i)} was not set`);
      map.set(t, d);
    });
    this.last = null;
    this.last = await this.engine.run(this.graph.main, map, { capture: this.capture, profile: this.profiling });
  }

  getOutput(output: number | string): HostTensor {
    const i = this.position(this.outputs, output, 'output');
    if (!this.last) throw new InterpreterError(`${this.file}: call invoke() before reading outputs`);
    return this.last.outputs[i]!;
  }

  /** Sets every input (model order, or by name), invokes, and returns all outputs in model order. */
  async run(inputs: readonly InputData[] | Readonly<Record<string, InputData>>): Promise<HostTensor[]> {
    if (Array.isArray(inputs)) {
      if (inputs.length !== this.inputs.length) throw new InterpreterError(`${this.file}: the model has ${this.inputs.length} inputs, got ${inputs.length}`);
      inputs.forEach((d, i) => this.setInput(i, d as InputData));
    } else {
      for (const [name, d] of Object.entries(inputs as Record<string, InputData>)) this.setInput(name, d);
    }
    await this.invoke();
    return [...this.last!.outputs];
  }

  /** A captured tensor of the last invoke (see `captureIntermediates`). */
  getTensor(name: string): HostTensor | undefined {
    return this.last?.captured.get(name);
  }

  /** All captured tensors of the last invoke, by name, in execution order. */
  get intermediates(): ReadonlyMap<string, HostTensor> {
    return this.last?.captured ?? new Map();
  }

  /** Per-operator times of the last invoke (empty unless profiling). */
  get lastProfile(): readonly OpTiming[] {
    return this.last?.profile ?? [];
  }

  getSignatureList(): SignatureInfo[] {
    return this.graph.signatures.map((s) => ({ key: s.key, inputs: s.inputs.map((x) => x.name), outputs: s.outputs.map((x) => x.name) }));
  }

  /** The runner of signature `key` (default: the first; a model without signatures gets one over its main subgraph). */
  getSignatureRunner(key?: string): SignatureRunner {
    const sigs = this.graph.signatures;
    let sig: Signature | undefined = key === undefined ? sigs[0] : sigs.find((s) => s.key === key);
    if (!sig && key === undefined) {
      const main = this.graph.main;
      sig = { key: '', subgraph: main, inputs: main.inputs.map((t) => ({ name: t.name, tensor: t })), outputs: main.outputs.map((t) => ({ name: t.name, tensor: t })) };
    }
    if (!sig) throw new InterpreterError(`${this.file}: no signature '${key}' (signatures: ${sigs.map((s) => s.key).join(', ') || 'none'})`);
    return new SignatureRunner(sig, this.file, (sg, inputs) => this.runSubgraph(sg, inputs));
  }

  private async runSubgraph(sg: Subgraph, inputs: ReadonlyMap<Tensor, HostTensor>): Promise<RunResult> {
    if (this.disposed) throw new InterpreterError(`${this.file}: the interpreter was disposed`);
    const r = await this.engine.run(sg, inputs, { capture: this.capture, profile: this.profiling });
    this.last = sg === this.graph.main ? r : { outputs: this.last?.outputs ?? [], captured: r.captured, profile: r.profile };
    return r;
  }

  /** Frees the backend resources; the interpreter is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.destroy();
  }
}

/** Runs one signature: inputs and outputs by signature name (TF `get_signature_runner`). */
export class SignatureRunner {
  constructor(
    private readonly sig: Signature,
    private readonly file: string,
    private readonly exec: (sg: Subgraph, inputs: ReadonlyMap<Tensor, HostTensor>) => Promise<RunResult>,
  ) {}

  get key(): string {
    return this.sig.key;
  }

  getInputDetails(): Record<string, TensorDetails> {
    return Object.fromEntries(this.sig.inputs.map((s) => [s.name, details(s.tensor, this.sig.subgraph.tensors.indexOf(s.tensor), s.name, s.tensor.shape)]));
  }

  getOutputDetails(): Record<string, TensorDetails> {
    return Object.fromEntries(this.sig.outputs.map((s) => [s.name, details(s.tensor, this.sig.subgraph.tensors.indexOf(s.tensor), s.name, s.tensor.shape)]));
  }

  async invoke(inputs: Readonly<Record<string, InputData>>): Promise<Record<string, HostTensor>> {
    const map = new Map<Tensor, HostTensor>();
    for (const name of Object.keys(inputs)) {
      if (!this.sig.inputs.some((s) => s.name === name)) {
        throw new InterpreterError(`${this.file}: signature '${this.sig.key}' has no input '${name}' (inputs: ${this.sig.inputs.map((s) => s.name).join(', ')})`);
      }
    }
    for (const { name, tensor } of this.sig.inputs) {
      const value = inputs[name];
      if (value === undefined) throw new InterpreterError(`${this.file}: signature '${this.sig.key}' input '${name}' was not given`);
      const label = `${this.file}: signature '${this.sig.key}' input '${name}'`;
      const { data, shape } = unpackInput(value);
      const s = shape ? checkShape(tensor, label, shape) : inferInputShape(tensor, label, tensor.shape, data.length);
      map.set(tensor, toHostInput(tensor, label, data, s));
    }
    const sg = this.sig.subgraph;
    // the subgraph may have inputs the signature does not name (rare); they must then be constants of the file
    const r = await this.exec(sg, map);
    const byTensor = new Map(sg.outputs.map((t, i) => [t, r.outputs[i]!]));
    return Object.fromEntries(this.sig.outputs.map(({ name, tensor }) => {
      const v = byTensor.get(tensor);
      if (!v) throw new InterpreterError(`${this.file}: signature output '${name}' is not an output of its subgraph`);
      return [name, v];
    }));
  }
}
