/**
 * Turns an analysed cell into the body of an async function: import declarations become `await __litelab.import()`,
 * `export` keywords are blanked, `const x = view(input)` calls `__litelab.viewOf("x")(input)`, the last expression
 * statement is passed to `__litelab.result()`, and a final `return {…}` hands the cell's top-level definitions to
 * the kernel. Edits keep the line structure, and `BodySource.original()` maps any position in the generated body
 * back to the cell source for error reporting.
 */
import type { CellAnalysis, ImportInfo } from './analyze.ts';
import { LineIndex, type Position } from './lines.ts';

/** The runtime object's parameter name inside a compiled cell. */
export const RUNTIME = '__litelab';
/** First line(s) of every body; `evaluate.ts` calibrates stack line numbers against it. */
export const PRELUDE = '"use strict";\n';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface Segment {
  readonly genStart: number;
  readonly genEnd: number;
  readonly origStart: number;
  /** Copied text maps offset by offset; replaced text maps to `origStart`. */
  readonly copied: boolean;
}

export class BodySource {
  readonly #gen: LineIndex;
  readonly #orig: LineIndex;

  constructor(readonly text: string, readonly source: string, private readonly segments: readonly Segment[]) {
    this.#gen = new LineIndex(text);
    this.#orig = new LineIndex(source);
  }

  /** The cell-source position of a (1-based) position in the body, or null if it is in generated code. */
  original(pos: Position): Position | null {
    const g = this.#gen.offset(pos);
    for (const s of this.segments) {
      if (g >= s.genStart && (g < s.genEnd || (g === s.genEnd && s.copied))) {
        return this.#orig.position(s.copied ? s.origStart + (g - s.genStart) : s.origStart);
      }
    }
    return null;
  }
}

/** The async function body for a cell. */
export function rewriteCell(a: CellAnalysis): BodySource {
  const edits: Edit[] = [];
  for (const imp of a.imports) edits.push({ start: imp.start, end: imp.end, text: importCode(imp) + newlines(a.source.slice(imp.start, imp.end)) });
  for (const k of a.exportKeywords) edits.push({ start: k.start, end: k.end, text: a.source.slice(k.start, k.end).replace(/[^\r\n]/g, ' ') });
  for (const v of a.views) edits.push({ start: v.callee.start, end: v.callee.end, text: `${RUNTIME}.viewOf(${JSON.stringify(v.name)})` });
  if (a.lastExpression) {
    edits.push({ start: a.lastExpression.start, end: a.lastExpression.start, text: `${RUNTIME}.result((` });
    edits.push({ start: a.lastExpression.end, end: a.lastExpression.end, text: '))' });
  }
  edits.sort((x, y) => x.start - y.start || x.end - y.end);

  let text = PRELUDE;
  const segments: Segment[] = [];
  let at = 0;
  const copy = (to: number): void => {
    if (to > at) segments.push({ genStart: text.length, genEnd: text.length + (to - at), origStart: at, copied: true });
    text += a.source.slice(at, to);
    at = to;
  };
  for (const e of edits) {
    copy(e.start);
    segments.push({ genStart: text.length, genEnd: text.length + e.text.length, origStart: e.start, copied: false });
    text += e.text;
    at = e.end;
  }
  copy(a.source.length);
  text += `\n;return {${a.defines.join(', ')}};`;
  return new BodySource(text, a.source, segments);
}

function importCode(imp: ImportInfo): string {
  const attrs = Object.keys(imp.attributes).length ? `, ${JSON.stringify({ with: imp.attributes })}` : '';
  const load = `await ${RUNTIME}.import(${JSON.stringify(imp.specifier)}${attrs})`;
  const ns = imp.bindings.find((b) => b.imported === '*');
  const named = imp.bindings.filter((b) => b.imported !== '*');
  if (!imp.bindings.length) return `${load};`;
  if (ns) return `const ${ns.local} = ${load}${named.length ? `, {${named.map(pair).join(', ')}} = ${ns.local}` : ''};`;
  return `const {${named.map(pair).join(', ')}} = ${load};`;
}

function pair(b: { imported: string; local: string }): string {
  return `${JSON.stringify(b.imported)}: ${b.local}`;
}

function newlines(s: string): string {
  return '\n'.repeat((s.match(/\r\n|[\n\r\u2028\u2029]/g) ?? []).length);
}
