/**
 * Runs a subgraph on an `Executor<T>`: the part of the interpreter that is the same for every backend.
 *
 * Planning (once per subgraph, at create): every node gets its kernel kind (`kernel-kind.ts`) and kernel; the
 * nodes without one are collected for the caller's single UnsupportedOpError. Each non-constant tensor gets its
 * last use, so a value is released right after the node that reads it last — except graph outputs and the
 * intermediates the caller asked to capture.
 *
 * Running: graph inputs are uploaded, constants come from a per-engine cache (uploaded once), variable tensors
 * start from their initial data or zeros, nodes run in file order (TFLite's execution order), each output value is
 * checked against the node's output count. A kernel exception becomes an InterpreterError naming the node. Outputs
 * and captured tensors are downloaded at the end; with `profile`, each node's time is measured between two
 * `sync()`s, so it includes the device work. The run is bracketed by the executor's `begin` / `end`, inside which a
 * device executor may encode all nodes' work into one submission (the WebGPU one does).
 */
import type { Node, Subgraph, Tensor } from '../../ir/graph.ts';
import { typedView } from '../../ir/dtype.ts';
import { DEFAULT_KERNEL_CONTEXT, type HostTensor, type KernelContext, type KernelKind } from '../cpu/kernel-api.ts';
import { allocArray, sizeOf } from '../cpu/kernels/float/util.ts';
import { InterpreterError } from './errors.ts';
import type { ExecKernel, Executor, ExecutorFactory } from './executor.ts';
import { kernelKind } from './kernel-kind.ts';

export interface OpTiming {
  /** Position of the node in its subgraph (execution order). */
  index: number;
  op: string;
  kind: KernelKind;
  /** Node name (TF name, else its first output's name). */
  name: string;
  ms: number;
}

export interface RunResult {
  outputs: HostTensor[];
  /** Captured tensors by name (inputs, intermediates, outputs). */
  captured: Map<string, HostTensor>;
  profile: OpTiming[];
}

export interface RunOptions {
  /** Tensor names to capture, or true for all. */
  capture: boolean | ReadonlySet<string>;
  profile: boolean;
}

/** Per-node kinds and the (op, kind) pairs without a kernel on `factory`, with the node names using each. */
export function missingKernels(subgraphs: readonly Subgraph[], factory: ExecutorFactory): Map<string, string[]> {
  const missing = new Map<string, string[]>();
  for (const sg of subgraphs) {
    for (const node of sg.nodes) {
      const kind = kernelKind(node);
      const op = node.op === 'CUSTOM' ? `CUSTOM:${node.customCode ?? ''}` : node.op;
      if (node.op !== 'CUSTOM' && factory.has(node.op, kind)) continue;
      const k = `${op} [${kind}]`;
      const list = missing.get(k) ?? [];
      list.push(node.name);
      missing.set(k, list);
    }
  }
  return missing;
}

/** A tensor's constant contents (or a variable's initial value) as a host tensor. */
export function hostConstant(t: Tensor): HostTensor {
  const data = t.data ? typedView(t.dtype, t.data) : allocArray(t.dtype, sizeOf(t.shape));
  return { dtype: t.dtype, shape: [...t.shape], data, quantization: t.quantization };
}

interface Step<T> {
  node: Node;
  kind: KernelKind;
  kernel: ExecKernel<T>;
  /** Non-constant tensors whose last use is this step. */
  dies: Tensor[];
}

interface Plan<T> {
  subgraph: Subgraph;
  steps: Step<T>[];
}

export class Engine<T> {
  private readonly plans = new Map<Subgraph, Plan<T>>();
  private readonly constants = new Map<Tensor, T>();

  constructor(
    private readonly executor: Executor<T>,
    private readonly file: string,
    /** Handed to every kernel call (the interpreter's integer arithmetic). */
    private readonly ctx: KernelContext = DEFAULT_KERNEL_CONTEXT,
  ) {}

  get backend(): string {
    return this.executor.backend;
  }

  private plan(sg: Subgraph): Plan<T> {
    let plan = this.plans.get(sg);
    if (plan) return plan;
    const lastUse = new Map<Tensor, number>();
    sg.nodes.forEach((node, i) => {
      for (const t of node.inputs) if (t && !t.isConstant && !t.isVariable) lastUse.set(t, i);
    });
    for (const t of sg.outputs) lastUse.delete(t);
    const dies: Tensor[][] = sg.nodes.map(() => []);
    for (const [t, i] of lastUse) dies[i]!.push(t);
    const steps = sg.nodes.map((node, i): Step<T> => {
      const kind = kernelKind(node);
      const kernel = this.executor.kernel(node.op, kind);
      if (!kernel) throw new InterpreterError(`${this.file}: no ${this.executor.backend} kernel for ${node.op} [${kind}] (${node.name})`);
      return { node, kind, kernel, dies: dies[i]! };
    });
    plan = { subgraph: sg, steps };
    this.plans.set(sg, plan);
    return plan;
  }

  /** Builds the plans of `subgraphs` now (kernel lookup), so that create() fails early. */
  prepare(subgraphs: readonly Subgraph[]): void {
    for (const sg of subgraphs) this.plan(sg);
  }

  private constant(t: Tensor): T {
    let v = this.constants.get(t);
    if (v === undefined) {
      v = this.executor.constant(hostConstant(t));
      this.constants.set(t, v);
    }
    return v;
  }

  async run(sg: Subgraph, inputs: ReadonlyMap<Tensor, HostTensor>, opts: RunOptions): Promise<RunResult> {
    const plan = this.plan(sg);
    const ex = this.executor;
    const values = new Map<Tensor, T>();
    const keep = (t: Tensor): boolean => opts.capture === true || (opts.capture !== false && opts.capture.has(t.name));
    const kept: Tensor[] = [];
    const profile: OpTiming[] = [];
    ex.begin?.(opts.profile);
    try {
      for (const t of sg.inputs) {
        const host = inputs.get(t);
        if (!host) throw new InterpreterError(`${this.file}: input '${t.name}' was not set`);
        values.set(t, ex.upload(host));
        if (keep(t)) kept.push(t);
      }
      const valueOf = (t: Tensor, node: Node): T => {
        const v = values.get(t);
        if (v !== undefined) return v;
        if (t.isConstant || t.isVariable) return this.constant(t);
        throw new InterpreterError(`${this.file}: tensor '${t.name}' has no value when ${node.op} '${node.name}' reads it`);
      };
      if (opts.profile) await ex.sync();
      for (let i = 0; i < plan.steps.length; i++) {
        const { node, kind, kernel, dies } = plan.steps[i]!;
        const args = node.inputs.map((t) => (t ? valueOf(t, node) : null));
        const t0 = opts.profile ? performance.now() : 0;
        let outs: T[];
        try {
          outs = await kernel(node, args, this.ctx);
          if (opts.profile) await ex.sync();
        } catch (e) {
          if (e instanceof InterpreterError) throw e;
          const why = e instanceof Error ? e.message : String(e);
          throw new InterpreterError(`${this.file}: node ${i} ${node.op} [${kind}] '${node.name}' failed: ${why}`);
        }
        if (opts.profile) profile.push({ index: i, op: node.op, kind, name: node.name, ms: performance.now() - t0 });
        if (outs.length < node.outputs.length) {
          throw new InterpreterError(`${this.file}: node ${i} ${node.op} '${node.name}' returned ${outs.length} outputs, expected ${node.outputs.length}`);
        }
        node.outputs.forEach((t, j) => {
          values.set(t, outs[j]!);
          if (keep(t)) kept.push(t);
        });
        for (const t of dies) {
          if (keep(t)) continue;
          const v = values.get(t);
          if (v !== undefined) ex.release(v);
          values.delete(t);
        }
      }
      const outputs = await Promise.all(sg.outputs.map(async (t) => {
        const v = values.get(t) ?? (t.isConstant ? this.constant(t) : undefined);
        if (v === undefined) throw new InterpreterError(`${this.file}: output '${t.name}' was not computed`);
        const host = await ex.download(v);
        // outputs may alias constants or inputs (e.g. a RESHAPE): hand out a private copy
        return { ...host, shape: [...host.shape], data: host.data.slice() };
      }));
      const captured = new Map<string, HostTensor>();
      for (const t of kept) {
        const v = values.get(t);
        if (v !== undefined) captured.set(t.name, await ex.download(v));
      }
      return { outputs, captured, profile };
    } finally {
      for (const [t, v] of values) if (!this.constants.has(t)) ex.release(v);
      ex.end?.();
    }
  }

  destroy(): void {
    for (const v of this.constants.values()) this.executor.release(v);
    this.constants.clear();
    this.executor.destroy();
  }
}
