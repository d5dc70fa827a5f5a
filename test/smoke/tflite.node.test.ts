import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model } from '../../src/formats/tflite/generated/schema.ts';
test('generated code loads', () => { assert.equal(typeof Model.getRootAsModel, 'function'); });
