/**
 * The dependency graph of a notebook's code cells, pure and synchronous: a cell that references a name depends on
 * the cell(s) defining it. Finds names defined by more than one cell, cycles (strongly connected components,
 * Tarjan), and gives a topological order of any subset of cells, ties broken by notebook order so runs are
 * deterministic. The kernel decides what to run; this decides in which order, and what cannot run.
 */

/** What the graph needs to know about a cell (from its analysis). */
export interface GraphCell {
  readonly id: string;
  readonly defines: readonly string[];
  /** Free names it reads or writes. */
  readonly references: readonly string[];
}

export interface Graph {
  /** Cell ids in notebook order. */
  readonly order: readonly string[];
  /** Name → ids of the cells defining it (more than one: a duplicate definition). */
  readonly definers: ReadonlyMap<string, readonly string[]>;
  /** Cell → the cells it reads names from. */
  readonly upstream: ReadonlyMap<string, ReadonlySet<string>>;
  /** Cell → the cells reading its names. */
  readonly downstream: ReadonlyMap<string, ReadonlySet<string>>;
  /** Cell → the names it defines that another cell also defines. */
  readonly duplicates: ReadonlyMap<string, readonly string[]>;
  /** Cell → a cycle through it, as names (`a → b → a`). */
  readonly cycles: ReadonlyMap<string, readonly string[]>;
}

export function buildGraph(cells: readonly GraphCell[]): Graph {
  const definers = new Map<string, string[]>();
  for (const c of cells) for (const n of c.defines) definers.set(n, [...(definers.get(n) ?? []), c.id]);
  const upstream = new Map<string, Set<string>>(cells.map((c) => [c.id, new Set<string>()]));
  const downstream = new Map<string, Set<string>>(cells.map((c) => [c.id, new Set<string>()]));
  for (const c of cells) {
    for (const n of c.references) {
      for (const d of definers.get(n) ?? []) {
        if (d === c.id) continue;
        upstream.get(c.id)!.add(d);
        downstream.get(d)!.add(c.id);
      }
    }
  }
  const duplicates = new Map<string, string[]>();
  for (const [name, ids] of definers) {
    if (ids.length > 1) for (const id of ids) duplicates.set(id, [...(duplicates.get(id) ?? []), name]);
  }
  const byId = new Map(cells.map((c) => [c.id, c]));
  const cycles = new Map<string, string[]>();
  for (const scc of stronglyConnected(cells.map((c) => c.id), downstream)) {
    if (scc.length < 2) continue;
    const members = new Set(scc);
    for (const id of scc) cycles.set(id, cycleNames(id, members, downstream, byId));
  }
  return { order: cells.map((c) => c.id), definers, upstream, downstream, duplicates, cycles };
}

/** Every cell reachable downstream of `roots` (not including the roots unless reachable). */
export function descendants(g: Graph, roots: Iterable<string>): Set<string> {
  return reach(roots, g.downstream);
}

/** Every cell `roots` transitively read from. */
export function ancestors(g: Graph, roots: Iterable<string>): Set<string> {
  return reach(roots, g.upstream);
}

/**
 * `subset` in dependency order (Kahn's algorithm over the edges inside the subset), ties by notebook order.
 * Cells on a cycle cannot be ordered: they come last, in notebook order.
 */
export function topologicalOrder(g: Graph, subset: ReadonlySet<string>): string[] {
  const index = new Map(g.order.map((id, i) => [id, i]));
  const ids = g.order.filter((id) => subset.has(id));
  const indegree = new Map(ids.map((id) => [id, [...g.upstream.get(id)!].filter((u) => subset.has(u)).length]));
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const out: string[] = [];
  while (ready.length) {
    ready.sort((a, b) => index.get(a)! - index.get(b)!);
    const id = ready.shift()!;
    out.push(id);
    for (const d of g.downstream.get(id)!) {
      if (!subset.has(d)) continue;
      const k = indegree.get(d)! - 1;
      indegree.set(d, k);
      if (k === 0) ready.push(d);
    }
  }
  const placed = new Set(out);
  return [...out, ...ids.filter((id) => !placed.has(id))];
}

function reach(roots: Iterable<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    for (const next of edges.get(stack.pop()!) ?? []) {
      if (!out.has(next)) {
        out.add(next);
        stack.push(next);
      }
    }
  }
  return out;
}

/** Tarjan's strongly connected components (iterative, so deep chains do not overflow the stack). */
function stronglyConnected(ids: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [], out: string[][] = [];
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: [string, string[]][] = [[root, [...(edges.get(root) ?? [])]]];
    index.set(root, counter); low.set(root, counter++); stack.push(root); onStack.add(root);
    while (work.length) {
      const [v, pending] = work.at(-1)!;
      const w = pending.shift();
      if (w !== undefined) {
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter++); stack.push(w); onStack.add(w);
          work.push([w, [...(edges.get(w) ?? [])]]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work.at(-1)![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let x: string;
        do { x = stack.pop()!; onStack.delete(x); scc.push(x); } while (x !== v);
        out.push(scc);
      }
    }
  }
  return out;
}

/** A shortest cycle from `start` back to itself inside its component, named by the names each step passes on. */
function cycleNames(start: string, members: ReadonlySet<string>, downstream: ReadonlyMap<string, ReadonlySet<string>>,
  byId: ReadonlyMap<string, GraphCell>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  let end: string | undefined;
  while (queue.length && end === undefined) {
    const v = queue.shift()!;
    for (const w of downstream.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) { end = v; break; }
      if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
    }
  }
  const path = [start];
  for (let v = end; v !== undefined && v !== start; v = prev.get(v)) path.splice(1, 0, v);
  path.push(start);
  // Name each cell by a name it defines that the next cell on the path reads.
  const names = path.slice(0, -1).map((id, i) => {
    const next = byId.get(path[i + 1]!)!;
    return byId.get(id)!.defines.find((n) => next.references.includes(n)) ?? id;
  });
  return [...names, names[0]!];
}
