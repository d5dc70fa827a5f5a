/**
 * The `.npy` header: a Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`,
 * padded with spaces and ended by '\n' so the data start at a multiple of 64 bytes (NumPy ≥ 1.x writes 64; readers
 * must accept any). This module parses that literal with a small tokenizer (strings in either quote, True/False,
 * integers with an optional Python-2 `L`, tuples with or without a trailing comma, nested in one dict) and
 * formats it the way NumPy does.
 */

export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

type PyValue = string | boolean | number | PyValue[];

class HeaderParser {
  private i = 0;
  constructor(private readonly s: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at character ${this.i} of the header ${JSON.stringify(this.s.trim())}`);
  }

  private skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private peek(): string {
    this.skip();
    return this.s[this.i] ?? '';
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  private value(): PyValue {
    const c = this.peek();
    if (c === "'" || c === '"') {
      const end = this.s.indexOf(c, this.i + 1);
      if (end < 0) this.fail('unterminated string');
      const v = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return v;
    }
    if (c === '(' || c === '[') {
      const close = c === '(' ? ')' : ']';
      this.i++;
      const items: PyValue[] = [];
      while (this.peek() !== close) {
        items.push(this.value());
        if (this.peek() === ',') this.i++;
        else if (this.peek() !== close) this.fail(`expected ',' or '${close}'`);
      }
      this.i++;
      return items;
    }
    const m = /^(True|False|-?\d+L?)/.exec(this.s.slice(this.i));
    if (!m) this.fail('unexpected value');
    this.i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    return Number(m[0].replace(/L$/, ''));
  }

  dict(): Map<string, PyValue> {
    const out = new Map<string, PyValue>();
    this.expect('{');
    while (this.peek() !== '}') {
      const k = this.value();
      if (typeof k !== 'string') this.fail('expected a string key');
      this.expect(':');
      out.set(k, this.value());
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== '}') this.fail("expected ',' or '}'");
    }
    this.i++;
    if (this.peek() !== '') this.fail('unexpected text after the dict');
    return out;
  }
}

/** Parses the header text; throws SyntaxError / TypeError describing what is wrong (the reader wraps it). */
export function parseHeader(text: string): NpyHeader {
  const d = new HeaderParser(text).dict();
  const descr = d.get('descr');
  const fortran = d.get('fortran_order');
  const shape = d.get('shape');
  if (typeof descr !== 'string') throw new TypeError(`'descr' must be a dtype string${Array.isArray(descr) ? ' (structured dtypes are not supported)' : ''}`);
  if (typeof fortran !== 'boolean') throw new TypeError("'fortran_order' must be True or False");
  if (!Array.isArray(shape) || !shape.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0)) {
    throw new TypeError("'shape' must be a tuple of non-negative integers");
  }
  return { descr, fortranOrder: fortran, shape: shape as number[] };
}

/** NumPy's header text: dict, spaces, '\n', padded so that `prefixBytes` + the text is a multiple of 64. */
export function formatHeader(h: NpyHeader, prefixBytes: number): string {
  const shape = h.shape.length === 1 ? `(${h.shape[0]},)` : `(${h.shape.join(', ')})`;
  const dict = `{'descr': '${h.descr}', 'fortran_order': ${h.fortranOrder ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const total = Math.ceil((prefixBytes + dict.length + 1) / 64) * 64;
  return dict + ' '.repeat(total - prefixBytes - dict.length - 1) + '\n';
}
