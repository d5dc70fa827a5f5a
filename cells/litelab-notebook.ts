/**
 * `<litelab-notebook>`: a notebook and its kernel. A toolbar (new, open, save, share, run all, trust when the
 * notebook is untrusted, the compute device) over the list of `<litelab-cell>`s, each with move / delete buttons,
 * and Jupyter's keys: in command mode Enter edits, Shift+Enter runs and advances, Ctrl+Enter runs, A / B insert
 * above / below, D D deletes, M / Y make markdown / code, ↑ ↓ (K J) move the selection; in the editor Shift+Enter
 * runs and advances and Esc returns to command mode.
 *
 * Data down: `notebook`, `kernel`, `name`. Events up: `open-notebook` (detail `{notebook, trusted, name}`; New and
 * Open ask the page to swap the notebook), `notebook-saved` ({text, name}), `share-link` ({url, length}).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { LitelabError } from '../src/errors.ts';
import type { Kernel } from '../src/notebook/kernel.ts';
import { Notebook, type CellKind } from '../src/notebook/notebook.ts';
import { encodeShareLink } from '../src/notebook/share-link.ts';
import type { LitelabCell } from './litelab-cell.ts';
import { hasFsAccess, pickNotebook, saveNotebook } from './notebook-files.ts';
import './litelab-cell.ts';
import './device-badge.ts';

export interface OpenNotebookDetail { notebook: Notebook; trusted: boolean; name: string }

const message = (e: unknown): string => (e instanceof LitelabError ? e.oneLine() : e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export class LitelabNotebook extends LitElement {
  static override properties = {
    notebook: { attribute: false },
    kernel: { attribute: false },
    name: { type: String },
    fsAccess: { type: Boolean, attribute: 'fs-access' },
    selectedId: { state: true },
    editingId: { state: true },
    status: { state: true },
  };
  declare notebook: Notebook | undefined;
  declare kernel: Kernel | undefined;
  declare name: string;
  /** Use the File System Access API for open / save when the browser has it. */
  declare fsAccess: boolean;
  declare selectedId: string | undefined;
  declare editingId: string | undefined;
  declare status: string;
  #off: (() => void)[] = [];
  #lastD = 0;

  constructor() {
    super();
    this.notebook = undefined;
    this.kernel = undefined;
    this.name = 'notebook.ipynb';
    this.fsAccess = hasFsAccess();
    this.selectedId = undefined;
    this.editingId = undefined;
    this.status = '';
  }

  static override styles = css`
    :host { display: block; }
    .toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
      padding: 8px 20px; background: #fff; border-bottom: 1px solid #e5e7eb; }
    button { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid #cbd5e1; border-radius: 4px; background: #f8fafc; cursor: pointer; }
    button:hover { background: #eef2f7; }
    button.trust { background: #fef3c7; border-color: #f59e0b; font-weight: 600; }
    .untrusted { color: #92400e; font-size: 12px; }
    .status { color: #4b5563; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 40vw; }
    litelab-device-badge { margin-left: auto; }
    .cells { max-width: 1100px; margin: 0 auto; padding: 12px 20px 80px; outline: none; display: grid; gap: 6px; }
    .row { position: relative; }
    .tools { position: absolute; top: 2px; right: 4px; display: none; gap: 2px; z-index: 1; }
    .row:hover .tools, .row.selected .tools { display: flex; }
    .tools button { padding: 0 6px; font-size: 12px; }
    .add { display: flex; gap: 6px; padding-left: 64px; }
  `;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('notebook') || changed.has('kernel')) {
      for (const off of this.#off.splice(0)) off();
      const update = (): void => this.requestUpdate();
      if (this.notebook) this.#off.push(this.notebook.on('change', update));
      if (this.kernel) {
        this.#off.push(this.kernel.on('cell-state', update), this.kernel.on('trust', update), this.kernel.on('busy', update));
      }
      if (changed.has('notebook')) {
        this.selectedId = this.notebook?.cells[0]?.id;
        this.editingId = undefined;
      }
    }
    if (this.notebook && this.selectedId !== undefined && !this.notebook.cell(this.selectedId)) this.selectedId = this.notebook.cells[0]?.id;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const off of this.#off.splice(0)) off();
  }

  get trusted(): boolean {
    return this.kernel?.trusted ?? false;
  }

  /** The `<litelab-cell>` showing a cell. */
  cellElement(id: string): LitelabCell | null {
    return this.renderRoot.querySelector<LitelabCell>(`litelab-cell[data-id="${CSS.escape(id)}"]`);
  }

  // ---- actions (also the toolbar's) ----

  /** Runs every code cell; resolves when done. Untrusted: runs nothing and says why. */
  async runAll(): Promise<void> {
    if (!this.kernel) return;
    if (!this.kernel.trusted) {
      this.status = 'Untrusted notebook: nothing runs until you review it and click Trust.';
      return;
    }
    this.status = 'Running all cells…';
    await this.kernel.runAll().then(() => { this.status = ''; }, (e: unknown) => { this.status = message(e); });
  }

  /** Runs one cell (a markdown cell just renders); with `advance`, selects the next cell, adding one at the end. */
  async runCell(id: string, advance: boolean): Promise<void> {
    const nb = this.notebook, cell = nb?.cell(id);
    if (!nb || !cell) return;
    let run: Promise<void> = Promise.resolve();
    if (cell.kind === 'code' && this.kernel) {
      if (!this.kernel.trusted) this.status = 'Untrusted notebook: nothing runs until you review it and click Trust.';
      else run = this.kernel.run(id).catch((e: unknown) => { this.status = message(e); });
    }
    if (advance) {
      const i = nb.indexOf(id);
      const next = nb.cells[i + 1] ?? nb.insertCell(i + 1, { kind: 'code' });
      this.select(next.id, next.kind === 'code' && cell.kind === 'code' && this.editingId !== undefined);
    } else if (cell.kind === 'markdown') this.editingId = undefined;
    await run;
  }

  async trust(): Promise<void> {
    await this.kernel?.trust();
    this.status = 'Trusted: cells may run.';
  }

  insert(at: number, kind: CellKind = 'code'): string | undefined {
    if (!this.notebook) return undefined;
    const cell = this.notebook.insertCell(at, { kind });
    this.select(cell.id, false);
    return cell.id;
  }

  move(id: string, by: number): void {
    const nb = this.notebook;
    if (nb) nb.moveCell(id, nb.indexOf(id) + by);
  }

  delete(id: string): void {
    const nb = this.notebook;
    if (!nb?.cell(id)) return;
    const i = nb.indexOf(id);
    nb.deleteCell(id);
    this.selectedId = (nb.cells[i] ?? nb.cells[i - 1])?.id;
    if (this.editingId === id) this.editingId = undefined;
  }

  select(id: string, edit: boolean): void {
    this.selectedId = id;
    this.editingId = edit ? id : undefined;
    if (edit) void this.updateComplete.then(() => this.cellElement(id)?.focusEditor());
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.cells')?.focus({ preventScroll: true }));
  }

  /** Saves as `.ipynb` (FS Access or a download); returns the text (null if cancelled). */
  async save(): Promise<string | null> {
    if (!this.notebook) return null;
    try {
      const text = await saveNotebook(this.notebook, this.name, this.fsAccess);
      if (text !== null) {
        this.status = `Saved ${this.name}.`;
        this.dispatchEvent(new CustomEvent('notebook-saved', { detail: { text, name: this.name }, bubbles: true, composed: true }));
      }
      return text;
    } catch (e) {
      this.status = message(e);
      return null;
    }
  }

  /** Makes a `#nb=` link to this page (sources only) and copies it; returns it (null if too long). */
  async share(): Promise<string | null> {
    if (!this.notebook) return null;
    try {
      const link = encodeShareLink(this.notebook, { baseUrl: location.href });
      const url = link.url!;
      this.dispatchEvent(new CustomEvent('share-link', { detail: { url, length: link.length }, bubbles: true, composed: true }));
      try {
        await navigator.clipboard.writeText(url);
        this.status = `Link copied (${link.length} characters).`;
      } catch {
        this.status = `Share link (${link.length} characters): ${url}`;
      }
      return url;
    } catch (e) {
      this.status = message(e);
      return null;
    }
  }

  private requestOpen(detail: OpenNotebookDetail): void {
    this.dispatchEvent(new CustomEvent<OpenNotebookDetail>('open-notebook', { detail, bubbles: true, composed: true }));
  }

  newNotebook(): void {
    this.requestOpen({ notebook: new Notebook({ cells: [{ kind: 'code' }] }), trusted: true, name: 'untitled.ipynb' });
  }

  async open(): Promise<void> {
    try {
      const opened = await pickNotebook(this.fsAccess);
      if (opened) this.requestOpen({ notebook: opened.notebook, trusted: false, name: opened.name });
    } catch (e) {
      this.status = message(e);
    }
  }

  // ---- keyboard ----

  private onKeydown(e: KeyboardEvent): void {
    const nb = this.notebook, id = this.selectedId;
    if (e.defaultPrevented || !nb || this.editingId !== undefined || id === undefined || e.altKey) return;
    const i = nb.indexOf(id);
    const handled = ((): boolean => {
      if (e.key === 'Enter') {
        if (e.shiftKey) void this.runCell(id, true);
        else if (e.ctrlKey || e.metaKey) void this.runCell(id, false);
        else this.select(id, true);
        return true;
      }
      if (e.ctrlKey || e.metaKey) return false;
      switch (e.key) {
        case 'a': this.insert(i); return true;
        case 'b': this.insert(i + 1); return true;
        case 'm': nb.setKind(id, 'markdown'); return true;
        case 'y': nb.setKind(id, 'code'); return true;
        case 'ArrowUp': case 'k': if (nb.cells[i - 1]) this.select(nb.cells[i - 1]!.id, false); return true;
        case 'ArrowDown': case 'j': if (nb.cells[i + 1]) this.select(nb.cells[i + 1]!.id, false); return true;
        case 'd': {
          const now = performance.now();
          if (now - this.#lastD < 800) { this.delete(id); this.#lastD = 0; } else this.#lastD = now;
          return true;
        }
      }
      return false;
    })();
    if (handled) e.preventDefault();
  }

  private onCellSelect(e: CustomEvent<{ id: string; edit: boolean }>): void {
    if (e.detail.edit) this.select(e.detail.id, true);
    else if (this.editingId !== e.detail.id) this.select(e.detail.id, false);
  }

  override render() {
    const nb = this.notebook;
    if (!nb) return nothing;
    const trusted = this.trusted;
    return html`
      <div class="toolbar">
        <button id="new" @click=${() => this.newNotebook()}>New</button>
        <button id="open" @click=${() => this.open()}>Open</button>
        <button id="save" @click=${() => this.save()}>Save</button>
        <button id="share" @click=${() => this.share()}>Share</button>
        <button id="run-all" @click=${() => this.runAll()} ?disabled=${this.kernel?.busy ?? false}>Run all</button>
        ${trusted ? nothing : html`<button id="trust" class="trust" @click=${() => this.trust()}>Trust</button>
          <span class="untrusted">Opened from a file or link: review the code, then Trust to run it.</span>`}
        <span class="status" role="status">${this.status}</span>
        <litelab-device-badge></litelab-device-badge>
      </div>
      <div class="cells" tabindex="0" @keydown=${(e: KeyboardEvent) => this.onKeydown(e)}
        @cell-source=${(e: CustomEvent<{ id: string; source: string }>) => nb.cell(e.detail.id) && nb.setSource(e.detail.id, e.detail.source)}
        @cell-run=${(e: CustomEvent<{ id: string; advance: boolean }>) => this.runCell(e.detail.id, e.detail.advance)}
        @cell-escape=${(e: CustomEvent<{ id: string }>) => this.select(e.detail.id, false)}
        @cell-select=${(e: CustomEvent<{ id: string; edit: boolean }>) => this.onCellSelect(e)}>
        ${repeat(nb.cells, (c) => c.id, (c, i) => html`<div class="row ${c.id === this.selectedId ? 'selected' : ''}">
          <litelab-cell data-id=${c.id} .cell=${c} .state=${this.kernel?.state(c.id)}
            ?selected=${c.id === this.selectedId} ?editing=${c.id === this.editingId}></litelab-cell>
          <div class="tools">
            <button title="move up" ?disabled=${i === 0} @click=${() => this.move(c.id, -1)}>↑</button>
            <button title="move down" ?disabled=${i === nb.cells.length - 1} @click=${() => this.move(c.id, 1)}>↓</button>
            <button title="delete" class="delete" @click=${() => this.delete(c.id)}>✕</button>
          </div></div>`)}
        <div class="add">
          <button id="add-code" @click=${() => this.insert(nb.cells.length, 'code')}>+ Code</button>
          <button id="add-markdown" @click=${() => this.insert(nb.cells.length, 'markdown')}>+ Markdown</button>
        </div>
      </div>`;
  }
}
customElements.define('litelab-notebook', LitelabNotebook);

declare global {
  interface HTMLElementTagNameMap { 'litelab-notebook': LitelabNotebook }
}
