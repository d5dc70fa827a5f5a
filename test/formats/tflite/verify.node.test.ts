/**
 * Specification of `verifyTflite`: real models pass; each kind of damage is rejected with a FormatError naming the
 * byte offset and the field path at fault; limits and TFLite's out-of-flatbuffer data are enforced; unknown union
 * types are accepted (forward compatibility). The corpus of random damage is in verify-corpus.node.test.ts.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import { FormatError } from '../../../src/errors.ts';
import { verifyFlatbuffer, verifyTflite } from '../../../src/formats/tflite/verify.ts';
import { conversionMetadataLayout } from '../../../src/formats/tflite/generated/conversion-metadata/layout.ts';
import { BufferT, Model, ModelT, OperatorCodeT, OperatorT, SubGraphT } from '../../../src/formats/tflite/generated/schema.ts';
import {
  deref, elementAt, fieldAt, fixtureTflites, readFixture, rootTable, setU16, setU32, u32, vtableOf,
} from './flatbuffer-bytes.ts';

const HELLO = 'test/fixtures/tflm_hello_world/hello_world_float.tflite';
const FILE = 'hello.tflite';

/** Runs `verifyTflite` and returns the FormatError it must throw. */
function rejects(bytes: Uint8Array, options?: Parameters<typeof verifyTflite>[2]): FormatError {
  try {
    verifyTflite(bytes, FILE, options);
  } catch (e) {
    assert.ok(e instanceof FormatError, `expected a FormatError, got ${String(e)}`);
    assert.equal(e.file, FILE);
    return e;
  }
  assert.fail('verifyTflite accepted a damaged file');
}

/** A fresh copy of hello_world_float.tflite and the positions the cases below damage. */
function hello() {
  const b = readFixture(HELLO);
  const root = rootTable(b);
  const buffers = deref(b, fieldAt(b, root, 'Model', 'buffers'));
  const subgraph = elementAt(b, deref(b, fieldAt(b, root, 'Model', 'subgraphs')), 0);
  const tensor0 = elementAt(b, deref(b, fieldAt(b, subgraph, 'SubGraph', 'tensors')), 0);
  const name0 = deref(b, fieldAt(b, tensor0, 'Tensor', 'name'));
  const op0 = elementAt(b, deref(b, fieldAt(b, subgraph, 'SubGraph', 'operators')), 0);
  return { b, root, buffers, subgraph, tensor0, name0, op0 };
}

describe('verifyTflite accepts real models', () => {
  for (const f of fixtureTflites()) {
    test(f, () => {
      verifyTflite(readFixture(f), f);
    });
  }

  test('and the CONVERSION_METADATA flatbuffer they carry verifies against conversion_metadata.fbs', () => {
    let seen = 0;
    for (const f of fixtureTflites()) {
      const model = Model.getRootAsModel(new flatbuffers.ByteBuffer(readFixture(f)));
      for (let i = 0; i < model.metadataLength(); i++) {
        const md = model.metadata(i)!;
        if (md.name() !== 'CONVERSION_METADATA') continue;
        verifyFlatbuffer(model.buffers(md.buffer())!.dataArray()!, `${f}#CONVERSION_METADATA`, conversionMetadataLayout);
        seen++;
      }
    }
    assert.ok(seen > 0);
  });
});

describe('verifyTflite rejects damage at the field and byte at fault', () => {
  test('a wrong file identifier', () => {
    const { b } = hello();
    b.set([0x54, 0x46, 0x4c, 0x32], 4); // "TFL2"
    const e = rejects(b);
    assert.equal(e.offset, 4);
    assert.equal(e.field, undefined);
    assert.match(e.detail, /identifier is "TFL2", expected "TFL3"/);
  });

  test('a file too short to be a flatbuffer', () => {
    const e = rejects(readFixture(HELLO).subarray(0, 11));
    assert.equal(e.offset, 0);
    assert.match(e.detail, /11 bytes, too short/);
  });

  test('a root offset past the end', () => {
    const { b } = hello();
    setU32(b, 0, b.length + 100);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model', 0]);
    assert.match(e.detail, /root offset points to 3264, past the end/);
  });

  test('a root offset that is not 4-aligned', () => {
    const { b, root } = hello();
    setU32(b, 0, root + 2);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model', root + 2]);
    assert.match(e.detail, /not 4-byte aligned/);
  });

  test('a vtable offset out of bounds', () => {
    const { b, root } = hello();
    setU32(b, root, -0x10000000); // vtable = root + 2^28
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model', root]);
    assert.match(e.detail, /vtable offset points to \d+, out of bounds/);
  });

  test('a vtable whose size runs past the end', () => {
    const { b, root } = hello();
    const vt = vtableOf(b, root);
    setU16(b, vt, 0x7ffe);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model', vt]);
    assert.match(e.detail, /vtable \(32766 bytes at \d+\) runs past the end/);
  });

  test('a field whose voffset lies outside the table', () => {
    const { b, root } = hello();
    const vt = vtableOf(b, root);
    setU16(b, vt + 4 + 2 * 4, 0x4000); // Model.buffers is slot 4
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.buffers', root + 0x4000]);
    assert.match(e.detail, /outside the \d+-byte table/);
  });

  test('a vector length too large (Model.buffers patched to 0x7fffffff)', () => {
    const { b, buffers } = hello();
    setU32(b, buffers, 0x7fffffff);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.buffers', buffers]);
    assert.match(e.detail, /vector length 2147483647 is too large/);
  });

  test('a vector that runs past the end of the buffer', () => {
    const { b, buffers } = hello();
    setU32(b, buffers, 1000);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.buffers', buffers]);
    assert.match(e.detail, /vector of 1000 × 4 bytes runs past the end of the buffer \(3164 bytes\)/);
  });

  test('a string without its terminating 0', () => {
    const { b, name0 } = hello();
    const end = name0 + 4 + u32(b, name0);
    b[end] = 0x78;
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.subgraphs[0].tensors[0].name', end]);
    assert.match(e.detail, /string is not 0-terminated/);
  });

  test('a string whose terminator would be past the end', () => {
    const { b, name0 } = hello();
    setU32(b, name0, b.length - name0 - 4);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.subgraphs[0].tensors[0].name', b.length]);
    assert.match(e.detail, /no terminating 0 byte/);
  });

  test('an offset to a table that is negative as int32', () => {
    const { b, tensor0 } = hello();
    const at = fieldAt(b, tensor0, 'Tensor', 'name');
    setU32(b, at, 0x80000010);
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.subgraphs[0].tensors[0].name', at]);
    assert.match(e.detail, /negative as int32/);
  });

  test('a truncated file', () => {
    const { b } = hello();
    const e = rejects(b.subarray(0, 1500));
    assert.match(e.field ?? '', /^Model\./);
    assert.ok(e.offset !== undefined && e.offset < b.length);
    assert.match(e.oneLine(), /^FormatError: hello\.tflite: Model\.\S+ at byte \d+: /);
  });

  test('tables nested deeper than maxDepth, or more than maxTables (flatbuffers max_depth / max_tables)', () => {
    const { b } = hello();
    verifyTflite(b, FILE, { maxDepth: 4, maxTables: 200 });
    const deep = rejects(b, { maxDepth: 3 }); // Model > SubGraph > Tensor > QuantizationParameters
    assert.match(deep.detail, /nested deeper than 3/);
    assert.equal(deep.field, 'Model.subgraphs[0].tensors[0].quantization');
    assert.match(rejects(b, { maxTables: 20 }).detail, /more than 20 tables/);
  });
});

describe('verifyTflite, unions', () => {
  test('an unknown union type code is accepted (forward compatibility) and reads as no options', () => {
    const { b, op0 } = hello();
    b[fieldAt(b, op0, 'Operator', 'builtin_options_type')] = 250;
    verifyTflite(b, FILE);
    const op = Model.getRootAsModel(new flatbuffers.ByteBuffer(b)).unpack().subgraphs[0]!.operators[0]!;
    assert.equal(op.builtinOptionsType, 250);
    assert.equal(op.builtinOptions, null);
  });

  test('a known union type code verifies the member table', () => {
    const { b, op0 } = hello();
    const at = fieldAt(b, op0, 'Operator', 'builtin_options');
    const options = deref(b, at);
    setU32(b, options, 0x7fffff00); // the FullyConnectedOptions table's soffset
    const e = rejects(b);
    assert.deepEqual([e.field, e.offset], ['Model.subgraphs[0].operators[0].builtin_options', options]);
    assert.match(e.detail, /FullyConnectedOptions table: vtable offset/);
  });
});

describe('verifyTflite, data stored after the flatbuffer (models > 2 GB: Buffer.offset/size)', () => {
  /** A tiny model whose buffer 1 lives `offset` bytes into the file; `tail` bytes follow the flatbuffer. */
  function external(offset: (fbLength: number) => bigint, size: bigint, tail = 64, op?: OperatorT): Uint8Array {
    const model = new ModelT(3, [new OperatorCodeT(0, null, 1, 0)], [new SubGraphT([], [], [], op ? [op] : [])], 'x',
      [new BufferT(), new BufferT([], 2n, size)]); // placeholder offset of the same encoded size
    let fb = build(model);
    model.buffers[1] = new BufferT([], offset(fb.length), size);
    fb = build(model);
    const out = new Uint8Array(fb.length + tail);
    out.set(fb);
    return out;
  }
  function build(model: ModelT): Uint8Array {
    const builder = new flatbuffers.Builder(256);
    builder.finish(model.pack(builder), 'TFL3');
    return builder.asUint8Array().slice();
  }

  test('offset + size within the file is accepted; offset ≤ 1 means "not used"', () => {
    verifyTflite(external((n) => BigInt(n), 64n), FILE);
    verifyTflite(external(() => 1n, 1n << 40n), FILE);
  });

  test('offset + size past the end of the file is rejected', () => {
    const b = external((n) => BigInt(n), 65n);
    const e = rejects(b);
    assert.equal(e.field, 'Model.buffers[1].offset');
    assert.match(e.detail, new RegExp(`Buffer data at offset ${b.length - 64} \\+ size 65 lies past the end of the file \\(${b.length} bytes\\)`));
    assert.match(rejects(external(() => 1n << 60n, 0n)).detail, /offset 1152921504606846976 \+ size 0 lies past the end/);
  });

  test('Operator.large_custom_options_offset/size likewise', () => {
    const op = (o: bigint, s: bigint) => new OperatorT(0, [], [], 0, null, [], 0, [], [], o, s);
    verifyTflite(external((n) => BigInt(n), 8n, 64, op(2n, 16n)), FILE);
    const e = rejects(external((n) => BigInt(n), 8n, 64, op(2n, 1n << 32n)));
    assert.equal(e.field, 'Model.subgraphs[0].operators[0].large_custom_options_offset');
  });
});
