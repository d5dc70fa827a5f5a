/**
 * What the .h5 and .keras readers hand to the graph builder: the parsed model config, where the weights are,
 * and what the file says about the Keras that wrote it.
 */
import { FormatError } from '../../errors.ts';
import type { WeightSource } from './keras-graph.ts';
import { ConfigError, parseModelConfig, type ModelSpec } from './model-config.ts';

export interface KerasSource {
  model: ModelSpec;
  weights: WeightSource;
  kerasVersion?: string;
  backend?: string;
  /** Frees what the reader holds (HDF5 snapshot). */
  close(): void;
}

/** Parses model config JSON text, any failure a FormatError naming `file` and `where`. */
export function parseConfigText(text: string, file: string, where: string): ModelSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, `${where} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return parseModelConfig(json);
  } catch (e) {
    if (e instanceof ConfigError) throw new FormatError(file, `${where}: ${e.message}`);
    throw e;
  }
}

/** Major version of a Keras version string (`2.4.0` → 2); 2 when unknown. */
export function kerasMajor(version: string | undefined): number {
  const m = /^(\d+)\./.exec(version ?? '');
  return m ? Number(m[1]) : 2;
}
