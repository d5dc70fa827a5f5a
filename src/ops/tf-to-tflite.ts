/**
 * THE op table TF → TFLite (DESIGN conventions 2–3): every TF op (and converter-internal fused op) the converter
 * legalizes, as data rows (`op-row.ts`) grouped by family; adding an op = one row in one family file. A test walks
 * every row. `TFLITE_VERSIONS` maps each builtin the rows can produce to its op-version rule.
 */
import { BuiltinOperator } from '../formats/tflite/generated/tflite/builtin-operator.ts';
import type { OpRow } from './op-row.ts';
import * as v from './op-version.ts';
import { MATH_ROWS } from './table-math.ts';
import { NN_ROWS } from './table-nn.ts';
import { SHAPE_ROWS } from './table-shape.ts';

const ROWS: readonly OpRow[] = [...NN_ROWS, ...MATH_ROWS, ...SHAPE_ROWS];

function index(rows: readonly OpRow[]): ReadonlyMap<string, OpRow> {
  const m = new Map<string, OpRow>();
  for (const r of rows) {
    if (m.has(r.tf)) throw new Error(`op table: duplicate row for ${r.tf}`);
    if (!(r.tflite in BuiltinOperator)) throw new Error(`op table: ${r.tf} → unknown builtin ${r.tflite}`);
    m.set(r.tf, r);
  }
  return m;
}

export const TF_TO_TFLITE: ReadonlyMap<string, OpRow> = index(ROWS);

/** Op-version rule per TFLite builtin: every builtin a row can emit, plus QUANTIZE / DEQUANTIZE / LSTM for quantized models. */
export const TFLITE_VERSIONS: ReadonlyMap<string, v.VersionFn> = new Map<string, v.VersionFn>([
  ...ROWS.map((r) => [r.tflite, r.version] as const),
  ['FULLY_CONNECTED', v.fullyConnected], ['BATCH_MATMUL', v.batchMatmul], ['PAD', v.pad],
  // not produced by the float converter; here so every builtin of the fixture models has its rule
  ['QUANTIZE', v.quantize], ['DEQUANTIZE', v.dequantize], ['UNIDIRECTIONAL_SEQUENCE_LSTM', v.unidirectionalLstm],
]);

/** True for names of TFLite builtins (upper-case enum keys), false for TF op types. */
export function isTfliteOp(op: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(op) && op in BuiltinOperator;
}

export type { OpRow } from './op-row.ts';
