/**
 * One small TF-op graph per row of the TF → TFLite table (used by the test that walks every row): each sample
 * builds a graph around one node of the row's op, on float inputs in [-2, 2) (ops that need positive or boolean
 * operands derive them inside the graph).
 */
import type { Tensor } from '../../src/ir/graph.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, TfBuilder } from '../passes/helpers.ts';

export type Sample = (b: TfBuilder, rng: Rng) => void;

const X4 = [1, 4, 4, 3];
const i32 = (b: TfBuilder, name: string, v: number[], shape = [v.length]): Tensor => b.const(name, shape, v, 'int32');

function unary(op: string, positive = false): Sample {
  return (b) => {
    const x = b.input('x', [2, 5]);
    const arg = positive ? b.op('AddV2', [b.op('Abs', [x], [2, 5]), b.const('one', [], [0.5])], [2, 5]) : x;
    b.output(b.op(op, [arg], [2, 5]));
  };
}

function binary(op: string, rhs: 'input' | 'const' = 'input', positive = false): Sample {
  return (b, rng) => {
    const x = b.input('x', [2, 3]);
    const y = rhs === 'input' ? b.input('y', [2, 3]) : b.random('c', [3], rng, 0.5, 1.5);
    const arg = positive ? b.op('Abs', [x], [2, 3]) : x;
    b.output(b.op(op, [arg, y], [2, 3]));
  };
}

function compare(op: string): Sample {
  return (b) => {
    const x = b.input('x', [2, 3]);
    b.output(b.op(op, [x, b.input('y', [2, 3])], [2, 3], {}, undefined, 'bool'));
  };
}

function reduce(op: string, bool = false): Sample {
  return (b) => {
    const x = b.input('x', [2, 3, 4]);
    const arg = bool ? b.op('Greater', [x, b.const('z', [], [0])], [2, 3, 4], {}, undefined, 'bool') : x;
    b.output(b.op(op, [arg, i32(b, 'axes', [1])], [2, 4], { keep_dims: false, Tidx: 'int32' }, undefined, bool ? 'bool' : 'float32'));
  };
}

const matmul = (op: string, constW: boolean, attrs: Record<string, boolean>): Sample => (b, rng) => {
  const x = b.input('x', op === 'MatMul' ? [3, 4] : [2, 3, 4]);
  const w = constW ? b.random('w', [4, 5], rng) : b.input('w', op === 'MatMul' ? [4, 5] : [2, 4, 5]);
  b.output(b.op(op, [x, w], op === 'MatMul' ? [3, 5] : [2, 3, 5], attrs));
};

export const SAMPLES: Readonly<Record<string, Sample>> = {
  Conv2D: (b, rng) => b.output(b.op('Conv2D', [b.input('x', X4), b.random('k', [3, 3, 3, 2], rng)], [1, 2, 2, 2], { ...NHWC_CONV, strides: [1, 2, 2, 1] })),
  DepthwiseConv2dNative: (b, rng) => b.output(b.op('DepthwiseConv2dNative', [b.input('x', X4), b.random('k', [3, 3, 3, 2], rng)], [1, 4, 4, 6], { ...NHWC_CONV, dilations: [1, 2, 2, 1] })),
  MatMul: matmul('MatMul', true, { transpose_a: false, transpose_b: false }),
  BatchMatMul: matmul('BatchMatMul', false, { adj_x: false, adj_y: false }),
  BatchMatMulV2: matmul('BatchMatMulV2', true, { adj_x: false, adj_y: false }),
  BatchMatMulV3: matmul('BatchMatMulV3', false, { adj_x: false, adj_y: false }),
  AvgPool: (b) => b.output(b.op('AvgPool', [b.input('x', X4)], [1, 2, 2, 3], { ksize: [1, 3, 3, 1], strides: [1, 2, 2, 1], padding: 'SAME', data_format: 'NHWC' })),
  MaxPool: (b) => b.output(b.op('MaxPool', [b.input('x', X4)], [1, 2, 2, 3], { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID', data_format: 'NHWC' })),
  Conv2DBackpropInput: (b, rng) => b.output(b.op('Conv2DBackpropInput', [i32(b, 'out_shape', [1, 8, 8, 2]), b.random('k', [3, 3, 2, 3], rng), b.input('x', X4)], [1, 8, 8, 2], { ...NHWC_CONV, strides: [1, 2, 2, 1] })),
  Relu: unary('Relu'), Relu6: unary('Relu6'), Sigmoid: unary('Sigmoid'), Tanh: unary('Tanh'), Elu: unary('Elu'),
  _HardSwish: unary('_HardSwish'), LogSoftmax: unary('LogSoftmax'), Softmax: unary('Softmax'),
  LeakyRelu: (b) => b.output(b.op('LeakyRelu', [b.input('x', [2, 5])], [2, 5], { alpha: 0.3 })),
  _Gelu: (b) => b.output(b.op('_Gelu', [b.input('x', [2, 5])], [2, 5], { approximate: true })),
  _Prelu: (b, rng) => b.output(b.op('_Prelu', [b.input('x', [2, 5]), b.random('alpha', [5], rng, 0, 0.5)], [2, 5])),
  AddV2: binary('AddV2'), Add: binary('Add'), Sub: binary('Sub'), Mul: binary('Mul'), RealDiv: binary('RealDiv', 'const'),
  Div: binary('Div', 'const'), FloorDiv: binary('FloorDiv', 'const'), FloorMod: binary('FloorMod', 'const'),
  BiasAdd: (b, rng) => b.output(b.op('BiasAdd', [b.input('x', X4), b.random('bias', [3], rng)], X4, { data_format: 'NHWC' })),
  Maximum: binary('Maximum'), Minimum: binary('Minimum'), Pow: binary('Pow', 'const', true), SquaredDifference: binary('SquaredDifference'),
  Equal: compare('Equal'), NotEqual: compare('NotEqual'), Less: compare('Less'), LessEqual: compare('LessEqual'),
  Greater: compare('Greater'), GreaterEqual: compare('GreaterEqual'),
  LogicalAnd: (b) => {
    const x = b.input('x', [2, 3]);
    const p = b.op('Greater', [x, b.const('z', [], [0])], [2, 3], {}, undefined, 'bool');
    const q = b.op('Less', [x, b.const('h', [], [1])], [2, 3], {}, undefined, 'bool');
    b.output(b.op('LogicalAnd', [p, q], [2, 3], {}, undefined, 'bool')).output(b.op('LogicalOr', [p, q], [2, 3], {}, undefined, 'bool'));
  },
  LogicalOr: (b) => {
    const x = b.input('x', [2, 3]);
    const p = b.op('Greater', [x, b.const('z', [], [0])], [2, 3], {}, undefined, 'bool');
    b.output(b.op('LogicalOr', [p, b.op('LogicalNot', [p], [2, 3], {}, undefined, 'bool')], [2, 3], {}, undefined, 'bool'));
  },
  LogicalNot: (b) => b.output(b.op('LogicalNot', [b.op('Greater', [b.input('x', [2, 3]), b.const('z', [], [0])], [2, 3], {}, undefined, 'bool')], [2, 3], {}, undefined, 'bool')),
  SelectV2: (b) => {
    const x = b.input('x', [2, 3]);
    const c = b.op('Greater', [x, b.const('z', [], [0])], [2, 3], {}, undefined, 'bool');
    b.output(b.op('SelectV2', [c, x, b.input('y', [2, 3])], [2, 3]));
  },
  Select: (b) => {
    const x = b.input('x', [2, 3]);
    const c = b.op('Greater', [x, b.const('z', [], [0])], [2, 3], {}, undefined, 'bool');
    b.output(b.op('Select', [c, x, b.input('y', [2, 3])], [2, 3]));
  },
  Rsqrt: unary('Rsqrt', true), Sqrt: unary('Sqrt', true), Exp: unary('Exp'), Log: unary('Log', true), Neg: unary('Neg'),
  Abs: unary('Abs'), Square: unary('Square'), Floor: unary('Floor'), Ceil: unary('Ceil'), Round: unary('Round'),
  Sin: unary('Sin'), Cos: unary('Cos'), Sign: unary('Sign'), ZerosLike: unary('ZerosLike'),
  Cast: (b) => b.output(b.op('Cast', [b.input('x', [2, 5])], [2, 5], { SrcT: 'float32', DstT: 'int32' }, undefined, 'int32')),
  Mean: reduce('Mean'), Sum: reduce('Sum'), Max: reduce('Max'), Min: reduce('Min'), Prod: reduce('Prod'),
  Any: reduce('Any', true), All: reduce('All', true),
  ArgMax: (b) => b.output(b.op('ArgMax', [b.input('x', [2, 5]), i32(b, 'axis', [1], [])], [2], { output_type: 'int32' }, undefined, 'int32')),
  ArgMin: (b) => b.output(b.op('ArgMin', [b.input('x', [2, 5]), i32(b, 'axis', [0], [])], [5], { output_type: 'int32' }, undefined, 'int32')),
  Identity: (b) => b.output(b.op('Identity', [b.input('x', [2, 3])], [2, 3])),
  Reshape: (b) => b.output(b.op('Reshape', [b.input('x', [2, 6]), i32(b, 's', [3, -1])], [3, 4])),
  Squeeze: (b) => b.output(b.op('Squeeze', [b.input('x', [1, 3, 1, 2])], [3, 2], { squeeze_dims: [0, 2] })),
  ExpandDims: (b) => b.output(b.op('ExpandDims', [b.input('x', [3, 2]), i32(b, 'd', [-1], [])], [3, 2, 1])),
  Transpose: (b) => b.output(b.op('Transpose', [b.input('x', [2, 3, 4]), i32(b, 'p', [2, 0, 1])], [4, 2, 3])),
  ConcatV2: (b) => b.output(b.op('ConcatV2', [b.input('x', [2, 3]), b.input('y', [2, 2]), i32(b, 'axis', [-1], [])], [2, 5], { N: 2 })),
  Pack: (b) => b.output(b.op('Pack', [b.input('x', [2, 3]), b.input('y', [2, 3])], [2, 2, 3], { axis: 1, N: 2 })),
  Unpack: (b) => b.opN('Unpack', [b.input('x', [2, 3])], [[3], [3]], { axis: 0, num: 2 }).forEach((t) => b.output(t)),
  Pad: (b) => b.output(b.op('Pad', [b.input('x', [2, 3]), i32(b, 'p', [1, 0, 0, 2], [2, 2])], [3, 5])),
  PadV2: (b) => b.output(b.op('PadV2', [b.input('x', [2, 3]), i32(b, 'p', [1, 0, 0, 2], [2, 2]), b.const('v', [], [7])], [3, 5])),
  MirrorPad: (b) => b.output(b.op('MirrorPad', [b.input('x', [3, 4]), i32(b, 'p', [1, 1, 2, 1], [2, 2])], [5, 7], { mode: 'REFLECT' })),
  StridedSlice: (b) => b.output(b.op('StridedSlice', [b.input('x', [4, 6]), i32(b, 'b', [1, -1]), i32(b, 'e', [3, 0]), i32(b, 's', [1, -2])], [2, 3], { begin_mask: 0, end_mask: 2 })),
  Slice: (b) => b.output(b.op('Slice', [b.input('x', [4, 6]), i32(b, 'b', [1, 2]), i32(b, 's', [2, -1])], [2, 4])),
  GatherV2: (b) => b.output(b.op('GatherV2', [b.input('x', [4, 3]), i32(b, 'i', [3, 0, 3]), i32(b, 'a', [0], [])], [3, 3], { batch_dims: 0 })),
  Tile: (b) => b.output(b.op('Tile', [b.input('x', [2, 3]), i32(b, 'm', [2, 1])], [4, 3])),
  Fill: (b) => b.output(b.op('Fill', [i32(b, 'd', [2, 3]), b.op('Sum', [b.input('x', [4]), i32(b, 'ax', [0])], [], { keep_dims: false })], [2, 3], {}, undefined, 'float32')),
  Shape: (b) => b.output(b.op('Shape', [b.input('x', [2, 3, 4])], [3], { out_type: 'int32' }, undefined, 'int32')),
  Rank: (b) => b.output(b.op('Rank', [b.input('x', [2, 3, 4])], [], {}, undefined, 'int32')),
  Split: (b) => b.opN('Split', [i32(b, 'axis', [1], []), b.input('x', [2, 6])], [[2, 3], [2, 3]], { num_split: 2 }, undefined, 'float32').forEach((t) => b.output(t)),
  SplitV: (b) => b.opN('SplitV', [b.input('x', [2, 6]), i32(b, 's', [1, -1]), i32(b, 'axis', [1], [])], [[2, 1], [2, 5]], { num_split: 2 }).forEach((t) => b.output(t)),
  SpaceToDepth: (b) => b.output(b.op('SpaceToDepth', [b.input('x', X4)], [1, 2, 2, 12], { block_size: 2, data_format: 'NHWC' })),
  DepthToSpace: (b) => b.output(b.op('DepthToSpace', [b.input('x', [1, 2, 2, 8])], [1, 4, 4, 2], { block_size: 2, data_format: 'NHWC' })),
  BroadcastTo: (b) => b.output(b.op('BroadcastTo', [b.input('x', [1, 3]), i32(b, 's', [2, 3])], [2, 3])),
  ResizeBilinear: (b) => b.output(b.op('ResizeBilinear', [b.input('x', X4), i32(b, 's', [8, 6])], [1, 8, 6, 3], { align_corners: false, half_pixel_centers: true })),
  ResizeNearestNeighbor: (b) => b.output(b.op('ResizeNearestNeighbor', [b.input('x', X4), i32(b, 's', [8, 8])], [1, 8, 8, 3], { align_corners: false, half_pixel_centers: false })),
  Range: (b) => {
    const r = b.op('Range', [b.const('s', [], [1]), b.const('l', [], [4]), b.const('d', [], [0.5])], [6], { Tidx: 'float32' });
    b.output(b.op('AddV2', [r, b.input('x', [1])], [6]));
  },
  Cumsum: (b) => b.output(b.op('Cumsum', [b.input('x', [2, 4]), i32(b, 'a', [1], [])], [2, 4], { exclusive: false, reverse: true })),
  TopKV2: (b) => {
    const [v, i] = b.opN('TopKV2', [b.input('x', [2, 6]), i32(b, 'k', [3], [])], [[2, 3], [2, 3]], { sorted: true });
    i!.dtype = 'int32';
    b.output(v!).output(i!);
  },
};
