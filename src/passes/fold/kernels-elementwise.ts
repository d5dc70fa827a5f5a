/**
 * Folding kernels for element-wise TF ops with NumPy broadcasting: arithmetic (AddV2, Sub, Mul, RealDiv, FloorDiv,
 * FloorMod, Maximum, Minimum, Pow, SquaredDifference, BiasAdd), comparisons and logic (bool results), unary math
 * (Neg, Abs, Sqrt, Rsqrt, Exp, Log, Square, Reciprocal, Floor, Ceil, Round (half to even, as TF), Sign, Tanh,
 * Sigmoid, Relu, Relu6, Erf), Cast, Select / SelectV2. Integer division truncates toward −∞ for FloorDiv and
 * toward 0 for Div on ints, as TF's kernels do.
 */
import type { DType } from '../../ir/dtype.ts';
import type { Node } from '../../ir/graph.ts';
import type { FoldKernel } from './kernel.ts';
import { isFloat, normalize, sizeOf, stridesOf, type Value } from './values.ts';

/** NumPy broadcast of two shapes, or undefined when they do not broadcast. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] | undefined {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** For each output element, the index into an input of `shape` broadcast to `out`. */
function broadcastIndex(shape: readonly number[], out: readonly number[]): Int32Array {
  const n = sizeOf(out);
  const idx = new Int32Array(n);
  const rank = out.length;
  const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
  const inStrides = stridesOf(padded);
  const pos = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) if (padded[i] !== 1) src += pos[i]! * inStrides[i]!;
    idx[o] = src;
    for (let i = rank - 1; i >= 0; i--) {
      if (++pos[i]! < out[i]!) break;
      pos[i] = 0;
    }
  }
  return idx;
}

export function broadcastTo(v: Value, shape: readonly number[]): Value {
  const idx = broadcastIndex(v.shape, shape);
  const data = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) data[i] = v.data[idx[i]!]!;
  return { dtype: v.dtype, shape: [...shape], data };
}

function binary(f: (x: number, y: number, dtype: DType) => number, outType?: DType): FoldKernel {
  return ([a, b]) => {
    if (!a || !b) return undefined;
    const shape = broadcastShapes(a.shape, b.shape);
    if (!shape) return undefined;
    const ia = broadcastIndex(a.shape, shape);
    const ib = broadcastIndex(b.shape, shape);
    const data = new Float64Array(ia.length);
    for (let i = 0; i < data.length; i++) data[i] = f(a.data[ia[i]!]!, b.data[ib[i]!]!, a.dtype);
    return [normalize({ dtype: outType ?? a.dtype, shape, data })];
  };
}

function unary(f: (x: number) => number, floatOnly = false): FoldKernel {
  return ([a]) => {
    if (!a || (floatOnly && !isFloat(a.dtype))) return undefined;
    return [normalize({ dtype: a.dtype, shape: [...a.shape], data: a.data.map(f) })];
  };
}

const div = (x: number, y: number, d: DType): number => (isFloat(d) ? x / y : y === 0 ? 0 : Math.trunc(x / y));
const floorDiv = (x: number, y: number, d: DType): number => (isFloat(d) ? Math.floor(x / y) : y === 0 ? 0 : Math.floor(x / y));
const floorMod = (x: number, y: number, d: DType): number => {
  if (!isFloat(d) && y === 0) return 0;
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
};

/** Round half to even (TF's Round). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** erf: Maclaurin series below 2.5, the erfc continued fraction above (double precision, ~1e-15). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf x = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let sum = 0;
    let term = ax;
    for (let n = 0; n < 80; n++) {
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
      term *= (-ax * ax) / (n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc (Lentz), converges fast for |x| ≥ 2.5.
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + (k / 2) / f;
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
  return Math.sign(x) * (1 - erfc);
}

const cast: FoldKernel = ([a], node: Node) => {
  const dst = node.attrs['DstT'];
  if (!a || typeof dst !== 'string') return undefined;
  const to = dst as DType;
  const data = isFloat(a.dtype) && !isFloat(to) ? a.data.map(Math.trunc) : Float64Array.from(a.data);
  return [normalize({ dtype: to, shape: [...a.shape], data })];
};

const select: FoldKernel = ([c, x, y], node) => {
  if (!c || !x || !y) return undefined;
  // Select (v1) with a rank-1 condition picks whole rows; SelectV2 broadcasts all three.
  let cond = c;
  if (node.op === 'Select' && c.shape.length === 1 && x.shape.length > 1) cond = { ...c, shape: [c.shape[0]!, ...new Array<number>(x.shape.length - 1).fill(1)] };
  const s1 = broadcastShapes(cond.shape, x.shape);
  const shape = s1 && broadcastShapes(s1, y.shape);
  if (!shape) return undefined;
  const cb = broadcastTo(cond, shape);
  const xb = broadcastTo(x, shape);
  const yb = broadcastTo(y, shape);
  const data = cb.data.map((v, i) => (v ? xb.data[i]! : yb.data[i]!));
  return [{ dtype: x.dtype, shape, data }];
};

export const ELEMENTWISE_KERNELS: Readonly<Record<string, FoldKernel>> = {
  Add: binary((x, y) => x + y), AddV2: binary((x, y) => x + y), BiasAdd: binary((x, y) => x + y),
  Sub: binary((x, y) => x - y), Mul: binary((x, y) => x * y),
  RealDiv: binary((x, y) => x / y), Div: binary(div), FloorDiv: binary(floorDiv), FloorMod: binary(floorMod),
  DivNoNan: binary((x, y, d) => (y === 0 ? 0 : div(x, y, d))),
  Maximum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))),
  Minimum: binary((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))),
  Pow: binary((x, y) => x ** y), SquaredDifference: binary((x, y) => (x - y) * (x - y)),
  Equal: binary((x, y) => (x === y ? 1 : 0), 'bool'), NotEqual: binary((x, y) => (x !== y ? 1 : 0), 'bool'),
  Less: binary((x, y) => (x < y ? 1 : 0), 'bool'), LessEqual: binary((x, y) => (x <= y ? 1 : 0), 'bool'),
  Greater: binary((x, y) => (x > y ? 1 : 0), 'bool'), GreaterEqual: binary((x, y) => (x >= y ? 1 : 0), 'bool'),
  LogicalAnd: binary((x, y) => (x && y ? 1 : 0), 'bool'), LogicalOr: binary((x, y) => (x || y ? 1 : 0), 'bool'),
  LogicalNot: unary((x) => (x ? 0 : 1)),
  Neg: unary((x) => -x), Abs: unary(Math.abs), Square: unary((x) => x * x), Sign: unary(Math.sign),
  Sqrt: unary(Math.sqrt, true), Rsqrt: unary((x) => 1 / Math.sqrt(x), true), Exp: unary(Math.exp, true),
  Log: unary(Math.log, true), Reciprocal: unary((x) => 1 / x, true), Floor: unary(Math.floor), Ceil: unary(Math.ceil),
  Round: unary(roundHalfEven), Tanh: unary(Math.tanh, true), Sigmoid: unary((x) => 1 / (1 + Math.exp(-x)), true),
  Relu: unary((x) => Math.max(0, x)), Relu6: unary((x) => Math.min(6, Math.max(0, x))), Erf: unary(erf, true),
  Cast: cast, Select: select, SelectV2: select,
};
