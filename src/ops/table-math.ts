/**
 * TF → TFLite rows for element-wise math, comparisons, reductions and casts. Binary ops keep TF's NumPy
 * broadcasting (TFLite's kernels broadcast the same way); BiasAdd (NHWC) is an ADD of a [C] vector; RealDiv (and
 * Div on floats) is DIV. Reductions take their axes as an int32 second input and keep_dims as ReducerOptions.
 */
import { AddOptionsT } from '../formats/tflite/generated/tflite/add-options.ts';
import { ArgMaxOptionsT } from '../formats/tflite/generated/tflite/arg-max-options.ts';
import { ArgMinOptionsT } from '../formats/tflite/generated/tflite/arg-min-options.ts';
import { BuiltinOptions } from '../formats/tflite/generated/tflite/builtin-options.ts';
import { CastOptionsT } from '../formats/tflite/generated/tflite/cast-options.ts';
import { DivOptionsT } from '../formats/tflite/generated/tflite/div-options.ts';
import { MulOptionsT } from '../formats/tflite/generated/tflite/mul-options.ts';
import { ReducerOptionsT } from '../formats/tflite/generated/tflite/reducer-options.ts';
import { SubOptionsT } from '../formats/tflite/generated/tflite/sub-options.ts';
import { tensorTypeFromDtype } from '../ir/dtype.ts';
import type { LegalizeContext, NodeOptions, OpRow } from './op-row.ts';
import * as v from './op-version.ts';

const add = (): NodeOptions => ({ type: BuiltinOptions.AddOptions, value: new AddOptionsT() });
const isFloat = (c: LegalizeContext): boolean => ['float32', 'float16', 'float64'].includes(c.output().dtype);

function binary(tf: string, tflite: string, version: OpRow['version'], options?: () => NodeOptions): OpRow {
  return options ? { tf, tflite, version, inputs: [0, 1], options } : { tf, tflite, version, inputs: [0, 1] };
}

const unary = (tf: string, tflite: string, version: OpRow['version'] = v.one): OpRow => ({ tf, tflite, version, inputs: [0] });

function reduce(tf: string, tflite: string, version: OpRow['version']): OpRow {
  return {
    tf, tflite, version,
    build: (c) => [c.make(tflite, [c.input(0), c.int32Input(1)], { type: BuiltinOptions.ReducerOptions, value: new ReducerOptionsT(c.bool('keep_dims')) })],
  };
}

function arg(tf: 'ArgMax' | 'ArgMin'): OpRow {
  return {
    tf, tflite: tf === 'ArgMax' ? 'ARG_MAX' : 'ARG_MIN', version: v.argMinMax,
    check: (c) => (['int32', 'int64'].includes(c.output().dtype) ? undefined : `output_type ${c.output().dtype}`),
    build(c) {
      const t = tensorTypeFromDtype(c.output().dtype);
      const options: NodeOptions = tf === 'ArgMax' ? { type: BuiltinOptions.ArgMaxOptions, value: new ArgMaxOptionsT(t) } : { type: BuiltinOptions.ArgMinOptions, value: new ArgMinOptionsT(t) };
      return [c.make(tf === 'ArgMax' ? 'ARG_MAX' : 'ARG_MIN', [c.input(0), c.int32Input(1)], options)];
    },
  };
}

export const MATH_ROWS: readonly OpRow[] = [
  binary('AddV2', 'ADD', v.add, add), binary('Add', 'ADD', v.add, add),
  { ...binary('BiasAdd', 'ADD', v.add, add), check: (c) => (c.str('data_format', 'NHWC') === 'NHWC' ? undefined : `data_format ${c.str('data_format')}`) },
  binary('Sub', 'SUB', v.sub, () => ({ type: BuiltinOptions.SubOptions, value: new SubOptionsT() })),
  binary('Mul', 'MUL', v.mul, () => ({ type: BuiltinOptions.MulOptions, value: new MulOptionsT() })),
  binary('RealDiv', 'DIV', v.div, () => ({ type: BuiltinOptions.DivOptions, value: new DivOptionsT() })),
  { ...binary('Div', 'DIV', v.div, () => ({ type: BuiltinOptions.DivOptions, value: new DivOptionsT() })), check: (c) => (isFloat(c) ? undefined : 'integer Div (truncating) has no TFLite builtin') },
  binary('FloorDiv', 'FLOOR_DIV', (n) => (n.inputs[0]?.dtype === 'float32' ? 2 : 1)), binary('FloorMod', 'FLOOR_MOD', v.one),
  binary('Maximum', 'MAXIMUM', v.maxMin), binary('Minimum', 'MINIMUM', v.maxMin),
  binary('Pow', 'POW', v.one), binary('SquaredDifference', 'SQUARED_DIFFERENCE', v.int8Two),
  binary('Equal', 'EQUAL', v.equality), binary('NotEqual', 'NOT_EQUAL', v.equality),
  binary('Less', 'LESS', v.int8Two), binary('LessEqual', 'LESS_EQUAL', v.int8Two),
  binary('Greater', 'GREATER', v.int8Two), binary('GreaterEqual', 'GREATER_EQUAL', v.int8Two),
  binary('LogicalAnd', 'LOGICAL_AND', v.one), binary('LogicalOr', 'LOGICAL_OR', v.one), unary('LogicalNot', 'LOGICAL_NOT'),
  { tf: 'SelectV2', tflite: 'SELECT_V2', version: v.one, inputs: [0, 1, 2] },
  { tf: 'Select', tflite: 'SELECT', version: v.select, inputs: [0, 1, 2] },
  unary('Rsqrt', 'RSQRT', v.int8Two), unary('Sqrt', 'SQRT'), unary('Exp', 'EXP'), unary('Log', 'LOG'), unary('Neg', 'NEG'),
  unary('Abs', 'ABS', v.abs), unary('Square', 'SQUARE'), unary('Floor', 'FLOOR'), unary('Ceil', 'CEIL'), unary('Round', 'ROUND'),
  unary('Sin', 'SIN'), unary('Cos', 'COS'), unary('Sign', 'SIGN', (n) => (n.inputs[0]?.dtype === 'int32' ? 2 : 1)),
  unary('ZerosLike', 'ZEROS_LIKE'),
  {
    tf: 'Cast', tflite: 'CAST', version: v.cast, inputs: [0],
    options: (c) => ({ type: BuiltinOptions.CastOptions, value: new CastOptionsT(tensorTypeFromDtype(c.input(0)!.dtype), tensorTypeFromDtype(c.output().dtype)) }),
  },
  reduce('Mean', 'MEAN', v.int16Three), reduce('Sum', 'SUM', v.int8Two), reduce('Max', 'REDUCE_MAX', v.int16Three),
  reduce('Min', 'REDUCE_MIN', v.int16Three), reduce('Prod', 'REDUCE_PROD', v.reduceProd), reduce('Any', 'REDUCE_ANY', v.one),
  reduce('All', 'REDUCE_ALL', v.one),
  arg('ArgMax'), arg('ArgMin'),
];
