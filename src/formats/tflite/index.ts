/**
 * The TFLite format: sniff (`sniffTflite`, the "TFL3" file identifier), read into the IR, write back, inspect.
 * `tfliteFormat` is the `match()` / `open()` pair the format registry uses, like every other reader.
 */
import { readTflite } from './reader.ts';

export { readTflite, effectiveBuiltinCode } from './reader.ts';
export { writeTflite } from './writer.ts';
export { inspectGraph, formatInspect } from './inspect.ts';
export type { InspectReport, InspectSubgraph, InspectTensor, InspectOperator, InspectQuantization, InspectSignature, InspectMetadata } from './inspect.ts';

/** True when `bytes` carries the TFLite flatbuffer identifier "TFL3" (at byte 4, after the root offset). */
export function sniffTflite(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[4] === 0x54 && bytes[5] === 0x46 && bytes[6] === 0x4c && bytes[7] === 0x33;
}

export const tfliteFormat = {
  name: 'tflite',
  extensions: ['.tflite'],
  match: sniffTflite,
  open: readTflite,
} as const;
