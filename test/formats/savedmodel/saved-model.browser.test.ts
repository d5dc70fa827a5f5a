// The SavedModel and GraphDef readers in a real browser: files come from fetch (as dropped files would), no node:fs.
import { expect } from '@esm-bundle/chai';
import { browserFiles, type FileLike } from '../../../src/formats/model-source-browser.ts';
import { loadSavedModel } from '../../../src/formats/savedmodel/index.ts';
import { loadGraphDef } from '../../../src/formats/graphdef/index.ts';

async function fetched(dir: string, paths: string[]): Promise<FileLike[]> {
  return Promise.all(paths.map(async (p) => {
    const bytes = new Uint8Array(await (await fetch(`/test/fixtures/${dir}/${p}`)).arrayBuffer());
    return { name: p.split('/').pop()!, webkitRelativePath: `model/${p}`, arrayBuffer: async () => bytes.slice().buffer };
  }));
}

describe('TF readers in the browser', () => {
  it('loads the MNIST SavedModel with its checkpoint', async () => {
    const files = await fetched('sgx_mnist_mlp_savedmodel/saved_model',
      ['saved_model.pb', 'variables/variables.index', 'variables/variables.data-00000-of-00001']);
    const m = await loadSavedModel(browserFiles(files));
    expect(m.signatureKey).to.equal('serving_default');
    expect(m.graph.main.nodes.filter((n) => n.op === 'MatMul').map((n) => n.inputs[1]!.shape)).to.deep.equal([[784, 10], [10, 50], [50, 50], [50, 10]]);
  });
  it('loads the TF1 half_plus_two SavedModel (snappy-compressed index)', async () => {
    const files = await fetched('serving_saved_model_half_plus_two_cpu',
      ['saved_model.pb', 'variables/variables.index', 'variables/variables.data-00000-of-00001']);
    const m = await loadSavedModel(browserFiles(files));
    expect(m.graph.main.nodes.map((n) => n.op)).to.include.members(['Mul', 'Add']);
  });
  it('loads the frozen GraphDef', async () => {
    const bytes = new Uint8Array(await (await fetch('/test/fixtures/litert_multi_add_graphdef/multi_add.pb')).arrayBuffer());
    const g = await loadGraphDef(bytes, 'multi_add.pb');
    expect(g.main.nodes.map((n) => n.op)).to.deep.equal(['Add', 'Add', 'Add']);
  });
});
