/**
 * The notebook's typed errors (all `LitelabError`s, so the CLI and the cells print one line). Runtime failures of
 * a cell are not thrown at callers: they become the cell's error state and an `error` output (see `kernel.ts`).
 */
import { LitelabError } from '../errors.ts';

/** A code cell that does not parse (or uses syntax a cell cannot have); `line`/`column` are 1-based, in the cell. */
export class CellSyntaxError extends LitelabError {
  override name = 'SyntaxError';
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
    /** String offset in the cell source. */
    readonly offset: number,
  ) {
    super(`line ${line}:${column}: ${detail}`);
  }
}

/** The kernel refuses to run an untrusted notebook (opened from a file or a link) until `trust()` is called. */
export class UntrustedNotebookError extends LitelabError {
  override name = 'UntrustedNotebookError';
  constructor() {
    super('this notebook came from a file or a link and is not trusted: review its code, then trust it to run cells');
  }
}

/** A share link would exceed the configured size: the notebook should be saved as `.ipynb` instead. */
export class ShareLinkTooLongError extends LitelabError {
  override name = 'ShareLinkTooLongError';
  constructor(readonly length: number, readonly limit: number) {
    super(`the share link would be ${length} characters, over the limit of ${limit}; save the notebook as .ipynb and share the file instead` +
      ' (or share it without outputs)');
  }
}
