/**
 * Compiles a rewritten cell into an `AsyncFunction(__litelab, ...names)` and maps errors back to the cell: each
 * compiled body carries `//# sourceURL=litelab/cell-<id>.<n>.js`, so stack frames name the cell, and the body's
 * source map (`BodySource.original`) turns their line:column into a line:column of the cell source. The line
 * offset the engine adds for the function header is measured once, not assumed.
 */
import type { CellAnalysis } from './analyze.ts';
import { CellSyntaxError } from './errors.ts';
import type { Position } from './lines.ts';
import { BodySource, PRELUDE, RUNTIME, rewriteCell } from './rewrite.ts';

/** What a running cell's body calls (`__litelab.*`). */
export interface CellRuntime {
  import(specifier: string, options?: ImportCallOptions): Promise<unknown>;
  /** `const name = view(input)` → `viewOf("name")(input)`. */
  viewOf(name: string): (input: unknown) => unknown;
  /** Receives the value of the last expression statement. */
  result(value: unknown): void;
}

type AsyncFn = (...args: unknown[]) => Promise<Record<string, unknown>>;
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => AsyncFn;

/** One stack frame inside a cell, in cell-source coordinates. */
export interface CellFrame {
  readonly cellId: string;
  /** Function name, or null for the cell's top level. */
  readonly fn: string | null;
  readonly line: number;
  readonly column: number;
}

export interface CompiledCell {
  readonly cellId: string;
  readonly params: readonly string[];
  readonly body: BodySource;
  /** Runs the body; resolves to the cell's top-level definitions. */
  run(runtime: CellRuntime, args: readonly unknown[]): Promise<Record<string, unknown>>;
}

/** sourceURL → compiled body, for mapping frames of any cell (latest few compilations per cell). */
const registry = new Map<string, { cellId: string; body: BodySource }>();
const KEEP_PER_CELL = 4;
let generation = 0;
let offsets: { line: number; column: number } | undefined;

/** Compiles a cell with `params` as its free names. Throws `CellSyntaxError` if the engine rejects the body. */
export function compileCell(cellId: string, analysis: CellAnalysis, params: readonly string[]): CompiledCell {
  const body = rewriteCell(analysis);
  const url = `litelab/cell-${cellId}.${++generation}.js`;
  let fn: AsyncFn;
  try {
    fn = new AsyncFunction(RUNTIME, ...params, `${body.text}\n//# sourceURL=${url}`);
  } catch (e) {
    throw new CellSyntaxError(e instanceof Error ? e.message : String(e), 1, 1, 0);
  }
  registry.set(url, { cellId, body });
  const mine = [...registry.keys()].filter((k) => registry.get(k)!.cellId === cellId);
  for (const old of mine.slice(0, -KEEP_PER_CELL)) registry.delete(old);
  return { cellId, params, body, run: (runtime, args) => fn(runtime, ...args) };
}

/** Forgets a deleted cell's bodies. */
export function forgetCell(cellId: string): void {
  for (const [k, v] of registry) if (v.cellId === cellId) registry.delete(k);
}

const FRAME = /(?:at (?:async )?(.*?) \(|^\s*(?:at )?(?:async )?(?:([^@\s(]*)@)?)?(litelab\/cell-[A-Za-z0-9_-]+\.\d+\.js):(\d+):(\d+)/;

/** The cell frames of an error's stack, innermost first (frames outside cells are skipped). */
export function cellFrames(error: unknown): CellFrame[] {
  const stack = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return [];
  const o = measureOffsets();
  const out: CellFrame[] = [];
  for (const lineText of stack.split('\n')) {
    const m = FRAME.exec(lineText);
    if (!m) continue;
    const entry = registry.get(m[3]!);
    if (!entry) continue;
    const pos: Position = { line: Number(m[4]) - o.line, column: Number(m[5]) - o.column };
    const orig = entry.body.original(pos);
    if (!orig) continue;
    const name = (m[1] ?? m[2] ?? '').trim();
    out.push({ cellId: entry.cellId, fn: name && name !== 'eval' && name !== 'anonymous' ? name : null, ...orig });
  }
  return out;
}

/** How far the engine shifts body positions (the function header's lines), measured with a probe. */
function measureOffsets(): { line: number; column: number } {
  if (offsets) return offsets;
  const url = 'litelab/cell-probe.0.js';
  const probe = new Function(RUNTIME, `${PRELUDE}return new Error("probe");\n//# sourceURL=${url}`) as (x: unknown) => Error;
  const m = new RegExp(`${url.replace(/[./]/g, '\\$&')}:(\\d+):(\\d+)`).exec(probe(null).stack ?? '');
  // Expected body position of `new`: line after the prelude, column 8.
  const expected = { line: PRELUDE.split('\n').length, column: 8 };
  offsets = m ? { line: Number(m[1]) - expected.line, column: Number(m[2]) - expected.column } : { line: 2, column: 0 };
  return offsets;
}
