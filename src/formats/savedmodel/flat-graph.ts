/**
 * A TensorFlow graph as a name → node map with parsed tensor references, where calls into the function library
 * (`StatefulPartitionedCall`, `PartitionedCall`, or a node whose op is a library function's name) are inlined on
 * demand: resolving a reference to a call's output splices the function body in (nodes renamed `call/inner`) and
 * follows the function's `ret` mapping to the body tensor that really produces it.
 *
 * Format facts relied on (tensorflow/core/framework/graph.proto, function.proto, node_def.proto):
 * - a top-level NodeDef input is `node` (= `node:0`), `node:k` (flat output index) or `^node` (control edge);
 * - inside a FunctionDef an input is `arg` (a signature input arg), `node:out_arg:k` (the k-th tensor of output arg
 *   `out_arg` of body node `node`, which needs the node's OpDef to turn into a flat index) or `^node`;
 * - `ret` maps each signature output arg to such a body reference; call nodes pass the function's input args in
 *   order (`Tin`), and their outputs are the signature's output args in order (`Tout`);
 * - body attrs may be `placeholder`s naming attrs of the call's `f` func value.
 */
import { FormatError } from '../../errors.ts';
import type { tensorflow } from './generated/tf-protos.js';
import { LazyFunctions } from './lazy-decode.ts';
import { OpRegistry, argSizes, type OpSpec } from './op-defs.ts';
import type { AttrProto, NodeDef } from './tf-proto.ts';

export type FunctionDef = tensorflow.FunctionDef.$Properties;

export interface TfRef { node: string; index: number }

export interface FlatNode {
  name: string;
  op: string;
  attr: Record<string, AttrProto>;
  inputs: TfRef[];
  control: string[];
  /** Function-call nesting depth (0 = top level). */
  depth: number;
}

const MAX_DEPTH = 64;
const MAX_NODES = 5_000_000;
const CALL_OPS = new Set(['StatefulPartitionedCall', 'PartitionedCall']);

export const refKey = (r: TfRef): string => `${r.node}:${r.index}`;

/** An own property of a decoded proto map (never an inherited one like `constructor`). */
export function own<T>(map: Record<string, T> | null | undefined, key: string): T | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/** Parses a top-level input string; null for a control input (its node name goes to `control`). */
export function parseInput(s: string, file: string, where: string, control?: string[]): TfRef | null {
  if (s.startsWith('^')) {
    control?.push(s.slice(1));
    return null;
  }
  const m = /^([^:]+)(?::(\d+))?$/.exec(s);
  if (!m) throw new FormatError(file, `malformed tensor reference "${s}"`, undefined, where);
  return { node: m[1]!, index: m[2] === undefined ? 0 : Number(m[2]) };
}

export class FlatGraph {
  readonly nodes = new Map<string, FlatNode>();
  /** Library functions by name (decoded on first use when `library` is a `LazyFunctions`). */
  readonly functions: LazyFunctions;
  /** Call nodes already inlined, with their function name and the body nodes created for them. */
  readonly inlined = new Map<string, { fn: string; body: string[] }>();
  private readonly aliases = new Map<string, TfRef>();

  constructor(readonly file: string, readonly ops: OpRegistry, nodes: readonly NodeDef[], library?: tensorflow.FunctionDefLibrary.$Properties | LazyFunctions | null) {
    this.functions = library instanceof LazyFunctions ? library : LazyFunctions.of(library?.function ?? []);
    nodes.forEach((nd, i) => {
      const where = `node[${i}]`;
      if (!nd.name) throw new FormatError(file, 'node without a name', undefined, where);
      if (this.nodes.has(nd.name)) throw new FormatError(file, `duplicate node name "${nd.name}"`, undefined, where);
      const control: string[] = [];
      const inputs: TfRef[] = [];
      for (const s of nd.input ?? []) {
        const r = parseInput(s, file, `${where} (${nd.name})`, control);
        if (r) inputs.push(r);
      }
      this.nodes.set(nd.name, { name: nd.name, op: nd.op ?? '', attr: nd.attr ?? {}, inputs, control, depth: 0 });
    });
  }

  /** The function a node calls, if it is a call this graph can inline. */
  calledFunction(n: FlatNode): string | undefined {
    if (this.functions.has(n.op)) return n.op;
    if (!CALL_OPS.has(n.op)) return undefined;
    const name = own(n.attr, 'f')?.func?.name;
    return name && this.functions.has(name) ? name : undefined;
  }

  /** The spec of an op type: a library function's signature, else the registry's OpDef. */
  spec(op: string): OpSpec | undefined {
    const f = this.functions.get(op);
    return f?.signature ? OpRegistry.fromSignature(f.signature) : this.ops.get(op);
  }

  /** An attribute of a node, else the OpDef default. */
  attr(n: FlatNode, name: string): AttrProto | undefined {
    return own(n.attr, name) ?? own(this.spec(n.op)?.defaults, name);
  }

  /** Follows aliases and inlines calls until `ref` names an output of a real (non-call) node; FormatError if absent. */
  resolve(ref: TfRef, where = ''): TfRef {
    for (let guard = 0; ; guard++) {
      if (guard > 1_000_000) throw new FormatError(this.file, `reference cycle at ${refKey(ref)}`, undefined, where || undefined);
      const alias = this.aliases.get(refKey(ref));
      if (alias) {
        ref = alias;
        continue;
      }
      const node = this.nodes.get(ref.node);
      if (!node) {
        const call = this.inlined.get(ref.node);
        throw new FormatError(this.file, call
          ? `call ${ref.node} of function ${call.fn} has no output ${ref.index}`
          : `tensor ${refKey(ref)} refers to a node that does not exist`, undefined, where || undefined);
      }
      const fn = this.calledFunction(node);
      if (!fn) return ref;
      this.inline(node, fn);
    }
  }

  /**
   * Inlines the call node `name` (and, transitively, the calls in its body); returns every node name created, or
   * just `[name]` when it is not a call. Used to look inside functions nobody fetches from (e.g. a saver's restore).
   */
  inlineAll(name: string): string[] {
    const out: string[] = [];
    const queue = [name];
    while (queue.length) {
      const n = queue.pop()!;
      const node = this.nodes.get(n);
      const fn = node && this.calledFunction(node);
      if (!node || !fn) {
        if (node) out.push(n);
        continue;
      }
      this.inline(node, fn);
      queue.push(...this.inlined.get(n)!.body);
    }
    return out;
  }

  /** Splices the body of `fn` in place of the call node `call`. */
  private inline(call: FlatNode, fnName: string): void {
    const fn = this.functions.get(fnName)!;
    const file = this.file;
    const where = `function ${fnName} (called by ${call.name})`;
    if (call.depth >= MAX_DEPTH) throw new FormatError(file, `function calls nested more than ${MAX_DEPTH} deep (recursive?)`, undefined, where);
    const sig = fn.signature ?? {};
    const callAttrs = this.functions.has(call.op) ? call.attr : own(call.attr, 'f')?.func?.attr ?? {};
    const lookup = (name: string): AttrProto | undefined => own(callAttrs, name) ?? own(call.attr, name);

    // Input args → the call's inputs.
    const inArgs = new Map<string, TfRef[]>();
    const inSpec = OpRegistry.fromSignature(sig);
    const inSizes = argSizes(inSpec.inputs, lookup);
    if (inSizes.some((s) => s < 0)) throw new FormatError(file, 'polymorphic function arguments are not supported', undefined, where);
    let k = 0;
    inSpec.inputs.forEach((a, i) => {
      inArgs.set(a.name, call.inputs.slice(k, k + inSizes[i]!));
      k += inSizes[i]!;
    });
    if (k !== call.inputs.length) throw new FormatError(file, `call passes ${call.inputs.length} inputs, the function takes ${k}`, undefined, where);

    // Body nodes, renamed under the call's name.
    const bodyDefs = new Map<string, NodeDef>();
    for (const nd of fn.nodeDef ?? []) {
      if (!nd.name || bodyDefs.has(nd.name)) throw new FormatError(file, `missing or duplicate body node name "${nd.name ?? ''}"`, undefined, where);
      bodyDefs.set(nd.name, nd);
    }
    const rename = new Map<string, string>();
    for (const name of bodyDefs.keys()) {
      let full = `${call.name}/${name}`;
      for (let s = 1; this.nodes.has(full) || this.inlined.has(full); s++) full = `${call.name}/${name}_${s}`;
      rename.set(name, full);
    }
    if (this.nodes.size + bodyDefs.size > MAX_NODES) throw new FormatError(file, 'graph too large after inlining functions', undefined, where);

    const bodyRef = (s: string, at: string): TfRef | null => {
      if (s.startsWith('^')) return null;
      const parts = s.split(':');
      const arg = inArgs.get(parts[0]!);
      if (arg && parts.length <= 2) {
        const r = arg[parts.length === 2 ? Number(parts[1]) : 0];
        if (!r) throw new FormatError(file, `bad argument reference "${s}"`, undefined, at);
        return r;
      }
      const nd = bodyDefs.get(parts[0]!);
      if (!nd || parts.length !== 3 || !/^\d+$/.test(parts[2]!)) throw new FormatError(file, `unresolvable reference "${s}"`, undefined, at);
      return { node: rename.get(parts[0]!)!, index: this.outputIndex(nd, parts[1]!, Number(parts[2]), lookup, at) };
    };

    const body: string[] = [];
    for (const [name, nd] of bodyDefs) {
      const at = `${where}: node ${name}`;
      const inputs: TfRef[] = [];
      const control: string[] = [];
      for (const s of nd.input ?? []) {
        if (s.startsWith('^')) {
          const c = rename.get(s.slice(1));
          if (c) control.push(c);
          continue;
        }
        inputs.push(bodyRef(s, at)!);
      }
      const attr: Record<string, AttrProto> = {};
      for (const [key, v] of Object.entries(nd.attr ?? {})) {
        if (v.placeholder) {
          const sub = lookup(v.placeholder);
          if (sub) attr[key] = sub;
        } else {
          attr[key] = v;
        }
      }
      const full = rename.get(name)!;
      this.nodes.set(full, { name: full, op: nd.op ?? '', attr, inputs, control, depth: call.depth + 1 });
      body.push(full);
    }

    // Output args → aliases of the call's outputs.
    const outSizes = argSizes(inSpec.outputs, lookup);
    inSpec.outputs.forEach((a, i) => {
      const ret = own(fn.ret, a.name);
      if (ret === undefined) throw new FormatError(file, `no ret for output arg ${a.name}`, undefined, where);
      if (outSizes[i] !== 1) throw new FormatError(file, `list-valued output arg ${a.name} is not supported`, undefined, where);
      const r = bodyRef(ret, `${where}: ret ${a.name}`);
      if (r) this.aliases.set(`${call.name}:${i}`, r);
    });
    this.nodes.delete(call.name);
    this.inlined.set(call.name, { fn: fnName, body });
  }

  /** Flat output index of `out_arg:k` of a body node. */
  private outputIndex(nd: NodeDef, outArg: string, k: number, callLookup: (n: string) => AttrProto | undefined, at: string): number {
    const spec = this.spec(nd.op ?? '');
    if (!spec) return k; // unknown op: assume a single output arg
    const pos = spec.outputs.findIndex((a) => a.name === outArg);
    if (pos < 0) throw new FormatError(this.file, `op ${nd.op} has no output arg "${outArg}"`, undefined, at);
    const lookup = (name: string): AttrProto | undefined => {
      const v = own(nd.attr, name);
      if (v?.placeholder) return callLookup(v.placeholder);
      return v ?? own(spec.defaults, name);
    };
    const sizes = argSizes(spec.outputs.slice(0, pos + 1), lookup);
    if (sizes.slice(0, pos).some((s) => s < 0)) throw new FormatError(this.file, `cannot size the outputs of ${nd.op}`, undefined, at);
    if (sizes[pos]! >= 0 && k >= sizes[pos]!) throw new FormatError(this.file, `output arg ${outArg} of ${nd.op} has no tensor ${k}`, undefined, at);
    return sizes.slice(0, pos).reduce((a, b) => a + b, 0) + k;
  }
}
