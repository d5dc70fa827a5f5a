/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32 (TFLite `lstm_eval.cc` `LstmStepFloat`), per time step t and batch row:
 *   gate_g = σ_g( b_g + W_xg·x_t + W_hg·h_{t−1} [+ p_g ⊙ c_{t−1}] )          for g ∈ {i, f}
 *   z      = act( b_z + W_xz·x_t + W_hz·h_{t−1} )                             (cell gate, act = fused activation)
 *   i      = 1 − f with CIFG (no input-gate weights)
 *   c_t    = clip(f ⊙ c_{t−1} + i ⊙ z, cell_clip)                             (clip only when cell_clip > 0)
 *   o      = σ( b_o + W_xo·x_t + W_ho·h_{t−1} [+ p_o ⊙ c_t] )
 *   h_t    = o ⊙ act(c_t), then with projection h_t = clip(W_p·h_t + b_p, proj_clip)
 * With layer normalisation, each gate's pre-activation (without bias) is normalised over the cells —
 * (v − mean)/√(variance + 1e-8) — times its coefficients, then the bias is added. σ is the logistic function.
 * Inputs: 0 x [B, T, I] ([T, B, I] when time_major), 1–4 W_x{i,f,z,o} [N, I], 5–8 W_h{i,f,z,o} [N, P] (or [N]
 * diagonal), 9–11 peepholes p_{i,f,o}, 12–15 b_{i,f,z,o}, 16–17 projection W_p [P, N] / b_p, 18–19 the h / c state
 * variables, 20–23 layer-norm coefficients. Output [B, T, P] ([T, B, P] time-major).
 *
 * State: every invoke starts from the state variables' initial values (zeros, broadcast over the batch): the
 * interpreter is stateless between invokes (TFLite after `reset_all_variables()`).
 */
import { UnidirectionalSequenceLSTMOptionsT } from '../../../../formats/tflite/generated/tflite/unidirectional-sequence-lstmoptions.ts';
import { ActivationFunctionType } from '../../../../formats/tflite/generated/tflite/activation-function-type.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { f32, optionsOf, outputOf, req } from './util.ts';

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function activation(act: ActivationFunctionType): (v: number) => number {
  switch (act) {
    case ActivationFunctionType.NONE: return (v) => v;
    case ActivationFunctionType.RELU: return (v) => Math.max(0, v);
    case ActivationFunctionType.RELU_N1_TO_1: return (v) => Math.min(Math.max(v, -1), 1);
    case ActivationFunctionType.RELU6: return (v) => Math.min(Math.max(v, 0), 6);
    case ActivationFunctionType.TANH: return Math.tanh;
    default: throw new RangeError(`UNIDIRECTIONAL_SEQUENCE_LSTM: activation ${ActivationFunctionType[act]} is not supported`);
  }
}

/** State variable as [batch, n]: its data when they cover the batch, else its first row (zeros) repeated. */
function initialState(t: HostTensor | null, batch: number, n: number, what: string): Float64Array {
  const out = new Float64Array(batch * n);
  if (!t) return out;
  const d = f32(t, 'UNIDIRECTIONAL_SEQUENCE_LSTM', what);
  if (d.length === batch * n) out.set(d);
  else if (d.length === n) for (let b = 0; b < batch; b++) out.set(d, b * n);
  else if (d.some((v) => v !== 0)) throw new RangeError(`UNIDIRECTIONAL_SEQUENCE_LSTM: ${what} has ${d.length} values for batch ${batch} × ${n}`);
  return out;
}

registerCpuKernel('UNIDIRECTIONAL_SEQUENCE_LSTM', 'float', (node, inputs) => {
  const op = 'UNIDIRECTIONAL_SEQUENCE_LSTM';
  const o = optionsOf(node, UnidirectionalSequenceLSTMOptionsT);
  const x = req(node, inputs, 0);
  if (x.shape.length !== 3) throw new RangeError(`${op}: input must be rank 3, got [${x.shape}]`);
  const [d0, d1, nIn] = x.shape as [number, number, number];
  const [batch, steps] = o.timeMajor ? [d1, d0] : [d0, d1];
  const get = (i: number): Float32Array | null => (inputs[i] ? f32(inputs[i]!, op, `input ${i}`) : null);
  const wx = [get(1), get(2), get(3), get(4)];
  const wh = [get(5), get(6), get(7), get(8)];
  const peep = [get(9), get(10), get(11)];
  const bias = [get(12), get(13), get(14), get(15)];
  const proj = get(16);
  const projBias = get(17);
  const norm = [get(20), get(21), get(22), get(23)];
  const nCell = req(node, inputs, 2).shape[0]!;
  const nOut = proj ? req(node, inputs, 16).shape[0]! : nCell;
  const cifg = !wx[0];
  const act = activation(o.fusedActivationFunction);
  const xd = f32(x, op);
  const h = initialState(inputs[18] ?? null, batch, nOut, 'output state');
  const c = initialState(inputs[19] ?? null, batch, nCell, 'cell state');
  const gates = [new Float64Array(nCell), new Float64Array(nCell), new Float64Array(nCell), new Float64Array(nCell)];
  const hidden = new Float64Array(nCell);
  const out = new Float32Array(batch * steps * nOut);

  const gate = (g: number, xOff: number, hRow: number, cellForPeephole: Float64Array | null, cOff: number, squash: (v: number) => number): Float64Array => {
    const v = gates[g]!;
    const w = wx[g]!;
    const r = wh[g]!;
    for (let k = 0; k < nCell; k++) {
      let acc = 0;
      for (let j = 0; j < nIn; j++) acc += w[k * nIn + j]! * xd[xOff + j]!;
      if (o.diagonalRecurrentTensors) acc += r[k]! * h[hRow + k]!;
      else for (let j = 0; j < nOut; j++) acc += r[k * nOut + j]! * h[hRow + j]!;
      const p = g === 0 ? peep[0] : g === 1 ? peep[1] : g === 3 ? peep[2] : null;
      if (p && cellForPeephole) acc += p[k]! * cellForPeephole[cOff + k]!;
      v[k] = acc;
    }
    const ln = norm[g];
    if (ln) {
      let mean = 0;
      for (let k = 0; k < nCell; k++) mean += v[k]!;
      mean /= nCell;
      let variance = 0;
      for (let k = 0; k < nCell; k++) variance += (v[k]! - mean) ** 2;
      variance /= nCell;
      const inv = 1 / Math.sqrt(variance + 1e-8);
      for (let k = 0; k < nCell; k++) v[k] = (v[k]! - mean) * inv * ln[k]!;
    }
    const b = bias[g];
    for (let k = 0; k < nCell; k++) v[k] = squash(v[k]! + (b ? b[k]! : 0));
    return v;
  };

  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) {
      const xOff = (o.timeMajor ? t * batch + b : b * steps + t) * nIn;
      const hRow = b * nOut;
      const cOff = b * nCell;
      const f = gate(1, xOff, hRow, c, cOff, sigmoid);
      const i = cifg ? null : gate(0, xOff, hRow, c, cOff, sigmoid);
      const z = gate(2, xOff, hRow, null, cOff, act);
      for (let k = 0; k < nCell; k++) {
        let v = f[k]! * c[cOff + k]! + (i ? i[k]! : 1 - f[k]!) * z[k]!;
        if (o.cellClip > 0) v = Math.min(Math.max(v, -o.cellClip), o.cellClip);
        c[cOff + k] = v;
      }
      const og = gate(3, xOff, hRow, c, cOff, sigmoid);
      for (let k = 0; k < nCell; k++) hidden[k] = og[k]! * act(c[cOff + k]!);
      for (let k = 0; k < nOut; k++) {
        let v: number;
        if (proj) {
          v = projBias ? projBias[k]! : 0;
          for (let j = 0; j < nCell; j++) v += proj[k * nCell + j]! * hidden[j]!;
          if (o.projClip > 0) v = Math.min(Math.max(v, -o.projClip), o.projClip);
        } else v = hidden[k]!;
        h[hRow + k] = v;
      }
      const outOff = (o.timeMajor ? t * batch + b : b * steps + t) * nOut;
      for (let k = 0; k < nOut; k++) out[outOff + k] = h[hRow + k]!;
    }
  }
  return [outputOf(node, 0, o.timeMajor ? [steps, batch, nOut] : [batch, steps, nOut], out)];
});
