/**
 * Pad fusion. Rule: Pad (or PadV2 with a zero constant) feeding a VALID Conv2D / DepthwiseConv2dNative, where the
 * pads are zero on batch and channels and equal, on H and W, what SAME padding would add for that conv on the
 * unpadded input (total = max((⌈in/s⌉ − 1)·s + (k − 1)·d + 1 − in, 0), ⌊total/2⌋ before, the rest after), becomes
 * that conv reading the unpadded input with padding SAME. Not for pooling: SAME max-pool pads with −∞ and SAME
 * average-pool does not count padding, so neither equals an explicit zero Pad.
 * Checks: the Pad output has no other reader; the input's H and W are known.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { intsOf } from './fold/values.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { scalarOf } from './pattern.ts';
import { samePadding } from './shapes/window.ts';

interface PadMatch { pad: Node; conv: Node; x: Tensor; pads: number[] }

const padIntoConv: RewriteRule<PadMatch> = {
  name: 'pad-into-conv',
  roots: ['Conv2D', 'DepthwiseConv2dNative'],
  match(conv, g) {
    if (conv.attrs['padding'] !== 'VALID' || conv.attrs['data_format'] === 'NCHW') return undefined;
    const pad = g.producerOf(conv.inputs[0], 'Pad', 'PadV2');
    const pads = pad && intsOf(pad.inputs[1]);
    if (!pad || !pads || pads.length !== 8 || !pad.inputs[0]) return undefined;
    if (pad.op === 'PadV2' && scalarOf(pad.inputs[2]) !== 0) return undefined;
    return { pad, conv, x: pad.inputs[0], pads };
  },
  check({ pad, conv, x, pads }, g) {
    if (!g.singleUse(pad.outputs[0]!)) return `${pad.outputs[0]!.name} has other readers`;
    if (pads[0] || pads[1] || pads[6] || pads[7]) return 'it pads the batch or channel dim';
    const f = conv.inputs[1]?.shape ?? [];
    const s = (conv.attrs['strides'] as number[] | undefined) ?? [1, 1, 1, 1];
    const d = (conv.attrs['dilations'] as number[] | undefined) ?? [1, 1, 1, 1];
    for (const [axis, k] of [[1, f[0]], [2, f[1]]] as [number, number | undefined][]) {
      const size = x.shape[axis];
      if (size === undefined || size < 0 || k === undefined) return 'the input height/width is unknown';
      const [before, after] = samePadding(size, k, s[axis]!, d[axis]!);
      if (pads[2 * axis] !== before || pads[2 * axis + 1] !== after) return `pads [${pads[2 * axis]}, ${pads[2 * axis + 1]}] on axis ${axis} are not SAME's [${before}, ${after}]`;
    }
    return undefined;
  },
  rewrite({ pad, conv, x }, g) {
    conv.inputs[0] = x;
    conv.attrs = { ...conv.attrs, padding: 'SAME' };
    g.touch();
    g.removeNode(pad);
  },
};

export const fusePadPass = rulePass('fuse-pad', 'an explicit zero Pad that equals SAME padding is folded into the conv', [padIntoConv]);
