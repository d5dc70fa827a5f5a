/**
 * Test helpers for passes: a small builder of TF-op IR graphs (as the readers produce them: constants are tensors
 * with data, graph inputs have no producer, one `serving_default` signature), running one pass with a fresh context,
 * and seeded inputs.
 */
import type { DType } from '../../src/ir/dtype.ts';
import { Graph, Node, Subgraph, Tensor, type AttrValue } from '../../src/ir/graph.ts';
import { encode } from '../../src/passes/fold/values.ts';
import type { CheckFailure, Pass, PassOptions } from '../../src/passes/pass.ts';
import { Rng } from '../../src/util/random.ts';

export class TfBuilder {
  readonly sub = new Subgraph('serving_default');
  readonly graph = new Graph();
  private n = 0;

  constructor() {
    this.graph.subgraphs.push(this.sub);
    this.graph.signatures.push({ key: 'serving_default', subgraph: this.sub, inputs: [], outputs: [] });
  }

  private tensor(name: string, dtype: DType, shape: number[], data: Uint8Array | null = null): Tensor {
    const t = new Tensor(name, dtype, shape, data);
    t.hasRank = true;
    this.sub.tensors.push(t);
    return t;
  }

  input(name: string, shape: number[], dtype: DType = 'float32'): Tensor {
    const t = this.tensor(`serving_default_${name}:0`, dtype, shape);
    this.sub.inputs.push(t);
    this.graph.signatures[0]!.inputs.push({ name, tensor: t });
    return t;
  }

  const(name: string, shape: number[], values: ArrayLike<number>, dtype: DType = 'float32'): Tensor {
    return this.tensor(`${name}:0`, dtype, shape, encode({ dtype, shape, data: Float64Array.from(values) }));
  }

  /** A float constant of `shape` filled from a seeded RNG in [lo, hi). */
  random(name: string, shape: number[], rng: Rng, lo = -1, hi = 1): Tensor {
    return this.const(name, shape, rng.float32Array(shape.reduce((a, b) => a * b, 1), lo, hi));
  }

  /** Adds a node; returns its outputs (one per `shapes` entry). */
  opN(op: string, inputs: (Tensor | null)[], shapes: number[][], attrs: Record<string, AttrValue> = {}, name?: string, dtype?: DType): Tensor[] {
    const nodeName = name ?? `model/${op.toLowerCase()}_${this.n++}`;
    const outs = shapes.map((s, i) => this.tensor(`${nodeName}:${i}`, dtype ?? inputs.find((t) => t)?.dtype ?? 'float32', s));
    const node = new Node(op, inputs, outs);
    node.tfName = nodeName;
    node.attrs = { T: dtype ?? 'float32', ...attrs };
    this.sub.nodes.push(node);
    return outs;
  }

  op(op: string, inputs: (Tensor | null)[], shape: number[], attrs: Record<string, AttrValue> = {}, name?: string, dtype?: DType): Tensor {
    return this.opN(op, inputs, [shape], attrs, name, dtype)[0]!;
  }

  output(t: Tensor, name = `output_${this.sub.outputs.length}`): this {
    this.sub.outputs.push(t);
    this.graph.signatures[0]!.outputs.push({ name, tensor: t });
    return this;
  }
}

export interface PassRun {
  rewrites: number;
  failures: CheckFailure[];
}

/** Runs `pass` once on `graph` (in place). */
export function runPass(graph: Graph, pass: Pass, options: PassOptions = {}): PassRun {
  const failures: CheckFailure[] = [];
  const r = pass.run(graph, { options, reject: (f) => failures.push(f) });
  return { rewrites: r.rewrites, failures };
}

/** Seeded float32 inputs for every graph input (dynamic dims → `batch`). */
export function seededInputs(graph: Graph, seed: number, lo = -1, hi = 1, batch = 1): Float32Array[] {
  const rng = new Rng(seed);
  return graph.main.inputs.map((t) => rng.float32Array(t.shape.map((d) => (d < 0 ? batch : d)).reduce((a, b) => a * b, 1), lo, hi));
}

export const opsOf = (graph: Graph): string[] => graph.main.nodes.map((n) => n.op);

/** Conv2D attrs (SAME, stride 1), to spread and override. */
export const NHWC_CONV: Record<string, AttrValue> = { strides: [1, 1, 1, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1], explicit_paddings: [] };
