/**
 * Editing one subgraph of the IR from a pass: who produces and who consumes a tensor (an index rebuilt lazily after
 * each edit), replacing a tensor everywhere it is used (node inputs, subgraph outputs, signatures), inserting and
 * removing nodes while keeping `Subgraph.nodes` in topological order, and making new tensors with unique names.
 */
import type { DType } from '../ir/dtype.ts';
import { Node, Tensor, type Graph, type Subgraph } from '../ir/graph.ts';

export interface Producer {
  node: Node;
  /** Output index of the tensor on its producer. */
  index: number;
}

export class GraphEditor {
  private producers = new Map<Tensor, Producer>();
  private consumerMap = new Map<Tensor, Node[]>();
  private nodeSet = new Set<Node>();
  private names: Set<string> | null = null;
  private dirty = true;

  constructor(readonly graph: Graph, readonly sub: Subgraph) {}

  /** Marks the index stale (call after editing node inputs/outputs directly). */
  touch(): void {
    this.dirty = true;
  }

  private index(): void {
    if (!this.dirty) return;
    this.producers = new Map();
    this.consumerMap = new Map();
    this.nodeSet = new Set(this.sub.nodes);
    for (const n of this.sub.nodes) {
      n.outputs.forEach((t, index) => this.producers.set(t, { node: n, index }));
      for (const t of new Set(n.inputs)) {
        if (!t) continue;
        const list = this.consumerMap.get(t);
        if (list) list.push(n);
        else this.consumerMap.set(t, [n]);
      }
    }
    this.dirty = false;
  }

  get nodes(): readonly Node[] {
    return this.sub.nodes;
  }

  has(node: Node): boolean {
    this.index();
    return this.nodeSet.has(node);
  }

  producer(t: Tensor | null | undefined): Producer | undefined {
    if (!t) return undefined;
    this.index();
    return this.producers.get(t);
  }

  /** The node producing `t` when it is of one of `ops`. */
  producerOf(t: Tensor | null | undefined, ...ops: string[]): Node | undefined {
    const p = this.producer(t);
    return p && (ops.length === 0 || ops.includes(p.node.op)) ? p.node : undefined;
  }

  /** Nodes reading `t` (each once). */
  consumers(t: Tensor): readonly Node[] {
    this.index();
    return this.consumerMap.get(t) ?? [];
  }

  isGraphOutput(t: Tensor): boolean {
    return this.sub.outputs.includes(t);
  }

  isGraphInput(t: Tensor): boolean {
    return this.sub.inputs.includes(t);
  }

  /** Number of readers of `t`: consuming nodes plus one if it is a graph output. */
  useCount(t: Tensor): number {
    return this.consumers(t).length + (this.isGraphOutput(t) ? 1 : 0);
  }

  /** True when `t` is read by exactly one node and is not a graph output. */
  singleUse(t: Tensor): boolean {
    return this.useCount(t) === 1 && !this.isGraphOutput(t);
  }

  /** Replaces `old` by `replacement` in every node input (except in `except`), the subgraph outputs and signatures. */
  replaceUses(old: Tensor, replacement: Tensor, except?: Node): void {
    if (old === replacement) return;
    for (const n of this.sub.nodes) {
      if (n === except) continue;
      n.inputs = n.inputs.map((t) => (t === old ? replacement : t));
    }
    this.sub.outputs = this.sub.outputs.map((t) => (t === old ? replacement : t));
    for (const sig of this.graph.signatures) {
      if (sig.subgraph !== this.sub) continue;
      for (const s of sig.outputs) if (s.tensor === old) s.tensor = replacement;
    }
    this.dirty = true;
  }

  /** Replaces `old` by `replacement` in the subgraph inputs and signatures (inputs of the model). */
  replaceGraphInput(old: Tensor, replacement: Tensor): void {
    this.sub.inputs = this.sub.inputs.map((t) => (t === old ? replacement : t));
    for (const sig of this.graph.signatures) {
      if (sig.subgraph !== this.sub) continue;
      for (const s of sig.inputs) if (s.tensor === old) s.tensor = replacement;
    }
    this.replaceUses(old, replacement);
  }

  /**
   * `output` is about to stop being produced (its producer is being removed) and carries the same value as
   * `input`: readers of `output` read `input` instead — except when `output` is a graph output, then `input`'s
   * producer writes `output` directly, so the graph output keeps its name. False (nothing done) when that is
   * impossible: `input` is a graph input, a constant, or itself a graph output.
   */
  collapse(input: Tensor, output: Tensor, removing?: Node): boolean {
    if (!this.isGraphOutput(output)) {
      this.replaceUses(output, input);
      return true;
    }
    const p = this.producer(input);
    if (!p || this.isGraphOutput(input)) return false;
    p.node.outputs[p.index] = output;
    if (output.shape.length === input.shape.length) output.shape = output.shape.map((d, i) => (d >= 0 ? d : input.shape[i]!));
    this.dirty = true;
    this.replaceUses(input, output, removing);
    return true;
  }

  /** True when `collapse(input, output)` would succeed. */
  canCollapse(input: Tensor, output: Tensor): boolean {
    return !this.isGraphOutput(output) || (!!this.producer(input) && !this.isGraphOutput(input));
  }

  removeNode(node: Node): void {
    const i = this.sub.nodes.indexOf(node);
    if (i >= 0) this.sub.nodes.splice(i, 1);
    this.dirty = true;
  }

  /** Inserts `nodes` (in order) just before `anchor`. */
  insertBefore(anchor: Node, ...nodes: Node[]): void {
    const i = this.sub.nodes.indexOf(anchor);
    this.sub.nodes.splice(i < 0 ? this.sub.nodes.length : i, 0, ...nodes);
    this.dirty = true;
  }

  /** Replaces `node` by `nodes` at its position. */
  replaceNode(node: Node, ...nodes: Node[]): void {
    const i = this.sub.nodes.indexOf(node);
    if (i < 0) throw new RangeError(`node ${node.name} is not in subgraph ${this.sub.name}`);
    this.sub.nodes.splice(i, 1, ...nodes);
    this.dirty = true;
  }

  /** A tensor name not used in the subgraph yet: `base`, else `base_1`, `base_2`… */
  uniqueName(base: string): string {
    if (!this.names) {
      this.names = new Set(this.sub.tensors.map((t) => t.name));
      for (const n of this.sub.nodes) for (const t of [...n.inputs, ...n.outputs]) if (t) this.names.add(t.name);
    }
    let name = base;
    for (let i = 1; this.names.has(name); i++) name = `${base}_${i}`;
    this.names.add(name);
    return name;
  }

  /** A new activation tensor (added to the subgraph's tensor list). */
  tensor(name: string, dtype: DType, shape: number[]): Tensor {
    const t = new Tensor(this.uniqueName(name), dtype, [...shape]);
    t.hasRank = true;
    this.sub.tensors.push(t);
    return t;
  }

  /** A new constant tensor holding `data` (bytes in TFLite / TF layout). */
  constant(name: string, dtype: DType, shape: number[], data: Uint8Array): Tensor {
    const t = new Tensor(this.uniqueName(name), dtype, [...shape], data);
    t.hasRank = true;
    this.sub.tensors.push(t);
    return t;
  }

  /** A new node (not inserted). `tfName` names it in messages. */
  static node(op: string, inputs: (Tensor | null)[], outputs: Tensor[], tfName = ''): Node {
    const n = new Node(op, inputs, outputs);
    n.tfName = tfName;
    return n;
  }
}

/** Orders `sub.nodes` topologically (stable: keeps the current order where it is already valid). */
export function sortTopologically(sub: Subgraph): void {
  const producer = new Map<Tensor, Node>();
  for (const n of sub.nodes) for (const t of n.outputs) producer.set(t, n);
  const done = new Set<Node>();
  const visiting = new Set<Node>();
  const out: Node[] = [];
  const visit = (root: Node): void => {
    const stack: { node: Node; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next === 0) {
        if (done.has(top.node)) { stack.pop(); continue; }
        visiting.add(top.node);
      }
      const inputs = top.node.inputs;
      let pushed = false;
      while (top.next < inputs.length) {
        const t = inputs[top.next++];
        const p = t ? producer.get(t) : undefined;
        if (p && !done.has(p) && !visiting.has(p)) {
          stack.push({ node: p, next: 0 });
          pushed = true;
          break;
        }
      }
      if (pushed) continue;
      stack.pop();
      visiting.delete(top.node);
      done.add(top.node);
      out.push(top.node);
    }
  };
  for (const n of sub.nodes) visit(n);
  sub.nodes = out;
}
