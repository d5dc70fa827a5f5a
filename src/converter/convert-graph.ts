/**
 * TF-op IR → float TFLite-op IR: the stages of `src/passes/registry.ts` (TF clean-up and fusion to a fixed point,
 * lowering, legalization by the op table, TFLite fusion), then TFLite's conventions (`finalize.ts`). The input graph
 * is not modified (the converter works on a copy). Progress: `onProgress(stage, 0)` when a stage starts and
 * `(stage, 1)` when it ends, for the stages `tf-optimize`, `tf-lower`, `legalize`, `tflite-optimize`, `finalize`.
 * `convertGraphWithReport` also returns what each pass did and every fusion that was not applied with its reason
 * (for the notebook).
 */
import { ConversionError, LitelabError } from '../errors.ts';
import type { Graph } from '../ir/graph.ts';
import { isTfliteOp } from '../ops/tf-to-tflite.ts';
import { mergeReports, runPasses, type PassReport } from '../passes/pass-manager.ts';
import { passesOf, STAGES } from '../passes/registry.ts';
import { cloneGraph } from './clone-graph.ts';
import { finalizeTflite } from './finalize.ts';

export type ProgressFn = (stage: string, fraction: number) => void;
export interface ConvertGraphOptions { batchSize?: number; onProgress?: ProgressFn }

export interface ConvertResult {
  graph: Graph;
  report: PassReport;
}

/**
 * Between stages we yield to the event loop so a page stays responsive and progress can paint — but only once a
 * frame's worth of work has run since the last yield: a yield costs ≥ 1 ms in Node (`setTimeout(0)`; ~4 ms once
 * browsers clamp nested timers), which for a small model was most of `convertGraph`'s time (5 stages ≈ 5 ms).
 * `setImmediate` (Node) runs after pending I/O without the timer clamp.
 */
const YIELD_AFTER_MS = 12;
const now = (): number => (typeof performance === 'object' ? performance.now() : Date.now());
const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
const tick = (): Promise<void> => new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));

export async function convertGraphWithReport(input: Graph, options: ConvertGraphOptions = {}): Promise<ConvertResult> {
  const { batchSize, onProgress } = options;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new ConversionError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (!input.subgraphs.length) throw new ConversionError('the model has no graph to convert');
  const graph = cloneGraph(input);
  const report: PassReport = { iterations: 0, converged: true, passes: [], checkFailures: [] };
  let lastYield = now();
  for (const stage of STAGES) {
    onProgress?.(stage.name, 0);
    if (now() - lastYield >= YIELD_AFTER_MS) {
      await tick();
      lastYield = now();
    }
    try {
      const r = runPasses(graph, passesOf(stage), {
        ...(batchSize === undefined ? {} : { batchSize }),
        ...(stage.once ? { maxIterations: 1 } : {}),
      });
      mergeReports(report, stage.once ? { ...r, converged: true } : r);
    } catch (e) {
      if (e instanceof LitelabError) throw e;
      throw new ConversionError(`stage ${stage.name} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    onProgress?.(stage.name, 1);
  }
  const left = graph.subgraphs.flatMap((s) => s.nodes).filter((n) => !isTfliteOp(n.op));
  if (left.length) throw new ConversionError(`ops left unconverted: ${left.map((n) => `${n.op} (${n.name})`).join(', ')}`);
  onProgress?.('finalize', 0);
  finalizeTflite(graph);
  onProgress?.('finalize', 1);
  return { graph, report };
}

/** TF-op IR (src/ir/tf-graph.md) → float TFLite-op IR, ready for writeTflite. Throws UnsupportedOpError listing EVERY unsupported op type with its node names, ConversionError for other failures. */
export async function convertGraph(graph: Graph, options: ConvertGraphOptions = {}): Promise<Graph> {
  return (await convertGraphWithReport(graph, options)).graph;
}
