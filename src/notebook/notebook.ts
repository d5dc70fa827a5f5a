/**
 * The notebook document: ordered cells plus notebook metadata, with every change announced as a `change` event
 * carrying a `NotebookChange`. Cells are immutable records: an operation replaces the changed cell object and the
 * `cells` array, so a Lit element can compare by identity (`repeat(nb.cells, (c) => c.id, …)`) and re-render only
 * what changed. The kernel writes outputs through the same operations, so the UI has one thing to observe.
 */
import { UsageError } from '../errors.ts';
import { TypedEventTarget } from './emitter.ts';
import { isValidCellId, newCellId } from './ids.ts';
import { appendOutput, type CellOutput, type MimeBundle } from './outputs.ts';

/** `raw` cells only come from Jupyter files; they are kept as-is so a round trip loses nothing. */
export type CellKind = 'code' | 'markdown' | 'raw';

export interface Cell {
  /** nbformat 4.5 cell id. */
  readonly id: string;
  readonly kind: CellKind;
  readonly source: string;
  /** Always empty for markdown and raw cells. */
  readonly outputs: readonly CellOutput[];
  /** Jupyter's `execution_count`: which run (kernel-wide counter) produced the outputs; null if never run. */
  readonly executionCount: number | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Markdown/raw cell attachments (`attachment:name` images), kept from Jupyter files. */
  readonly attachments?: Readonly<Record<string, MimeBundle>>;
}

/** What a new cell may be given; missing fields get defaults (fresh id, code, empty source). */
export interface CellInit {
  readonly id?: string;
  readonly kind?: CellKind;
  readonly source?: string;
  readonly outputs?: readonly CellOutput[];
  readonly executionCount?: number | null;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly attachments?: Readonly<Record<string, MimeBundle>>;
}

export type NotebookChange =
  | { readonly type: 'insert'; readonly cellId: string; readonly index: number }
  | { readonly type: 'delete'; readonly cellId: string; readonly index: number; readonly cell: Cell }
  | { readonly type: 'move'; readonly cellId: string; readonly from: number; readonly to: number }
  | { readonly type: 'source'; readonly cellId: string; readonly previous: string }
  | { readonly type: 'kind'; readonly cellId: string; readonly previous: CellKind }
  | { readonly type: 'outputs'; readonly cellId: string }
  | { readonly type: 'cell-metadata'; readonly cellId: string }
  | { readonly type: 'metadata' };

/** The `change` event: one per operation. */
export class NotebookChangeEvent extends Event {
  declare readonly type: 'change';
  constructor(readonly change: NotebookChange) {
    super('change');
  }
}

export interface NotebookEvents {
  change: NotebookChangeEvent;
}

export class Notebook extends TypedEventTarget<NotebookEvents> {
  #cells: readonly Cell[] = [];
  #metadata: Readonly<Record<string, unknown>>;
  #version = 0;

  constructor(init: { cells?: readonly CellInit[]; metadata?: Readonly<Record<string, unknown>> } = {}) {
    super();
    this.#metadata = { ...init.metadata };
    const cells: Cell[] = [];
    const taken = new Set<string>();
    for (const c of init.cells ?? []) {
      const cell = makeCell(c, taken);
      taken.add(cell.id);
      cells.push(cell);
    }
    this.#cells = Object.freeze(cells);
  }

  /** The cells in order (a new array after every change). */
  get cells(): readonly Cell[] {
    return this.#cells;
  }

  get metadata(): Readonly<Record<string, unknown>> {
    return this.#metadata;
  }

  /** Increments on every change: a cheap "did anything change" check. */
  get version(): number {
    return this.#version;
  }

  cell(id: string): Cell | undefined {
    return this.#cells.find((c) => c.id === id);
  }

  /** Index of the cell, or -1. */
  indexOf(id: string): number {
    return this.#cells.findIndex((c) => c.id === id);
  }

  /** Inserts a cell at `index` (0…length; clamped) and returns it. A given id must be valid and unused. */
  insertCell(index: number, init: CellInit = {}): Cell {
    const taken = new Set(this.#cells.map((c) => c.id));
    if (init.id !== undefined && taken.has(init.id)) throw new UsageError(`a cell with id ${init.id} already exists`);
    const cell = makeCell(init, taken);
    const at = Math.max(0, Math.min(Math.trunc(index), this.#cells.length));
    this.#commit([...this.#cells.slice(0, at), cell, ...this.#cells.slice(at)], { type: 'insert', cellId: cell.id, index: at });
    return cell;
  }

  /** Appends a cell and returns it. */
  addCell(init: CellInit = {}): Cell {
    return this.insertCell(this.#cells.length, init);
  }

  /** Moves a cell to `to` (its index after the move; clamped). */
  moveCell(id: string, to: number): void {
    const from = this.#require(id);
    const target = Math.max(0, Math.min(Math.trunc(to), this.#cells.length - 1));
    if (target === from) return;
    const cells = [...this.#cells];
    const [cell] = cells.splice(from, 1);
    cells.splice(target, 0, cell!);
    this.#commit(cells, { type: 'move', cellId: id, from, to: target });
  }

  /** Removes a cell and returns it. */
  deleteCell(id: string): Cell {
    const index = this.#require(id);
    const cell = this.#cells[index]!;
    this.#commit(this.#cells.filter((c) => c.id !== id), { type: 'delete', cellId: id, index, cell });
    return cell;
  }

  setSource(id: string, source: string): void {
    const cell = this.#cells[this.#require(id)]!;
    if (cell.source === source) return;
    this.#replace({ ...cell, source }, { type: 'source', cellId: id, previous: cell.source });
  }

  /** Changes the kind; a cell that stops being code loses its outputs and execution count. */
  setKind(id: string, kind: CellKind): void {
    const cell = this.#cells[this.#require(id)]!;
    if (cell.kind === kind) return;
    const next: Cell = kind === 'code' ? { ...cell, kind } : { ...cell, kind, outputs: [], executionCount: null };
    this.#replace(next, { type: 'kind', cellId: id, previous: cell.kind });
  }

  /** Replaces a code cell's outputs (and its execution count, when given). */
  setOutputs(id: string, outputs: readonly CellOutput[], executionCount?: number | null): void {
    const cell = this.#codeCell(id);
    this.#replace({ ...cell, outputs: Object.freeze([...outputs]), executionCount: executionCount === undefined ? cell.executionCount : executionCount },
      { type: 'outputs', cellId: id });
  }

  /** Appends one output (a stream continuing the previous stream is merged into it). */
  appendOutput(id: string, output: CellOutput): void {
    const cell = this.#codeCell(id);
    this.#replace({ ...cell, outputs: Object.freeze(appendOutput(cell.outputs, output)) }, { type: 'outputs', cellId: id });
  }

  /** Clears outputs and execution counts of every code cell. */
  clearAllOutputs(): void {
    for (const c of this.#cells) if (c.kind === 'code' && (c.outputs.length || c.executionCount !== null)) this.setOutputs(c.id, [], null);
  }

  setCellMetadata(id: string, metadata: Readonly<Record<string, unknown>>): void {
    const cell = this.#cells[this.#require(id)]!;
    this.#replace({ ...cell, metadata: { ...metadata } }, { type: 'cell-metadata', cellId: id });
  }

  setMetadata(metadata: Readonly<Record<string, unknown>>): void {
    this.#metadata = { ...metadata };
    this.#version++;
    this.emit(new NotebookChangeEvent({ type: 'metadata' }));
  }

  /** A deep-enough copy (cells are immutable records) with the same ids and no listeners. */
  clone(): Notebook {
    return new Notebook({ cells: this.#cells, metadata: structuredCloneSafe(this.#metadata) });
  }

  #require(id: string): number {
    const i = this.indexOf(id);
    if (i < 0) throw new UsageError(`no cell with id ${id}`);
    return i;
  }

  #codeCell(id: string): Cell {
    const cell = this.#cells[this.#require(id)]!;
    if (cell.kind !== 'code') throw new UsageError(`cell ${id} is a ${cell.kind} cell; only code cells have outputs`);
    return cell;
  }

  #replace(cell: Cell, change: NotebookChange): void {
    this.#commit(this.#cells.map((c) => (c.id === cell.id ? Object.freeze(cell) : c)), change);
  }

  #commit(cells: readonly Cell[], change: NotebookChange): void {
    this.#cells = Object.freeze(cells);
    this.#version++;
    this.emit(new NotebookChangeEvent(change));
  }
}

function makeCell(init: CellInit, taken: { has(id: string): boolean }): Cell {
  if (init.id !== undefined && !isValidCellId(init.id)) {
    throw new UsageError(`invalid cell id ${JSON.stringify(init.id)}: 1–64 characters of letters, digits, - and _`);
  }
  const id = init.id !== undefined && !taken.has(init.id) ? init.id : newCellId(taken);
  const kind = init.kind ?? 'code';
  const cell: Cell = {
    id,
    kind,
    source: init.source ?? '',
    outputs: Object.freeze(kind === 'code' ? [...(init.outputs ?? [])] : []),
    executionCount: kind === 'code' ? init.executionCount ?? null : null,
    metadata: { ...init.metadata },
    ...(init.attachments ? { attachments: init.attachments } : {}),
  };
  return Object.freeze(cell);
}

/** structuredClone for plain JSON-like metadata; falls back to a shallow copy for anything uncloneable. */
function structuredCloneSafe(v: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return structuredClone(v) as Record<string, unknown>;
  } catch {
    return { ...v };
  }
}
