// Cell analysis: top-level definitions, scope-aware free references, syntax errors with positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCell } from '../../src/notebook/analyze.ts';
import { CellSyntaxError } from '../../src/notebook/errors.ts';

const defs = (src: string) => analyzeCell(src).defines;
const refs = (src: string) => analyzeCell(src).references;

test('top-level definitions: const/let/var, destructuring, functions, classes, imports', () => {
  assert.deepEqual(defs('const a = 1, {b, c: [d, ...e], f = g} = h; let x; var y = 2;'), ['a', 'b', 'd', 'e', 'f', 'x', 'y']);
  assert.deepEqual(defs('function fn() {} class K {} async function* gen() {}'), ['fn', 'K', 'gen']);
  assert.deepEqual(defs("import d, {x as y, z} from 'litelab'; import * as ns from './m.js';"), ['d', 'y', 'z', 'ns']);
  assert.deepEqual(defs('if (ok) { var hoisted = 1; let local = 2 } for (var i = 0; i < 1; i++) {}'), ['hoisted', 'i']);
  assert.deepEqual(defs('export const shared = 1;'), ['shared']);
  assert.deepEqual(defs('a + b; obj.x = 1;'), []);
});

test('free references exclude names bound in functions, blocks, params, catch, loops, classes', () => {
  assert.deepEqual(refs('function f(p, q = r) { const z = p + q + s; return arguments.length + z; }'), ['r', 's']);
  assert.deepEqual(refs('const g = (x, {y}) => x + y + w;'), ['w']);
  assert.deepEqual(refs('{ let inner = 1; inner + outer }'), ['outer']);
  assert.deepEqual(refs('for (const item of items) total(item); for (let i = 0; i < n; i++) {}'), ['items', 'total', 'n']);
  assert.deepEqual(refs('try { risky() } catch ({message}) { report(message) }'), ['risky', 'report']);
  assert.deepEqual(refs('class A extends Base { m() { return A + helper; } static #p = 1; [key] = v }'), ['Base', 'helper', 'key', 'v']);
  assert.deepEqual(refs('const fact = function me(n) { return n ? me(n - 1) : 1; };'), []);
  assert.deepEqual(refs('switch (k) { case 1: let s = 2; s; break; default: other }'), ['k', 'other']);
  assert.deepEqual(refs('label: for (;;) { break label; }'), []);
});

test('property names, keys and labels are not references; shorthand and computed ones are', () => {
  assert.deepEqual(refs('obj.prop; obj?.deep.er; ({key: val, [comp]: 1, short}); obj[idx]'), ['obj', 'val', 'comp', 'short', 'idx']);
});

test('a cell reading its own definitions has no free reference to them; globals like Math are references', () => {
  const a = analyzeCell('const n = 3;\nconst m = Math.max(n, limit);\nm');
  assert.deepEqual(a.defines, ['n', 'm']);
  assert.deepEqual(a.references, ['Math', 'limit']);
  assert.deepEqual(a.positions.get('limit'), { line: 2, column: 23 });
});

test('writes and typeof-only uses are told apart', () => {
  const a = analyzeCell('x = 1; [y, z.w] = pair; n++; typeof maybe; typeof both; both');
  assert.deepEqual(a.assigns, ['x', 'y', 'n']);
  assert.deepEqual(a.typeofOnly, ['maybe']);
  assert.deepEqual(a.references, ['x', 'y', 'z', 'pair', 'n', 'maybe', 'both']);
});

test('top-level await, last expression, view bindings', () => {
  const a = analyzeCell('const data = await fetchIt();\nconst pct = view(slider(99));\ndata.length');
  assert.deepEqual(a.defines, ['data', 'pct']);
  assert.deepEqual(a.views.map((v) => v.name), ['pct']);
  assert.equal(a.source.slice(a.lastExpression!.start, a.lastExpression!.end), 'data.length');
  assert.equal(analyzeCell('const x = 1;').lastExpression, null);
  assert.equal(analyzeCell('').lastExpression, null);
});

test('syntax errors carry a 1-based line and column inside the cell', () => {
  const check = (src: string, line: number, column: number, pattern: RegExp) => {
    assert.throws(() => analyzeCell(src), (e: unknown) => {
      assert.ok(e instanceof CellSyntaxError);
      assert.equal(e.line, line);
      assert.equal(e.column, column);
      assert.match(e.message, pattern);
      assert.match(e.oneLine(), /^SyntaxError: line \d+:\d+: /);
      return true;
    });
  };
  check('const x = ;', 1, 11, /Unexpected token/);
  check('const a = 1;\nconst b = a +\n', 3, 1, /Unexpected token/);
  check('let a;\n  let a;', 2, 7, /already been declared/);
  check('return 1', 1, 1, /return/);
  check('export default 1', 1, 1, /not supported in a notebook cell/);
  check('\nimport.meta.url', 2, 1, /import\.meta/);
});
