/**
 * `npm run bench -- NAME [args]`: runs one benchmark from the registry below. Each benchmark measures litelab against
 * its peers in the same run and prints a table with the ratios. Adding one = a file + one line here.
 */
export {};
const BENCHMARKS: Record<string, { about: string; run(args: string[]): Promise<void> }> = {
  gemm: {
    about: 'int8 dot4I8Packed GEMM vs f32 GEMM (WebGPU) vs a JS f32 loop, 64³…512³, Chromium then Node/Dawn',
    run: async (args) => (await import('./gemm.ts')).main(args),
  },
  'infer-gpu': { about: 'ms per invoke, webgpu vs cpu backend: MNIST CNN, ResNet-8, MNIST MLP batch 1 / 500', run: async (args) => (await import('./infer-gpu.ts')).main(args) },
  infer: { about: 'samples/s vs LiteRT.js (WASM + its WebGPU) in Chromium, 7 fixtures + 500-image batches, outputs checked', run: async (args) => (await import('./infer.ts')).main(args) },
  convert: { about: 'litelab convert on every fixture vs the I/O floor (read input + write output), peak memory', run: async (args) => (await import('./convert.ts')).main(args) },
};

const [benchName, ...rest] = process.argv.slice(2);
const bench = benchName === undefined ? undefined : BENCHMARKS[benchName];
if (!bench) {
  console.error(`usage: npm run bench -- NAME [args]\n${Object.entries(BENCHMARKS).map(([n, b]) => `  ${n.padEnd(8)} ${b.about}`).join('\n')}`);
  process.exit(2);
}
try {
  await bench.run(rest);
} catch (e) {
  console.error(`bench ${benchName}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
