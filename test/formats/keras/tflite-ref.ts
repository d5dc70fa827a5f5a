/**
 * Test helper: the official .tflite counterparts of the Keras fixtures, read with the generated flatbuffers code —
 * weight tensors of CONV_2D / FULLY_CONNECTED ops by Keras layer name, and the I/O tensors and signature.
 */
import * as flatbuffers from 'flatbuffers';
import { BuiltinOperator, Model } from '../../../src/formats/tflite/generated/schema.ts';

export interface RefWeight {
  op: 'CONV_2D' | 'FULLY_CONNECTED';
  layer: string;
  shape: number[];
  filter: Float32Array;
  bias: Float32Array | null;
}

export interface RefModel {
  weights: Map<string, RefWeight>;
  inputs: number[][];
  outputs: number[][];
  signature?: { inputs: string[]; outputs: string[] };
}

export function readTflite(bytes: Uint8Array): RefModel {
  const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
  const sg = m.subgraphs(0)!;
  const data = (i: number): Float32Array | null => {
    if (i < 0) return null;
    const b = m.buffers(sg.tensors(i)!.buffer())!.dataArray();
    return b ? new Float32Array(b.slice().buffer) : null;
  };
  const weights = new Map<string, RefWeight>();
  for (let i = 0; i < sg.operatorsLength(); i++) {
    const op = sg.operators(i)!;
    const code = m.operatorCodes(op.opcodeIndex())!;
    const name = BuiltinOperator[Math.max(code.builtinCode(), code.deprecatedBuiltinCode())];
    if (name !== 'CONV_2D' && name !== 'FULLY_CONNECTED') continue;
    const ins = Array.from(op.inputsArray()!);
    const w = sg.tensors(ins[1]!)!;
    const layer = w.name()!.split('/')[1]!; // model/<layer>/Conv2D
    weights.set(layer, { op: name, layer, shape: Array.from(w.shapeArray()!), filter: data(ins[1]!)!, bias: data(ins[2] ?? -1) });
  }
  const sig = (idx: Int32Array | null): number[][] => Array.from(idx ?? []).map((t) => Array.from(sg.tensors(t)!.shapeSignatureArray() ?? sg.tensors(t)!.shapeArray()!));
  const out: RefModel = { weights, inputs: sig(sg.inputsArray()), outputs: sig(sg.outputsArray()) };
  if (m.signatureDefsLength() > 0) {
    const s = m.signatureDefs(0)!;
    out.signature = {
      inputs: Array.from({ length: s.inputsLength() }, (_, j) => s.inputs(j)!.name()!),
      outputs: Array.from({ length: s.outputsLength() }, (_, j) => s.outputs(j)!.name()!),
    };
  }
  return out;
}

/** HWIO → OHWI (TFLite's CONV_2D filter layout). */
export function hwioToOhwi(w: Float32Array, [h, wd, i, o]: number[]): Float32Array {
  const out = new Float32Array(w.length);
  for (let a = 0; a < h!; a++) for (let b = 0; b < wd!; b++) for (let c = 0; c < i!; c++) for (let d = 0; d < o!; d++) {
    out[((d * h! + a) * wd! + b) * i! + c] = w[((a * wd! + b) * i! + c) * o! + d]!;
  }
  return out;
}

/** [in, out] → [out, in] (TFLite's FULLY_CONNECTED weights). */
export function transpose2d(w: Float32Array, [r, c]: number[]): Float32Array {
  const out = new Float32Array(w.length);
  for (let a = 0; a < r!; a++) for (let b = 0; b < c!; b++) out[b * r! + a] = w[a * c! + b]!;
  return out;
}
