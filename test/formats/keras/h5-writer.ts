/**
 * Test helper: writes small HDF5 files with h5wasm (in memory) from a plain description, to build synthetic
 * Keras .h5 / model.weights.h5 files.
 */
import h5wasm from 'h5wasm';
import { seeded } from './fake-weights.ts';

export type H5Spec = {
  [name: string]: H5Spec | { data: Float32Array; shape: number[] } | { attrs: Record<string, string | string[]> };
};

let n = 0;

/** Writes `spec` (groups as objects, datasets as `arr(…)`, a group's attributes as its `attrs` entry). */
export async function writeH5(spec: H5Spec, rootAttrs: Record<string, string | string[]> = {}): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const fs = module.FS as unknown as { readFile(p: string): Uint8Array; unlink(p: string): void };
  const path = `/writer-${++n}.h5`;
  const f = new h5wasm.File(path, 'w');
  for (const [k, v] of Object.entries(rootAttrs)) f.create_attribute(k, v);
  const fill = (g: InstanceType<typeof h5wasm.Group>, s: H5Spec): void => {
    for (const [name, v] of Object.entries(s)) {
      if (name === 'attrs' && 'attrs' in v) {
        for (const [k, a] of Object.entries(v.attrs as Record<string, string | string[]>)) g.create_attribute(k, a);
      } else if ('data' in v && v.data instanceof Float32Array) {
        g.create_dataset({ name, data: v.data, shape: v.shape as number[] });
      } else {
        fill(g.create_group(name), v as H5Spec);
      }
    }
  };
  fill(f, spec);
  f.close();
  const bytes = fs.readFile(path).slice();
  fs.unlink(path);
  return bytes;
}

/** A dataset entry with seeded values. */
export function arr(shape: number[], seed: number): { data: Float32Array; shape: number[] } {
  return { data: seeded(shape.reduce((a, b) => a * b, 1), seed), shape };
}
