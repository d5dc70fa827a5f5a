/**
 * Cell outputs, shaped as nbformat's MIME bundles so they map 1:1 onto `.ipynb` (`ipynb.ts` does the renaming):
 * `result` = `execute_result`, `display` = `display_data`, `stream`, `error`. A `result` / `display` may also carry
 * the live JavaScript `value` it was made from (an input element, a plot object) for the UI to mount; `value`
 * is never saved.
 */

/** MIME type → content: a string for text types (`text/plain`, `text/html`, `image/svg+xml`), JSON for `…json` types. */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** `execute_result`: the value of the cell's last expression statement. */
export interface ResultOutput {
  readonly type: 'result';
  readonly executionCount: number | null;
  readonly data: MimeBundle;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The live value (not saved). */
  readonly value?: unknown;
}

/** `display_data`: one `display(value)` call (or a `view()` input). */
export interface DisplayOutput {
  readonly type: 'display';
  readonly data: MimeBundle;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The live value (not saved); for `view()` the input element itself. */
  readonly value?: unknown;
}

/** `stream`: text the cell wrote through `console` (`log`/`info`/`debug` → stdout, `warn`/`error` → stderr). */
export interface StreamOutput {
  readonly type: 'stream';
  readonly name: 'stdout' | 'stderr';
  readonly text: string;
}

/** `error`: what stopped the cell. `line`/`column` (1-based, inside the cell source) are not saved. */
export interface ErrorOutput {
  readonly type: 'error';
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: readonly string[];
  readonly line?: number;
  readonly column?: number;
}

export type CellOutput = ResultOutput | DisplayOutput | StreamOutput | ErrorOutput;

/** MIME types whose content is JSON rather than text (nbformat: `application/json` and `application/…+json`). */
export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

/** `outputs` with `out` appended; a stream output continuing the last one (same name) is merged into it, as Jupyter does. */
export function appendOutput(outputs: readonly CellOutput[], out: CellOutput): CellOutput[] {
  const last = outputs.at(-1);
  if (out.type === 'stream' && last?.type === 'stream' && last.name === out.name) {
    return [...outputs.slice(0, -1), { type: 'stream', name: out.name, text: last.text + out.text }];
  }
  return [...outputs, out];
}
