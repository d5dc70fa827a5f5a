/**
 * Helpers for the converter acceptance test: load a fixture with the matching reader, convert it the way
 * `TFLiteConverter.convert()` does (convertGraph → addConversionMetadata → writeTflite), run models in the real
 * runtime on seeded inputs, and measure output differences.
 */
import fs from 'node:fs';
import { convertGraph, type ConvertGraphOptions } from '../../src/converter/convert-graph.ts';
import { addConversionMetadata } from '../../src/converter/metadata.ts';
import { loadKeras } from '../../src/formats/keras/index.ts';
import { nodeFiles } from '../../src/formats/model-source-node.ts';
import { loadSavedModel } from '../../src/formats/savedmodel/index.ts';
import { readTflite, writeTflite } from '../../src/formats/tflite/index.ts';
import type { Graph } from '../../src/ir/graph.ts';
import { Rng } from '../../src/util/random.ts';
import { runReference, type RuntimeArray } from '../harness/reference-runtime.ts';

export const FIX = 'test/fixtures';

export interface Loaded {
  graph: Graph;
  modelType: 'savedmodel' | 'keras';
  tfVersion?: string;
}

export async function loadFixture(path: string, signatureKey?: string): Promise<Loaded> {
  if (path.endsWith('.h5') || path.endsWith('.hdf5') || path.endsWith('.keras')) {
    const r = await loadKeras(new Uint8Array(fs.readFileSync(path)), path);
    return r.kerasVersion ? { graph: r.graph, modelType: 'keras', tfVersion: r.kerasVersion } : { graph: r.graph, modelType: 'keras' };
  }
  const r = await loadSavedModel(await nodeFiles(path), signatureKey ? { signatureKey } : {});
  return r.tfVersion ? { graph: r.graph, modelType: 'savedmodel', tfVersion: r.tfVersion } : { graph: r.graph, modelType: 'savedmodel' };
}

export interface Converted {
  tflite: Graph;
  bytes: Uint8Array;
}

/** What TFLiteConverter.convert() does with a loaded model. */
export async function convertLoaded(m: Loaded, options: ConvertGraphOptions = {}): Promise<Converted> {
  const tflite = await convertGraph(m.graph, options);
  addConversionMetadata(tflite, m.tfVersion ? { modelType: m.modelType, tfVersion: m.tfVersion } : { modelType: m.modelType });
  return { tflite, bytes: writeTflite(tflite).slice() };
}

export function readFixture(path: string): { graph: Graph; bytes: Uint8Array } {
  const bytes = new Uint8Array(fs.readFileSync(path));
  return { graph: readTflite(bytes, path), bytes };
}

/** `count` seeded input sets (batch 1) for the inputs of `graph`, uniform in [lo, hi). */
export function inputSets(graph: Graph, count: number, seed: number, lo: number, hi: number): Float32Array[][] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => graph.main.inputs.map((t) => rng.float32Array(t.shape.reduce((a, b) => a * b, 1), lo, hi)));
}

export interface Runs {
  outputs: Float32Array[][];
  runtimes: Set<string>;
}

export async function runAll(bytes: Uint8Array, sets: RuntimeArray[][]): Promise<Runs> {
  const outputs: Float32Array[][] = [];
  const runtimes = new Set<string>();
  for (const ins of sets) {
    const r = await runReference(bytes, ins);
    runtimes.add(r.runtime);
    outputs.push(r.outputs.map((o) => Float32Array.from(o.data)));
  }
  return { outputs, runtimes };
}

/** max |ours − theirs| / max |theirs| over every output of every input set. */
export function maxRelDiff(ours: Float32Array[][], theirs: Float32Array[][]): number {
  let d = 0;
  let m = 0;
  theirs.forEach((outs, k) => outs.forEach((o, i) => {
    const a = ours[k]![i]!;
    for (let j = 0; j < o.length; j++) {
      d = Math.max(d, Math.abs(a[j]! - o[j]!));
      m = Math.max(m, Math.abs(o[j]!));
    }
  }));
  return d / m;
}

export const argmax = (a: ArrayLike<number>): number => {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
};

export const opList = (g: Graph): string[] => g.main.nodes.map((n) => n.op);
