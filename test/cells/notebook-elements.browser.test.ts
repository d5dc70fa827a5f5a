// Component tests: <litelab-output> (MIME bundles, sanitising, errors pointing at a line), <litelab-cell> (editor,
// markdown, run-state gutter, events) and <litelab-notebook> (toolbar, cell tools, Jupyter keys, untrusted runs nothing).
import { expect } from '@esm-bundle/chai';
import '../../cells/litelab-notebook.ts';
import type { LitelabOutput } from '../../cells/litelab-output.ts';
import type { LitelabCell } from '../../cells/litelab-cell.ts';
import type { LitelabNotebook } from '../../cells/litelab-notebook.ts';
import { Kernel, Notebook, type CellOutput } from '../../src/notebook/index.ts';
import { engineGlobals } from '../../src/notebook/engine-globals.ts';

async function output(o: CellOutput): Promise<LitelabOutput> {
  const el = document.createElement('litelab-output');
  el.output = o;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function key(target: Element, k: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init }));
}

describe('<litelab-output>', () => {
  afterEach(() => document.querySelectorAll('litelab-output').forEach((e) => e.remove()));

  it('renders sanitised html, then svg, then plain text', async () => {
    const h = await output({ type: 'display', metadata: {}, data: { 'text/html': '<b>bold</b><img src="data:," onerror="window.pwned=1">', 'text/plain': 'x' } });
    expect(h.shadowRoot!.querySelector('.html b')!.textContent).to.equal('bold');
    expect(h.shadowRoot!.querySelector('img')!.getAttribute('onerror')).to.equal(null);
    const s = await output({ type: 'result', executionCount: 1, metadata: {}, data: { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>', 'text/plain': 'svg' } });
    expect(s.shadowRoot!.querySelector('.svg svg circle')).to.not.equal(null);
    const p = await output({ type: 'result', executionCount: 1, metadata: {}, data: { 'text/plain': '42' } });
    expect(p.shadowRoot!.querySelector('pre.plain')!.textContent).to.equal('42');
  });

  it('mounts a live DOM value', async () => {
    const input = document.createElement('input');
    const el = await output({ type: 'display', metadata: {}, data: { 'text/html': '<input>' }, value: input });
    expect(el.shadowRoot!.querySelector('.live input')).to.equal(input);
  });

  it('shows an error with a link to its line that emits goto-line', async () => {
    const el = await output({ type: 'error', ename: 'TypeError', evalue: 'boom', traceback: ['TypeError: boom', '    at line 2:5'], line: 2, column: 5 });
    expect(el.shadowRoot!.querySelector('[role=alert] pre')!.textContent).to.contain('TypeError: boom');
    let got: unknown;
    el.addEventListener('goto-line', (e) => { got = (e as CustomEvent).detail; });
    el.shadowRoot!.querySelector<HTMLAnchorElement>('a.goto')!.click();
    expect(got).to.deep.equal({ line: 2, column: 5 });
  });
});

describe('<litelab-cell>', () => {
  afterEach(() => document.querySelectorAll('litelab-cell').forEach((e) => e.remove()));

  it('edits code in CodeMirror, emits cell-source and cell-run, shows the run state', async () => {
    const nb = new Notebook({ cells: [{ id: 'c1', source: '1 + 1' }] });
    const el = document.createElement('litelab-cell') as LitelabCell;
    el.cell = nb.cells[0]!;
    el.state = { status: 'stale' };
    document.body.append(el);
    await el.updateComplete;
    expect(el.view!.state.doc.toString()).to.equal('1 + 1');
    expect(el.shadowRoot!.querySelector('.gutter')!.className).to.contain('stale');
    const events: string[] = [];
    el.addEventListener('cell-source', (e) => events.push(`source:${(e as CustomEvent<{ source: string }>).detail.source}`));
    el.addEventListener('cell-run', (e) => events.push(`run:${(e as CustomEvent<{ advance: boolean }>).detail.advance}`));
    el.view!.dispatch({ changes: { from: 5, insert: ' + 1' } });
    key(el.view!.contentDOM, 'Enter', { shiftKey: true });
    expect(events).to.deep.equal(['source:1 + 1 + 1', 'run:true']);
  });

  it('renders markdown (sanitised) until editing', async () => {
    const nb = new Notebook({ cells: [{ id: 'm', kind: 'markdown', source: '# Title\n<script>window.bad=1</script>' }] });
    const el = document.createElement('litelab-cell') as LitelabCell;
    el.cell = nb.cells[0]!;
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.markdown h1')!.textContent).to.equal('Title');
    expect(el.shadowRoot!.querySelector('script')).to.equal(null);
    el.editing = true;
    await el.updateComplete;
    expect(el.view!.state.doc.toString()).to.contain('# Title');
  });
});

describe('<litelab-notebook>', () => {
  afterEach(() => document.querySelectorAll('litelab-notebook').forEach((e) => e.remove()));

  async function mount(trusted: boolean): Promise<{ el: LitelabNotebook; nb: Notebook; kernel: Kernel }> {
    const nb = new Notebook({ cells: [{ id: 'a', source: 'const x = 20;' }, { id: 'b', source: 'x * 2' }] });
    const kernel = new Kernel(nb, { trusted, globals: engineGlobals() });
    const el = document.createElement('litelab-notebook');
    el.notebook = nb;
    el.kernel = kernel;
    document.body.append(el);
    await el.updateComplete;
    return { el, nb, kernel };
  }

  it('runs all from the toolbar and shows results', async () => {
    const { el, nb, kernel } = await mount(true);
    expect(el.shadowRoot!.querySelector('#trust')).to.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#run-all')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await kernel.idle();
    expect(nb.cell('b')!.outputs[0]).to.include({ type: 'result' });
    await el.updateComplete;
    const cell = el.cellElement('b')!;
    await cell.updateComplete;
    expect(cell.shadowRoot!.querySelector('.gutter')!.textContent).to.equal('[2]');
  });

  it('Jupyter keys: B inserts below, M makes markdown, Y code, D D deletes, Shift+Enter runs and advances', async () => {
    const { el, nb, kernel } = await mount(true);
    const cells = el.shadowRoot!.querySelector('.cells')!;
    expect(el.selectedId).to.equal('a');
    key(cells, 'b');
    expect(nb.cells.length).to.equal(3);
    const added = nb.cells[1]!.id;
    expect(el.selectedId).to.equal(added);
    key(cells, 'm');
    expect(nb.cell(added)!.kind).to.equal('markdown');
    key(cells, 'y');
    expect(nb.cell(added)!.kind).to.equal('code');
    key(cells, 'd');
    key(cells, 'd');
    expect(nb.cells.map((c) => c.id)).to.deep.equal(['a', 'b']);
    key(cells, 'a');
    expect(nb.cells.length).to.equal(3);
    el.select('a', false);
    key(cells, 'Enter', { shiftKey: true });
    await kernel.idle();
    expect(nb.cell('a')!.executionCount).to.equal(1);
    expect(el.selectedId).to.equal(nb.cells[1]!.id);
  });

  it('cell tools move and delete; an untrusted notebook runs nothing until Trust', async () => {
    const { el, nb, kernel } = await mount(false);
    const row = el.shadowRoot!.querySelectorAll('.row')[0]!;
    row.querySelector<HTMLButtonElement>('button[title="move down"]')!.click();
    expect(nb.cells.map((c) => c.id)).to.deep.equal(['b', 'a']);
    await el.updateComplete;
    el.shadowRoot!.querySelectorAll('.row')[0]!.querySelector<HTMLButtonElement>('.delete')!.click();
    expect(nb.cells.map((c) => c.id)).to.deep.equal(['a']);
    await el.runAll();
    expect(nb.cell('a')!.executionCount).to.equal(null);
    expect(el.status).to.match(/^Untrusted/);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#trust')!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(kernel.trusted).to.equal(true);
    await el.runAll();
    expect(nb.cell('a')!.executionCount).to.equal(1);
  });
});
