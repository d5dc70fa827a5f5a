// Autosave in IndexedDB: debounced saves, and a restore from a fresh page (a same-origin iframe with its own
// module graph) gives back the same notebook. Each test uses its own database.
import { expect } from '@esm-bundle/chai';
import { Autosave } from '../../src/notebook/autosave.ts';
import { writeIpynb } from '../../src/notebook/ipynb.ts';
import { Notebook } from '../../src/notebook/notebook.ts';
import { IdbTrustStore } from '../../src/notebook/trust-store-idb.ts';
import { isTrusted, rememberTrust } from '../../src/notebook/trust.ts';

const dbName = () => `litelab-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sample(): Notebook {
  const nb = new Notebook({ metadata: { litelab: { model: 'mnist.h5' } } });
  nb.addCell({ kind: 'markdown', source: '# Autosaved ✓\n\nText' });
  const c = nb.addCell({ source: 'const x = 40 + 2;\nx' });
  nb.setOutputs(c.id, [
    { type: 'stream', name: 'stdout', text: 'hello\n' },
    { type: 'result', executionCount: 1, data: { 'text/plain': '42', 'application/vnd.litelab.x+json': { a: [1, 2] } }, metadata: {} },
  ], 1);
  return nb;
}

/** Restores in a new same-origin page and returns what it got, as .ipynb text. */
function restoreInFreshPage(name: string): Promise<{ ipynb: string | null; trusted: boolean }> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (e.data?.error) reject(new Error(e.data.error)); else resolve(e.data);
    };
    window.addEventListener('message', onMessage);
    frame.srcdoc = `<script type="module">
      import { Autosave } from '/src/notebook/autosave.ts';
      import { writeIpynb } from '/src/notebook/ipynb.ts';
      try {
        const a = await Autosave.open({ dbName: ${JSON.stringify(name)} });
        const r = await a.restore();
        a.close();
        parent.postMessage({ ipynb: r ? writeIpynb(r.notebook) : null, trusted: r ? r.trusted : false }, '*');
      } catch (e) { parent.postMessage({ error: String(e) }, '*'); }
    </script>`;
    document.body.append(frame);
  });
}

describe('autosave', () => {
  it('saves after a burst of changes, once, and a fresh page restores the same notebook', async () => {
    const name = dbName();
    const nb = sample();
    const saver = await Autosave.open({ dbName: name, delayMs: 40 });
    let saves = 0;
    saver.on('saved', () => saves++);
    const stop = saver.watch(nb, () => true);
    for (let i = 0; i < 5; i++) nb.addCell({ source: `const v${i} = ${i}` });
    expect(saves).to.equal(0);
    await sleep(200);
    expect(saves).to.equal(1);
    stop();
    saver.close();
    const got = await restoreInFreshPage(name);
    expect(got.ipynb).to.equal(writeIpynb(nb));
    expect(got.trusted).to.equal(true);
  });

  it('restore: same notebook in a new connection, null when nothing was saved, flush saves at once', async () => {
    const name = dbName();
    const first = await Autosave.open({ dbName: name, delayMs: 10_000 });
    expect(await first.restore()).to.equal(null);
    const nb = sample();
    first.watch(nb, () => false);
    nb.setSource(nb.cells[1]!.id, 'const x = 1');
    await first.flush();
    first.close();
    const second = await Autosave.open({ dbName: name });
    const r = await second.restore();
    expect(r).to.not.equal(null);
    expect(writeIpynb(r!.notebook)).to.equal(writeIpynb(nb));
    expect(r!.notebook.cells.map((c) => c.id)).to.deep.equal(nb.cells.map((c) => c.id));
    expect(r!.trusted).to.equal(false);
    await second.clear();
    expect(await second.restore()).to.equal(null);
    second.close();
  });

  it('trusted signatures persist in IndexedDB', async () => {
    const name = dbName();
    const nb = sample();
    const store = await IdbTrustStore.open(name);
    expect(await isTrusted(nb, store)).to.equal(false);
    await rememberTrust(nb, store);
    store.database.close();
    const again = await IdbTrustStore.open(name);
    expect(await isTrusted(nb.clone(), again)).to.equal(true);
    again.database.close();
  });
});
