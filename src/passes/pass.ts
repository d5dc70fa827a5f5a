/**
 * What a pass is (DESIGN convention 5): `run(graph, ctx)` rewrites the graph in place and returns
 * `{ graph, changed, rewrites }`. Most passes are sets of `match / check / rewrite` rules (`rulePass`):
 * `match` recognizes the shape of a pattern rooted at one node, `check` says why a match cannot be rewritten
 * (a reason string the notebook shows next to the node, e.g. "the pre-activation tensor has 2 consumers"), and
 * `rewrite` edits the graph through the `GraphEditor`. Rules run over the nodes until none fires; the pass manager
 * runs passes to a fixed point.
 */
import type { Graph, Node, Subgraph } from '../ir/graph.ts';
import { GraphEditor } from './graph-editor.ts';

/** A rule that matched but was not applied, with why (shown by the notebook). */
export interface CheckFailure {
  pass: string;
  rule: string;
  node: string;
  reason: string;
}

export interface PassOptions {
  /** Fixed batch size: the dynamic batch dim of the inputs becomes this (default: stays dynamic). */
  batchSize?: number;
}

export interface PassContext {
  readonly options: PassOptions;
  /** Records a rule whose check failed (deduplicated by the manager). */
  reject(failure: CheckFailure): void;
}

export interface PassResult {
  graph: Graph;
  changed: boolean;
  /** How many rewrites (or removed / folded nodes) this run made. */
  rewrites: number;
}

export interface Pass {
  readonly name: string;
  /** One line: the rule the pass applies. */
  readonly description: string;
  run(graph: Graph, ctx: PassContext): PassResult;
}

export interface RewriteRule<M> {
  readonly name: string;
  /** Op types a match can be rooted at (the rule is only tried on those nodes). */
  readonly roots: readonly string[];
  /** The pattern rooted at `node`, or undefined when the node does not have its shape. */
  match(node: Node, g: GraphEditor): M | undefined;
  /** Why the matched pattern must not be rewritten, or undefined when it may. */
  check?(m: M, g: GraphEditor): string | undefined;
  rewrite(m: M, g: GraphEditor): void;
}

/** A rule of any match type (rule methods are bivariant in their parameter, so every `RewriteRule<M>` fits). */
export type AnyRule = RewriteRule<unknown>;

/** Safety cap on rewrites per subgraph per run (a rule that keeps matching its own output is a bug). */
const MAX_REWRITES = 1_000_000;

/** Applies `rules` to every subgraph until no rule fires; check failures are reported once per run. */
export function applyRules(graph: Graph, passName: string, rules: readonly AnyRule[], ctx: PassContext): number {
  let total = 0;
  for (const sub of graph.subgraphs) total += applyRulesToSubgraph(graph, sub, passName, rules, ctx);
  return total;
}

function applyRulesToSubgraph(graph: Graph, sub: Subgraph, passName: string, rules: readonly AnyRule[], ctx: PassContext): number {
  const g = new GraphEditor(graph, sub);
  const byRoot = new Map<string, AnyRule[]>();
  for (const r of rules) for (const op of r.roots) byRoot.set(op, [...(byRoot.get(op) ?? []), r]);
  let rewrites = 0;
  const rejected = new Set<string>();
  for (let progress = true; progress;) {
    progress = false;
    for (const node of [...sub.nodes]) {
      if (!g.has(node)) continue;
      for (const rule of byRoot.get(node.op) ?? []) {
        const m: unknown = rule.match(node, g);
        if (m === undefined) continue;
        const reason = rule.check?.(m, g);
        if (reason !== undefined) {
          const key = `${rule.name}|${node.name}|${reason}`;
          if (!rejected.has(key)) {
            rejected.add(key);
            ctx.reject({ pass: passName, rule: rule.name, node: node.name, reason });
          }
          continue;
        }
        rule.rewrite(m, g);
        rewrites++;
        progress = true;
        if (rewrites > MAX_REWRITES) throw new RangeError(`pass ${passName}: rule ${rule.name} keeps rewriting (more than ${MAX_REWRITES})`);
        break;
      }
    }
  }
  return rewrites;
}

/** A pass made of rewrite rules. */
export function rulePass(name: string, description: string, rules: readonly AnyRule[]): Pass {
  return {
    name,
    description,
    run(graph, ctx) {
      const rewrites = applyRules(graph, name, rules, ctx);
      return { graph, changed: rewrites > 0, rewrites };
    },
  };
}

/** A pass that edits each subgraph with a function returning its rewrite count. */
export function subgraphPass(name: string, description: string, fn: (g: GraphEditor, ctx: PassContext) => number): Pass {
  return {
    name,
    description,
    run(graph, ctx) {
      let rewrites = 0;
      for (const sub of graph.subgraphs) rewrites += fn(new GraphEditor(graph, sub), ctx);
      return { graph, changed: rewrites > 0, rewrites };
    },
  };
}
