// End to end, in the app element: run all cells of the quickstart and check what they show (the summary's operator
// count, the interpreter's prediction on the page's shared WebGPU backend, the download link), save to .ipynb text
// and reopen it (outputs come back), round-trip a share link, and show that an untrusted notebook runs nothing until
// trusted. Then every example notebook in notebooks/ runs with no error output, on one engine (the app's backend,
// which the device badge shows), with a screenshot each (screenshots/e2e-notebook-NAME.png).
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../cells/litelab-app.ts';
import type { LitelabApp } from '../../cells/litelab-app.ts';
import type { LitelabNotebook } from '../../cells/litelab-notebook.ts';
import { readIpynb } from '../../src/notebook/ipynb.ts';
import type { Notebook } from '../../src/notebook/notebook.ts';
import { until } from '../cells/until.ts';

const notebookEl = (app: LitelabApp) => app.shadowRoot!.querySelector<LitelabNotebook>('litelab-notebook');
const streams = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs.flatMap((o) => (o.type === 'stream' ? [o.text] : []))).join('');
const errors = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs.filter((o) => o.type === 'error'));

async function renderedOutputs(el: LitelabNotebook): Promise<ShadowRoot[]> {
  await el.updateComplete;
  const roots: ShadowRoot[] = [];
  for (const cell of el.shadowRoot!.querySelectorAll('litelab-cell')) {
    await cell.updateComplete;
    for (const out of cell.shadowRoot!.querySelectorAll('litelab-output')) {
      await out.updateComplete;
      roots.push(out.shadowRoot!);
    }
  }
  return roots;
}

describe('e2e: the quickstart notebook', () => {
  let app: LitelabApp;
  beforeEach(() => {
    app = document.createElement('litelab-app');
    app.notebookUrl = '/notebooks/quickstart.ipynb';
    app.ephemeral = true;
    document.body.append(app);
  });
  afterEach(() => app.remove());

  it('runs all cells, saves, reopens, shares, and an untrusted copy waits for Trust', async () => {
    const el = await until('the notebook', () => notebookEl(app));
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run-all')!.click();
    await until('the run to start', () => app.doc!.kernel.busy);
    await app.doc!.kernel.idle();
    const nb = app.doc!.notebook;
    expect(errors(nb)).to.deep.equal([]);
    expect(streams(nb)).to.match(/predicted digit: 0 \(on webgpu\)\n/).and.match(/same prediction: true\n/);
    const summaryOut = nb.cells.flatMap((c) => c.outputs).find((o) => o.type === 'result' && o.data['application/vnd.litelab.model-summary+json']);
    expect((summaryOut as { data: Record<string, { operators: number }> }).data['application/vnd.litelab.model-summary+json']!.operators).to.equal(5);

    const roots = await renderedOutputs(el);
    const ops = roots.map((r) => r.querySelector('.operators')?.textContent).filter(Boolean);
    expect(ops).to.deep.equal(['5 operators']);
    const inspect = roots.map((r) => r.querySelector('litelab-tflite-inspect-view')).find(Boolean)!;
    await inspect.updateComplete;
    expect([...inspect.shadowRoot!.querySelectorAll('.chips span')].map((s) => s.textContent)).to.deep.equal(['FULLY_CONNECTED × 4', 'SOFTMAX × 1']);
    const link = roots.map((r) => r.querySelector<HTMLAnchorElement>('a.litelab-download')).find(Boolean)!;
    expect(link.download).to.equal('mnist_mlp_litelab.tflite');
    expect(link.href).to.match(/^blob:/);
    const probs = roots.map((r) => r.querySelector('pre.plain')?.textContent ?? '').find((t) => t.startsWith('[0.99'));
    expect(probs).to.be.a('string');
    await executeServerCommand('screenshot', { name: 'e2e-quickstart-run.png' });

    // save → .ipynb text → reopen: the outputs come back from their MIME bundles (no live values)
    el.fsAccess = false;
    const text = (await el.save())!;
    expect(text).to.contain('"kernelspec"').and.contain('predicted digit: 0');
    expect(text).not.to.contain('blob:');
    app.open(readIpynb(text, 'saved.ipynb'), { trusted: false, name: 'saved.ipynb' });
    await app.updateComplete;
    const reopened = notebookEl(app)!;
    const roots2 = await renderedOutputs(reopened);
    expect(roots2.map((r) => r.querySelector('.operators')?.textContent).filter(Boolean)).to.deep.equal(['5 operators']);
    expect(app.doc!.notebook.cells.map((c) => c.source)).to.deep.equal(nb.cells.map((c) => c.source));

    // share link → a fresh, untrusted notebook with the same sources and no outputs
    const url = (await reopened.share())!;
    expect(url).to.match(/#nb=[A-Za-z0-9_-]+$/);
    const doc = await app.openShareLink(url);
    await app.updateComplete;
    expect(doc.notebook.cells.map((c) => c.source)).to.deep.equal(nb.cells.map((c) => c.source));
    expect(doc.kernel.trusted).to.equal(false);
    const shared = notebookEl(app)!;
    await shared.updateComplete;
    const trust = shared.shadowRoot!.querySelector<HTMLButtonElement>('#trust')!;
    expect(trust).to.not.equal(null);
    shared.shadowRoot!.querySelector<HTMLButtonElement>('#run-all')!.click();
    await shared.updateComplete;
    await doc.kernel.idle();
    expect(doc.notebook.cells.flatMap((c) => c.outputs)).to.deep.equal([]);
    expect(shared.status).to.match(/^Untrusted notebook/);
    await executeServerCommand('screenshot', { name: 'e2e-shared-untrusted.png' });

    trust.click();
    await until('trust', () => doc.kernel.trusted);
    await shared.updateComplete;
    expect(shared.shadowRoot!.querySelector('#trust')).to.equal(null);
    await shared.runAll();
    expect(errors(doc.notebook)).to.deep.equal([]);
    expect(streams(doc.notebook)).to.match(/predicted digit: 0 /);
  });
});

// Keep in step with notebooks/ (test/cli/execute.node.test.ts checks that this is the folder's list).
const EXAMPLES: Record<string, RegExp> = {
  'quickstart': /predicted digit: 0 \(on webgpu\)\n[^]*same prediction: true\n/,
  'dynamic-range': /float on webgpu, dynamic range on (cpu|webgpu)\ntop-1 agreement: 8\/8\n/,
  'inspect-and-run': /predicted digit: 0\n[^]*cpu vs webgpu: largest difference 0 LSB\n/,
};

describe('e2e: every example notebook', () => {
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    it(`${name}.ipynb runs end to end on the shared engine`, async () => {
      const app = document.createElement('litelab-app');
      app.notebookUrl = `/notebooks/${name}.ipynb`;
      app.ephemeral = true;
      let ready = 0;
      app.addEventListener('backend-ready', () => ready++);
      document.body.append(app);
      try {
        const el = await until('the notebook', () => notebookEl(app));
        await el.updateComplete;
        await el.runAll();
        const nb = app.doc!.notebook;
        expect(errors(nb)).to.deep.equal([]);
        expect(nb.cells.filter((c) => c.kind === 'code').every((c) => c.outputs.length > 0)).to.equal(true);
        expect(streams(nb)).to.match(expected);
        const backend = await app.backend();
        expect(backend.name).to.equal('webgpu');
        expect(ready).to.equal(1);
        const badge = el.shadowRoot!.querySelector('litelab-device-badge')!;
        await badge.updateComplete;
        expect(badge.shadowRoot!.querySelector('span')!.className).to.equal('webgpu');
        await renderedOutputs(el);
        await executeServerCommand('screenshot', { name: `e2e-notebook-${name}.png` });
      } finally {
        app.remove();
      }
    });
  }
});
