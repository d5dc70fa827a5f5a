/**
 * The typed errors every part of litelab throws at its users. The CLI prints one line (`Type: file: what`) and exits 1;
 * the notebook shows the same line in the cell that failed. Anything else escaping is a bug.
 */

/** Base of every user-facing error: carries what the CLI prints. */
export class LitelabError extends Error {
  override name = 'LitelabError';
  /** One line, no stack: `FormatError: model.tflite: …`. */
  oneLine(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** A file that is not what it claims to be, or is damaged: names the file and where (offset or field) it is wrong. */
export class FormatError extends LitelabError {
  override name = 'FormatError';
  constructor(
    readonly file: string,
    readonly detail: string,
    /** Byte offset at fault, when known. */
    readonly offset?: number,
    /** Field path at fault, e.g. `Model.subgraphs[0].tensors[3].shape`. */
    readonly field?: string,
  ) {
    super(`${file}: ${[field, offset === undefined ? undefined : `at byte ${offset}`].filter(Boolean).join(' ')}${field || offset !== undefined ? ': ' : ''}${detail}`);
  }
}

/** A model we could not convert, for a reason other than unsupported ops. */
export class ConversionError extends LitelabError {
  override name = 'ConversionError';
}

/** Every unsupported op in a model at once, each with the nodes that use it. */
export class UnsupportedOpError extends LitelabError {
  override name = 'UnsupportedOpError';
  constructor(readonly ops: ReadonlyMap<string, readonly string[]>, context = '') {
    super(`${context ? context + ': ' : ''}unsupported ops: ` +
      [...ops].map(([op, nodes]) => `${op} (${nodes.join(', ')})`).join('; '));
  }
}

/** Wrong use of an API or the CLI (exit code 2 in the CLI). */
export class UsageError extends LitelabError {
  override name = 'UsageError';
}
