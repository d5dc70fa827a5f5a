// .ipynb read/write: exact round trip of a Jupyter-style file, nbformat 4.0–4.5, typed errors on anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FormatError } from '../../src/errors.ts';
import { readIpynb, writeIpynb } from '../../src/notebook/ipynb.ts';
import { Notebook } from '../../src/notebook/notebook.ts';
import { splitLines } from '../../src/notebook/lines.ts';

const FIXTURE = new URL('./fixtures/quantize-walkthrough.ipynb', import.meta.url);
const text = fs.readFileSync(FIXTURE, 'utf8');

test('a Jupyter-written notebook round-trips byte for byte', () => {
  const nb = readIpynb(text, 'quantize-walkthrough.ipynb');
  assert.equal(writeIpynb(nb), text);
  assert.equal(writeIpynb(readIpynb(new TextEncoder().encode(text))), text, 'bytes in, same text out');
});

test('reading maps cells and MIME-bundle outputs', () => {
  const nb = readIpynb(text);
  assert.deepEqual(nb.cells.map((c) => [c.id, c.kind]), [
    ['3f2a9c1e', 'markdown'], ['a1b2c3d4', 'code'], ['e5f60718', 'code'], ['quantize-step', 'code'], ['0badc0de', 'code'], ['raw-cell-1', 'raw'],
  ]);
  const load = nb.cells[1]!;
  assert.equal(load.source, "const model = await load('mnist_cnn.h5');\nmodel");
  assert.deepEqual(load.metadata, { tags: ['load'] });
  const result = load.outputs[0]!;
  assert.equal(result.type, 'result');
  assert.ok(result.type === 'result');
  assert.equal(result.executionCount, 1);
  assert.equal(result.data['text/html'], '<table>\n<tr><td>input_1</td><td>float32[-1,28,28,1]</td></tr>\n</table>');
  assert.deepEqual((result.data['application/vnd.litelab.model-summary+json'] as { ops: number }).ops, 12);
  assert.deepEqual(nb.cells[2]!.outputs.map((o) => o.type), ['stream', 'display']);
  const err = nb.cells[3]!.outputs[0]!;
  assert.ok(err.type === 'error');
  assert.equal(err.ename, 'UnsupportedOpError');
  assert.equal(nb.cells[4]!.source, '');
  assert.equal(nb.cells[4]!.executionCount, null);
  assert.equal(nb.cells[5]!.source, 'kept as is: ünïcødé ✓');
});

test('writing a new notebook: litelab kernelspec, nbformat 4.5, source as lines, live values dropped', () => {
  const nb = new Notebook({ metadata: { kernelspec: { name: 'python3' } } });
  const c = nb.addCell({ source: 'const x = 1;\nx\n' });
  nb.addCell({ kind: 'markdown', source: 'Title' });
  nb.setOutputs(c.id, [
    { type: 'result', executionCount: 1, data: { 'text/plain': '1' }, metadata: {}, value: { big: new Uint8Array(10) } },
    { type: 'error', ename: 'TypeError', evalue: 'bad', traceback: ['TypeError: bad'], line: 2, column: 1 },
  ], 1);
  const json = JSON.parse(writeIpynb(nb));
  assert.equal(json.nbformat, 4);
  assert.equal(json.nbformat_minor, 5);
  assert.deepEqual(json.metadata.kernelspec, { display_name: 'litelab (JavaScript)', language: 'javascript', name: 'litelab' });
  assert.equal(json.metadata.language_info.name, 'javascript');
  assert.deepEqual(json.cells[0].source, ['const x = 1;\n', 'x\n']);
  assert.deepEqual(json.cells[0].outputs[0], { data: { 'text/plain': ['1'] }, execution_count: 1, metadata: {}, output_type: 'execute_result' });
  assert.deepEqual(json.cells[0].outputs[1], { ename: 'TypeError', evalue: 'bad', output_type: 'error', traceback: ['TypeError: bad'] });
  assert.deepEqual(Object.keys(json.cells[1]), ['cell_type', 'id', 'metadata', 'source']);
  const noOutputs = JSON.parse(writeIpynb(nb, { outputs: false }));
  assert.deepEqual(noOutputs.cells[0].outputs, []);
  assert.equal(noOutputs.cells[0].execution_count, null);
});

test('nbformat 4.0–4.4 files are read and get cell ids', () => {
  for (const minor of [0, 2, 4]) {
    const old = { nbformat: 4, nbformat_minor: minor, metadata: {}, cells: [
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: 'a' },
      { cell_type: 'markdown', metadata: {}, source: ['b'] },
    ] };
    const nb = readIpynb(JSON.stringify(old));
    assert.equal(nb.cells.length, 2);
    assert.ok(nb.cells.every((c) => /^[0-9a-f]{8}$/.test(c.id)));
    assert.notEqual(nb.cells[0]!.id, nb.cells[1]!.id);
    assert.equal(JSON.parse(writeIpynb(nb)).nbformat_minor, 5);
  }
});

function expectFormatError(input: string | Uint8Array, field: string | undefined, pattern: RegExp): void {
  assert.throws(() => readIpynb(input, 'bad.ipynb'), (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected FormatError, got ${String(e)}`);
    assert.equal(e.file, 'bad.ipynb');
    if (field !== undefined) assert.equal(e.field, field);
    assert.match(e.message, pattern);
    return true;
  });
}

test('anything else is a FormatError naming the file and the field', () => {
  const cell = (over: Record<string, unknown>) => ({ cell_type: 'code', id: 'c1', execution_count: null, metadata: {}, outputs: [], source: '', ...over });
  const nb = (over: Record<string, unknown>, cells: unknown[] = [cell({})]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...over });
  expectFormatError('{not json', '', /not JSON/);
  expectFormatError(new Uint8Array([0xff, 0xfe, 0x00]), '', /not UTF-8/);
  expectFormatError('[]', '(root)', /expected an object, found an array/);
  expectFormatError('null', '(root)', /found null/);
  expectFormatError(nb({ nbformat: 3 }), 'nbformat', /unsupported nbformat 3; litelab reads nbformat 4\.0–4\.5/);
  expectFormatError(nb({ nbformat_minor: 6 }), 'nbformat_minor', /4\.6/);
  expectFormatError(nb({ cells: {} }), 'cells', /expected an array/);
  expectFormatError(nb({ metadata: 5 }), 'metadata', /expected an object/);
  const cells = [cell({ id: 'a' }), cell({ id: 'b' }), cell({ id: 'c' }), cell({ id: 'd', source: 42 })];
  expectFormatError(nb({}, cells), 'cells[3].source', /expected a string or an array of strings, found a number/);
  expectFormatError(nb({}, [cell({ source: ['ok\n', 7] })]), 'cells[0].source[1]', /found a number/);
  expectFormatError(nb({}, [cell({ cell_type: 'sql' })]), 'cells[0].cell_type', /"sql"/);
  expectFormatError(nb({}, [cell({ id: 'bad id!' })]), 'cells[0].id', /cell id/);
  expectFormatError(nb({}, [cell({ id: 'x' }), cell({ id: 'x' })]), 'cells[1].id', /duplicate/);
  expectFormatError(nb({}, [cell({ execution_count: -1 })]), 'cells[0].execution_count', /non-negative integer/);
  expectFormatError(nb({}, [cell({ outputs: [{ output_type: 'stream', name: 'stdin', text: '' }] })]), 'cells[0].outputs[0].name', /"stdin"/);
  expectFormatError(nb({}, [cell({ outputs: [{ output_type: 'weird' }] })]), 'cells[0].outputs[0].output_type', /expected one of/);
  expectFormatError(nb({}, [cell({ outputs: [{ output_type: 'display_data', data: { 'text/plain': 3 }, metadata: {} }] })]),
    'cells[0].outputs[0].data["text/plain"]', /found a number/);
  expectFormatError(nb({}, [cell({ outputs: [{ output_type: 'error', ename: 'E', evalue: 'v', traceback: 'nope' }] })]),
    'cells[0].outputs[0].traceback', /expected an array/);
  assert.match(new FormatError('bad.ipynb', 'x', undefined, 'cells[3].source').oneLine(), /^FormatError: bad\.ipynb: cells\[3\]\.source: x$/);
});

test('random garbage never throws anything untyped', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pieces = ['{', '}', '[', ']', '"cells"', '"nbformat"', ':', ',', '4', '5', 'null', '"source"', '"code"', '"outputs"', '"x"', '1.5', 'true'];
  const base = JSON.parse(text) as Record<string, unknown>;
  for (let i = 0; i < 300; i++) {
    let input: string;
    if (i % 2) input = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
    else {
      // Mutate one value deep inside the real notebook.
      const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      let node: Record<string, unknown> = copy;
      for (let d = 0; d < 6; d++) {
        const keys = Object.keys(node);
        if (!keys.length) break;
        const k = keys[Math.floor(rand() * keys.length)]!;
        const v = node[k];
        if (typeof v === 'object' && v !== null && rand() < 0.7) node = v as Record<string, unknown>;
        else { node[k] = [null, 7, 'str', [], {}, true][Math.floor(rand() * 6)]; break; }
      }
      input = JSON.stringify(copy);
    }
    try {
      readIpynb(input);
    } catch (e) {
      assert.ok(e instanceof FormatError, `untyped error for ${input.slice(0, 80)}: ${String(e)}`);
    }
  }
});

test('splitLines matches Python str.splitlines(keepends=True)', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('a'), ['a']);
  assert.deepEqual(splitLines('a\n'), ['a\n']);
  assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a\r\n', 'b\r', 'c\n', 'd']);
  assert.deepEqual(splitLines('x\u2028y\fz'), ['x\u2028', 'y\f', 'z']);
});
