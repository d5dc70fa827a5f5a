/**
 * `<litelab-app>`: the page — a notebook. It opens, in order of preference, the notebook in a `#nb=` share link
 * (untrusted until the person clicks Trust, unless this exact content was trusted before), the autosaved notebook
 * (Autosave restore, with the trust it had), or the example notebook that ships with the app (`notebook-url`,
 * default `/quickstart.ipynb`, trusted: it comes from the app itself). Cells see the engine globals, with relative
 * URLs resolved against the notebook's location (for a link, file or autosave: the example notebook's folder). New / Open from the toolbar replace the notebook; a file or link
 * that cannot be read shows its typed error in place. `ephemeral` turns off autosave and the IndexedDB trust store.
 *
 * One engine for the page: the app creates the compute backend once (WebGPU when `navigator.gpu` gives an adapter,
 * else cpu with the reason), provides it through @lit/context (`engineContext`: the device badge shows it) and
 * hands it to every kernel it opens (the cells' `engine` global; `Interpreter.create` defaults to it). It emits
 * `backend-ready` with the backend, and destroys it when the app leaves the page.
 */
import { LitElement, css, html } from 'lit';
import { Task } from '@lit/task';
import { ContextProvider } from '@lit/context';
import { LitelabError } from '../src/errors.ts';
import { engineGlobals } from '../src/notebook/engine-globals.ts';
import { readIpynb } from '../src/notebook/ipynb.ts';
import { Kernel } from '../src/notebook/kernel.ts';
import type { Notebook } from '../src/notebook/notebook.ts';
import { decodeShareLink, shareLinkPayload } from '../src/notebook/share-link.ts';
import { isTrusted, MemoryTrustStore, type TrustStore } from '../src/notebook/trust.ts';
import { Autosave } from '../src/notebook/autosave.ts';
import { IdbTrustStore } from '../src/notebook/trust-store-idb.ts';
import type { Backend } from '../src/runtime/backend.ts';
import { createBackend } from '../src/runtime/select-backend.ts';
import { engineContext } from './engine-context.ts';
import type { OpenNotebookDetail } from './litelab-notebook.ts';
import './litelab-notebook.ts';

export const EXAMPLE_NOTEBOOK_URL = '/quickstart.ipynb';

export interface OpenDocument {
  notebook: Notebook;
  kernel: Kernel;
  name: string;
}

export class LitelabApp extends LitElement {
  static override properties = {
    notebookUrl: { type: String, attribute: 'notebook-url' },
    ephemeral: { type: Boolean },
    doc: { state: true },
  };
  declare notebookUrl: string;
  declare ephemeral: boolean;
  declare doc: OpenDocument | undefined;
  #autosave: Autosave | undefined;
  #stopAutosave: (() => void) | undefined;
  #trustStore: TrustStore | undefined;
  #backend: Promise<Backend> | undefined;
  #notice = '';
  readonly #engine = new ContextProvider(this, { context: engineContext, initialValue: { status: 'pending' } });

  constructor() {
    super();
    this.notebookUrl = EXAMPLE_NOTEBOOK_URL;
    this.ephemeral = false;
    this.doc = undefined;
  }

  /** The page's one compute backend (created on first use; every kernel and the device badge share it). */
  backend(): Promise<Backend> {
    return (this.#backend ??= createBackend({ onNotice: (line) => { this.#notice = line; } }));
  }

  /** Creates the shared backend and provides it (pending → ready / error) to the elements below. */
  readonly engine = new Task(this, {
    task: async (): Promise<Backend> => this.backend(),
    args: () => [],
    onComplete: (backend) => {
      this.#engine.setValue({ status: 'ready', backend, notice: this.#notice });
      this.dispatchEvent(new CustomEvent<Backend>('backend-ready', { detail: backend, bubbles: true, composed: true }));
    },
    onError: (e) => this.#engine.setValue({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
  });

  /** Opens the first notebook (share link, autosave, example); its render shows pending / error. */
  readonly opening = new Task(this, {
    task: async ([url, ephemeral]: readonly [string, boolean]) => {
      this.#trustStore = ephemeral ? new MemoryTrustStore() : await IdbTrustStore.open().catch(() => new MemoryTrustStore());
      if (shareLinkPayload(location.hash)) return this.openShareLink(location.hash);
      if (!ephemeral) {
        this.#autosave = await Autosave.open().catch(() => undefined);
        const restored = await this.#autosave?.restore();
        if (restored) return this.open(restored.notebook, { trusted: restored.trusted, name: 'notebook.ipynb' });
      }
      const res = await fetch(url);
      if (!res.ok) throw new LitelabError(`${url}: could not load the notebook (HTTP ${res.status})`);
      const base = new URL(url, location.href).href;
      return this.open(readIpynb(new Uint8Array(await res.arrayBuffer()), url), { trusted: true, name: url.split('/').pop() || 'notebook.ipynb', baseUrl: base });
    },
    args: () => [this.notebookUrl, this.ephemeral] as const,
  });

  /** Opens a `#nb=` link (or URL) — untrusted unless this content was trusted before. */
  async openShareLink(link: string): Promise<OpenDocument> {
    const nb = decodeShareLink(link);
    const trusted = this.#trustStore ? await isTrusted(nb, this.#trustStore) : false;
    return this.open(nb, { trusted, name: 'shared.ipynb' });
  }

  /** Makes `nb` the open notebook with a fresh kernel (the previous one is disposed). */
  open(notebook: Notebook, o: { trusted: boolean; name: string; baseUrl?: string }): OpenDocument {
    this.#stopAutosave?.();
    this.doc?.kernel.dispose();
    const kernel = new Kernel(notebook, {
      trusted: o.trusted,
      // a notebook with no location of its own (link, file, autosave) resolves against the example notebooks' folder
      globals: engineGlobals({ baseUrl: o.baseUrl ?? new URL(this.notebookUrl, location.href).href, backend: this.backend() }),
      ...(this.#trustStore ? { trustStore: this.#trustStore } : {}),
    });
    this.#stopAutosave = this.#autosave?.watch(notebook, () => kernel.trusted);
    this.doc = { notebook, kernel, name: o.name };
    return this.doc;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopAutosave?.();
    this.doc?.kernel.dispose();
    void this.#backend?.then((b) => b.destroy(), () => undefined);
  }

  static override styles = css`
    :host { display: block; }
    header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1d2330; color: #fff; }
    header h1 { font-size: 18px; margin: 0; font-weight: 600; letter-spacing: 0.3px; }
    header .name { color: #cbd5e1; font-size: 13px; }
    .error { margin: 16px 20px; padding: 10px 14px; border-radius: 6px; background: #fdecec; color: #8a1c1c; font-family: ui-monospace, monospace; }
    .pending { margin: 16px 20px; color: #6b7280; }
  `;

  private renderError(e: unknown) {
    const text = e instanceof LitelabError ? e.oneLine() : `Error: ${e instanceof Error ? e.message : String(e)}`;
    return html`<div class="error" role="alert">${text}</div>`;
  }

  override render() {
    const doc = this.doc;
    return html`
      <header><h1>litelab</h1><span class="name">${doc?.name ?? ''}</span></header>
      ${this.opening.render({
        pending: () => html`<div class="pending">Opening the notebook…</div>`,
        complete: () => (doc ? html`<litelab-notebook .notebook=${doc.notebook} .kernel=${doc.kernel} .name=${doc.name}
          @open-notebook=${(e: CustomEvent<OpenNotebookDetail>) => this.open(e.detail.notebook, e.detail)}></litelab-notebook>` : ''),
        error: (e) => this.renderError(e),
      })}`;
  }
}
customElements.define('litelab-app', LitelabApp);

declare global {
  interface HTMLElementTagNameMap { 'litelab-app': LitelabApp }
}
