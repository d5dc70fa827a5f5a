// The reactive kernel in Node (no DOM): dependency order, errors and recovery, evaluation semantics, view(), trust.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../src/errors.ts';
import { UntrustedNotebookError } from '../../src/notebook/errors.ts';
import { Kernel } from '../../src/notebook/kernel.ts';
import type { CellStatus } from '../../src/notebook/kernel-types.ts';
import { readIpynb, writeIpynb } from '../../src/notebook/ipynb.ts';
import { isTrusted, MemoryTrustStore } from '../../src/notebook/trust.ts';
import { outputs, setup } from './kernel-helpers.ts';

test('a chain runs in dependency order, and re-running the head re-runs the chain', async () => {
  const log: string[] = [];
  // Notebook order c, a, b: the kernel orders by dependencies, not position.
  const { nb, kernel } = setup({ c: 'log.push("c"); const c = b * 10; c', a: 'log.push("a"); const a = 1', b: 'log.push("b"); const b = a + 1' }, { globals: { log } });
  await kernel.runAll();
  assert.deepEqual(log, ['a', 'b', 'c']);
  assert.deepEqual(outputs(nb, 'c'), ['result:20']);
  assert.equal(kernel.value('c'), 20);
  log.length = 0;
  nb.setSource('a', 'log.push("a"); const a = 5');
  assert.equal(kernel.state('a').status, 'stale');
  await kernel.run('a');
  assert.deepEqual(log, ['a', 'b', 'c']);
  assert.equal(kernel.value('c'), 60);
  log.length = 0;
  await kernel.run('b');
  assert.deepEqual(log, ['b', 'c'], 'running a cell re-runs only it and its dependents');
  assert.deepEqual(nb.cells.map((c) => c.executionCount), [8, 4, 7], 'Jupyter-style execution counts: c, a, b');
});

test('a diamond runs each cell once', async () => {
  const runs: Record<string, number> = {};
  const count = (k: string) => { runs[k] = (runs[k] ?? 0) + 1; };
  const { kernel } = setup({
    d: 'count("d"); const d = [b, c]',
    a: 'count("a"); const a = 2',
    b: 'count("b"); const b = a * 10',
    c: 'count("c"); const c = a * 100',
  }, { globals: { count } });
  await kernel.run('a');
  assert.deepEqual(runs, { a: 1, b: 1, c: 1, d: 1 });
  assert.deepEqual(kernel.value('d'), [20, 200]);
});

test('running a downstream cell first runs the never-run cells it needs', async () => {
  const { kernel } = setup({ a: 'const a = 1', b: 'const b = a + 1', c: 'const c = b + 1', other: 'const other = 0' });
  await kernel.run('c');
  assert.equal(kernel.value('c'), 3);
  assert.equal(kernel.state('other').status, 'idle');
});

test('errors stop dependents, which recover when the error is fixed', async () => {
  const { nb, kernel } = setup({ a: 'const a = 1', b: 'const b = a.toFixed(1);\nnotAFunction();\n', c: 'const c = b + "!"' },
    { globals: { notAFunction: 5 } });
  await kernel.runAll();
  const st = kernel.state('b');
  assert.equal(st.status, 'error');
  assert.equal(st.error?.kind, 'runtime');
  assert.equal(st.error?.ename, 'TypeError');
  assert.equal(st.error?.line, 2);
  assert.equal(st.error?.column, 1);
  assert.deepEqual(outputs(nb, 'b'), ['error:TypeError: notAFunction is not a function']);
  assert.equal(kernel.state('c').error?.kind, 'upstream');
  assert.equal(kernel.state('c').error?.sourceCellId, 'b');
  assert.match(outputs(nb, 'c')[0]!, /b is unavailable: the cell defining it failed/);
  assert.equal(kernel.value('b'), undefined);
  nb.setSource('b', 'const b = a.toFixed(1)');
  await kernel.run('b');
  assert.equal(kernel.state('b').status, 'done');
  assert.equal(kernel.state('c').status, 'done');
  assert.equal(kernel.value('c'), '1.0!');
});

test('a name defined by two cells is an error on both, fixed by deleting one', async () => {
  const { nb, kernel } = setup({ one: 'const x = 1', two: 'let x = 2;\nconst y = 3', reader: 'x + 1' });
  await kernel.runAll();
  for (const id of ['one', 'two']) {
    assert.equal(kernel.state(id).error?.kind, 'duplicate');
    assert.match(kernel.state(id).error!.message, /^x is defined by more than one cell/);
  }
  assert.equal(kernel.state('two').error?.line, 1);
  assert.equal(kernel.state('reader').error?.kind, 'upstream');
  nb.deleteCell('two');
  await kernel.idle();
  assert.equal(kernel.state('one').status, 'done');
  assert.deepEqual(outputs(nb, 'reader'), ['result:2']);
});

test('a cycle is an error on every cell in it', async () => {
  const { nb, kernel } = setup({ p: 'const a = c + 1', q: 'const b = a + 1', r: 'const c = b + 1', s: 'const d = 1' });
  await kernel.runAll();
  assert.match(kernel.state('p').error!.message, /^circular definition: a → b → c → a$/);
  assert.equal(kernel.state('q').error?.kind, 'cycle');
  assert.equal(kernel.state('r').error?.kind, 'cycle');
  assert.equal(kernel.state('s').status, 'done');
  nb.setSource('p', 'const a = 1');
  await kernel.run('p');
  assert.equal(kernel.value('c'), 3);
  assert.deepEqual(['p', 'q', 'r'].map((id) => kernel.state(id).status), ['done', 'done', 'done']);
});

test('deleting a cell makes its dependents fail with "x is not defined" until a cell defines x again', async () => {
  const { nb, kernel } = setup({ a: 'const a = 1', b: 'const b = a * 2', c: 'const c = b * 2' });
  await kernel.runAll();
  nb.deleteCell('a');
  await kernel.idle();
  const err = kernel.state('b').error!;
  assert.equal(err.kind, 'undefined');
  assert.equal(err.ename, 'ReferenceError');
  assert.equal(err.message, 'a is not defined');
  assert.deepEqual([err.line, err.column], [1, 11]);
  assert.deepEqual(outputs(nb, 'b'), ['error:ReferenceError: a is not defined']);
  assert.equal(kernel.state('c').error?.kind, 'upstream');
  assert.equal(kernel.value('a'), undefined);
  const fresh = nb.insertCell(0, { source: 'const a = 21' });
  await kernel.run(fresh.id);
  assert.equal(kernel.value('c'), 84);
  assert.equal(kernel.state('b').status, 'done');
});

test('top-level await, and the last expression statement is the result', async () => {
  const { nb, kernel } = setup({
    wait: 'const v = await new Promise((r) => setTimeout(() => r(5), 5));\nv * 2',
    none: 'const n = 1;',
    undef: 'undefined',
    notLast: '1 + 1;\nconst z = 0;',
    promise: 'Promise.resolve("resolved")',
    seq: 'v, n, "both"',
  });
  await kernel.runAll();
  assert.deepEqual(outputs(nb, 'wait'), ['result:10']);
  assert.deepEqual(outputs(nb, 'none'), []);
  assert.deepEqual(outputs(nb, 'undef'), []);
  assert.deepEqual(outputs(nb, 'notLast'), []);
  assert.deepEqual(outputs(nb, 'promise'), ['result:"resolved"']);
  assert.deepEqual(outputs(nb, 'seq'), ['result:"both"']);
  const result = nb.cell('wait')!.outputs[0]!;
  assert.ok(result.type === 'result' && result.value === 10 && result.executionCount === nb.cell('wait')!.executionCount);
});

test('display() and console outputs come in call order, before the result', async () => {
  const { nb, kernel } = setup({ cell: 'display(1);\ndisplay("two");\nconsole.log("three", {n: 3});\nconsole.warn("careful");\ndisplay([4]);\n5' });
  await kernel.runAll();
  assert.deepEqual(outputs(nb, 'cell'), ['display:1', 'display:"two"', 'stdout:three { n: 3 }\n', 'stderr:careful\n', 'display:[4]', 'result:5']);
  await kernel.run('cell');
  assert.equal(outputs(nb, 'cell').length, 6, 'a re-run replaces the outputs');
});

test('errors point at the line and column inside the cell, through calls into other cells', async () => {
  const { nb, kernel } = setup({
    lib: '// helpers\nfunction explode(x) {\n  return x.missing.field;\n}',
    use: 'const ok = 1;\n\nconst bad = explode({});',
    typed: 'const m = 1;\n  throw new FormatError("model.h5", "truncated", 10);',
    thrown: 'throw "just a string"',
  }, { globals: { FormatError } });
  await kernel.runAll();
  const err = kernel.state('use').error!;
  assert.equal(err.ename, 'TypeError');
  assert.deepEqual([err.line, err.column], [3, 13]);
  assert.deepEqual(err.frames.map((f) => [f.cellId, f.fn, f.line]), [['lib', 'explode', 3], ['use', null, 3]]);
  const tb = nb.cell('use')!.outputs[0]!;
  assert.ok(tb.type === 'error');
  assert.deepEqual(tb.traceback.slice(1), ['    at explode (cell lib, line 3:20)', '    at line 3:13']);
  const typed = kernel.state('typed').error!;
  assert.equal(typed.ename, 'FormatError');
  assert.equal(typed.message, 'model.h5: at byte 10: truncated');
  assert.deepEqual([typed.line, typed.column], [2, 9]);
  assert.ok(typed.thrown instanceof FormatError);
  assert.equal(kernel.state('thrown').error?.message, 'Uncaught "just a string"');
});

test('syntax errors, reserved names and assignments to other cells\' names are reported without running', async () => {
  const { nb, kernel } = setup({ syntax: 'const a = 1;\nconst b = ;', reserved: 'const display = 1', a: 'const x = 1', assign: 'x = 2' });
  await kernel.runAll();
  assert.deepEqual([kernel.state('syntax').error?.kind, kernel.state('syntax').error?.line, kernel.state('syntax').error?.column], ['syntax', 2, 11]);
  assert.deepEqual(outputs(nb, 'syntax'), ['error:SyntaxError: Unexpected token']);
  assert.equal(nb.cell('syntax')!.executionCount, null);
  assert.match(kernel.state('reserved').error!.message, /display is provided by litelab/);
  assert.match(kernel.state('assign').error!.message, /cannot assign to x: it is defined by another cell/);
});

test('cell states go queued → running → done, and editing makes a cell stale', async () => {
  const { nb, kernel } = setup({ a: 'const a = await Promise.resolve(1)', b: 'a' });
  const seen: [string, CellStatus][] = [];
  kernel.on('cell-state', (e) => seen.push([e.cellId, e.state.status]));
  const busy: boolean[] = [];
  kernel.on('busy', (e) => busy.push(e.busy));
  await kernel.run('a');
  assert.deepEqual(seen, [['a', 'queued'], ['b', 'queued'], ['a', 'running'], ['a', 'done'], ['b', 'running'], ['b', 'done']]);
  assert.deepEqual(busy, [true, false]);
  assert.equal(typeof kernel.state('a').durationMs, 'number');
  nb.setSource('b', 'a + 1');
  assert.equal(kernel.state('b').status, 'stale');
  assert.equal(kernel.state('a').status, 'done');
});

test('globals, import from "litelab", pluggable MIME bundles', async () => {
  const api = { load: (name: string) => ({ name }), version: '0.1' };
  const plot = { [Symbol.for('litelab.mime')]: () => ({ 'image/svg+xml': '<svg/>', 'text/plain': 'Plot' }) };
  const table = { toMimeBundle: () => ({ 'application/vnd.litelab.table+json': { rows: new Uint8Array(4), n: 1 } }) };
  const { nb, kernel } = setup({
    imp: "import { load as open, version } from 'litelab';\nimport * as lite from 'litelab';\nconst m = open('mnist.tflite');\n[m.name, version, lite.version]",
    plot: 'display(plot); table',
    custom: '({x: 1})',
  }, { globals: { ...api, plot, table } });
  await kernel.runAll();
  assert.deepEqual(outputs(nb, 'imp'), ['result:["mnist.tflite", "0.1", "0.1"]']);
  const [shown, result] = nb.cell('plot')!.outputs;
  assert.ok(shown?.type === 'display' && result?.type === 'result');
  assert.deepEqual(shown.data, { 'image/svg+xml': '<svg/>', 'text/plain': 'Plot' });
  assert.deepEqual(result.data['application/vnd.litelab.table+json'], { rows: '[Uint8Array of 4 bytes omitted]', n: 1 });
  const k2 = new Kernel(nb, { trusted: true, toMimeBundle: (v) => ({ 'text/plain': `custom:${JSON.stringify(v)}` }) });
  await k2.run('custom');
  assert.deepEqual(outputs(nb, 'custom'), ['result:custom:{"x":1}']);
});

test('invalidation resolves when the cell runs again', async () => {
  let cleaned = 0;
  const { kernel } = setup({ t: 'invalidation.then(() => cleanup());\nconst t = 1' }, { globals: { cleanup: () => cleaned++ } });
  await kernel.run('t');
  assert.equal(cleaned, 0);
  await kernel.run('t');
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(cleaned, 1);
});

/** A DOM-free input: any EventTarget with a value works with view(). */
class FakeInput extends EventTarget {
  value = 99;
}

test('view(input) defines the value; an input event re-runs only the downstream cells (no DOM)', async () => {
  const input = new FakeInput();
  const runs: Record<string, number> = {};
  const count = (k: string) => { runs[k] = (runs[k] ?? 0) + 1; };
  const { nb, kernel } = setup({
    slider: 'count("slider"); const pct = view(input)',
    calib: 'count("calib"); const stats = "calibrated"',
    quant: 'count("quant"); const q = `${stats}@${pct}`; q',
    after: 'count("after"); q.length',
  }, { globals: { input, count } });
  await kernel.runAll();
  assert.deepEqual(runs, { slider: 1, calib: 1, quant: 1, after: 1 });
  assert.equal(kernel.value('pct'), 99);
  const shown = nb.cell('slider')!.outputs[0]!;
  assert.ok(shown.type === 'display' && shown.value === input, 'the input itself is the live output');
  input.value = 95;
  input.dispatchEvent(new Event('input'));
  await kernel.idle();
  assert.deepEqual(runs, { slider: 1, calib: 1, quant: 2, after: 2 });
  assert.equal(kernel.value('q'), 'calibrated@95');
  assert.equal(nb.cell('slider')!.outputs[0], shown, 'the input cell keeps its outputs');
  // A burst of events coalesces into at most two runs; the last value wins.
  for (const v of [90, 91, 92, 93]) { input.value = v; input.dispatchEvent(new Event('input')); }
  await kernel.idle();
  assert.ok(runs.quant! <= 4, `quant ran ${runs.quant} times`);
  assert.equal(kernel.value('q'), 'calibrated@93');
  // Re-running the input cell detaches the old listener (no duplicate runs).
  await kernel.run('slider');
  const before = runs.quant!;
  input.value = 50;
  input.dispatchEvent(new Event('input'));
  await kernel.idle();
  assert.equal(runs.quant, before + 1);
  assert.equal(kernel.value('q'), 'calibrated@50');
});

test('an untrusted notebook shows its outputs but refuses to run until trusted', async () => {
  const { nb } = setup({ a: 'const a = 1', b: 'a + 1' });
  const trusted = new Kernel(nb, { trusted: true });
  await trusted.runAll();
  trusted.dispose();
  const file = writeIpynb(nb);
  const opened = readIpynb(file, 'shared.ipynb');
  const store = new MemoryTrustStore();
  assert.equal(await isTrusted(opened, store), false);
  const kernel = new Kernel(opened, { trustStore: store });
  assert.equal(kernel.trusted, false);
  await assert.rejects(kernel.run('b'), UntrustedNotebookError);
  await assert.rejects(kernel.runAll(), /not trusted/);
  assert.deepEqual(outputs(opened, 'b'), ['result:2'], 'saved outputs still show');
  assert.equal(kernel.state('b').status, 'idle');
  const events: boolean[] = [];
  kernel.on('trust', (e) => events.push(e.trusted));
  await kernel.trust();
  assert.deepEqual(events, [true]);
  await kernel.runAll();
  assert.equal(kernel.state('b').status, 'done');
  assert.equal(await isTrusted(readIpynb(file), store), true, 're-opening the same content stays trusted');
  const edited = readIpynb(file);
  edited.setSource('a', 'const a = 666');
  assert.equal(await isTrusted(edited, store), false, 'different code needs trust again');
});

test('concurrent run requests are serialised; a cell deleted while running leaves no trace', async () => {
  const log: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { nb, kernel } = setup({
    slow: 'log.push("slow start"); await gate; log.push("slow end"); const s = 1',
    fast: 'log.push("fast"); const f = 2',
  }, { globals: { log, gate } });
  const first = kernel.run('slow');
  const second = kernel.run('fast');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(log, ['slow start']);
  assert.equal(kernel.state('fast').status, 'queued');
  assert.equal(kernel.busy, true);
  nb.deleteCell('slow');
  release();
  await Promise.all([first, second]);
  assert.deepEqual(log, ['slow start', 'slow end', 'fast']);
  assert.equal(kernel.value('s'), undefined, 'the deleted cell defined nothing');
  assert.equal(kernel.value('f'), 2);
  assert.equal(kernel.busy, false);
});

test('turning a code cell into markdown removes its definitions like a delete', async () => {
  const { nb, kernel } = setup({ a: 'const a = 1', b: 'a + 1' });
  await kernel.runAll();
  nb.setKind('a', 'markdown');
  await kernel.idle();
  assert.equal(kernel.state('b').error?.message, 'a is not defined');
  nb.setKind('a', 'code');
  await kernel.run('a');
  assert.deepEqual(outputs(nb, 'b'), ['result:2']);
});

test('view() used without a binding shows the input and returns its value; unknown ids are usage errors', async () => {
  const input = new FakeInput();
  const { nb, kernel } = setup({ v: 'view(input) + 1' }, { globals: { input } });
  await kernel.runAll();
  assert.deepEqual(outputs(nb, 'v'), ['display:FakeInput { value: 99 }', 'result:100']);
  await assert.rejects(kernel.run('missing'), /no cell with id missing/);
});
