/**
 * `<litelab-cell>`: one cell. Code cells always show a CodeMirror 6 editor (JavaScript); markdown cells show the
 * rendered text (marked, sanitised with DOMPurify) and switch to an editor while `editing`. A gutter shows the run
 * state (`[n]`, `[*]` running, stale / queued / error marks); outputs render below through `<litelab-output>`.
 * Data down (`cell`, `state`, `selected`, `editing`), events up: `cell-source` (detail: {id, source}) on every edit,
 * `cell-run` ({id, advance}) on Shift+Enter / Ctrl+Enter, `cell-select` ({id, edit}) on a click, `cell-escape`
 * ({id}) on Esc. `goto-line` from an error output moves the editor's cursor to that line.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { EditorView, drawSelection, highlightActiveLine, keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { markdown } from '@codemirror/lang-markdown';
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import type { Cell } from '../src/notebook/notebook.ts';
import type { CellState } from '../src/notebook/kernel-types.ts';
import type { GotoLine } from './litelab-output.ts';
import './litelab-output.ts';

export interface CellEventDetail { id: string }

export class LitelabCell extends LitElement {
  static override properties = {
    cell: { attribute: false },
    state: { attribute: false },
    selected: { type: Boolean, reflect: true },
    editing: { type: Boolean, reflect: true },
  };
  declare cell: Cell | undefined;
  declare state: CellState | undefined;
  declare selected: boolean;
  declare editing: boolean;
  /** The CodeMirror view, while there is an editor. */
  view: EditorView | undefined;
  #applying = false;

  constructor() {
    super();
    this.cell = undefined;
    this.state = undefined;
    this.selected = false;
    this.editing = false;
  }

  static override styles = css`
    :host { display: grid; grid-template-columns: 56px minmax(0, 1fr); gap: 0 8px; padding: 4px 8px 4px 0;
      border-left: 3px solid transparent; border-radius: 4px; }
    :host([selected]) { border-left-color: #3b82f6; background: #f8fafc; }
    :host([selected][editing]) { border-left-color: #16a34a; }
    .gutter { font: 12px ui-monospace, monospace; color: #6b7280; text-align: right; padding-top: 6px; }
    .gutter.stale { color: #b45309; } .gutter.error { color: #b91c1c; } .gutter.running, .gutter.queued { color: #2563eb; }
    .editor { border: 1px solid #d1d5db; border-radius: 4px; background: #fff; min-width: 0; }
    .cm-editor { font-size: 13px; } .cm-editor.cm-focused { outline: none; }
    .markdown { padding: 0 6px; min-height: 1.5em; cursor: text; }
    .markdown :first-child { margin-top: 4px; }
    .outputs { grid-column: 2; padding: 4px 2px 0; display: grid; gap: 2px; }
    .outputs:empty { display: none; }
  `;

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  private get wantsEditor(): boolean {
    return this.cell?.kind === 'code' || (this.cell !== undefined && this.editing);
  }

  /** Puts the keyboard focus in the editor (making one for a markdown cell). */
  async focusEditor(): Promise<void> {
    await this.updateComplete;
    this.view?.focus();
  }

  private makeEditor(host: HTMLElement): EditorView {
    const id = (): string => this.cell!.id;
    const keys = Prec.highest(keymap.of([
      { key: 'Shift-Enter', run: () => { this.emit('cell-run', { id: id(), advance: true }); return true; } },
      { key: 'Mod-Enter', run: () => { this.emit('cell-run', { id: id(), advance: false }); return true; } },
      { key: 'Escape', run: () => { this.emit('cell-escape', { id: id() }); return true; } },
    ]));
    return new EditorView({
      doc: this.cell!.source,
      parent: host,
      root: this.shadowRoot!,
      extensions: [
        drawSelection(), highlightActiveLine(), bracketMatching(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }), EditorView.lineWrapping, keys, this.cell!.kind === 'code' ? javascript() : markdown(),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !this.#applying) this.emit('cell-source', { id: id(), source: u.state.doc.toString() });
          if (u.focusChanged && u.view.hasFocus && !this.editing) this.emit('cell-select', { id: id(), edit: true });
        }),
      ],
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    const host = this.renderRoot.querySelector<HTMLElement>('.editor');
    if (!host) {
      this.view?.destroy();
      this.view = undefined;
      return;
    }
    if (this.view && (!host.contains(this.view.dom) || (changed.has('cell') && changed.get('cell')?.kind !== this.cell?.kind))) {
      this.view.destroy();
      this.view = undefined;
    }
    if (!this.view) this.view = this.makeEditor(host);
    const source = this.cell!.source;
    if (this.view.state.doc.toString() !== source) {
      this.#applying = true;
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: source } });
      this.#applying = false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = undefined;
  }

  private gotoLine(e: CustomEvent<GotoLine>): void {
    const v = this.view;
    if (!v) return;
    const line = v.state.doc.line(Math.min(Math.max(1, e.detail.line), v.state.doc.lines));
    v.dispatch({ selection: { anchor: Math.min(line.from + e.detail.column - 1, line.to) }, scrollIntoView: true });
    v.focus();
  }

  private gutter() {
    const c = this.cell!;
    if (c.kind !== 'code') return html`<div class="gutter"></div>`;
    const s = this.state?.status ?? 'idle';
    const n = s === 'running' ? '*' : s === 'queued' ? '…' : c.executionCount ?? ' ';
    const mark = s === 'stale' ? ' ~' : s === 'error' ? ' !' : '';
    const title = s === 'stale' ? 'changed since it last ran' : s === 'error' ? this.state?.error?.message ?? 'failed' : s;
    return html`<div class="gutter ${s}" title=${title}>[${n}]${mark}</div>`;
  }

  override render() {
    const c = this.cell;
    if (!c) return nothing;
    const body = this.wantsEditor ? html`<div class="editor"></div>`
      : html`<div class="markdown" @dblclick=${() => this.emit('cell-select', { id: c.id, edit: true })}>${
        unsafeHTML(DOMPurify.sanitize(marked.parse(c.source || '*empty markdown cell*', { async: false })))}</div>`;
    return html`${this.gutter()}
      <div @click=${() => this.emit('cell-select', { id: c.id, edit: false })}>${body}</div>
      <div class="outputs" @goto-line=${(e: CustomEvent<GotoLine>) => this.gotoLine(e)}>${
        repeat(c.outputs, (_o, i) => i, (o) => html`<litelab-output .output=${o}></litelab-output>`)}</div>`;
  }
}
customElements.define('litelab-cell', LitelabCell);

declare global {
  interface HTMLElementTagNameMap { 'litelab-cell': LitelabCell }
}
