/**
 * SavedModel reader: `sniffSavedModel(files)` (is there a `saved_model.pb`?) and `loadSavedModel(files, options)`
 * (one signature as a TF-op IR graph, plus the available signature keys and the writer's TensorFlow version).
 * The checkpoint pieces (`Checkpoint`, `readBundleIndex`, `readTable`, CRC-32C) are exported for tools and tests.
 */
export { loadSavedModel, sniffSavedModel, savedModelRoot } from './saved-model.ts';
export type { LoadedSavedModel, SavedModelOptions } from './saved-model.ts';
export { Checkpoint, type CheckpointTensor } from './variables-bundle.ts';
export { readBundleIndex, readTable, type BundleEntry, type BundleIndex } from './variables-index.ts';
export { crc32c, crc32cExtend, maskCrc, unmaskCrc } from './crc32c.ts';
