/**
 * Frozen GraphDef reader: `sniffGraphDef(bytes)` and `loadGraphDef(bytes, file, options)` → TF-op IR graph.
 */
export { loadGraphDef, sniffGraphDef, type GraphDefOptions } from './graph-def.ts';
