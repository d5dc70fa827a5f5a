/**
 * The reactive kernel (Observable / marimo style). Code cells form a graph from the names they define to the cells
 * that reference them; running a cell runs it, any never-run cells it needs, and then every cell downstream, once
 * each, in topological order. A name defined by two cells, a cycle, or a name nothing defines is an error on the
 * cells concerned; deleting a cell re-runs its dependents, which then fail with "x is not defined" until fixed.
 * `const x = view(input)` binds `x` to an input's value: an `input` event re-runs only the cells downstream of `x`.
 *
 * All cells share one scope (the values they define) and the injected `globals` (the litelab API); each cell also
 * sees `display`, `view`, `invalidation` and a `console` that writes stream outputs. Outputs and execution counts
 * are written into the `Notebook`; per-cell status is announced as `cell-state` events. An untrusted notebook
 * runs nothing until `trust()`. Runs are serialised: one cell executes at a time.
 */
import { UsageError } from '../errors.ts';
import { analyzeCell, type CellAnalysis } from './analyze.ts';
import { CellRun } from './cell-run.ts';
import { diagnose, runtimeFailure, upstreamFailure } from './diagnose.ts';
import { TypedEventTarget } from './emitter.ts';
import { CellSyntaxError, UntrustedNotebookError } from './errors.ts';
import { compileCell, forgetCell } from './evaluate.ts';
import {
  CellStateEvent, failureOutput, KernelBusyEvent, TrustChangeEvent,
  type CellState, type CellStatus, type KernelEvents,
} from './kernel-types.ts';
import { defaultToMimeBundle, type ToMimeBundle } from './mime.ts';
import type { Notebook, NotebookChangeEvent } from './notebook.ts';
import type { CellOutput } from './outputs.ts';
import { ancestors, buildGraph, descendants, topologicalOrder, type Graph } from './scheduler.ts';
import { rememberTrust, type TrustStore } from './trust.ts';

export interface KernelOptions {
  /** Names every cell can use (the litelab API); shared, not copied: later additions are seen. Also `import … from 'litelab'`. */
  readonly globals?: Record<string, unknown>;
  /** Value → MIME bundle for results and `display()` (default: the object's own bundle, else `text/plain`). */
  readonly toMimeBundle?: ToMimeBundle;
  /** Whether cells may run now (default false: a notebook from a file or link). A notebook the person made is trusted. */
  readonly trusted?: boolean;
  /** Where `trust()` records the notebook's signature. */
  readonly trustStore?: TrustStore;
  /** Loads `import` specifiers other than `litelab` (default: the platform's dynamic `import()`). */
  readonly importModule?: (specifier: string, options?: ImportCallOptions) => Promise<unknown>;
  /** Also print cells' `console` calls to the real console (default false). */
  readonly echoConsole?: boolean;
}

interface Entry {
  /** The source the graph uses: the last one run; null until the cell first runs (then its current source). */
  committed: string | null;
  state: CellState;
  /** Names this cell currently has in the scope. */
  names: string[];
  run?: CellRun;
  everRan: boolean;
}

const KERNEL_BUILTINS = new Set(['display', 'view', 'invalidation', 'console']);

export class Kernel extends TypedEventTarget<KernelEvents> {
  readonly globals: Record<string, unknown>;
  readonly #nb: Notebook;
  readonly #opts: KernelOptions;
  readonly #toMime: ToMimeBundle;
  readonly #entries = new Map<string, Entry>();
  readonly #scope = new Map<string, unknown>();
  readonly #analyses = new Map<string, CellAnalysis | CellSyntaxError>();
  readonly #pendingViews = new Set<string>();
  readonly #unsubscribe: () => void;
  #graph: { version: number; graph: Graph } | undefined;
  #graphVersion = 0;
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  #counter = 0;
  #trusted: boolean;

  constructor(notebook: Notebook, options: KernelOptions = {}) {
    super();
    this.#nb = notebook;
    this.#opts = options;
    this.globals = options.globals ?? {};
    this.#toMime = options.toMimeBundle ?? defaultToMimeBundle;
    this.#trusted = options.trusted ?? false;
    for (const c of notebook.cells) if (c.kind === 'code') this.#entries.set(c.id, newEntry());
    this.#unsubscribe = notebook.on('change', (e) => this.#onChange(e));
  }

  get notebook(): Notebook {
    return this.#nb;
  }

  get trusted(): boolean {
    return this.#trusted;
  }

  /** Whether runs are queued or executing. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Trusts the notebook: cells may run, and the trust store (if any) remembers this content. */
  async trust(): Promise<void> {
    if (!this.#trusted) {
      this.#trusted = true;
      this.emit(new TrustChangeEvent(true));
    }
    if (this.#opts.trustStore) await rememberTrust(this.#nb, this.#opts.trustStore);
  }

  /** A cell's state (`idle` for markdown/raw or unknown cells). */
  state(cellId: string): CellState {
    return this.#entries.get(cellId)?.state ?? IDLE;
  }

  /** The current value of a notebook-defined name (undefined if none). */
  value(name: string): unknown {
    return this.#scope.get(name);
  }

  /** Names currently defined by cells. */
  get names(): string[] {
    return [...this.#scope.keys()];
  }

  /** Runs cells, never-run cells they need, and everything downstream. Rejects only if untrusted or a cell id is unknown. */
  run(cellIds: string | readonly string[]): Promise<void> {
    if (!this.#trusted) return Promise.reject(new UntrustedNotebookError());
    const ids = typeof cellIds === 'string' ? [cellIds] : [...cellIds];
    const missing = ids.find((id) => !this.#nb.cell(id));
    if (missing !== undefined) return Promise.reject(new UsageError(`no cell with id ${missing}`));
    const roots = new Set(ids.filter((id) => this.#entries.has(id)));
    for (const id of roots) this.#mark(id, 'queued');
    return this.#enqueue(() => this.#plan(roots, false));
  }

  /** Runs every code cell (in dependency order). */
  runAll(): Promise<void> {
    return this.run(this.#nb.cells.filter((c) => c.kind === 'code').map((c) => c.id));
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.#pending) await this.#queue;
  }

  /** Stops observing the notebook and ends every cell's run (invalidation, view inputs). */
  dispose(): void {
    this.#unsubscribe();
    for (const e of this.#entries.values()) e.run?.invalidate();
  }

  // ---- planning ----

  #enqueue(planner: () => Set<string>): Promise<void> {
    if (this.#pending++ === 0) this.emit(new KernelBusyEvent(true));
    const task = this.#queue.then(() => this.#execute(planner())).finally(() => {
      if (--this.#pending === 0) this.emit(new KernelBusyEvent(false));
    });
    this.#queue = task.then(noop, noop);
    return task;
  }

  /** roots + downstream + never-run upstream (+ cells failing on the graph, which may have recovered); commits their sources. */
  #plan(roots: ReadonlySet<string>, auto: boolean): Set<string> {
    let plan = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const g = this.#currentGraph();
      plan = new Set([...roots].filter((id) => this.#entries.has(id)));
      for (const id of this.#recovered(g)) plan.add(id);
      for (const id of descendants(g, plan)) if (!auto || this.#entries.get(id)?.everRan) plan.add(id);
      for (const id of ancestors(g, plan)) if (this.#entries.get(id)?.state.status === 'idle') plan.add(id);
      let changed = false;
      for (const id of plan) changed = this.#commit(id) || changed;
      if (!changed) break;
    }
    return plan;
  }

  /** Cells failing on the graph (duplicate, cycle, undefined name) whose diagnosis is now different: re-run them. */
  #recovered(g: Graph): string[] {
    return [...this.#entries].filter(([id, e]) => {
      const f = e.state.error;
      if (!f || !(f.kind === 'duplicate' || f.kind === 'cycle' || f.kind === 'undefined')) return false;
      const now = diagnose(id, this.#analysis(e.committed ?? this.#nb.cell(id)!.source), { graph: g, isEnvironment: (n) => this.#isEnvironment(n) });
      return now?.message !== f.message;
    }).map(([id]) => id);
  }

  /** Makes the cell's current source the one the graph uses; true if that changed the graph. */
  #commit(id: string): boolean {
    const e = this.#entries.get(id), cell = this.#nb.cell(id);
    if (!e || !cell || e.committed === cell.source) return false;
    const before = e.committed;
    e.committed = cell.source;
    if (before === null) return false;
    this.#graphVersion++;
    return true;
  }

  #currentGraph(): Graph {
    if (this.#graph?.version === this.#graphVersion) return this.#graph.graph;
    const cells = this.#nb.cells.filter((c) => this.#entries.has(c.id)).map((c) => {
      const a = this.#analysis(this.#entries.get(c.id)!.committed ?? c.source);
      return a instanceof CellSyntaxError ? { id: c.id, defines: [], references: [] } : { id: c.id, defines: a.defines, references: a.references };
    });
    const graph = buildGraph(cells);
    this.#graph = { version: this.#graphVersion, graph };
    return graph;
  }

  #analysis(source: string): CellAnalysis | CellSyntaxError {
    let a = this.#analyses.get(source);
    if (!a) {
      try {
        a = analyzeCell(source);
      } catch (e) {
        if (!(e instanceof CellSyntaxError)) throw e;
        a = e;
      }
      if (this.#analyses.size > 512) this.#analyses.clear();
      this.#analyses.set(source, a);
    }
    return a;
  }

  // ---- execution ----

  async #execute(plan: ReadonlySet<string>): Promise<void> {
    const order = topologicalOrder(this.#currentGraph(), plan);
    for (const id of order) if (this.#entries.get(id)?.state.status !== 'running') this.#mark(id, 'queued');
    for (const id of order) if (this.#entries.has(id)) await this.#runCell(id);
  }

  async #runCell(id: string): Promise<void> {
    const e = this.#entries.get(id)!;
    const a = this.#analysis(e.committed ?? this.#nb.cell(id)!.source);
    e.run?.invalidate();
    this.#dropNames(e);
    e.everRan = true;
    const g = this.#currentGraph();
    const failure = diagnose(id, a, { graph: g, isEnvironment: (n) => this.#isEnvironment(n) }) ??
      upstreamFailure(a as CellAnalysis, g, (d) => this.#entries.get(d)?.state.status === 'error', (n) => this.#scope.has(n));
    if (failure) {
      this.#nb.setOutputs(id, [failureOutput(failure, this.#label(id))], null);
      this.#set(id, { status: 'error', error: failure });
      return;
    }
    const analysis = a as CellAnalysis;
    const run = new CellRun(id, {
      toMimeBundle: this.#toMime,
      output: (out) => this.#output(id, run, out),
      importModule: (spec, o) => this.#import(spec, o),
      viewInput: (name, value) => this.#onViewInput(id, run, name, value),
      echoConsole: this.#opts.echoConsole ?? false,
    });
    e.run = run;
    this.#nb.setOutputs(id, []);
    this.#set(id, { status: 'running' });
    const params = analysis.references.filter((n) => this.#scope.has(n) || KERNEL_BUILTINS.has(n) || n in this.globals);
    const args = params.map((n) => this.#argument(n, run));
    const count = ++this.#counter;
    const t0 = performance.now();
    try {
      const compiled = compileCell(id, analysis, params);
      const exports = await compiled.run(run.runtime, args);
      let result = run.result;
      if (result && isThenable(result.value)) result = { value: await result.value };
      if (this.#entries.get(id) !== e || e.run !== run) return; // deleted or re-run meanwhile
      for (const [k, v] of Object.entries(exports)) this.#scope.set(k, v);
      e.names = Object.keys(exports);
      if (result && result.value !== undefined) {
        this.#nb.appendOutput(id, { type: 'result', executionCount: count, data: this.#toMime(result.value), metadata: {}, value: result.value });
      }
      this.#nb.setOutputs(id, this.#nb.cell(id)!.outputs, count);
      this.#set(id, { status: 'done', durationMs: performance.now() - t0 });
    } catch (err) {
      if (this.#entries.get(id) !== e || e.run !== run) return;
      const f = runtimeFailure(id, err);
      this.#nb.appendOutput(id, failureOutput(f, this.#label(id)));
      this.#nb.setOutputs(id, this.#nb.cell(id)!.outputs, count);
      this.#set(id, { status: 'error', error: f, durationMs: performance.now() - t0 });
    }
  }

  #argument(name: string, run: CellRun): unknown {
    if (this.#scope.has(name)) return this.#scope.get(name);
    switch (name) {
      case 'display': return run.display;
      case 'view': return run.view;
      case 'invalidation': return run.invalidation;
      case 'console': if (!(name in this.globals)) return run.console;
    }
    return this.globals[name];
  }

  #isEnvironment(name: string): boolean {
    return KERNEL_BUILTINS.has(name) || name in this.globals || name in globalThis;
  }

  #output(id: string, run: CellRun, out: CellOutput): void {
    if (run.active && this.#entries.get(id)?.run === run && this.#nb.cell(id)) this.#nb.appendOutput(id, out);
  }

  #import(specifier: string, options?: ImportCallOptions): Promise<unknown> {
    if (specifier === 'litelab') return Promise.resolve({ ...this.globals, default: this.globals });
    if (this.#opts.importModule) return this.#opts.importModule(specifier, options);
    return import(/* @vite-ignore */ specifier, options);
  }

  #onViewInput(cellId: string, run: CellRun, name: string, value: unknown): void {
    const e = this.#entries.get(cellId);
    if (!this.#trusted || !e || e.run !== run || e.state.status !== 'done') return;
    this.#scope.set(name, value);
    const key = `${cellId}\u0000${name}`;
    if (this.#pendingViews.has(key)) return; // a run for this input is already queued: it will read the new value
    this.#pendingViews.add(key);
    const readers = (): Set<string> => new Set(this.#nb.cells
      .filter((c) => c.id !== cellId && this.#entries.get(c.id)?.everRan)
      .filter((c) => {
        const a = this.#analysis(this.#entries.get(c.id)!.committed ?? c.source);
        return !(a instanceof CellSyntaxError) && a.references.includes(name);
      })
      .map((c) => c.id));
    for (const id of readers()) this.#mark(id, 'queued');
    void this.#enqueue(() => {
      this.#pendingViews.delete(key);
      return this.#plan(readers(), true);
    });
  }

  // ---- notebook changes ----

  #onChange(ev: NotebookChangeEvent): void {
    const c = ev.change;
    if (c.type === 'insert') {
      if (this.#nb.cell(c.cellId)?.kind === 'code') this.#entries.set(c.cellId, newEntry());
      this.#graphVersion++;
    } else if (c.type === 'delete') {
      this.#remove(c.cellId, c.cell.source);
    } else if (c.type === 'kind') {
      const cell = this.#nb.cell(c.cellId)!;
      if (cell.kind === 'code' && !this.#entries.has(c.cellId)) {
        this.#entries.set(c.cellId, newEntry());
        this.#graphVersion++;
      } else if (cell.kind !== 'code') this.#remove(c.cellId, cell.source);
    } else if (c.type === 'source') {
      const e = this.#entries.get(c.cellId);
      if (e && (e.state.status === 'done' || e.state.status === 'error')) this.#set(c.cellId, { ...e.state, status: 'stale' });
      if (e && e.committed === null) this.#graphVersion++;
    } else if (c.type === 'move') {
      this.#graphVersion++;
    }
  }

  /** A cell left the graph: its names leave the scope, and the cells that read them re-run (and fail until fixed). */
  #remove(id: string, source: string): void {
    const e = this.#entries.get(id);
    if (!e) return;
    e.run?.invalidate();
    this.#dropNames(e);
    const a = this.#analysis(e.committed ?? source);
    const names = a instanceof CellSyntaxError ? [] : a.defines;
    this.#entries.delete(id);
    forgetCell(id);
    this.#graphVersion++;
    if (!this.#trusted || !e.everRan) return;
    const g = this.#currentGraph();
    const readers = new Set(names.flatMap((n) => g.order.filter((r) => {
      const ra = this.#analysis(this.#entries.get(r)!.committed ?? this.#nb.cell(r)!.source);
      return this.#entries.get(r)!.everRan && !(ra instanceof CellSyntaxError) && ra.references.includes(n);
    })));
    if (!readers.size && !this.#recovered(g).length) return;
    for (const r of readers) this.#mark(r, 'queued');
    void this.#enqueue(() => this.#plan(readers, true));
  }

  // ---- state ----

  #dropNames(e: Entry): void {
    for (const n of e.names) this.#scope.delete(n);
    e.names = [];
  }

  #mark(id: string, status: CellStatus): void {
    const e = this.#entries.get(id);
    if (e && e.state.status !== status) this.#set(id, { ...e.state, status });
  }

  #set(id: string, state: CellState): void {
    const e = this.#entries.get(id);
    if (!e) return;
    e.state = Object.freeze({ ...state });
    this.emit(new CellStateEvent(id, e.state));
  }

  /** Traceback labels: frames in the failing cell say `line L:C`, others `cell <id>, line L:C`. */
  #label(current: string): (id: string) => string {
    return (id) => (id && id !== current ? `cell ${id}, ` : '');
  }
}

const IDLE: CellState = Object.freeze({ status: 'idle' });

function newEntry(): Entry {
  return { committed: null, state: IDLE, names: [], everRan: false };
}

function noop(): void {}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}
