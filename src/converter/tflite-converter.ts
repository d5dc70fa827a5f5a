/**
 * `TFLiteConverter`: TensorFlow's `tf.lite.TFLiteConverter`, in camelCase.
 *
 * ```ts
 * const model = await load('saved_model_dir');               // or File[], URL, { name, bytes } …
 * const bytes = await new TFLiteConverter(model, { batchSize: 1 }).convert();
 * // or, as in TF: (await TFLiteConverter.fromSavedModel('dir', { signatureKey: 'serving_default' })).convert()
 * ```
 *
 * `convert()` turns the loaded TF-op graph into float TFLite (`convertGraph`), records CONVERSION_METADATA
 * (`addConversionMetadata`) and writes the flatbuffer. A `.tflite` input converts to itself, re-written by our writer
 * (its graph is written as read; useful in the notebook to normalize a file or to apply later passes).
 *
 * Quantization: dynamic range (`optimizations: ['DEFAULT']`, no dataset; `perChannel`, `denylist`), float16
 * (`supportedTypes: ['float16']`) and full integer (a `representativeDataset`, min/max calibration on our float
 * interpreter, int8 / uint8 / float32 I/O) run after the float conversion (`src/quant/`, mode chosen by `quant/plan.ts`) and
 * are recorded in CONVERSION_METADATA's optimization modes.
 *
 * Other quantization and pruning: every option of the DESIGN contract is part of `ConverterOptions` and is validated
 * by the constructor (a wrong value is a UsageError). When an option that would change the output in a way not
 * implemented yet is given — `optimizations` (non-empty), `representativeDataset`,
 * `supportedOps` other than `TFLITE_BUILTINS`, `supportedTypes` other than `float32`, `inferenceInputType` /
 * `inferenceOutputType` other than `float32`, `calibration`, `perChannel: false`, a non-empty `denylist`, `pruning` —
 * `convert()` throws ONE ConversionError naming every such option and its value ("not implemented yet"), instead of
 * silently writing a float model. Harmless values (`perChannel: true`, `supportedOps: ['TFLITE_BUILTINS']`,
 * `optimizations: []`) are accepted.
 */
import { ConversionError, UnsupportedOpError, UsageError } from '../errors.ts';
import type { Graph } from '../ir/graph.ts';
import { writeTflite } from '../formats/tflite/index.ts';
import { load, type LoadOptions, type LoadedModel, type ModelSource } from '../api/load.ts';
import { convertGraph, type ProgressFn } from './convert-graph.ts';
import { addConversionMetadata } from './metadata.ts';
import { applyFullInteger, applyQuantization, implementedQuantMode, optimizationModesOf } from '../quant/plan.ts';

export type { ProgressFn } from './convert-graph.ts';

/** `tf.lite.Optimize`. */
export type Optimize = 'DEFAULT' | 'OPTIMIZE_FOR_SIZE' | 'OPTIMIZE_FOR_LATENCY' | 'EXPERIMENTAL_SPARSITY';
/** `tf.lite.OpsSet`. */
export type OpsSet = 'TFLITE_BUILTINS' | 'TFLITE_BUILTINS_INT8' | 'EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8' | 'SELECT_TF_OPS';
/** `target_spec.supported_types`. */
export type SupportedType = 'float32' | 'float16' | 'int8' | 'int16';
/** `inference_input_type` / `inference_output_type`. */
export type InferenceType = 'float32' | 'int8' | 'uint8' | 'int16';
export type CalibrationMethod = 'minmax' | 'movingavg' | 'percentile' | 'entropy' | 'mse';

export interface CalibrationOptions {
  method: CalibrationMethod;
  /** For `percentile`: the percentile of |x| kept, in (0, 100] (e.g. 99.99). */
  percentile?: number;
}

/** One calibration sample: a value per model input, in input order or by signature input name. */
export type RepresentativeSample = ArrayLike<number>[] | Record<string, ArrayLike<number>>;
/** `representative_dataset`: a function returning the samples (sync or async iterable). */
export type RepresentativeDataset = () => Iterable<RepresentativeSample> | AsyncIterable<RepresentativeSample>;

export interface PruningOptions {
  /** Fraction of weights set to zero, in [0, 1). */
  sparsity: number;
  /** `unstructured` (default) or `2of4` (two of every four consecutive weights; sparsity 0.5). */
  pattern?: 'unstructured' | '2of4';
}

export interface ConverterOptions {
  optimizations?: Optimize[];
  representativeDataset?: RepresentativeDataset;
  supportedOps?: OpsSet[];
  supportedTypes?: SupportedType[];
  inferenceInputType?: InferenceType;
  inferenceOutputType?: InferenceType;
  calibration?: CalibrationOptions;
  /** Per-channel weight quantization (TFLite's default, true); false = per-tensor. */
  perChannel?: boolean;
  /** Node names or op types kept in float when quantizing. */
  denylist?: string[];
  pruning?: PruningOptions;
  /** Value for unknown (-1) batch dimensions of the inputs (TF's converter uses 1). Ignored for `.tflite` input. */
  batchSize?: number;
  onProgress?: ProgressFn;
}

const OPTIMIZE: readonly Optimize[] = ['DEFAULT', 'OPTIMIZE_FOR_SIZE', 'OPTIMIZE_FOR_LATENCY', 'EXPERIMENTAL_SPARSITY'];
const OPS_SETS: readonly OpsSet[] = ['TFLITE_BUILTINS', 'TFLITE_BUILTINS_INT8', 'EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8', 'SELECT_TF_OPS'];
const SUPPORTED_TYPES: readonly SupportedType[] = ['float32', 'float16', 'int8', 'int16'];
const INFERENCE_TYPES: readonly InferenceType[] = ['float32', 'int8', 'uint8', 'int16'];
const CALIBRATION: readonly CalibrationMethod[] = ['minmax', 'movingavg', 'percentile', 'entropy', 'mse'];

function oneOf<T extends string>(what: string, value: unknown, allowed: readonly T[]): void {
  if (!allowed.includes(value as T)) throw new UsageError(`${what}: "${String(value)}" is not one of ${allowed.join(', ')}`);
}

function listOf<T extends string>(what: string, value: unknown, allowed: readonly T[]): void {
  if (!Array.isArray(value)) throw new UsageError(`${what} must be an array`);
  for (const v of value) oneOf(what, v, allowed);
}

/** Checks option values (not whether they are implemented); throws UsageError naming the option. */
export function validateConverterOptions(o: ConverterOptions): void {
  if (o.optimizations !== undefined) listOf('optimizations', o.optimizations, OPTIMIZE);
  if (o.supportedOps !== undefined) listOf('supportedOps', o.supportedOps, OPS_SETS);
  if (o.supportedTypes !== undefined) listOf('supportedTypes', o.supportedTypes, SUPPORTED_TYPES);
  if (o.inferenceInputType !== undefined) oneOf('inferenceInputType', o.inferenceInputType, INFERENCE_TYPES);
  if (o.inferenceOutputType !== undefined) oneOf('inferenceOutputType', o.inferenceOutputType, INFERENCE_TYPES);
  if (o.representativeDataset !== undefined && typeof o.representativeDataset !== 'function') {
    throw new UsageError('representativeDataset must be a function returning an iterable of samples');
  }
  if (o.calibration !== undefined) {
    oneOf('calibration.method', o.calibration.method, CALIBRATION);
    const p = o.calibration.percentile;
    if (o.calibration.method === 'percentile' && (typeof p !== 'number' || !(p > 0 && p <= 100))) {
      throw new UsageError('calibration.percentile must be a number in (0, 100]');
    }
  }
  if (o.perChannel !== undefined && typeof o.perChannel !== 'boolean') throw new UsageError('perChannel must be a boolean');
  if (o.denylist !== undefined && (!Array.isArray(o.denylist) || !o.denylist.every((d) => typeof d === 'string' && d !== ''))) {
    throw new UsageError('denylist must be an array of node names or op types');
  }
  if (o.pruning !== undefined) {
    const { sparsity, pattern } = o.pruning;
    if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity < 1)) throw new UsageError('pruning.sparsity must be a number in [0, 1)');
    if (pattern !== undefined) oneOf('pruning.pattern', pattern, ['unstructured', '2of4'] as const);
    if (pattern === '2of4' && sparsity !== 0.5) throw new UsageError('pruning.pattern 2of4 means sparsity 0.5');
  }
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize > 0)) {
    throw new UsageError(`batchSize must be a positive integer, got ${String(o.batchSize)}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new UsageError('onProgress must be a function');
}

/** The options that would leave the float path, as `name=value` strings (empty: float conversion is all that is asked). */
export function unimplementedOptions(o: ConverterOptions): string[] {
  const out: string[] = [];
  const list = (xs: readonly string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;
  if (implementedQuantMode(o)) return out; // dynamic range or float16, with their perChannel / denylist
  if (o.optimizations?.length) out.push(`optimizations=${list(o.optimizations)} (quantization)`);
  if (o.representativeDataset) out.push('representativeDataset (integer quantization)');
  const ops = (o.supportedOps ?? []).filter((s) => s !== 'TFLITE_BUILTINS');
  if (ops.length) out.push(`supportedOps=${list(ops)}${ops.includes('SELECT_TF_OPS') ? ' (TF ops in TFLite)' : ' (integer quantization)'}`);
  const types = (o.supportedTypes ?? []).filter((t) => t !== 'float32');
  if (types.length) out.push(`supportedTypes=${list(types)} (quantization)`);
  if (o.inferenceInputType !== undefined && o.inferenceInputType !== 'float32') out.push(`inferenceInputType='${o.inferenceInputType}'`);
  if (o.inferenceOutputType !== undefined && o.inferenceOutputType !== 'float32') out.push(`inferenceOutputType='${o.inferenceOutputType}'`);
  if (o.calibration) out.push(`calibration={method: '${o.calibration.method}'${o.calibration.percentile !== undefined ? `, percentile: ${o.calibration.percentile}` : ''}}`);
  if (o.perChannel === false) out.push('perChannel=false (per-tensor quantization)');
  if (o.denylist?.length) out.push(`denylist=${list(o.denylist)}`);
  if (o.pruning) out.push(`pruning={sparsity: ${o.pruning.sparsity}${o.pruning.pattern ? `, pattern: '${o.pruning.pattern}'` : ''}}`);
  return out;
}

/** The error, naming the model first when it does not already (the CLI line is `Type: file: what`). */
function withModelName(e: unknown, name: string): unknown {
  if (!(e instanceof ConversionError || e instanceof UnsupportedOpError) || e.message.startsWith(`${name}:`)) return e;
  if (e instanceof UnsupportedOpError) {
    const context = e.message.slice(0, Math.max(0, e.message.indexOf('unsupported ops: ') - 2));
    return new UnsupportedOpError(e.ops, context ? `${name}: ${context}` : name);
  }
  const wrapped = new ConversionError(`${name}: ${e.message}`);
  wrapped.cause = e;
  return wrapped;
}

/** Nodes in every subgraph of a graph. */
export function operatorCount(graph: Graph): number {
  return graph.subgraphs.reduce((n, s) => n + s.nodes.length, 0);
}

/** A copy of `bytes` that owns its whole ArrayBuffer (the writer returns a view into its builder's memory). */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

export type SavedModelSource = string | URL | ModelSource;
export interface FromSavedModelOptions extends ConverterOptions {
  signatureKey?: string;
  tags?: string[];
}

export class TFLiteConverter {
  readonly options: Readonly<ConverterOptions>;

  constructor(readonly model: LoadedModel, options: ConverterOptions = {}) {
    validateConverterOptions(options);
    this.options = { ...options };
  }

  /** `TFLiteConverter.from_saved_model(saved_model_dir, signature_keys, tags)`: loads, then converts one signature. */
  static async fromSavedModel(source: SavedModelSource, options: FromSavedModelOptions = {}): Promise<TFLiteConverter> {
    const { signatureKey, tags, ...converter } = options;
    const loadOptions: LoadOptions = { format: 'savedmodel' };
    if (signatureKey !== undefined) loadOptions.signatureKey = signatureKey;
    if (tags !== undefined) loadOptions.tags = tags;
    return new TFLiteConverter(await load(source, loadOptions), converter);
  }

  /** `from_keras_model_file` / `from_keras_model`: a `.h5` / `.keras` path, bytes, `{ name, bytes }` or File. */
  static async fromKerasModel(source: ModelSource, options: ConverterOptions = {}): Promise<TFLiteConverter> {
    return new TFLiteConverter(await load(source, { format: 'keras' }), options);
  }

  /** TF1 `from_frozen_graph(graph_def_file, input_arrays, output_arrays, input_shapes)`. */
  static async fromFrozenGraph(
    source: ModelSource, inputArrays?: string[], outputArrays?: string[], inputShapes?: Record<string, number[]> | number[][],
    options: ConverterOptions = {},
  ): Promise<TFLiteConverter> {
    const loadOptions: LoadOptions = { format: 'graphdef' };
    if (inputArrays) loadOptions.inputArrays = inputArrays;
    if (outputArrays) loadOptions.outputArrays = outputArrays;
    if (inputShapes) loadOptions.inputShapes = inputShapes;
    return new TFLiteConverter(await load(source, loadOptions), options);
  }

  /** Any supported source, format sniffed (`load`). */
  static async fromModel(source: ModelSource, options: ConverterOptions & LoadOptions = {}): Promise<TFLiteConverter> {
    const { optimizations, representativeDataset, supportedOps, supportedTypes, inferenceInputType, inferenceOutputType,
      calibration, perChannel, denylist, pruning, batchSize, onProgress, ...loadOptions } = options;
    const converter: ConverterOptions = { optimizations, representativeDataset, supportedOps, supportedTypes, inferenceInputType,
      inferenceOutputType, calibration, perChannel, denylist, pruning, batchSize, onProgress };
    for (const k of Object.keys(converter) as (keyof ConverterOptions)[]) if (converter[k] === undefined) delete converter[k];
    return new TFLiteConverter(await load(source, loadOptions), converter);
  }

  /** Throws the "not implemented yet" ConversionError when options ask for more than float conversion. */
  private checkImplemented(): void {
    const missing = unimplementedOptions(this.options);
    if (missing.length) {
      throw new ConversionError(`${this.model.name}: not implemented yet: ${missing.join('; ')}. ` +
        'This version of litelab writes float, dynamic-range, float16 and full-integer (int8, min/max calibration) models; other calibration methods, int16x8 and pruning come in a later version');
    }
  }

  /**
   * The converted model as IR (TFLite ops, quantized when asked, with CONVERSION_METADATA), before serialization — for cells that
   * look at or transform it. For a `.tflite` input, the graph as read.
   */
  async convertToGraph(): Promise<Graph> {
    this.checkImplemented();
    const { model, options } = this;
    if (model.format === 'tflite') return model.graph;
    let graph: Graph;
    try {
      graph = await convertGraph(model.graph, {
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } catch (e) {
      throw withModelName(e, model.name);
    }
    const mode = implementedQuantMode(options);
    if (mode) {
      options.onProgress?.(`quantize-${mode}`, 0);
      if (mode === 'int8') await applyFullInteger(graph, options, model.name);
      else applyQuantization(graph, mode, options);
      options.onProgress?.(`quantize-${mode}`, 1);
    }
    addConversionMetadata(graph, {
      modelType: model.format, optimizationModes: optimizationModesOf(mode),
      ...(model.tfVersion !== undefined ? { tfVersion: model.tfVersion } : {}),
    });
    return graph;
  }

  /** Serializes a graph from `convertToGraph()` (reports the `write` stage). */
  write(graph: Graph): Uint8Array {
    this.options.onProgress?.('write', 0);
    const bytes = ownBytes(writeTflite(graph));
    this.options.onProgress?.('write', 1);
    return bytes;
  }

  /** The `.tflite` file's bytes. Throws UnsupportedOpError (every unsupported op at once) or ConversionError. */
  async convert(): Promise<Uint8Array> {
    return this.write(await this.convertToGraph());
  }
}
