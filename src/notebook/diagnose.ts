/**
 * What stops a cell before it runs, from its analysis and the graph: a syntax error, a reserved name, a name
 * defined by two cells (reported on both), a circular definition (on every cell of the cycle), an assignment to a
 * name another cell or the environment provides, or a name nothing defines (`x is not defined`, as after the
 * defining cell was deleted). Also the failures found while running: a cell read from failed, or the cell threw.
 */
import { LitelabError } from '../errors.ts';
import type { CellAnalysis } from './analyze.ts';
import { CellSyntaxError } from './errors.ts';
import { cellFrames } from './evaluate.ts';
import { inspect } from './inspect.ts';
import type { CellFailure } from './kernel-types.ts';
import type { Graph } from './scheduler.ts';

/** Names the kernel provides to every cell; a cell cannot define them. */
export const RESERVED = ['display', 'view', 'invalidation'] as const;

export interface DiagnoseContext {
  readonly graph: Graph;
  /** Provided by the injected globals, the kernel (`console`) or the JavaScript global object. */
  isEnvironment(name: string): boolean;
}

export function diagnose(id: string, a: CellAnalysis | CellSyntaxError, ctx: DiagnoseContext): CellFailure | null {
  if (a instanceof CellSyntaxError) {
    return { kind: 'syntax', ename: 'SyntaxError', message: a.detail, line: a.line, column: a.column, frames: [] };
  }
  const at = (name: string): { line?: number; column?: number } => {
    const p = a.positions.get(name);
    return p ? { line: p.line, column: p.column } : {};
  };
  const reserved = a.defines.find((n) => (RESERVED as readonly string[]).includes(n));
  if (reserved) {
    return { kind: 'reserved', ename: 'SyntaxError', message: `${reserved} is provided by litelab and cannot be redefined`, ...at(reserved), frames: [] };
  }
  const dup = ctx.graph.duplicates.get(id);
  if (dup?.length) {
    return {
      kind: 'duplicate', ename: 'SyntaxError', frames: [], ...at(dup[0]!),
      message: `${dup.join(', ')} ${dup.length > 1 ? 'are' : 'is'} defined by more than one cell: define each name in one cell only`,
    };
  }
  const cycle = ctx.graph.cycles.get(id);
  if (cycle) return { kind: 'cycle', ename: 'ReferenceError', message: `circular definition: ${cycle.join(' → ')}`, frames: [] };
  for (const name of a.assigns) {
    const definers = ctx.graph.definers.get(name);
    if (definers?.length) {
      return { kind: 'assignment', ename: 'SyntaxError', ...at(name), frames: [], message: `cannot assign to ${name}: it is defined by another cell` };
    }
    if (ctx.isEnvironment(name) && !(name in globalThis)) {
      return { kind: 'assignment', ename: 'SyntaxError', ...at(name), frames: [], message: `cannot assign to ${name}: it is provided by litelab` };
    }
  }
  for (const name of a.references) {
    if (a.typeofOnly.includes(name) || ctx.graph.definers.has(name) || (RESERVED as readonly string[]).includes(name) || ctx.isEnvironment(name)) continue;
    return { kind: 'undefined', ename: 'ReferenceError', message: `${name} is not defined`, ...at(name), frames: [] };
  }
  return null;
}

/** A failure if a name the cell reads comes from a cell that failed, or has no value yet. */
export function upstreamFailure(a: CellAnalysis, g: Graph, failed: (cellId: string) => boolean, hasValue: (name: string) => boolean): CellFailure | null {
  for (const name of a.references) {
    for (const d of g.definers.get(name) ?? []) {
      if (!failed(d) && (hasValue(name) || a.typeofOnly.includes(name))) continue;
      const pos = a.positions.get(name);
      return {
        kind: 'upstream', ename: 'ReferenceError', sourceCellId: d, frames: [], ...(pos ? { line: pos.line, column: pos.column } : {}),
        message: failed(d) ? `${name} is unavailable: the cell defining it failed` : `${name} has no value yet: run the cell defining it`,
      };
    }
  }
  return null;
}

/** What a cell threw, located in the cell (its innermost frame in that cell). */
export function runtimeFailure(cellId: string, err: unknown): CellFailure {
  if (err instanceof CellSyntaxError) return { kind: 'syntax', ename: err.name, message: err.detail, line: err.line, column: err.column, frames: [] };
  const frames = cellFrames(err);
  const own = frames.find((f) => f.cellId === cellId);
  const ename = err instanceof Error ? err.name : 'Error';
  const message = err instanceof LitelabError || err instanceof Error ? err.message : `Uncaught ${inspect(err)}`;
  return { kind: 'runtime', ename, message, frames, thrown: err, ...(own ? { line: own.line, column: own.column } : {}) };
}
