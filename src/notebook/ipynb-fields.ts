/**
 * Checked field access for the `.ipynb` reader: every accessor takes the field path it is reading
 * (`cells[3].source`) and throws a `FormatError` naming the file and that path when the value has the wrong type,
 * so no garbage JSON ever produces an untyped error.
 */
import { FormatError } from '../errors.ts';

export type JsonObject = Record<string, unknown>;

export class Fields {
  constructor(readonly file: string) {}

  fail(field: string, detail: string): never {
    throw new FormatError(this.file, detail, undefined, field);
  }

  /** `JSON.typeof`-style name for messages. */
  static kind(v: unknown): string {
    return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
  }

  object(v: unknown, field: string): JsonObject {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(field, `expected an object, found ${Fields.kind(v)}`);
    return v as JsonObject;
  }

  /** An object, or `{}` when absent. */
  optionalObject(v: unknown, field: string): JsonObject {
    return v === undefined ? {} : this.object(v, field);
  }

  array(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) this.fail(field, `expected an array, found ${Fields.kind(v)}`);
    return v;
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string') this.fail(field, `expected a string, found ${Fields.kind(v)}`);
    return v;
  }

  /** nbformat's multiline string: a string or an array of strings (lines with their breaks), joined. */
  multiline(v: unknown, field: string): string {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) {
      return v.map((line, i) => (typeof line === 'string' ? line : this.fail(`${field}[${i}]`, `expected a string, found ${Fields.kind(line)}`))).join('');
    }
    return this.fail(field, `expected a string or an array of strings, found ${Fields.kind(v)}`);
  }

  /** A non-negative integer or null (`execution_count`); absent counts as null. */
  count(v: unknown, field: string): number | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.fail(field, `expected a non-negative integer or null, found ${JSON.stringify(v)}`);
    return v;
  }

  oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(field, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, found ${typeof v === 'string' ? JSON.stringify(v) : Fields.kind(v)}`);
    }
    return v as T;
  }
}
