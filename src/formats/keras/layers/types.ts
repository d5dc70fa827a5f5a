/**
 * What a Keras layer converter is (`LayerDef`) and what it gets to build TF-op IR nodes with (`LayerContext`),
 * plus small readers for Keras config values. One file per layer family implements `LayerDef`s; `index.ts` is the
 * registry.
 */
import type { AttrValue, Tensor } from '../../../ir/graph.ts';
import type { DType } from '../../../ir/dtype.ts';

export type LayerConfig = Record<string, unknown>;

export interface LayerDef {
  /** Keras variable names this layer stores for `config`, in the order Keras creates (and saves) them. */
  weights?(config: LayerConfig): string[];
  /** A reason this config cannot be converted (listed in UnsupportedOpError), or undefined. */
  unsupported?(config: LayerConfig): string | undefined;
  /** Builds the layer's TF ops on `inputs` (one call of the layer); returns its outputs. */
  emit(ctx: LayerContext, inputs: Tensor[]): Tensor[];
}

/** A family file's layers, by Keras class name. */
export type LayerFamily = Readonly<Record<string, LayerDef>>;

export interface OpOptions {
  /** Output dtype (default: the first input's). */
  dtype?: DType;
  /** Shapes of outputs 1… for multi-output ops (output 0 is the `shape` argument). */
  extraOutputs?: number[][];
  /** Do not add the `T` attr (ops typed by other attrs, e.g. Cast). */
  noT?: boolean;
}

export interface LayerContext {
  readonly name: string;
  readonly className: string;
  readonly config: LayerConfig;
  /** Keras major version that wrote the file (2 or 3): some layers trace to different ops. */
  readonly kerasMajor: number;
  /** A stored weight by Keras variable name (FormatError if the file lacks it or, given `rank`, it has another rank). */
  weight(name: string, rank?: number): Tensor;
  hasWeight(name: string): boolean;
  /**
   * Adds one TF node `<scope>/<layer>/<op>` (uniquified) with `T` = the first input's dtype unless given; returns
   * output 0, whose shape is `shape` (-1 = unknown dim).
   */
  op(op: string, inputs: Tensor[], shape: number[], attrs?: Record<string, AttrValue>, options?: OpOptions): Tensor;
  /** Like `op`, returning every output. */
  opAll(op: string, inputs: Tensor[], shape: number[], attrs?: Record<string, AttrValue>, options?: OpOptions): Tensor[];
  /** A float constant of `dtype` (default float32), named `<scope>/<layer>/<name>`. */
  constFloat(name: string, shape: number[], values: ArrayLike<number>, dtype?: DType): Tensor;
  constInt32(name: string, shape: number[], values: ArrayLike<number>): Tensor;
  /** A constant with `t`'s bytes and dtype under another shape (a folded Reshape / ExpandDims of a weight). */
  constReshaped(name: string, t: Tensor, shape: number[]): Tensor;
  /** Adds a line to the load's notes. */
  note(text: string): void;
  /** Stops the conversion with a ConversionError naming this layer. */
  fail(detail: string): never;
}

// ---- config readers ------------------------------------------------------------------------------------------

export function num(cfg: LayerConfig, key: string, fallback: number): number {
  const v = cfg[key];
  return typeof v === 'number' ? v : fallback;
}

export function optNum(cfg: LayerConfig, key: string): number | undefined {
  const v = cfg[key];
  return typeof v === 'number' ? v : undefined;
}

export function bool(cfg: LayerConfig, key: string, fallback: boolean): boolean {
  const v = cfg[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function str(cfg: LayerConfig, key: string, fallback: string): string {
  const v = cfg[key];
  return typeof v === 'string' ? v : fallback;
}

/** An int-or-list config value as a list of `n` ints (`kernel_size: 3` → [3, 3]). */
export function tuple(cfg: LayerConfig, key: string, n: number, fallback: number): number[] {
  const v = cfg[key];
  if (typeof v === 'number') return Array<number>(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number')) return v as number[];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return Array<number>(n).fill(v[0]);
  return Array<number>(n).fill(fallback);
}

/** A list of ints (`axis: [3]` or `axis: -1` → [3] / [-1]). */
export function ints(cfg: LayerConfig, key: string, fallback: number[]): number[] {
  const v = cfg[key];
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return fallback;
}

/** `channels_last` unless the config says otherwise. */
export function channelsFirst(cfg: LayerConfig): boolean {
  return cfg['data_format'] === 'channels_first';
}

/** Keras padding name → TF's. */
export function tfPadding(cfg: LayerConfig): 'SAME' | 'VALID' {
  return str(cfg, 'padding', 'valid').toLowerCase() === 'same' ? 'SAME' : 'VALID';
}

/** Normalizes a possibly negative axis against `rank`. */
export function axisOf(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Output size of a conv / pool window along one dim (-1 stays unknown). */
export function windowOut(size: number, kernel: number, stride: number, dilation: number, padding: 'SAME' | 'VALID'): number {
  if (size < 0) return -1;
  if (padding === 'SAME') return Math.ceil(size / stride);
  const eff = (kernel - 1) * dilation + 1;
  return Math.max(0, Math.floor((size - eff) / stride) + 1);
}
