/**
 * The row type of the TF → TFLite op table (DESIGN convention 3) and what a row's functions get to work with.
 *
 * A row says: this TF op (or converter-internal fused op, `_Gelu` …) becomes this TFLite builtin; its TFLite inputs
 * are these TF inputs (`inputs`, default all, in order); its options are built from the TF attrs / constant inputs
 * (`options`, the generated `XxxOptionsT`); `check` says why an instance cannot be legalized (an unsupported attr);
 * `build` replaces the default one-node conversion when weights need re-layout or extra nodes; `version` is the
 * builtin's op-version rule (evaluated on the final node, after fusions).
 */
import type { DType } from '../ir/dtype.ts';
import { Node, type BuiltinOptionsValue, type Tensor } from '../ir/graph.ts';
import type { BuiltinOptions } from '../formats/tflite/generated/tflite/builtin-options.ts';
import { intsOf, int32Bytes } from '../passes/fold/values.ts';
import type { GraphEditor } from '../passes/graph-editor.ts';
import type { VersionFn } from './op-version.ts';

export interface NodeOptions {
  type: BuiltinOptions;
  value: BuiltinOptionsValue;
}

export interface OpRow {
  /** TF op type, or a converter-internal op made by a fusion pass (`_Gelu`, `_HardSwish`, `_Prelu`). */
  readonly tf: string;
  /** TFLite builtin operator name (`BuiltinOperator` key). */
  readonly tflite: string;
  /** TF input index per TFLite input (null = optional input left out); default: every TF input in order. */
  readonly inputs?: readonly (number | null)[];
  readonly options?: (c: LegalizeContext) => NodeOptions | null;
  readonly check?: (c: LegalizeContext) => string | undefined;
  readonly build?: (c: LegalizeContext) => Node[];
  readonly version: VersionFn;
  /** One line for the op list / docs when the mapping is not 1:1. */
  readonly note?: string;
}

/** What row functions see: the TF node, its attrs and constant inputs, and a way to make tensors and nodes. */
export class LegalizeContext {
  constructor(readonly node: Node, readonly g: GraphEditor) {}

  get name(): string {
    return this.node.tfName || this.node.name;
  }

  input(i: number): Tensor | null {
    return this.node.inputs[i] ?? null;
  }

  output(i = 0): Tensor {
    const t = this.node.outputs[i];
    if (!t) throw new RangeError(`${this.name} has no output ${i}`);
    return t;
  }

  /** Integer contents of constant input `i`, or undefined when it is not a constant. */
  ints(i: number): number[] | undefined {
    return intsOf(this.node.inputs[i]);
  }

  str(attr: string, fallback = ''): string {
    const v = this.node.attrs[attr];
    return typeof v === 'string' ? v : fallback;
  }

  num(attr: string, fallback = 0): number {
    const v = this.node.attrs[attr];
    return typeof v === 'number' ? v : fallback;
  }

  bool(attr: string, fallback = false): boolean {
    const v = this.node.attrs[attr];
    return typeof v === 'boolean' ? v : fallback;
  }

  list(attr: string): number[] {
    const v = this.node.attrs[attr];
    return Array.isArray(v) ? (v as number[]) : [];
  }

  dtype(attr: string, fallback: DType): DType {
    const v = this.node.attrs[attr];
    return typeof v === 'string' ? (v as DType) : fallback;
  }

  /** A new int32 constant. */
  int32(name: string, values: number[], shape: number[] = [values.length]): Tensor {
    return this.g.constant(`${this.name}/${name}`, 'int32', shape, int32Bytes(values));
  }

  /** Constant input `i` as int32 (TFLite wants int32 shapes, axes, paddings), converting an int64 constant. */
  int32Input(i: number): Tensor | null {
    const t = this.input(i);
    if (!t || t.dtype === 'int32' || !t.data) return t;
    const v = intsOf(t);
    return v ? this.g.constant(t.name.replace(/:0$/, ''), 'int32', t.shape, int32Bytes(v)) : t;
  }

  /** A TFLite node named after the TF node, reading `inputs`, writing `outputs` (default: the TF node's). */
  make(op: string, inputs: (Tensor | null)[], options: NodeOptions | null, outputs: Tensor[] = this.node.outputs): Node {
    const n = new Node(op, inputs, outputs);
    n.tfName = this.node.tfName;
    n.options = options;
    return n;
  }

  /** Tells the legalizer why this instance is unsupported (same as a failed `check`). */
  fail(reason: string): never {
    throw new LegalizeRefusal(reason);
  }
}

/** Thrown by `build` when it finds an instance it cannot convert; reported like a failed check. */
export class LegalizeRefusal extends Error {
  override name = 'LegalizeRefusal';
}
