/**
 * pass manager: runs to a fixed point, counts runs and rewrites per pass, stops at the iteration cap, deduplicates
 * check failures; the registry names every pass used by a stage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPasses } from '../../src/passes/pass-manager.ts';
import type { Pass } from '../../src/passes/pass.ts';
import { PASSES, passesOf, STAGES } from '../../src/passes/registry.ts';
import { TfBuilder } from './helpers.ts';

test('fixed point, stats and the iteration cap', () => {
  const b = new TfBuilder();
  b.output(b.input('x', [1]));
  let left = 3;
  const countdown: Pass = { name: 'countdown', description: 'rewrites 3 times', run: (graph) => ({ graph, changed: left > 0, rewrites: left > 0 ? (left--, 1) : 0 }) };
  const failing: Pass = { name: 'failing', description: 'rejects', run: (graph, ctx) => {
    ctx.reject({ pass: 'failing', rule: 'r', node: 'n', reason: 'why' });
    return { graph, changed: false, rewrites: 0 };
  } };
  const r = runPasses(b.graph, [countdown, failing]);
  assert.deepEqual({ iterations: r.iterations, converged: r.converged }, { iterations: 4, converged: true });
  assert.deepEqual(r.passes, [{ name: 'countdown', runs: 4, rewrites: 3 }, { name: 'failing', runs: 4, rewrites: 0 }]);
  assert.deepEqual(r.checkFailures, [{ pass: 'failing', rule: 'r', node: 'n', reason: 'why' }]);
  left = 100;
  const capped = runPasses(b.graph, [countdown], { maxIterations: 5 });
  assert.deepEqual({ iterations: capped.iterations, converged: capped.converged }, { iterations: 5, converged: false });
});

test('every stage names registered passes, and every registered pass is used', () => {
  const used = new Set(STAGES.flatMap((s) => passesOf(s).map((p) => p.name)));
  assert.deepEqual([...PASSES.keys()].filter((n) => !used.has(n)), []);
  for (const p of PASSES.values()) assert.ok(p.description.length > 10, p.name);
});
