// The app page: opens the example notebook (trusted: it ships with the app), shows the compute device, shows a typed
// error in place for a notebook it cannot read, and New replaces the notebook. Writes a screenshot as an artifact.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../cells/litelab-app.ts';
import type { LitelabApp } from '../../cells/litelab-app.ts';
import type { LitelabNotebook } from '../../cells/litelab-notebook.ts';
import { until } from './until.ts';


function mount(notebookUrl: string): LitelabApp {
  const app = document.createElement('litelab-app');
  app.notebookUrl = notebookUrl;
  app.ephemeral = true;
  document.body.append(app);
  return app;
}

const notebookEl = (app: LitelabApp) => app.shadowRoot!.querySelector<LitelabNotebook>('litelab-notebook');

describe('<litelab-app>', () => {
  afterEach(() => document.querySelectorAll('litelab-app').forEach((e) => e.remove()));

  it('opens the example notebook, trusted, with its markdown rendered', async () => {
    const app = mount('/notebooks/quickstart.ipynb');
    const nb = await until('the notebook', () => notebookEl(app));
    await nb.updateComplete;
    expect(app.doc!.kernel.trusted).to.equal(true);
    expect(nb.shadowRoot!.querySelector('#trust')).to.equal(null);
    const cells = nb.shadowRoot!.querySelectorAll('litelab-cell');
    expect(cells.length).to.equal(app.doc!.notebook.cells.length);
    await cells[0]!.updateComplete;
    expect(cells[0]!.shadowRoot!.querySelector('.markdown h1')?.textContent).to.equal('litelab quickstart');
    await executeServerCommand('screenshot', { name: 'app-quickstart.png' });
  });

  it('shows the WebGPU adapter it runs on', async () => {
    const app = mount('/notebooks/quickstart.ipynb');
    const nb = await until('the notebook', () => notebookEl(app));
    await nb.updateComplete;
    const badge = nb.shadowRoot!.querySelector('litelab-device-badge')!;
    const span = await until('the device badge', () => badge.shadowRoot!.querySelector('span.webgpu, span.cpu'));
    // Chromium runs with --enable-unsafe-webgpu, so there is an adapter (SwiftShader without a GPU).
    expect(span.className).to.equal('webgpu');
    expect(span.textContent).to.match(/^webgpu: /);
  });

  it('shows an unreadable notebook as a typed error in place', async () => {
    const app = mount('/notebooks/models/mnist_mlp.tflite');
    const alert = await until('the error', () => app.shadowRoot!.querySelector('[role=alert]'));
    expect(alert.textContent).to.match(/^FormatError: \/notebooks\/models\/mnist_mlp\.tflite: /);
  });

  it('New replaces the notebook with an empty, trusted one', async () => {
    const app = mount('/notebooks/quickstart.ipynb');
    const nb = await until('the notebook', () => notebookEl(app));
    await nb.updateComplete;
    nb.shadowRoot!.querySelector<HTMLButtonElement>('#new')!.click();
    await app.updateComplete;
    expect(app.doc!.notebook.cells.length).to.equal(1);
    expect(app.doc!.kernel.trusted).to.equal(true);
    expect(app.doc!.name).to.equal('untitled.ipynb');
  });
});
