/**
 * Test helpers for passes that work on TFLite-op graphs: legalize a TF-op test graph, serialize a copy with
 * TFLite's conventions, and run it in the real runtime.
 */
import { cloneGraph } from '../../src/converter/clone-graph.ts';
import { finalizeTflite } from '../../src/converter/finalize.ts';
import { writeTflite } from '../../src/formats/tflite/index.ts';
import type { Graph } from '../../src/ir/graph.ts';
import { legalizePass } from '../../src/passes/legalize.ts';
import { runReference, type RuntimeArray } from '../harness/reference-runtime.ts';
import { runPass } from './helpers.ts';

/** Legalizes `graph` in place (TF ops → TFLite builtins). */
export function legalize(graph: Graph): Graph {
  runPass(graph, legalizePass);
  return graph;
}

/** The .tflite bytes of a copy of `graph` (TFLite shapes, names, versions). */
export function tfliteBytes(graph: Graph): Uint8Array {
  const copy = cloneGraph(graph);
  finalizeTflite(copy);
  return writeTflite(copy).slice();
}

/** Outputs of `graph` in the real TFLite runtime. */
export async function runTflite(graph: Graph, inputs: RuntimeArray[]): Promise<Float32Array[]> {
  const r = await runReference(tfliteBytes(graph), inputs);
  return r.outputs.map((o) => Float32Array.from(o.data));
}
