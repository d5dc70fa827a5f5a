/**
 * Text helpers shared by the `.ipynb` writer and the analyser: Python's `str.splitlines(keepends=True)` (how Jupyter
 * stores multiline strings as arrays of lines) and a line index mapping between string offsets and 1-based
 * line / column positions.
 */

/** The line boundaries Python's `splitlines` recognises (CRLF counts as one). */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** `text` split after each line break, keeping the breaks: `"a\nb"` → `["a\n", "b"]`, `""` → `[]`. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(LINE_BREAK)) {
    const end = m.index + m[0].length;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** A 1-based line and 1-based column (in UTF-16 code units, as editors and V8 count). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Offsets ↔ positions for one text, with `\n`, `\r\n` and `\r` as line breaks (as JavaScript counts lines). */
export class LineIndex {
  /** Offset at which each line starts. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (const m of text.matchAll(/\r\n|[\n\r\u2028\u2029]/g)) this.starts.push(m.index + m[0].length);
  }

  /** Number of lines (a text without breaks has 1). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a string offset (clamped into the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  /** The string offset of a position (clamped to the line and the text). */
  offset(pos: Position): number {
    const line = Math.max(1, Math.min(pos.line, this.starts.length));
    const start = this.starts[line - 1]!;
    const end = line < this.starts.length ? this.starts[line]! : this.text.length;
    return Math.max(start, Math.min(start + pos.column - 1, end));
  }
}
