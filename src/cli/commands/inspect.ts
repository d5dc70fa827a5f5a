/**
 * `litelab inspect MODEL.tflite [--json]`: what is in a `.tflite` (subgraphs, tensors, operators with versions and
 * options, signatures, metadata, sizes) as aligned text, or as the JSON report with `--json`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { FormatError, UsageError } from '../../errors.ts';
import { formatInspect, inspectGraph, readTflite } from '../../formats/tflite/index.ts';
import type { Command } from '../main.ts';

const USAGE = `usage: litelab inspect MODEL.tflite [--json]

Prints the subgraphs (tensors with dtype, shape, shape signature, quantization, constant size; operators with
version, inputs, outputs and options), signatures, metadata and sizes of a TFLite model.

options:
  --json      print the report as JSON instead of text
  -h, --help  show this help
`;

/** Reads a whole file; a missing or unreadable file is a user-facing error naming it, not a stack. */
export function readInputFile(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied'
      : e instanceof Error ? e.message : String(e);
    throw new FormatError(file, `cannot read the file: ${why}`);
  }
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show what is in a .tflite model (tensors, operators, signatures, metadata, sizes)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one model file, got ${positionals.length}` : 'missing MODEL.tflite');
    const file = positionals[0]!;
    const bytes = readInputFile(file);
    const report = inspectGraph(readTflite(bytes, file), bytes.length);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatInspect(report, file));
    return 0;
  },
};
