/**
 * What the TF-graph import needs of TensorFlow's OpDefs: the output args of each op (names, so that
 * function-body references `node:out_arg:k` resolve to flat output indices; counts via `number_attr` /
 * `type_list_attr`; dtypes via `type` / `type_attr`) and attribute defaults (SavedModels are written with
 * `stripped_default_attrs`, so e.g. Conv2D's `dilations` is absent from the NodeDef when it is the default).
 *
 * The MetaGraph's `stripped_op_list` (every op the graph and its functions use) is authoritative; the table below
 * covers frozen GraphDefs, which carry no op list, for the ops models commonly contain.
 */
import type { tensorflow } from './generated/tf-protos.js';
import { int64ToNumber, type AttrProto } from './tf-proto.ts';

export type OpDef = tensorflow.OpDef.$Properties;

export interface ArgSpec {
  name: string;
  /** Fixed TF DataType value (0 = none). */
  type: number;
  typeAttr: string;
  numberAttr: string;
  typeListAttr: string;
}

export interface OpSpec {
  name: string;
  inputs: ArgSpec[];
  outputs: ArgSpec[];
  defaults: Record<string, AttrProto>;
}

const FIXED: Readonly<Record<string, number>> = { float32: 1, int32: 3, string: 7, int64: 9, bool: 10, resource: 20, variant: 21 };

/** `name:T`, `name:N*T` (number_attr × type_attr), `name:[T]` (type_list_attr), `name:int32` (fixed type). */
function parseArgs(spec: string): ArgSpec[] {
  return spec.split(' ').filter(Boolean).map((tok) => {
    const [name = '', t = ''] = tok.split(':');
    const arg: ArgSpec = { name, type: 0, typeAttr: '', numberAttr: '', typeListAttr: '' };
    if (t.startsWith('[')) arg.typeListAttr = t.slice(1, -1);
    else if (t.includes('*')) [arg.numberAttr = '', arg.typeAttr = ''] = t.split('*');
    else if (FIXED[t] !== undefined) arg.type = FIXED[t];
    else arg.typeAttr = t;
    return arg;
  });
}

const enc = new TextEncoder();
const S = (s: string): AttrProto => ({ s: enc.encode(s) });
const I = (i: number): AttrProto => ({ i });
const F = (f: number): AttrProto => ({ f });
const B = (b: boolean): AttrProto => ({ b });
const LI = (...i: number[]): AttrProto => ({ list: { i } });

const NHWC = { data_format: S('NHWC') };
const CONV = { ...NHWC, dilations: LI(1, 1, 1, 1), explicit_paddings: LI() };
const REDUCE = { keep_dims: B(false), Tidx: { type: 3 } };
const BN = { epsilon: F(0.0001), exponential_avg_factor: F(1), ...NHWC, is_training: B(true) };

/** Built-in output specs and defaults: op → [outputs, defaults]. */
const BUILTIN: Readonly<Record<string, readonly [string, Record<string, AttrProto>?]>> = {
  Const: ['output:dtype'], Placeholder: ['output:dtype'], PlaceholderWithDefault: ['output:dtype'],
  Identity: ['output:T'], IdentityN: ['output:[T]'], NoOp: [''], StopGradient: ['output:T'], Snapshot: ['output:T'],
  VariableV2: ['ref:dtype'], Variable: ['ref:dtype'], VarHandleOp: ['resource:resource'], ReadVariableOp: ['value:dtype'],
  MatMul: ['product:T', { transpose_a: B(false), transpose_b: B(false) }],
  BatchMatMul: ['output:T', { adj_x: B(false), adj_y: B(false) }], BatchMatMulV2: ['output:T', { adj_x: B(false), adj_y: B(false) }],
  BatchMatMulV3: ['output:Tout', { adj_x: B(false), adj_y: B(false) }],
  Conv2D: ['output:T', { ...CONV, use_cudnn_on_gpu: B(true) }], DepthwiseConv2dNative: ['output:T', CONV],
  Conv2DBackpropInput: ['output:T', { ...CONV, use_cudnn_on_gpu: B(true) }], Conv3D: ['output:T', { data_format: S('NDHWC'), dilations: LI(1, 1, 1, 1, 1) }],
  BiasAdd: ['output:T', NHWC], BiasAddV1: ['output:T'],
  Add: ['z:T'], AddV2: ['z:T'], Sub: ['z:T'], Mul: ['z:T'], RealDiv: ['z:T'], Div: ['z:T'], DivNoNan: ['z:T'],
  Maximum: ['z:T'], Minimum: ['z:T'], Pow: ['z:T'], SquaredDifference: ['z:T'], FloorDiv: ['z:T'], FloorMod: ['z:T'],
  AddN: ['sum:T'], BiasAddGrad: ['output:T'],
  Relu: ['activations:T'], Relu6: ['activations:T'], Elu: ['activations:T'], Selu: ['activations:T'],
  LeakyRelu: ['activations:T', { alpha: F(0.2) }], Softplus: ['activations:T'], Softsign: ['activations:T'],
  Sigmoid: ['y:T'], Tanh: ['y:T'], Softmax: ['softmax:T'], LogSoftmax: ['logsoftmax:T'],
  Sqrt: ['y:T'], Rsqrt: ['y:T'], Exp: ['y:T'], Log: ['y:T'], Neg: ['y:T'], Abs: ['y:T'], Square: ['y:T'], Floor: ['y:T'],
  Ceil: ['y:T'], Round: ['y:T'], Sin: ['y:T'], Cos: ['y:T'], Reciprocal: ['y:T'], Sign: ['y:T'], Erf: ['y:T'],
  Reshape: ['output:T'], Squeeze: ['output:T', { squeeze_dims: LI() }], ExpandDims: ['output:T'], Transpose: ['y:T'],
  ConcatV2: ['output:T'], Concat: ['output:T'], Pack: ['output:T', { axis: I(0) }], Unpack: ['output:num*T', { axis: I(0) }],
  Split: ['output:num_split*T'], SplitV: ['output:num_split*T'],
  Shape: ['output:out_type', { out_type: { type: 3 } }], Size: ['output:out_type', { out_type: { type: 3 } }], Rank: ['output:int32'],
  StridedSlice: ['output:T', { begin_mask: I(0), end_mask: I(0), ellipsis_mask: I(0), new_axis_mask: I(0), shrink_axis_mask: I(0) }],
  Slice: ['output:T'], Pad: ['output:T'], PadV2: ['output:T'], MirrorPad: ['output:T'], Tile: ['output:T'],
  Mean: ['output:T', REDUCE], Sum: ['output:T', REDUCE], Max: ['output:T', REDUCE], Min: ['output:T', REDUCE],
  Prod: ['output:T', REDUCE], All: ['output:bool', REDUCE], Any: ['output:bool', REDUCE],
  ArgMax: ['output:output_type', { output_type: { type: 9 } }], ArgMin: ['output:output_type', { output_type: { type: 9 } }],
  MaxPool: ['output:T', { ...NHWC, explicit_paddings: LI() }], AvgPool: ['output:T', NHWC], MaxPoolV2: ['output:T', NHWC],
  FusedBatchNorm: ['y:T batch_mean:T batch_variance:T reserve_space_1:T reserve_space_2:T', BN],
  FusedBatchNormV2: ['y:T batch_mean:U batch_variance:U reserve_space_1:U reserve_space_2:U', BN],
  FusedBatchNormV3: ['y:T batch_mean:U batch_variance:U reserve_space_1:U reserve_space_2:U reserve_space_3:U', BN],
  Cast: ['y:DstT', { Truncate: B(false) }], Fill: ['output:T'], ZerosLike: ['y:T'], OnesLike: ['y:T'],
  GatherV2: ['output:Tparams', { batch_dims: I(0) }], Gather: ['output:Tparams'], GatherNd: ['output:Tparams'],
  Select: ['output:T'], SelectV2: ['output:T'], Where: ['index:int64'],
  Equal: ['z:bool'], NotEqual: ['z:bool'], Less: ['z:bool'], LessEqual: ['z:bool'], Greater: ['z:bool'], GreaterEqual: ['z:bool'],
  LogicalAnd: ['z:bool'], LogicalOr: ['z:bool'], LogicalNot: ['y:bool'],
  ResizeBilinear: ['resized_images:float32', { align_corners: B(false), half_pixel_centers: B(false) }],
  ResizeNearestNeighbor: ['resized_images:T', { align_corners: B(false), half_pixel_centers: B(false) }],
  TopKV2: ['values:T indices:int32', { sorted: B(true) }], Range: ['output:Tidx'], Einsum: ['output:T'],
  Switch: ['output_false:T output_true:T'], Merge: ['output:T value_index:int32'],
  StatefulPartitionedCall: ['output:[Tout]'], PartitionedCall: ['output:[Tout]'],
  BroadcastTo: ['output:T'], BroadcastArgs: ['r0:T'], Cumsum: ['out:T', { exclusive: B(false), reverse: B(false) }],
  SpaceToBatchND: ['output:T'], BatchToSpaceND: ['output:T'], DepthToSpace: ['output:T', NHWC], SpaceToDepth: ['output:T', NHWC],
  FakeQuantWithMinMaxVars: ['outputs:float32', { num_bits: I(8), narrow_range: B(false) }],
  FakeQuantWithMinMaxArgs: ['outputs:float32', { min: F(-6), max: F(6), num_bits: I(8), narrow_range: B(false) }],
  ResourceGather: ['output:dtype', { batch_dims: I(0), validate_indices: B(true) }],
};

function specFromOpDef(d: OpDef): OpSpec {
  const arg = (a: tensorflow.OpDef.ArgDef.$Properties): ArgSpec => ({
    name: a.name ?? '', type: a.type ?? 0, typeAttr: a.typeAttr ?? '', numberAttr: a.numberAttr ?? '', typeListAttr: a.typeListAttr ?? '',
  });
  const defaults: Record<string, AttrProto> = {};
  for (const a of d.attr ?? []) if (a.name && a.defaultValue) defaults[a.name] = a.defaultValue;
  return { name: d.name ?? '', inputs: (d.inputArg ?? []).map(arg), outputs: (d.outputArg ?? []).map(arg), defaults };
}

/** Op specs by op type: the model's own OpDefs first, then the built-in table. */
export class OpRegistry {
  private readonly specs = new Map<string, OpSpec>();
  constructor(opDefs: readonly OpDef[] = []) {
    for (const d of opDefs) if (d.name) this.specs.set(d.name, specFromOpDef(d));
  }
  get(op: string): OpSpec | undefined {
    let s = this.specs.get(op);
    if (!s) {
      const b = BUILTIN[op];
      if (!b) return undefined;
      s = { name: op, inputs: [], outputs: parseArgs(b[0]), defaults: b[1] ?? {} };
      this.specs.set(op, s);
    }
    return s;
  }
  /** The spec of a FunctionDef's signature (a function called as an op). */
  static fromSignature(d: OpDef): OpSpec {
    return specFromOpDef(d);
  }
}

export type AttrLookup = (name: string) => AttrProto | undefined;

/** How many tensors each arg stands for, given the node's attrs (with defaults); -1 when an attr is missing. */
export function argSizes(args: readonly ArgSpec[], attr: AttrLookup): number[] {
  return args.map((a) => {
    if (a.numberAttr) {
      const v = attr(a.numberAttr)?.i;
      return v === null || v === undefined ? -1 : int64ToNumber(v);
    }
    if (a.typeListAttr) {
      const l = attr(a.typeListAttr)?.list;
      return l ? (l.type ?? []).length : -1;
    }
    return 1;
  });
}

/** The TF DataType of every output tensor, flattened (0 where unknown); null when a count is unknown. */
export function outputTypes(spec: OpSpec, attr: AttrLookup): number[] | null {
  const sizes = argSizes(spec.outputs, attr);
  if (sizes.some((s) => s < 0 || s > 1_000_000)) return null;
  const out: number[] = [];
  spec.outputs.forEach((a, k) => {
    if (a.typeListAttr) out.push(...(attr(a.typeListAttr)?.list?.type ?? []));
    else for (let j = 0; j < sizes[k]!; j++) out.push(a.type || (attr(a.typeAttr)?.type ?? 0));
  });
  return out;
}
