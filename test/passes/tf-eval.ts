/**
 * Test helper: a tiny reference evaluator for TF-op IR graphs (src/ir/tf-graph.md), in double precision, so pass
 * tests can run a graph before and after a rewrite on the same seeded inputs. Uses the constant-folding kernels
 * (src/passes/fold/) for element-wise, shape and reduction ops, plus the NN ops folding does not need: Conv2D,
 * DepthwiseConv2dNative (NHWC, SAME / VALID / EXPLICIT, strides, dilations), AvgPool / MaxPool, FusedBatchNorm*,
 * Identity-like ops, activations and the converter's fused ops (_Gelu, _HardSwish, _Prelu).
 */
import type { Graph, Node, Tensor } from '../../src/ir/graph.ts';
import { evaluate } from '../../src/passes/fold/index.ts';
import { erf } from '../../src/passes/fold/kernels-elementwise.ts';
import { sizeOf, valueOf, type Value } from '../../src/passes/fold/values.ts';
import { samePadding, windowOutput, type PaddingKind } from '../../src/passes/shapes/window.ts';

type Kernel = (ins: Value[], node: Node) => Value[];

const map = (x: Value, f: (v: number) => number): Value => ({ dtype: x.dtype, shape: [...x.shape], data: x.data.map(f) });

/** (pad before H, pad before W, out H, out W) for a window op on NHWC `x`. */
function geometry(node: Node, x: Value, kh: number, kw: number, dilated: boolean) {
  const s = (node.attrs['strides'] as number[]) ?? [1, 1, 1, 1];
  const d = dilated ? ((node.attrs['dilations'] as number[] | undefined) ?? [1, 1, 1, 1]) : [1, 1, 1, 1];
  const pad = String(node.attrs['padding']) as PaddingKind;
  const ep = (node.attrs['explicit_paddings'] as number[] | undefined) ?? [];
  const [, h, w] = x.shape as [number, number, number, number];
  const before = (axis: 1 | 2, k: number, size: number): number =>
    pad === 'SAME' ? samePadding(size, k, s[axis]!, d[axis]!)[0] : pad === 'EXPLICIT' ? ep[2 * axis]! : 0;
  return {
    sh: s[1]!, sw: s[2]!, dh: d[1]!, dw: d[2]!,
    ph: before(1, kh, h), pw: before(2, kw, w),
    oh: windowOutput(h, kh, s[1]!, d[1]!, pad, ep[2], ep[3]), ow: windowOutput(w, kw, s[2]!, d[2]!, pad, ep[4], ep[5]),
  };
}

function conv(x: Value, f: Value, node: Node, depthwise: boolean): Value {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const [kh, kw, fi, fo] = f.shape as [number, number, number, number];
  const g = geometry(node, x, kh, kw, true);
  const oc = depthwise ? c * fo : fo;
  const out = new Float64Array(n * g.oh * g.ow * oc);
  for (let b = 0; b < n; b++) for (let oy = 0; oy < g.oh; oy++) for (let ox = 0; ox < g.ow; ox++) for (let o = 0; o < oc; o++) {
    let acc = 0;
    for (let ky = 0; ky < kh; ky++) {
      const iy = oy * g.sh + ky * g.dh - g.ph;
      if (iy < 0 || iy >= h) continue;
      for (let kx = 0; kx < kw; kx++) {
        const ix = ox * g.sw + kx * g.dw - g.pw;
        if (ix < 0 || ix >= w) continue;
        const base = ((b * h + iy) * w + ix) * c;
        if (depthwise) {
          const ci = Math.floor(o / fo);
          acc += x.data[base + ci]! * f.data[((ky * kw + kx) * fi + ci) * fo + (o % fo)]!;
        } else {
          for (let ci = 0; ci < c; ci++) acc += x.data[base + ci]! * f.data[((ky * kw + kx) * fi + ci) * fo + o]!;
        }
      }
    }
    out[((b * g.oh + oy) * g.ow + ox) * oc + o] = acc;
  }
  return { dtype: x.dtype, shape: [n, g.oh, g.ow, oc], data: out };
}

function pool(x: Value, node: Node, max: boolean): Value {
  const k = node.attrs['ksize'] as number[];
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const g = geometry(node, x, k[1]!, k[2]!, false);
  const out = new Float64Array(n * g.oh * g.ow * c);
  for (let b = 0; b < n; b++) for (let oy = 0; oy < g.oh; oy++) for (let ox = 0; ox < g.ow; ox++) for (let ch = 0; ch < c; ch++) {
    let acc = max ? -Infinity : 0;
    let count = 0;
    for (let ky = 0; ky < k[1]!; ky++) for (let kx = 0; kx < k[2]!; kx++) {
      const iy = oy * g.sh + ky - g.ph;
      const ix = ox * g.sw + kx - g.pw;
      if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
      const v = x.data[((b * h + iy) * w + ix) * c + ch]!;
      acc = max ? Math.max(acc, v) : acc + v;
      count++;
    }
    out[((b * g.oh + oy) * g.ow + ox) * c + ch] = max ? acc : acc / count;
  }
  return { dtype: x.dtype, shape: [n, g.oh, g.ow, c], data: out };
}

const perChannel = (x: Value, f: (v: number, ch: number) => number): Value => {
  const c = x.shape[x.shape.length - 1]!;
  return { dtype: x.dtype, shape: [...x.shape], data: x.data.map((v, i) => f(v, i % c)) };
};

const KERNELS: Record<string, Kernel> = {
  Conv2D: ([x, f], n) => [conv(x!, f!, n, false)],
  DepthwiseConv2dNative: ([x, f], n) => [conv(x!, f!, n, true)],
  AvgPool: ([x], n) => [pool(x!, n, false)],
  MaxPool: ([x], n) => [pool(x!, n, true)],
  FusedBatchNormV3: ([x, gamma, beta, mean, variance], n) => {
    const eps = (n.attrs['epsilon'] as number | undefined) ?? 1e-4;
    const y = perChannel(x!, (v, ch) => ((v - mean!.data[ch]!) * gamma!.data[ch]!) / Math.sqrt(variance!.data[ch]! + eps) + beta!.data[ch]!);
    return [y, ...n.outputs.slice(1).map(() => mean!)];
  },
  Identity: ([x]) => [x!], StopGradient: ([x]) => [x!], Snapshot: ([x]) => [x!], IdentityN: (ins) => ins,
  Elu: ([x]) => [map(x!, (v) => (v > 0 ? v : Math.expm1(v)))],
  LeakyRelu: ([x], n) => [map(x!, (v) => (v > 0 ? v : v * ((n.attrs['alpha'] as number | undefined) ?? 0.2)))],
  LogSoftmax: ([x]) => {
    const s = evaluate({ op: 'Softmax', attrs: {} } as Node, [x!])![0]!;
    return [map(s, Math.log)];
  },
  _Gelu: ([x], n) => [map(x!, n.attrs['approximate'] === true
    ? (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))
    : (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)))],
  _HardSwish: ([x]) => [map(x!, (v) => (v * Math.min(6, Math.max(0, v + 3))) / 6)],
  _Prelu: ([x, a]) => {
    const alpha = a!;
    const an = alpha.data.length;
    return [{ ...x!, data: x!.data.map((v, i) => (v >= 0 ? v : v * alpha.data[i % an]!)) }];
  },
};

/** Runs the main subgraph on `inputs` (one array per subgraph input; dynamic dims take `batch`). */
export function evalTfGraph(graph: Graph, inputs: ArrayLike<number>[], batch = 1): Float64Array[] {
  const sub = graph.main;
  const env = new Map<Tensor, Value>();
  sub.inputs.forEach((t, i) => {
    const shape = t.shape.map((d) => (d < 0 ? batch : d));
    const data = Float64Array.from(inputs[i]!);
    if (data.length !== sizeOf(shape)) throw new Error(`input ${t.name}: ${data.length} values for shape [${shape}]`);
    env.set(t, { dtype: t.dtype, shape, data });
  });
  const get = (t: Tensor | null): Value => {
    if (!t) throw new Error('missing input');
    const v = env.get(t) ?? valueOf(t);
    if (!v) throw new Error(`no value for ${t.name}`);
    return v;
  };
  for (const n of sub.nodes) {
    const ins = n.inputs.map(get);
    const k = KERNELS[n.op];
    const outs = k ? k(ins, n) : evaluate(n, ins.map((v) => (n.op === 'Shape' ? { ...v } : v)));
    if (!outs) throw new Error(`tf-eval: cannot evaluate ${n.op} (${n.name})`);
    n.outputs.forEach((t, i) => env.set(t, outs[i]!));
  }
  return sub.outputs.map((t) => get(t).data);
}

/** Max |a − b| / max |b| over arrays. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return m === 0 ? d : d / m;
}
