/**
 * Merge layers, as Keras' `_merge_function`s chain them: Add → AddV2, Subtract → Sub, Multiply → Mul,
 * Maximum / Minimum → Maximum / Minimum, Average → AddV2 chain then RealDiv by n; Concatenate → ConcatV2(…, axis).
 */
import type { Tensor } from '../../../ir/graph.ts';
import { axisOf, num, type LayerContext, type LayerDef, type LayerFamily } from './types.ts';

/** NumPy broadcast of two shapes (-1 = unknown). */
export function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    out.push(x === 1 ? y : y === 1 ? x : x === -1 ? y : x);
  }
  return out;
}

function chain(ctx: LayerContext, op: string, inputs: Tensor[]): Tensor {
  if (inputs.length < 2) ctx.fail(`needs at least 2 inputs, got ${inputs.length}`);
  let out = inputs[0]!;
  for (const t of inputs.slice(1)) out = ctx.op(op, [out, t], broadcastShape(out.shape, t.shape));
  return out;
}

const chained = (op: string): LayerDef => ({ emit: (ctx, inputs) => [chain(ctx, op, inputs)] });

export const mergeLayers: LayerFamily = {
  Add: chained('AddV2'),
  Multiply: chained('Mul'),
  Maximum: chained('Maximum'),
  Minimum: chained('Minimum'),
  Subtract: {
    emit: (ctx, inputs) => {
      if (inputs.length !== 2) ctx.fail(`needs exactly 2 inputs, got ${inputs.length}`);
      return [ctx.op('Sub', [inputs[0]!, inputs[1]!], broadcastShape(inputs[0]!.shape, inputs[1]!.shape))];
    },
  },
  Average: {
    emit: (ctx, inputs) => {
      const sum = chain(ctx, 'AddV2', inputs);
      return [ctx.op('RealDiv', [sum, ctx.constFloat('truediv/y', [], [inputs.length], sum.dtype)], sum.shape)];
    },
  },
  Concatenate: {
    emit: (ctx, inputs) => {
      if (inputs.length < 1) ctx.fail('needs at least 1 input');
      const rank = inputs[0]!.shape.length;
      const axis = axisOf(num(ctx.config, 'axis', -1), rank);
      const shape = [...inputs[0]!.shape];
      shape[axis] = inputs.some((t) => t.shape[axis]! < 0) ? -1 : inputs.reduce((s, t) => s + t.shape[axis]!, 0);
      const axisT = ctx.constInt32('concat/axis', [], [num(ctx.config, 'axis', -1)]);
      return [ctx.op('ConcatV2', [...inputs, axisT], shape, { N: inputs.length, Tidx: 'int32' })];
    },
  },
};
