/**
 * THE pass registry (DESIGN convention 2): every pass by name, and the stages the converter runs, each a list of
 * pass names run to a fixed point by the pass manager. Adding a pass = one file + one line in `PASSES` (+ its name
 * in a stage).
 *
 * Stages: `tf-optimize` (TF-op IR: clean-up, folding, shape inference, composite-op recognition, batch-norm and
 * bias folding), `tf-lower` (what must become simpler TF ops before legalization), `legalize` (TF → TFLite
 * builtins, run once), `tflite-optimize` (TFLite-op IR: bias and activation fusion, reshape clean-up).
 */
import { constantFoldPass } from './constant-fold.ts';
import { deadCodePass } from './dead-code.ts';
import { foldBatchNormPass } from './fold-batch-norm.ts';
import { fuseActivationPass } from './fuse-activation.ts';
import { fuseBiasAddPass } from './fuse-bias-add.ts';
import { fuseGeluPass } from './fuse-gelu.ts';
import { fuseHardSwishPass } from './fuse-hard-swish.ts';
import { fusePadPass } from './fuse-pad.ts';
import { fusePreluPass } from './fuse-prelu.ts';
import { legalizePass } from './legalize.ts';
import { lowerBatchNormPass } from './lower-batch-norm.ts';
import type { Pass } from './pass.ts';
import { removeIdentityPass } from './remove-identity.ts';
import { reshapeCleanupPass } from './reshape-cleanup.ts';
import { shapeInferencePass } from './shape-inference.ts';

export const PASSES: ReadonlyMap<string, Pass> = new Map([
  removeIdentityPass, deadCodePass, constantFoldPass, shapeInferencePass, reshapeCleanupPass,
  fuseGeluPass, fuseHardSwishPass, fusePreluPass, foldBatchNormPass, fuseBiasAddPass, fusePadPass,
  lowerBatchNormPass, legalizePass, fuseActivationPass,
].map((p) => [p.name, p] as const));

export interface Stage {
  name: string;
  passes: readonly string[];
  /** Run once instead of to a fixed point. */
  once?: boolean;
}

export const STAGES: readonly Stage[] = [
  {
    name: 'tf-optimize',
    passes: ['remove-identity', 'constant-fold', 'shape-inference', 'reshape-cleanup', 'fuse-gelu', 'fuse-hard-swish',
      'fuse-prelu', 'fold-batch-norm', 'fuse-bias-add', 'fuse-pad', 'dead-code'],
  },
  { name: 'tf-lower', passes: ['lower-batch-norm', 'constant-fold', 'shape-inference', 'dead-code'] },
  { name: 'legalize', passes: ['legalize'], once: true },
  { name: 'tflite-optimize', passes: ['fuse-bias-add', 'fuse-activation', 'reshape-cleanup', 'dead-code'] },
];

export function passesOf(stage: Stage): Pass[] {
  return stage.passes.map((n) => {
    const p = PASSES.get(n);
    if (!p) throw new Error(`stage ${stage.name}: no pass named ${n}`);
    return p;
  });
}
