/**
 * Float convolutions, NHWC (TFLite reference `Conv`, `DepthwiseConv`, `TransposeConv`).
 *
 * CONV_2D: x [N, H, W, C], filter [O, KH, KW, C/G] (G groups: group g = oc / (O/G) reads channels g·C/G …),
 *   bias [O] optional. y[n, oy, ox, oc] = act(b[oc] + Σ_{ky, kx, ic} x[n, oy·sh − ph + ky·dh, ox·sw − pw + kx·dw, g·C/G + ic]
 *   · f[oc, ky, kx, ic]), taps outside the input contributing 0; output size and pads per `convDim` (util.ts).
 * DEPTHWISE_CONV_2D: filter [1, KH, KW, C·M]; output channel oc = ic·M + m reads input channel ic only:
 *   y[n, oy, ox, ic·M + m] = act(b[oc] + Σ_{ky, kx} x[n, iy, ix, ic] · f[0, ky, kx, oc]).
 * TRANSPOSE_CONV: inputs (output_shape, filter [O, KH, KW, C], x [N, H, W, C], bias [O]?); the adjoint of a conv
 *   with the same filter: every input pixel scatters y[n, iy·sh − ph + ky, ix·sw − pw + kx, oc] += x[n, iy, ix, ic]
 *   · f[oc, ky, kx, ic], pads computed as for a conv from output_shape to the input size; then + bias, act.
 *
 * Sums are accumulated in float64 and rounded to float32 once (TFLite accumulates in f32 in an order that depends
 * on the kernel; the difference is far below 1e-5 relative). CONV_2D gathers each output pixel's input patch
 * [KH, KW, C] once (zeros outside the input) and dots it with four filter rows at a time (the filter's own
 * [O, KH, KW, C] layout is patch order); TRANSPOSE_CONV re-lays a constant filter out once as [KH, KW, C, O] so its
 * innermost loop runs over contiguous output channels.
 */
import { Conv2DOptionsT } from '../../../../formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { TransposeConvOptionsT } from '../../../../formats/tflite/generated/tflite/transpose-conv-options.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { activationRange, convDim, f32, optionsOf, outputOf, req, toInts } from './util.ts';

/** [O, KH, KW, Cg] → [KH, KW, Cg, O], cached per filter array (constant filters are re-laid out once). */
const relaid = new WeakMap<Float32Array, Float32Array>();
function filterHwio(f: Float32Array, o: number, khw: number, cg: number): Float32Array {
  const hit = relaid.get(f);
  if (hit) return hit;
  const t = new Float32Array(f.length);
  for (let oc = 0; oc < o; oc++) {
    for (let k = 0; k < khw; k++) {
      const src = (oc * khw + k) * cg;
      const dst = k * cg * o + oc;
      for (let ic = 0; ic < cg; ic++) t[dst + ic * o] = f[src + ic]!;
    }
  }
  relaid.set(f, t);
  return t;
}

function biasOf(b: HostTensor | null, n: number, op: string): Float32Array | null {
  if (!b) return null;
  const d = f32(b, op, 'bias');
  if (d.length !== n) throw new RangeError(`${op}: bias has ${d.length} values, expected ${n}`);
  return d;
}

function dims4(t: HostTensor, op: string, what: string): [number, number, number, number] {
  if (t.shape.length !== 4) throw new RangeError(`${op}: ${what} must be rank 4, got [${t.shape}]`);
  return t.shape as [number, number, number, number];
}

registerCpuKernel('CONV_2D', 'float', (node, inputs) => {
  const op = 'CONV_2D';
  const o = optionsOf(node, Conv2DOptionsT);
  const x = req(node, inputs, 0);
  const w = req(node, inputs, 1);
  const [n, h, wd, c] = dims4(x, op, 'input');
  const [oc, kh, kw, cg] = dims4(w, op, 'filter');
  if (cg === 0 || c % cg !== 0) throw new RangeError(`${op}: input channels ${c} not a multiple of filter channels ${cg}`);
  const groups = c / cg;
  if (oc % groups !== 0) throw new RangeError(`${op}: ${oc} filters do not split into ${groups} groups`);
  const perGroup = oc / groups;
  const rows = convDim(o.padding, h, kh, o.strideH, o.dilationHFactor);
  const cols = convDim(o.padding, wd, kw, o.strideW, o.dilationWFactor);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const xd = f32(x, op);
  const wf = f32(w, op, 'filter');
  const bias = biasOf(inputs[2] ?? null, oc, op);
  const out = new Float32Array(n * rows.out * cols.out * oc);
  // one output pixel = its input patch [KH, KW, C] (zeros outside the input) dotted with each filter row
  const taps = kh * kw * cg;
  const patch = new Float32Array(kh * kw * c);
  const patchLen = kh * kw * c;
  let p = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const y0 = oy * o.strideH - rows.pad;
      for (let ox = 0; ox < cols.out; ox++) {
        const x0 = ox * o.strideW - cols.pad;
        for (let ky = 0; ky < kh; ky++) {
          const iy = y0 + ky * o.dilationHFactor;
          for (let kx = 0; kx < kw; kx++) {
            const ix = x0 + kx * o.dilationWFactor;
            const dst = (ky * kw + kx) * c;
            if (iy < 0 || iy >= h || ix < 0 || ix >= wd) patch.fill(0, dst, dst + c);
            else patch.set(xd.subarray(((b * h + iy) * wd + ix) * c, ((b * h + iy) * wd + ix) * c + c), dst);
          }
        }
        let k = 0;
        if (groups === 1) {
          // four filters at a time: each patch value is loaded once for four products
          for (; k + 3 < oc; k += 4) {
            const w0 = k * taps;
            const w1 = w0 + taps;
            const w2 = w1 + taps;
            const w3 = w2 + taps;
            let a0 = 0;
            let a1 = 0;
            let a2 = 0;
            let a3 = 0;
            for (let j = 0; j < patchLen; j++) {
              const v = patch[j]!;
              a0 += v * wf[w0 + j]!;
              a1 += v * wf[w1 + j]!;
              a2 += v * wf[w2 + j]!;
              a3 += v * wf[w3 + j]!;
            }
            out[p + k] = a0;
            out[p + k + 1] = a1;
            out[p + k + 2] = a2;
            out[p + k + 3] = a3;
          }
        }
        for (; k < oc; k++) {
          const g = Math.floor(k / perGroup);
          const wOff = k * taps;
          let acc = 0;
          for (let t = 0; t < kh * kw; t++) {
            const pOff = t * c + g * cg;
            const fOff = wOff + t * cg;
            for (let j = 0; j < cg; j++) acc += patch[pOff + j]! * wf[fOff + j]!;
          }
          out[p + k] = acc;
        }
        for (k = 0; k < oc; k++) {
          const v = out[p + k]! + (bias ? bias[k]! : 0);
          out[p + k] = v < lo ? lo : v > hi ? hi : v;
        }
        p += oc;
      }
    }
  }
  return [outputOf(node, 0, [n, rows.out, cols.out, oc], out)];
});

registerCpuKernel('DEPTHWISE_CONV_2D', 'float', (node, inputs) => {
  const op = 'DEPTHWISE_CONV_2D';
  const o = optionsOf(node, DepthwiseConv2DOptionsT);
  const x = req(node, inputs, 0);
  const w = req(node, inputs, 1);
  const [n, h, wd, c] = dims4(x, op, 'input');
  const [one, kh, kw, oc] = dims4(w, op, 'filter');
  if (one !== 1 || c === 0 || oc % c !== 0) throw new RangeError(`${op}: filter [${w.shape}] does not fit ${c} input channels`);
  const m = oc / c;
  const rows = convDim(o.padding, h, kh, o.strideH, o.dilationHFactor);
  const cols = convDim(o.padding, wd, kw, o.strideW, o.dilationWFactor);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const xd = f32(x, op);
  const wd32 = f32(w, op, 'filter');
  const bias = biasOf(inputs[2] ?? null, oc, op);
  const out = new Float32Array(n * rows.out * cols.out * oc);
  const acc = new Float64Array(oc);
  let p = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const y0 = oy * o.strideH - rows.pad;
      for (let ox = 0; ox < cols.out; ox++) {
        const x0 = ox * o.strideW - cols.pad;
        acc.fill(0);
        for (let ky = 0; ky < kh; ky++) {
          const iy = y0 + ky * o.dilationHFactor;
          if (iy < 0 || iy >= h) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ix = x0 + kx * o.dilationWFactor;
            if (ix < 0 || ix >= wd) continue;
            const inBase = ((b * h + iy) * wd + ix) * c;
            const wBase = (ky * kw + kx) * oc;
            if (m === 1) {
              for (let ic = 0; ic < c; ic++) acc[ic]! += xd[inBase + ic]! * wd32[wBase + ic]!;
            } else {
              for (let ic = 0; ic < c; ic++) {
                const v = xd[inBase + ic]!;
                for (let j = 0; j < m; j++) acc[ic * m + j]! += v * wd32[wBase + ic * m + j]!;
              }
            }
          }
        }
        for (let k = 0; k < oc; k++) {
          const v = Math.fround(acc[k]!) + (bias ? bias[k]! : 0);
          out[p++] = v < lo ? lo : v > hi ? hi : v;
        }
      }
    }
  }
  return [outputOf(node, 0, [n, rows.out, cols.out, oc], out)];
});

registerCpuKernel('TRANSPOSE_CONV', 'float', (node, inputs) => {
  const op = 'TRANSPOSE_CONV';
  const o = optionsOf(node, TransposeConvOptionsT);
  const shape = toInts(req(node, inputs, 0));
  const w = req(node, inputs, 1);
  const x = req(node, inputs, 2);
  const [n, h, wd, c] = dims4(x, op, 'input');
  const [oc, kh, kw, ic] = dims4(w, op, 'filter');
  if (shape.length !== 4 || shape[0] !== n || shape[3] !== oc || ic !== c) {
    throw new RangeError(`${op}: output_shape [${shape}] does not fit input [${x.shape}] and filter [${w.shape}]`);
  }
  const [, oh, ow] = shape as [number, number, number, number];
  const padH = convDim(o.padding, oh, kh, o.strideH, 1).pad;
  const padW = convDim(o.padding, ow, kw, o.strideW, 1).pad;
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const xd = f32(x, op);
  const wt = filterHwio(f32(w, op, 'filter'), oc, kh * kw, ic);
  const bias = biasOf(inputs[3] ?? null, oc, op);
  const acc = new Float64Array(n * oh * ow * oc);
  for (let b = 0; b < n; b++) {
    for (let iy = 0; iy < h; iy++) {
      for (let ix = 0; ix < wd; ix++) {
        const inBase = ((b * h + iy) * wd + ix) * c;
        for (let ky = 0; ky < kh; ky++) {
          const oy = iy * o.strideH - padH + ky;
          if (oy < 0 || oy >= oh) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ox = ix * o.strideW - padW + kx;
            if (ox < 0 || ox >= ow) continue;
            const outBase = ((b * oh + oy) * ow + ox) * oc;
            const wBase = (ky * kw + kx) * ic * oc;
            for (let k = 0; k < c; k++) {
              const v = xd[inBase + k]!;
              const wRow = wBase + k * oc;
              for (let j = 0; j < oc; j++) acc[outBase + j]! += v * wt[wRow + j]!;
            }
          }
        }
      }
    }
  }
  const out = new Float32Array(acc.length);
  for (let i = 0; i < acc.length; i++) {
    const v = Math.fround(acc[i]!) + (bias ? bias[i % oc]! : 0);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return [outputOf(node, 0, [n, oh, ow, oc], out)];
});
