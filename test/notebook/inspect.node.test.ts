// The text/plain inspector and value → MIME bundle conversion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from '../../src/notebook/inspect.ts';
import { defaultToMimeBundle, MIME_SYMBOL, normalizeBundle } from '../../src/notebook/mime.ts';
import { FormatError } from '../../src/errors.ts';

test('primitives and special objects', () => {
  assert.equal(inspect('hi'), '"hi"');
  assert.equal(inspect('hi', { quoteStrings: false }), 'hi');
  assert.equal(inspect(-0), '-0');
  assert.equal(inspect(12n), '12n');
  assert.equal(inspect(undefined), 'undefined');
  assert.equal(inspect(null), 'null');
  assert.equal(inspect(Symbol('s')), 'Symbol(s)');
  assert.equal(inspect(function named() {}), '[Function: named]');
  assert.equal(inspect(() => 1), '[Function (anonymous)]');
  assert.equal(inspect(class Model {}), '[class Model]');
  assert.equal(inspect(new Date(0)), '1970-01-01T00:00:00.000Z');
  assert.equal(inspect(/a+/g), '/a+/g');
  assert.equal(inspect(new TypeError('bad')), 'TypeError: bad');
  assert.equal(inspect(new FormatError('m.tflite', 'truncated')), 'FormatError: m.tflite: truncated');
  assert.equal(inspect(Promise.resolve(1)), 'Promise {…}');
  assert.equal(inspect(new ArrayBuffer(8)), 'ArrayBuffer { byteLength: 8 }');
});

test('containers', () => {
  assert.equal(inspect([1, 'a', [2, [3, [4]]]]), '[1, "a", [2, [3, [Array]]]]');
  assert.equal(inspect({ a: 1, 'b-c': 'x', nested: { deep: { deeper: { deepest: 1 } } } }), '{ a: 1, "b-c": "x", nested: { deep: { deeper: [Object] } } }');
  assert.equal(inspect(new Float32Array([1, 2.5])), 'Float32Array(2) [1, 2.5]');
  assert.equal(inspect(new Map([['k', 1]])), 'Map(1) { "k" => 1 }');
  assert.equal(inspect(new Set([1, 2])), 'Set(2) { 1, 2 }');
  class Tensor { dtype = 'int8'; shape = [1, 2]; }
  assert.equal(inspect(new Tensor()), 'Tensor { dtype: "int8", shape: [1, 2] }');
  assert.equal(inspect(Object.create(null)), '[Object: null prototype] {}');
  assert.equal(inspect({}), '{}');
  assert.equal(inspect([]), '[]');
  const cyclic: Record<string, unknown> = { name: 'c' };
  cyclic.self = cyclic;
  assert.equal(inspect(cyclic), '{ name: "c", self: [Circular] }');
  assert.equal(inspect(Array.from({ length: 150 }, (_, i) => i)).split('\n').at(-2), '  … 50 more');
  const wide = inspect({ alpha: 'a'.repeat(30), beta: 'b'.repeat(30), gamma: 'c'.repeat(30) });
  assert.equal(wide, `{\n  alpha: "${'a'.repeat(30)}",\n  beta: "${'b'.repeat(30)}",\n  gamma: "${'c'.repeat(30)}"\n}`);
});

test('bundles: own bundle via the symbol (method or object) or toMimeBundle(), else text/plain', () => {
  assert.deepEqual(defaultToMimeBundle(42), { 'text/plain': '42' });
  assert.deepEqual(defaultToMimeBundle({ [MIME_SYMBOL]: () => ({ 'text/html': '<b>x</b>' }) }), { 'text/html': '<b>x</b>', 'text/plain': '{}' });
  assert.deepEqual(defaultToMimeBundle({ [Symbol.for('litelab.mime')]: { 'text/plain': 'static' } }), { 'text/plain': 'static' });
  const summary = { toMimeBundle: () => ({ 'application/vnd.litelab.summary+json': { ops: 3n, weights: new Float32Array(2) }, 'text/plain': 'Summary' }) };
  assert.deepEqual(defaultToMimeBundle(summary), { 'application/vnd.litelab.summary+json': { ops: '3', weights: '[Float32Array of 8 bytes omitted]' }, 'text/plain': 'Summary' });
  assert.deepEqual(normalizeBundle({ 'text/html': 5, 'text/csv': undefined }, 'v'), { 'text/html': '5', 'text/plain': '"v"' });
  assert.deepEqual(normalizeBundle('garbage', 1), { 'text/plain': '1' });
});
