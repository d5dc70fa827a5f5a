/**
 * Layers that are the identity at inference: Dropout (silently), and training-only noise / augmentation /
 * regularization layers, which are dropped with a note in the load result (TF's trace with training=False gives
 * an Identity for them; we connect their input straight to their consumers).
 * RandomCrop is not here: at inference it center-crops and resizes.
 */
import type { LayerDef, LayerFamily } from './types.ts';

const silent: LayerDef = { emit: (_ctx, inputs) => inputs };

const dropped: LayerDef = {
  emit: (ctx, inputs) => {
    ctx.note(`dropped ${ctx.className} layer "${ctx.name}": training-only, the identity at inference`);
    return inputs;
  },
};

export const inferenceIdentityLayers: LayerFamily = {
  Dropout: silent,
  SpatialDropout1D: dropped,
  SpatialDropout2D: dropped,
  SpatialDropout3D: dropped,
  AlphaDropout: dropped,
  GaussianNoise: dropped,
  GaussianDropout: dropped,
  ActivityRegularization: dropped,
  RandomFlip: dropped,
  RandomRotation: dropped,
  RandomZoom: dropped,
  RandomTranslation: dropped,
  RandomContrast: dropped,
  RandomBrightness: dropped,
  RandomHeight: dropped,
  RandomWidth: dropped,
};
