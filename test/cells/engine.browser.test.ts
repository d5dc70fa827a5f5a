// The engine the page shares: the cells' `engine` global and `Interpreter.create` default to the backend given to
// engineGlobals (as <litelab-app> gives its own), explicit backends are honoured, `instanceof Interpreter` holds, a
// model with an operator kind the WebGPU backend lacks (hybrid FULLY_CONNECTED) runs on the cpu instead of failing.
import { expect } from '@esm-bundle/chai';
import { engineGlobals, NotebookEngine } from '../../src/notebook/engine-globals.ts';
import { MIME_SYMBOL } from '../../src/notebook/mime.ts';
import { Interpreter } from '../../src/runtime/interpreter/index.ts';
import { createBackend } from '../../src/runtime/select-backend.ts';
import { TFLiteConverter, type LoadedModel } from '../../src/index.ts';

describe('engine globals: one shared backend', () => {
  it('Interpreter.create defaults to the shared backend; cpu when told or when a kernel is missing', async () => {
    const backend = await createBackend();
    expect(backend.name).to.equal('webgpu');
    try {
      const g = engineGlobals({ backend: Promise.resolve(backend) });
      const engine = g.engine as NotebookEngine;
      const Interp = g.Interpreter as typeof Interpreter;
      const fetchBytes = g.fetchBytes as (u: string) => Promise<Uint8Array>;
      const load = g.load as (u: string) => Promise<LoadedModel>;
      expect(await engine.ready).to.equal(backend);
      expect(engine.name).to.equal('webgpu');
      expect(engine[MIME_SYMBOL]()['text/plain']).to.match(/^webgpu: /);
      const bytes = await fetchBytes('/notebooks/models/mnist_mlp.tflite');
      const shared = await Interp.create(bytes);
      expect(shared).to.be.instanceOf(Interpreter);
      expect(shared.backend).to.equal('webgpu');
      expect((await Interp.create(bytes, { backend: 'cpu' })).backend).to.equal('cpu');
      const dynamic = await new TFLiteConverter(await load('/notebooks/models/mnist_mlp_savedmodel.zip'), { optimizations: ['DEFAULT'] }).convert();
      const hybrid = await Interp.create(dynamic);
      expect(hybrid.backend).to.equal('cpu');
      const [out] = await hybrid.run([new Float32Array(784).fill(0.5)]);
      expect(out!.data.length).to.equal(10);
    } finally {
      backend.destroy();
    }
  });

  it('without a shared backend, interpreters run on the cpu', async () => {
    const g = engineGlobals({});
    const engine = g.engine as NotebookEngine;
    expect(await engine.ready).to.equal(undefined);
    expect(engine.name).to.equal('cpu');
    const bytes = await (g.fetchBytes as (u: string) => Promise<Uint8Array>)('/notebooks/models/mnist_mlp_int8.tflite');
    expect((await (g.Interpreter as typeof Interpreter).create(bytes)).backend).to.equal('cpu');
  });
});
