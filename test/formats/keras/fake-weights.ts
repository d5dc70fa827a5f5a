/**
 * Test helper: a WeightSource over arrays held in memory (seeded values), keyed by layer path, so layer converters
 * can be tested without HDF5 files.
 */
import type { LayerLocation, StoredWeight, WeightSource } from '../../../src/formats/keras/keras-graph.ts';

/** Deterministic pseudo-random floats (LCG). */
export function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

export class FakeWeights implements WeightSource {
  readonly requested: LayerLocation[] = [];
  private readonly byPath = new Map<string, StoredWeight[]>();
  /** `path` = layer names joined by '/', outermost first. */
  set(path: string, weights: Record<string, number[]>): this {
    let seed = this.byPath.size + 1;
    this.byPath.set(path, Object.entries(weights).map(([name, shape]) => ({
      name,
      array: { dtype: 'float32', shape, data: new Uint8Array(seeded(shape.reduce((a, b) => a * b, 1), seed++).buffer) },
    })));
    return this;
  }
  layerWeights(loc: LayerLocation): StoredWeight[] {
    this.requested.push(loc);
    return this.byPath.get(loc.names.join('/')) ?? [];
  }
}
