/**
 * Helpers for the post-training quantization tests: convert a fixture through `TFLiteConverter` with options, run a
 * model on our CPU interpreter over seeded input sets, and describe the weight quantization structure of a graph
 * (which constants are int8 / float16, per-tensor or per-channel along which axis, op versions) for comparison with
 * an official file.
 */
import { load } from '../../src/api/load.ts';
import { TFLiteConverter, type ConverterOptions } from '../../src/converter/tflite-converter.ts';
import { readTflite } from '../../src/formats/tflite/index.ts';
import type { Graph } from '../../src/ir/graph.ts';
import { Interpreter } from '../../src/runtime/interpreter/index.ts';
import type { IntegerArithmetic } from '../../src/runtime/cpu/quant-math.ts';

export interface Conversion {
  bytes: Uint8Array;
  graph: Graph;
}

/** What `new TFLiteConverter(await load(source), options).convert()` writes, read back. */
export async function convertFixture(source: string, options: ConverterOptions = {}): Promise<Conversion> {
  const bytes = await new TFLiteConverter(await load(source), options).convert();
  return { bytes, graph: readTflite(bytes, source) };
}

/** Our interpreter's outputs (as float32) for each input set. */
export async function runOurs(bytes: Uint8Array, sets: Float32Array[][], integerArithmetic: IntegerArithmetic = 'litert'): Promise<Float32Array[][]> {
  const interp = await Interpreter.create(bytes, { backend: 'cpu', integerArithmetic });
  try {
    const out: Float32Array[][] = [];
    for (const ins of sets) out.push((await interp.run(ins)).map((o) => Float32Array.from(o.data as ArrayLike<number>)));
    return out;
  } finally {
    interp.dispose();
  }
}

/** One row per operator: `OP vN` + for each constant non-float32 operand `i:dtype[per-tensor|axis k ×C]`. */
export function weightStructure(g: Graph): string[] {
  return g.main.nodes.map((n) => {
    const parts = n.inputs.flatMap((t, i) => {
      if (!t?.isConstant || t.dtype === 'float32' || t.dtype === 'int32') return [];
      const q = t.quantization;
      const kind = !q ? '' : q.scale.length > 1 ? `[axis ${q.axis} ×${q.scale.length}]` : '[per-tensor]';
      return [`${i}:${t.dtype}${kind}`];
    });
    return `${n.op} v${n.version}${parts.length ? ` ${parts.join(' ')}` : ''}`;
  });
}
