/**
 * Runs a list of passes to a fixed point: every iteration runs each pass once, in order; it stops when an
 * iteration changes nothing, or after `maxIterations` (then `converged` is false — the graph is still valid, only
 * possibly less optimized). Records, per pass, how many times it ran and how many rewrites it made, and every rule
 * check that failed (deduplicated), so the notebook can show what was fused and what was not, and why.
 */
import type { Graph } from '../ir/graph.ts';
import type { CheckFailure, Pass, PassContext, PassOptions } from './pass.ts';

export interface PassStats {
  name: string;
  runs: number;
  rewrites: number;
}

export interface PassReport {
  iterations: number;
  converged: boolean;
  passes: PassStats[];
  checkFailures: CheckFailure[];
}

export interface RunPassesOptions extends PassOptions {
  /** Iteration cap (default 16). */
  maxIterations?: number;
  /** Called after each iteration with its 1-based number. */
  onIteration?: (iteration: number) => void;
}

const DEFAULT_MAX_ITERATIONS = 16;

export function runPasses(graph: Graph, passes: readonly Pass[], options: RunPassesOptions = {}): PassReport {
  const max = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const stats = passes.map((p) => ({ name: p.name, runs: 0, rewrites: 0 }));
  const failures = new Map<string, CheckFailure>();
  const passOptions: PassOptions = options.batchSize === undefined ? {} : { batchSize: options.batchSize };
  const ctx: PassContext = {
    options: passOptions,
    reject(f) {
      const key = `${f.pass}|${f.rule}|${f.node}|${f.reason}`;
      if (!failures.has(key)) failures.set(key, f);
    },
  };
  let iterations = 0;
  let converged = false;
  while (iterations < max) {
    iterations++;
    let changed = false;
    passes.forEach((p, i) => {
      const r = p.run(graph, ctx);
      stats[i]!.runs++;
      stats[i]!.rewrites += r.rewrites;
      if (r.changed) changed = true;
    });
    options.onIteration?.(iterations);
    if (!changed) {
      converged = true;
      break;
    }
  }
  return { iterations, converged, passes: stats, checkFailures: [...failures.values()] };
}

/** Adds `more` into `into` (pass stats by name, failures appended). */
export function mergeReports(into: PassReport, more: PassReport): PassReport {
  for (const s of more.passes) {
    const have = into.passes.find((p) => p.name === s.name);
    if (have) {
      have.runs += s.runs;
      have.rewrites += s.rewrites;
    } else {
      into.passes.push({ ...s });
    }
  }
  into.checkFailures.push(...more.checkFailures);
  into.iterations += more.iterations;
  into.converged &&= more.converged;
  return into;
}
