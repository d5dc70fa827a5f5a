/**
 * The Keras layer registry: Keras class name → converter. Adding a layer family = one file + one line below;
 * adding a layer to a family = one entry in its file.
 */
import { activationLayers } from './activations.ts';
import { batchNormLayers } from './batch-norm.ts';
import { convLayers } from './conv.ts';
import { denseLayers } from './dense.ts';
import { inferenceIdentityLayers } from './inference-identity.ts';
import { mergeLayers } from './merge.ts';
import { poolingLayers } from './pooling.ts';
import { preprocessingLayers } from './preprocessing.ts';
import { reshapingLayers } from './reshaping.ts';
import type { LayerDef, LayerFamily } from './types.ts';

const FAMILIES: readonly LayerFamily[] = [
  activationLayers,
  batchNormLayers,
  convLayers,
  denseLayers,
  inferenceIdentityLayers,
  mergeLayers,
  poolingLayers,
  preprocessingLayers,
  reshapingLayers,
];

export const LAYERS: ReadonlyMap<string, LayerDef> = new Map(FAMILIES.flatMap((f) => Object.entries(f)));

export type { LayerConfig, LayerContext, LayerDef, LayerFamily } from './types.ts';
