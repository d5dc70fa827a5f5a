/**
 * `npm run bench -- infer-gpu [--runs N]`: whole-model inference, ms per `invoke()` (inputs set, outputs read back
 * to the host) on the webgpu backend (Dawn in Node; SwiftShader here) against the cpu backend, same seeded inputs,
 * same process. Models: model_fp32_28 (MNIST CNN), pretrainedResnet (ResNet-8), and the MNIST MLP at batch 1 and 500.
 * Each (model, backend): 2 untimed warm-up invokes (pipelines, constant uploads), then N timed ones; the median.
 * Ratio = webgpu / cpu (below 1: the GPU is faster).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { Interpreter } from '../src/runtime/interpreter/index.ts';
import { createBackend } from '../src/runtime/select-backend.ts';
import type { Backend } from '../src/runtime/backend.ts';
import { Rng } from '../src/util/random.ts';

const F = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

interface Case { name: string; file: string; batch: number | null }

const CASES: readonly Case[] = [
  { name: 'mnist_cnn (model_fp32_28)', file: 'gitadi_mnist_cnn_keras/model_fp32_28.tflite', batch: null },
  { name: 'resnet8 (pretrainedResnet)', file: 'mlperf_tiny_ic_resnet8/pretrainedResnet.tflite', batch: null },
  { name: 'mnist_mlp batch 1', file: 'sgx_mnist_mlp_savedmodel/model_no_quant.tflite', batch: 1 },
  { name: 'mnist_mlp batch 500', file: 'sgx_mnist_mlp_savedmodel/model_no_quant.tflite', batch: 500 },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeOne(bytes: Uint8Array, c: Case, backend: Backend | 'cpu', runs: number): Promise<number> {
  const interp = await Interpreter.create(bytes, { file: c.file, backend });
  try {
    const details = interp.getInputDetails();
    if (c.batch !== null) for (const d of details) interp.resizeInput(d.index, [c.batch, ...d.shape.slice(1)]);
    const rng = new Rng(0x5eed);
    const shapes = interp.getInputDetails().map((d) => d.shape);
    shapes.forEach((s, i) => interp.setInput(i, rng.float32Array(s.reduce((a, b) => a * b, 1), -1, 1)));
    const ms: number[] = [];
    for (let k = 0; k < runs + 2; k++) {
      const t0 = performance.now();
      await interp.invoke();
      interp.getOutput(0);
      if (k >= 2) ms.push(performance.now() - t0);
    }
    return median(ms);
  } finally {
    interp.dispose();
  }
}

export async function main(args: string[]): Promise<void> {
  const i = args.indexOf('--runs');
  const runs = i >= 0 ? Number(args[i + 1]) : 10;
  const gpu = await createBackend({ onNotice: (l) => console.error(l) });
  if (gpu.name !== 'webgpu') throw new Error('no WebGPU adapter (in Node: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)');
  const rows: string[] = ['| model | webgpu ms | cpu ms | webgpu / cpu |', '| --- | --- | --- | --- |'];
  try {
    for (const c of CASES) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(F, c.file)));
      const g = await timeOne(bytes, c, gpu, runs);
      const p = await timeOne(bytes, c, 'cpu', runs);
      rows.push(`| ${c.name} | ${g.toFixed(2)} | ${p.toFixed(2)} | ${(g / p).toFixed(2)}× |`);
      console.error(rows[rows.length - 1]);
    }
  } finally {
    gpu.destroy();
  }
  console.log(`${rows.join('\n')}\n(median of ${runs} invokes after 2 warm-ups; ${(gpu as { description?: string }).description ?? gpu.name})`);
}
