/**
 * Keras model configs (the `model_config` JSON of a .h5, `config.json` of a .keras) normalized to one shape:
 * a model = layers + input refs + output refs, every layer with the tensors each of its calls consumes.
 *
 * Handles Sequential (Keras 2 `{name, layers}` or the oldest bare-list form, with or without an explicit InputLayer),
 * Functional (`inbound_nodes` in the Keras 2 list form `[[["conv", 0, 0, {}]]]` and the Keras 3 dict form
 * `[{args: [{class_name: "__keras_tensor__", config: {keras_history: ["conv", 0, 0]}}], kwargs}]`), and nested models
 * (a Sequential / Functional used as a layer), which keep their own spec in `LayerSpec.model`.
 */

/** One tensor of a Keras graph: output `index` of call `node` of layer `layer`. */
export interface TensorRef {
  layer: string;
  node: number;
  index: number;
}

export interface LayerSpec {
  className: string;
  name: string;
  config: Record<string, unknown>;
  /** Per call of the layer (Keras' inbound nodes): the input tensors, flattened in argument order. */
  calls: TensorRef[][];
  /** Set for a model used as a layer. */
  model?: ModelSpec;
}

export interface ModelSpec {
  kind: 'Sequential' | 'Functional';
  name: string;
  layers: LayerSpec[];
  inputs: TensorRef[];
  outputs: TensorRef[];
}

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** A config value failed to parse; the caller turns it into a FormatError naming the file. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a model config (`{class_name, config}`) into a ModelSpec. */
export function parseModelConfig(json: unknown): ModelSpec {
  if (!isRecord(json)) throw new ConfigError('model config is not a JSON object');
  const className = String(json['class_name'] ?? '');
  if (!MODEL_CLASSES.has(className)) {
    throw new ConfigError(`model class "${className}" is not Sequential or Functional (subclassed models have no config to convert)`);
  }
  return className === 'Sequential' ? parseSequential(json['config']) : parseFunctional(json['config']);
}

function parseLayer(raw: unknown, where: string): LayerSpec {
  if (!isRecord(raw)) throw new ConfigError(`${where}: layer entry is not an object`);
  const className = String(raw['class_name'] ?? '');
  const config = isRecord(raw['config']) ? raw['config'] : {};
  const name = String(raw['name'] ?? config['name'] ?? '');
  if (!className || !name) throw new ConfigError(`${where}: layer entry without class_name or name`);
  const spec: LayerSpec = { className, name, config, calls: parseInboundNodes(raw['inbound_nodes'], name) };
  if (MODEL_CLASSES.has(className)) {
    spec.model = className === 'Sequential' ? parseSequential(raw['config']) : parseFunctional(raw['config']);
    spec.model.name = name;
  }
  return spec;
}

function parseSequential(cfg: unknown): ModelSpec {
  const rawLayers = Array.isArray(cfg) ? cfg : isRecord(cfg) ? cfg['layers'] : undefined;
  if (!Array.isArray(rawLayers)) throw new ConfigError('Sequential config has no layer list');
  const name = isRecord(cfg) ? String(cfg['name'] ?? 'sequential') : 'sequential';
  const layers = rawLayers.map((l, i) => parseLayer(l, `${name}.layers[${i}]`));
  if (layers.length === 0) throw new ConfigError(`Sequential model "${name}" has no layers`);
  let first = layers[0]!;
  if (first.className !== 'InputLayer') {
    // Keras builds an InputLayer named `<first layer>_input` from the first layer's batch_input_shape.
    // (A nested Sequential may not say its input shape: its input is the outer tensor it is called on.)
    const shape = first.config['batch_input_shape'] ?? first.config['batch_shape']
      ?? (isRecord(cfg) ? cfg['build_input_shape'] ?? buildShape(cfg) : undefined);
    const dtype = first.config['dtype'] ?? 'float32';
    const config: Record<string, unknown> = { dtype, name: `${first.name}_input` };
    if (Array.isArray(shape)) config['batch_input_shape'] = shape;
    first = { className: 'InputLayer', name: `${first.name}_input`, config, calls: [] };
    layers.unshift(first);
  }
  for (let i = 1; i < layers.length; i++) layers[i]!.calls = [[{ layer: layers[i - 1]!.name, node: 0, index: 0 }]];
  first.calls = [];
  return {
    kind: 'Sequential',
    name,
    layers,
    inputs: [{ layer: first.name, node: 0, index: 0 }],
    outputs: [{ layer: layers[layers.length - 1]!.name, node: 0, index: 0 }],
  };
}

function buildShape(cfg: Record<string, unknown>): unknown {
  const b = cfg['build_config'];
  return isRecord(b) ? b['input_shape'] : undefined;
}

function parseFunctional(cfg: unknown): ModelSpec {
  if (!isRecord(cfg) || !Array.isArray(cfg['layers'])) throw new ConfigError('Functional config has no layer list');
  const name = String(cfg['name'] ?? 'model');
  const layers = cfg['layers'].map((l, i) => parseLayer(l, `${name}.layers[${i}]`));
  for (const l of layers) if (l.className === 'InputLayer') l.calls = [];
  return {
    kind: 'Functional',
    name,
    layers,
    inputs: parseRefList(cfg['input_layers'], `${name}.input_layers`),
    outputs: parseRefList(cfg['output_layers'], `${name}.output_layers`),
  };
}

/** `[[name, node, index], …]`, a single `[name, node, index]` (Keras 3, one tensor) or a dict of them. */
function parseRefList(v: unknown, where: string): TensorRef[] {
  if (Array.isArray(v) && typeof v[0] === 'string') return [parseRef(v, where)];
  if (Array.isArray(v)) return v.map((r, i) => parseRef(r, `${where}[${i}]`));
  if (isRecord(v)) return Object.entries(v).map(([k, r]) => parseRef(r, `${where}.${k}`));
  throw new ConfigError(`${where} missing`);
}

function parseRef(v: unknown, where: string): TensorRef {
  if (!Array.isArray(v) || typeof v[0] !== 'string') throw new ConfigError(`${where}: not a [layer, node, index] reference`);
  return { layer: v[0], node: Number(v[1] ?? 0), index: Number(v[2] ?? 0) };
}

function parseInboundNodes(v: unknown, layer: string): TensorRef[][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ConfigError(`${layer}.inbound_nodes is not a list`);
  return v.map((node, i) => {
    const where = `${layer}.inbound_nodes[${i}]`;
    if (isRecord(node)) {
      // Keras 3: {args, kwargs}; the tensors are the __keras_tensor__ entries of args, in order.
      const refs: TensorRef[] = [];
      collectKerasTensors(node['args'], refs, where);
      return refs;
    }
    if (!Array.isArray(node)) throw new ConfigError(`${where}: not a list`);
    return node.map((r, j) => parseRef(r, `${where}[${j}]`));
  });
}

function collectKerasTensors(v: unknown, out: TensorRef[], where: string): void {
  if (Array.isArray(v)) {
    for (const x of v) collectKerasTensors(x, out, where);
  } else if (isRecord(v)) {
    if (v['class_name'] === '__keras_tensor__' && isRecord(v['config'])) {
      out.push(parseRef(v['config']['keras_history'], `${where}.keras_history`));
    }
  }
}

/** Every layer of a model, nested models' layers included (depth first), with the chain of model names above it. */
export function* allLayers(model: ModelSpec, path: string[] = []): Generator<{ layer: LayerSpec; path: string[] }> {
  for (const layer of model.layers) {
    if (layer.model) yield* allLayers(layer.model, [...path, layer.name]);
    else yield { layer, path };
  }
}
