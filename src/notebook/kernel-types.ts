/**
 * The kernel's observable state: per-cell status (idle / stale / queued / running / done / error) with the failure
 * that put a cell in error, and the events the UI listens to (`cell-state`, `trust`, `busy`).
 */
import type { CellFrame } from './evaluate.ts';
import type { CellOutput } from './outputs.ts';

/**
 * - `idle`: never run in this session (saved outputs may still show);
 * - `stale`: its source changed since it last ran;
 * - `queued` / `running`: in the current run;
 * - `done` / `error`: last run finished, or failed (`CellState.error`).
 */
export type CellStatus = 'idle' | 'stale' | 'queued' | 'running' | 'done' | 'error';

export type FailureKind =
  | 'syntax' // the cell does not parse
  | 'runtime' // it threw
  | 'duplicate' // it defines a name another cell defines
  | 'cycle' // it is on a circular definition
  | 'undefined' // it reads a name nothing defines
  | 'upstream' // a cell it reads from failed
  | 'reserved' // it defines `display`, `view` or `invalidation`
  | 'assignment'; // it assigns to a name defined elsewhere

export interface CellFailure {
  readonly kind: FailureKind;
  /** Error type shown to the person (`SyntaxError`, `TypeError`, `ReferenceError`, `FormatError`, …). */
  readonly ename: string;
  readonly message: string;
  /** 1-based position inside this cell's source, when known. */
  readonly line?: number;
  readonly column?: number;
  /** Stack frames inside cells, innermost first (a function from another cell shows that cell). */
  readonly frames: readonly CellFrame[];
  /** For `upstream`: the failed cell. */
  readonly sourceCellId?: string;
  /** What was thrown (runtime). */
  readonly thrown?: unknown;
}

export interface CellState {
  readonly status: CellStatus;
  readonly error?: CellFailure;
  /** Milliseconds the last run took. */
  readonly durationMs?: number;
}

/** `cell-state`: a code cell's state changed. */
export class CellStateEvent extends Event {
  declare readonly type: 'cell-state';
  constructor(readonly cellId: string, readonly state: CellState) {
    super('cell-state');
  }
}

/** `trust`: the notebook became trusted. */
export class TrustChangeEvent extends Event {
  declare readonly type: 'trust';
  constructor(readonly trusted: boolean) {
    super('trust');
  }
}

/** `busy`: the kernel started (true) or finished (false) working through its queue. */
export class KernelBusyEvent extends Event {
  declare readonly type: 'busy';
  constructor(readonly busy: boolean) {
    super('busy');
  }
}

export interface KernelEvents {
  'cell-state': CellStateEvent;
  trust: TrustChangeEvent;
  busy: KernelBusyEvent;
}

/** The `error` output for a failure. */
export function failureOutput(f: CellFailure, cellLabel: (id: string) => string): CellOutput {
  const at = (fn: string | null, cellId: string, line: number, column: number): string => {
    const where = `${cellLabel(cellId)}line ${line}:${column}`;
    return fn ? `    at ${fn} (${where})` : `    at ${where}`;
  };
  const frames = f.frames.length ? f.frames.map((fr) => at(fr.fn, fr.cellId, fr.line, fr.column))
    : f.line !== undefined ? [at(null, '', f.line, f.column ?? 1)] : [];
  return {
    type: 'error',
    ename: f.ename,
    evalue: f.message,
    traceback: [`${f.ename}: ${f.message}`, ...frames],
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
  };
}
