/**
 * The IR every stage shares: readers build it, passes rewrite it, the runtime executes it, writers serialize it.
 * It is TFLite's model (subgraphs of tensors and operators, signatures, metadata) as linked objects instead of
 * indices: a node holds its tensors, a tensor holds its constant data, so passes insert and delete without
 * renumbering. Writers assign indices and buffers again (tensors sharing one `data` array share one buffer).
 *
 * TFLite operators keep their builtin options as the flatbuffers object-API classes generated from schema.fbs
 * (`Conv2DOptionsT`, …), so every field of every option table survives a read → write round trip.
 */
import type { DType } from './dtype.ts';
import type { BuiltinOptions } from '../formats/tflite/generated/tflite/builtin-options.ts';
import type { BuiltinOptions2 } from '../formats/tflite/generated/tflite/builtin-options2.ts';
import type { CustomOptionsFormat } from '../formats/tflite/generated/tflite/custom-options-format.ts';
import type { QuantizationDetails } from '../formats/tflite/generated/tflite/quantization-details.ts';
import type { SparsityParametersT } from '../formats/tflite/generated/tflite/sparsity-parameters.ts';
import type { VariantSubTypeT } from '../formats/tflite/generated/tflite/variant-sub-type.ts';
import type { OperatorT } from '../formats/tflite/generated/tflite/operator.ts';
import type { QuantizationParametersT } from '../formats/tflite/generated/tflite/quantization-parameters.ts';
import type { ExternalBufferGroupT } from '../formats/tflite/generated/tflite/external-buffer-group.ts';
import type { ExternalBufferT } from '../formats/tflite/generated/tflite/external-buffer.ts';

/** Affine quantization: real = scale × (q − zeroPoint), per tensor (one scale) or per channel along `axis`. */
export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  /** Channel axis for per-channel quantization (TFLite's `quantized_dimension`); 0 for per-tensor. */
  axis: number;
  /** Float range recorded by the converter (TFLite keeps it "for importing back into TensorFlow"). */
  min?: number[];
  max?: number[];
  /** Non-affine schemes (custom, blockwise), carried through unchanged. */
  details?: { type: QuantizationDetails; value: NonNullable<QuantizationParametersT['details']> };
}

export class Tensor {
  constructor(
    public name: string,
    public dtype: DType,
    /** Static shape; a dynamic dimension is 1 here (TFLite's convention) and -1 in `shapeSignature`. */
    public shape: number[],
    /** Constant contents (little-endian, TFLite layout); null for activations and inputs. */
    public data: Uint8Array | null = null,
    public quantization: Quantization | null = null,
  ) {}
  /**
   * Shape with -1 for dynamic dimensions. Readers keep it as the file has it (the MLIR converter writes one even for
   * fully static tensors, and a round trip must not drop it); undefined when the file has none. Builders may leave
   * it undefined when every dimension is static.
   */
  shapeSignature?: number[];
  isVariable = false;
  /** TFLite `has_rank`: true when a scalar-looking `[]` shape really is rank 0 rather than unknown. */
  hasRank = false;
  sparsity?: SparsityParametersT;
  variantTensors?: VariantSubTypeT[];
  /** Index into `Graph.externalBuffers` (TFLite ≥ 2.17 external weights); 0 = none. */
  externalBuffer = 0;

  get isConstant(): boolean {
    return this.data !== null;
  }
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
}

export type BuiltinOptionsValue = NonNullable<OperatorT['builtinOptions']>;
export type BuiltinOptions2Value = NonNullable<OperatorT['builtinOptions2']>;

/**
 * A TensorFlow attribute value, as readers of TF graphs (GraphDef, SavedModel, Keras) store them on nodes with TF op
 * names, before legalization to TFLite builtins: scalars, lists, dtypes (as DType names), shapes, tensors, and
 * function references (`{ func: name }`, for StatefulPartitionedCall / If / While bodies).
 */
export type AttrValue =
  | string | number | boolean | bigint | null
  | number[] | string[] | boolean[]
  | { shape: number[] | null }
  | { func: string; attrs?: Record<string, AttrValue> }
  | Tensor
  | AttrValue[];

export class Node {
  constructor(
    /** BuiltinOperator name (`CONV_2D`), or `CUSTOM` with `customCode`; TF op names in graphs read from TensorFlow. */
    public op: string,
    public inputs: (Tensor | null)[],
    public outputs: Tensor[],
    public version = 1,
  ) {}
  /** Name for messages and the debugger: the TF node name, else (TFLite has none per operator) the first output's. */
  get name(): string {
    return this.tfName || (this.outputs[0]?.name ?? this.op);
  }
  /** TF attributes, for nodes with TF op names (empty on TFLite nodes, which use `options`). */
  attrs: Record<string, AttrValue> = {};
  /** TF node name (nodes read from TF graphs have their own; TFLite nodes leave it empty). */
  tfName = '';
  options: { type: BuiltinOptions; value: BuiltinOptionsValue } | null = null;
  options2: { type: BuiltinOptions2; value: BuiltinOptions2Value } | null = null;
  customCode?: string;
  customOptions?: Uint8Array;
  customOptionsFormat?: CustomOptionsFormat;
  intermediates: Tensor[] = [];
  mutatingVariableInputs?: boolean[];
  debugMetadataIndex = -1;
  /** TFLite `OperatorCode.deprecated_builtin_code` as read, kept so a round trip writes the same byte. */
  deprecatedBuiltinCode?: number;
}

export class Subgraph {
  constructor(
    public name: string,
    public tensors: Tensor[] = [],
    public nodes: Node[] = [],
    public inputs: Tensor[] = [],
    public outputs: Tensor[] = [],
  ) {}
  debugMetadataIndex = -1;
}

export interface SignatureTensor {
  /** Signature-level name (the SignatureDef key), which may differ from the tensor's own name. */
  name: string;
  tensor: Tensor;
}

export interface Signature {
  key: string;
  subgraph: Subgraph;
  inputs: SignatureTensor[];
  outputs: SignatureTensor[];
}

export interface Metadata {
  name: string;
  data: Uint8Array;
}

export class Graph {
  /** TFLite schema version (3). */
  version = 3;
  description = '';
  subgraphs: Subgraph[] = [];
  signatures: Signature[] = [];
  /** Named metadata buffers: `min_runtime_version`, `CONVERSION_METADATA`, TFLite Support metadata… */
  metadata: Metadata[] = [];
  /** Deprecated `Model.metadata_buffer`: raw buffers listed by index in old files. */
  metadataBuffers: Uint8Array[] = [];
  externalBufferGroups: ExternalBufferGroupT[] = [];
  externalBuffers: ExternalBufferT[] = [];

  get main(): Subgraph {
    const g = this.subgraphs[0];
    if (!g) throw new RangeError('graph has no subgraphs');
    return g;
  }
}
