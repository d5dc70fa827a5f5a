/**
 * Node only: the code a `worker_threads` worker evaluates to become the HDF5 worker (`h5-worker.ts`).
 *
 * Built JavaScript (a `.js` next to this file) imports `h5-worker.js` directly. Running from the TypeScript
 * sources (tsx, which is how the CLI runs), a worker thread does not inherit the caller's loader, and registering
 * tsx in it costs ~150 ms per worker (it starts its own loader-hooks thread). Instead we bundle the worker's few
 * modules once per process with esbuild, the compiler tsx itself runs on (~10–15 ms; `h5wasm` stays an external
 * import by absolute URL), and the worker imports that bundle as a `data:` module. Only if esbuild is not
 * resolvable or fails do we fall back to registering tsx in the worker. Nothing is cached across processes.
 */

let bundled: Promise<string | null> | null = null;

/** The `eval` source for `new Worker(source, { eval: true })`; `hostUrl` is `h5-host`'s `import.meta.url`. */
export async function nodeWorkerSource(hostUrl: string): Promise<string> {
  const fromSource = hostUrl.endsWith('.ts');
  if (!fromSource) return `import(${JSON.stringify(new URL('./h5-worker.js', hostUrl).href)});`;
  bundled ??= bundleWorker(hostUrl);
  const code = await bundled;
  if (code !== null) {
    return `import(${JSON.stringify(`data:text/javascript;base64,${Buffer.from(code, 'utf8').toString('base64')}`)});`;
  }
  const entry = JSON.stringify(new URL('./h5-worker.ts', hostUrl).href);
  return `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${entry}); });`;
}

interface EsbuildLike {
  build(options: {
    entryPoints: string[]; bundle: boolean; format: 'esm'; platform: 'node'; target: string; write: false; logLevel: 'silent';
    plugins: { name: string; setup(b: { onResolve(o: { filter: RegExp }, cb: () => { path: string; external: boolean }): void }): void }[];
  }): Promise<{ outputFiles?: { text: string }[] }>;
}

async function bundleWorker(hostUrl: string): Promise<string | null> {
  try {
    const [esbuildName, urlName] = ['esbuild', 'node:url'];
    const esbuild = await import(/* @vite-ignore */ esbuildName) as EsbuildLike;
    const { fileURLToPath } = await import(/* @vite-ignore */ urlName) as typeof import('node:url');
    const h5wasm = import.meta.resolve('h5wasm');
    const r = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./h5-worker.ts', hostUrl))],
      bundle: true, format: 'esm', platform: 'node', target: `node${process.versions.node.split('.')[0]}`, write: false, logLevel: 'silent',
      plugins: [{ name: 'h5wasm-by-url', setup: (b) => b.onResolve({ filter: /^h5wasm$/ }, () => ({ path: h5wasm, external: true })) }],
    });
    return r.outputFiles?.[0]?.text ?? null;
  } catch {
    return null;
  }
}
