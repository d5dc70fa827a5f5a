/**
 * Keras model spec + stored weights → `ir.Graph` in the TF-op form (`src/ir/tf-graph.md`): one subgraph, one
 * `serving_default` signature (input keys = Keras input layer names, output keys = output layer names, as the
 * official converter's signature), nodes named `<model>/<layer>/<Op>` like TF's Keras trace.
 *
 * Walks the model from its outputs (only layers that feed an output are emitted), each layer call once; nested
 * models are flattened (their inputs bound to the outer tensors, node names scoped `<model>/<inner model>/…`).
 * Before emitting anything it checks every layer (nested ones too) against the registry and throws ONE
 * UnsupportedOpError listing each unknown class / unsupported config with its layers.
 */
import { ConversionError, FormatError, UnsupportedOpError } from '../../errors.ts';
import type { DType } from '../../ir/dtype.ts';
import { Graph, Node, Subgraph, Tensor, type AttrValue } from '../../ir/graph.ts';
import type { H5Array } from './h5-tree.ts';
import { LAYERS, type LayerContext, type LayerDef } from './layers/index.ts';
import type { OpOptions } from './layers/types.ts';
import { allLayers, isRecord, type LayerSpec, type ModelSpec, type TensorRef } from './model-config.ts';

/** Where a layer's weights live: layer names and Keras' container keys, outermost model first. */
export interface LayerLocation {
  names: string[];
  keys: string[];
}

export interface StoredWeight {
  /** Keras variable name (`kernel`), when the file records names. */
  name?: string;
  array: H5Array;
}

export interface WeightSource {
  /** A layer's stored arrays in Keras' order ([] when it has none). */
  layerWeights(location: LayerLocation): StoredWeight[];
}

export interface BuildInput {
  model: ModelSpec;
  weights: WeightSource;
  kerasMajor: number;
  file: string;
}

/** Keras' `to_snake_case` (the names `.keras` files use for layer containers). */
export function snakeCase(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export function buildKerasGraph(input: BuildInput): { graph: Graph; notes: string[] } {
  checkSupported(input.model, input.file);
  return new Builder(input).build();
}

function checkSupported(model: ModelSpec, file: string): void {
  const bad = new Map<string, string[]>();
  for (const { layer, path } of allLayers(model)) {
    if (layer.className === 'InputLayer') continue;
    const def = LAYERS.get(layer.className);
    const reason = def?.unsupported?.(layer.config);
    const key = !def ? layer.className : reason ? `${layer.className}(${reason})` : undefined;
    if (key) bad.set(key, [...(bad.get(key) ?? []), [...path, layer.name].join('/')]);
  }
  if (bad.size > 0) throw new UnsupportedOpError(bad, file);
}

/** Keras' container keys of a model's layers: snake_case(class), `_1`, `_2`… for repeats. */
function containerKeys(model: ModelSpec): Map<string, string> {
  const counts = new Map<string, number>();
  const keys = new Map<string, string>();
  for (const l of model.layers) {
    if (model.kind === 'Sequential' && l.className === 'InputLayer') continue;
    const base = snakeCase(l.className === 'Model' ? 'Functional' : l.className);
    const n = counts.get(base);
    counts.set(base, n === undefined ? 0 : n + 1);
    keys.set(l.name, n === undefined ? base : `${base}_${n + 1}`);
  }
  return keys;
}

class Builder {
  readonly sg = new Subgraph('main');
  readonly notes: string[] = [];
  private readonly used = new Set<string>();
  private readonly weightCache = new Map<string, Map<string, Tensor>>();
  constructor(readonly input: BuildInput) {}

  build(): { graph: Graph; notes: string[] } {
    const model = this.input.model;
    const top = new ModelScope(this, model, model.name, { names: [], keys: [] }, new Map());
    const inputs = model.inputs.map((ref) => top.createInput(ref));
    const outputs = model.outputs.map((ref) => top.tensor(ref));
    this.sg.inputs = inputs.map((i) => i.tensor);
    this.sg.outputs = outputs;
    const graph = new Graph();
    graph.subgraphs.push(this.sg);
    graph.signatures.push({
      key: 'serving_default',
      subgraph: this.sg,
      inputs: inputs.map((i) => ({ name: i.name, tensor: i.tensor })),
      outputs: outputNames(model.outputs).map((name, i) => ({ name, tensor: outputs[i]! })),
    });
    return { graph, notes: this.notes };
  }

  unique(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  addTensor(name: string, dtype: DType, shape: number[], data: Uint8Array | null = null): Tensor {
    const t = new Tensor(name, dtype, shape, data);
    t.hasRank = true;
    this.sg.tensors.push(t);
    return t;
  }

  addNode(op: string, name: string, inputs: Tensor[], outputs: Tensor[], attrs: Record<string, AttrValue>): void {
    const node = new Node(op, inputs, outputs);
    node.tfName = name;
    node.attrs = attrs;
    this.sg.nodes.push(node);
  }

  /** A layer's weights as constants (created once per layer, shared by all its calls). */
  weights(loc: LayerLocation, scope: string, layer: LayerSpec, def: LayerDef): Map<string, Tensor> {
    const key = loc.names.join('/');
    const cached = this.weightCache.get(key);
    if (cached) return cached;
    const expected = def.weights?.(layer.config) ?? [];
    const map = new Map<string, Tensor>();
    if (expected.length > 0) {
      const stored = this.input.weights.layerWeights(loc);
      const named = new Map(stored.filter((s) => s.name).map((s) => [s.name!, s.array]));
      const byName = expected.every((n) => named.has(n));
      if (!byName && stored.length !== expected.length) {
        const have = stored.map((s, i) => s.name ?? `#${i}`).join(', ');
        throw new FormatError(this.input.file, `layer "${key}" (${layer.className}) should have weights [${expected.join(', ')}], the file has [${have}]`);
      }
      expected.forEach((n, i) => {
        const a = byName ? named.get(n)! : stored[i]!.array;
        map.set(n, this.addTensor(this.unique(`${scope}/${layer.name}/${n}`) + ':0', a.dtype, a.shape, a.data));
      });
    }
    this.weightCache.set(key, map);
    return map;
  }
}

/** Keras 2's output_names: output layer names, repeats suffixed `_1`, `_2`…. */
function outputNames(refs: TensorRef[]): string[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  return refs.map(({ layer }) => {
    let name = layer;
    while (seen.has(name)) {
      const n = counts.get(layer) ?? 1;
      name = `${layer}_${n}`;
      counts.set(layer, n + 1);
    }
    seen.add(name);
    return name;
  });
}

/** One instance of a model (the top one, or a nested model at one of its calls). */
class ModelScope {
  private readonly layers: Map<string, LayerSpec>;
  private readonly keys: Map<string, string>;
  private readonly produced = new Map<string, Tensor[]>();
  private readonly active = new Set<string>();

  constructor(
    private readonly b: Builder,
    private readonly model: ModelSpec,
    readonly scope: string,
    private readonly location: LayerLocation,
    /** Input layer name → the tensor it stands for (nested models). */
    private readonly bound: Map<string, Tensor>,
  ) {
    this.layers = new Map(model.layers.map((l) => [l.name, l]));
    this.keys = containerKeys(model);
  }

  createInput(ref: TensorRef): { name: string; tensor: Tensor } {
    const layer = this.layer(ref.layer, 'input_layers');
    if (layer.className !== 'InputLayer') throw new FormatError(this.b.input.file, `model input "${ref.layer}" is a ${layer.className}, not an InputLayer`);
    const cfg = layer.config;
    const raw = cfg['batch_input_shape'] ?? cfg['batch_shape'] ?? (Array.isArray(cfg['shape']) ? [null, ...cfg['shape']] : undefined);
    if (!Array.isArray(raw)) throw new FormatError(this.b.input.file, `input layer "${layer.name}" has no batch_input_shape`);
    const shape = raw.map((d) => (typeof d === 'number' && d >= 0 ? d : -1));
    const t = this.b.addTensor(this.b.unique(`serving_default_${layer.name}`) + ':0', dtypeOf(cfg['dtype'], this.b.input.file, layer.name), shape);
    this.bound.set(layer.name, t);
    return { name: layer.name, tensor: t };
  }

  tensor(ref: TensorRef): Tensor {
    const layer = this.layer(ref.layer, 'a layer input');
    if (layer.className === 'InputLayer') {
      const t = this.bound.get(layer.name);
      if (!t) throw new FormatError(this.b.input.file, `input layer "${layer.name}" is used but is not an input of model "${this.model.name}"`);
      return t;
    }
    const outs = this.call(layer, ref.node);
    const t = outs[ref.index];
    if (!t) throw new FormatError(this.b.input.file, `layer "${layer.name}" has no output ${ref.index}`);
    return t;
  }

  private layer(name: string, what: string): LayerSpec {
    const l = this.layers.get(name);
    if (!l) throw new FormatError(this.b.input.file, `${what} refers to layer "${name}", which model "${this.model.name}" does not have`);
    return l;
  }

  private call(layer: LayerSpec, node: number): Tensor[] {
    const key = `${layer.name}#${node}`;
    const done = this.produced.get(key);
    if (done) return done;
    if (this.active.has(key)) throw new FormatError(this.b.input.file, `layer "${layer.name}" feeds itself (a cycle in the model config)`);
    const refs = layer.calls[node];
    if (!refs) throw new FormatError(this.b.input.file, `layer "${layer.name}" has no call #${node}`);
    this.active.add(key);
    const inputs = refs.map((r) => this.tensor(r));
    const loc = { names: [...this.location.names, layer.name], keys: [...this.location.keys, this.keys.get(layer.name) ?? layer.name] };
    let outs: Tensor[];
    if (layer.model) {
      const inner = layer.model;
      if (inner.inputs.length !== inputs.length) {
        throw new FormatError(this.b.input.file, `nested model "${layer.name}" takes ${inner.inputs.length} inputs, is called with ${inputs.length}`);
      }
      const bound = new Map(inner.inputs.map((r, i) => [r.layer, inputs[i]!]));
      const scope = new ModelScope(this.b, inner, `${this.scope}/${layer.name}`, loc, bound);
      outs = inner.outputs.map((r) => scope.tensor(r));
    } else {
      const def = LAYERS.get(layer.className)!;
      const ctx = new Context(this.b, this.scope, layer, def, loc);
      outs = def.emit(ctx, inputs);
    }
    this.active.delete(key);
    this.produced.set(key, outs);
    return outs;
  }
}

class Context implements LayerContext {
  readonly name: string;
  readonly className: string;
  readonly config: Record<string, unknown>;
  readonly kerasMajor: number;
  private stored: Map<string, Tensor> | null = null;

  constructor(private readonly b: Builder, private readonly scope: string, private readonly layer: LayerSpec,
    private readonly def: LayerDef, private readonly loc: LayerLocation) {
    this.name = layer.name;
    this.className = layer.className;
    this.config = layer.config;
    this.kerasMajor = b.input.kerasMajor;
  }

  private all(): Map<string, Tensor> {
    this.stored ??= this.b.weights(this.loc, this.scope, this.layer, this.def);
    return this.stored;
  }

  weight(name: string, rank?: number): Tensor {
    const t = this.all().get(name);
    if (!t) throw new FormatError(this.b.input.file, `layer "${this.loc.names.join('/')}" has no weight "${name}"`);
    if (rank !== undefined && t.shape.length !== rank) {
      throw new FormatError(this.b.input.file, `weight "${name}" of layer "${this.loc.names.join('/')}" has shape [${t.shape}], expected rank ${rank}`);
    }
    return t;
  }

  hasWeight(name: string): boolean {
    return this.all().has(name);
  }

  op(op: string, inputs: Tensor[], shape: number[], attrs: Record<string, AttrValue> = {}, options: OpOptions = {}): Tensor {
    return this.opAll(op, inputs, shape, attrs, options)[0]!;
  }

  opAll(op: string, inputs: Tensor[], shape: number[], attrs: Record<string, AttrValue> = {}, options: OpOptions = {}): Tensor[] {
    const name = this.b.unique(`${this.scope}/${this.name}/${op}`);
    const dtype = options.dtype ?? inputs[0]?.dtype ?? 'float32';
    const shapes = [shape, ...(options.extraOutputs ?? [])];
    const outputs = shapes.map((s, i) => this.b.addTensor(`${name}:${i}`, i === 0 ? dtype : inputs[0]?.dtype ?? dtype, s));
    const all = options.noT || 'T' in attrs ? attrs : { T: inputs[0]?.dtype ?? dtype, ...attrs };
    this.b.addNode(op, name, inputs, outputs, all);
    return outputs;
  }

  constFloat(name: string, shape: number[], values: ArrayLike<number>, dtype: DType = 'float32'): Tensor {
    let bytes: Uint8Array;
    if (dtype === 'float64') bytes = new Uint8Array(Float64Array.from(values).buffer);
    else if (dtype === 'float32') bytes = new Uint8Array(Float32Array.from(values).buffer);
    else return this.fail(`constants of dtype ${dtype} are not supported`);
    return this.b.addTensor(this.b.unique(`${this.scope}/${this.name}/${name}`) + ':0', dtype, shape, bytes);
  }

  constInt32(name: string, shape: number[], values: ArrayLike<number>): Tensor {
    return this.b.addTensor(this.b.unique(`${this.scope}/${this.name}/${name}`) + ':0', 'int32', shape, new Uint8Array(Int32Array.from(values).buffer));
  }

  constReshaped(name: string, t: Tensor, shape: number[]): Tensor {
    return this.b.addTensor(this.b.unique(`${this.scope}/${this.name}/${name}`) + ':0', t.dtype, shape, t.data);
  }

  note(text: string): void {
    this.b.notes.push(text);
  }

  fail(detail: string): never {
    throw new ConversionError(`${this.b.input.file}: layer "${this.loc.names.join('/')}" (${this.className}): ${detail}`);
  }
}

function dtypeOf(v: unknown, file: string, layer: string): DType {
  const name = typeof v === 'string' ? v : isRecord(v) && isRecord(v['config']) ? String(v['config']['name'] ?? 'float32') : 'float32';
  const known: Record<string, DType> = { float32: 'float32', float16: 'float16', float64: 'float64', int32: 'int32', int64: 'int64', uint8: 'uint8', int8: 'int8', bool: 'bool', string: 'string' };
  const d = known[name];
  if (!d) throw new FormatError(file, `input layer "${layer}" has an unknown dtype "${name}"`);
  return d;
}
