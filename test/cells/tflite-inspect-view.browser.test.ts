// <litelab-tflite-inspect-view> renders an InspectReport: every tensor and operator of each subgraph, the
// signatures and metadata — the same report `litelab inspect --json` prints.
import { expect } from '@esm-bundle/chai';
import '../../cells/tflite-inspect-view.ts';
import { readTflite, inspectGraph } from '../../src/formats/tflite/index.ts';

async function report(url: string) {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return inspectGraph(readTflite(bytes, url), bytes.length);
}

describe('<litelab-tflite-inspect-view>', () => {
  afterEach(() => document.querySelectorAll('litelab-tflite-inspect-view').forEach((e) => e.remove()));

  it('renders nothing without a report', async () => {
    const el = document.createElement('litelab-tflite-inspect-view');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
  });

  it('lists every tensor and operator of an int8 model with its quantization', async () => {
    const r = await report('/test/fixtures/tflm_hello_world/hello_world_int8.tflite');
    const el = document.createElement('litelab-tflite-inspect-view');
    el.report = r;
    el.fileName = 'hello_world_int8.tflite';
    document.body.append(el);
    await el.updateComplete;
    const sg = r.subgraphs[0]!;
    expect(el.shadowRoot!.querySelectorAll('table.tensors tr').length).to.equal(1 + sg.tensors.length);
    expect(el.shadowRoot!.querySelectorAll('table.operators tr').length).to.equal(1 + sg.operators.length);
    // int8 activations carry a per-tensor scale and zero point
    expect(el.shadowRoot!.querySelector('table.tensors')!.textContent).to.match(/scale [0-9.e-]+ zp -?\d+/);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('hello_world_int8.tflite');
  });
});
