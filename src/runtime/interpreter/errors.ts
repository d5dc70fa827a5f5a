/**
 * The interpreter's user-facing error: a wrong input (name, shape, dtype), or a node that failed while running
 * (named with its index, op, kind and node name). The CLI prints it as one line and exits 1.
 */
import { LitelabError } from '../../errors.ts';

export class InterpreterError extends LitelabError {
  override name = 'InterpreterError';
}
