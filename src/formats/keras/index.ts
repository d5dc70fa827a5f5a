/**
 * Keras model files → `ir.Graph` (TF-op form, `src/ir/tf-graph.md`): `loadKeras(bytes, file)` reads a Keras 2 `.h5`
 * or a `.keras` zip (told apart by their bytes, not the name) and converts its layers into the TF ops Keras'
 * own trace produces. Works in the browser and in Node (bytes in, no paths).
 */
import { FormatError, LitelabError } from '../../errors.ts';
import type { Graph } from '../../ir/graph.ts';
import type { H5OpenOptions } from './h5-file.ts';
import { buildKerasGraph } from './keras-graph.ts';
import { readKerasH5 } from './keras-h5.ts';
import { readKerasZip } from './keras-zip.ts';
import { kerasMajor, type KerasSource } from './source.ts';

export interface KerasLoadResult {
  graph: Graph;
  /** What was changed on the way (dropped training-only layers…), for the user to read. */
  notes: string[];
  kerasVersion?: string;
  backend?: string;
}

export interface KerasLoadOptions {
  /** Time limit for reading the HDF5 part, ms (default scales with the size; HDF5 may hang on damaged files). */
  timeoutMs?: number;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** 'h5' for HDF5 bytes (signature `\x89HDF\r\n\x1a\n`), 'keras' for a zip (`PK\x03\x04`), else undefined. */
export function sniffKeras(bytes: Uint8Array): 'h5' | 'keras' | undefined {
  if (startsWith(bytes, HDF5_SIGNATURE)) return 'h5';
  if (startsWith(bytes, ZIP_SIGNATURE)) return 'keras';
  return undefined;
}

/**
 * Reads a Keras model and converts it. Throws FormatError (damaged / not a Keras file, naming `file`),
 * UnsupportedOpError (every unknown layer class with its layers), or ConversionError.
 */
export async function loadKeras(bytes: Uint8Array, file: string, options: KerasLoadOptions = {}): Promise<KerasLoadResult> {
  const kind = sniffKeras(bytes);
  if (!kind) throw new FormatError(file, 'neither an HDF5 (.h5) nor a zip (.keras) file', 0);
  const h5Options: H5OpenOptions = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  let source: KerasSource | undefined;
  try {
    source = kind === 'h5' ? await readKerasH5(bytes, file, h5Options) : await readKerasZip(bytes, file, h5Options);
    const { graph, notes } = buildKerasGraph({ model: source.model, weights: source.weights, kerasMajor: kerasMajor(source.kerasVersion), file });
    const result: KerasLoadResult = { graph, notes };
    if (source.kerasVersion !== undefined) result.kerasVersion = source.kerasVersion;
    if (source.backend !== undefined) result.backend = source.backend;
    return result;
  } catch (e) {
    if (e instanceof LitelabError) throw e;
    // A damaged config can reach code paths that assume a sane model; report it as what it is.
    throw new FormatError(file, `damaged or inconsistent Keras model (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`);
  } finally {
    source?.close();
  }
}
