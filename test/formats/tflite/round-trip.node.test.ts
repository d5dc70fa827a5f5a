/**
 * Every fixture `.tflite` goes read → write, and the written file must be the same model:
 * (a) the real TFLite runtimes (LiteRT.js, and tfjs-tflite) give bitwise identical outputs for the original and for
 *     ours on 3 seeded random inputs (float inputs uniform in [-1, 1], integer inputs uniform over their range);
 * (b) the flatbuffer structure is preserved: both files unpacked with the generated object API and compared after
 *     normalizing what a writer may legitimately renumber or spell differently (buffer indices → buffer contents,
 *     opcode indices → the opcode, builtin_code → TFLite's effective code, an empty quantization table ≡ none,
 *     a null string ≡ an empty one);
 * (c) every non-empty buffer starts at a 16-byte aligned file offset, and buffer 0 is the empty sentinel;
 * (d) reading our output and writing it again gives the same bytes.
 * What a runtime refuses must be listed in KNOWN_REFUSALS (with the reason) and is reported as a skip.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import * as flatbuffers from 'flatbuffers';
import { readTflite, sniffTflite, writeTflite, effectiveBuiltinCode } from '../../../src/formats/tflite/index.ts';
import { BuiltinOperator, Model, type QuantizationParametersT } from '../../../src/formats/tflite/generated/schema.ts';
import { Rng } from '../../../src/util/random.ts';
import {
  runLiteRt, runTfjsTflite, RuntimeRefusedError, type RuntimeArray, type RuntimeName, type RuntimeOutput,
} from '../../harness/reference-runtime.ts';

const FIXTURES_DIR = path.join(import.meta.dirname, '..', '..', 'fixtures');

/** Refusals we know about: LiteRT.js has no dynamic dims (shape_signature -1) and no variable tensors (LSTM state). */
const KNOWN_REFUSALS: Readonly<Record<string, Partial<Record<RuntimeName, RegExp>>>> = {
  'gitadi_mnist_cnn_keras/model_fp32_28.tflite': { litert: /dynamic dims/ },
  'gitadi_mnist_cnn_keras/model_int8_28.tflite': { litert: /dynamic dims/ },
  'tflm_hello_world/hello_world_float.tflite': { litert: /dynamic dims/ },
  'tflm_hello_world/hello_world_int8.tflite': { litert: /dynamic dims/ },
  'tflm_mnist_lstm/trained_lstm.tflite': { litert: /Variable tensors not yet supported/ },
  'tflm_mnist_lstm/trained_lstm_int8.tflite': { litert: /Variable tensors not yet supported/ },
};

function findFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findFixtures(p));
    else if (/\.(tflite|bin)$/.test(e.name) && sniffTflite(new Uint8Array(fs.readFileSync(p)))) out.push(p);
  }
  return out.sort();
}

// ---------------------------------------------------------------- structure normalization

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Uint8Array) return Array.from(v);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const emptyQuantization = (q: QuantizationParametersT | null): boolean =>
  !q || (!q.scale.length && !q.zeroPoint.length && !q.min.length && !q.max.length && !q.details && q.quantizedDimension === 0);

function normalizedModel(bytes: Uint8Array) {
  const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
  const bufferKey = (i: number): string => {
    const b = m.buffers(i);
    if (!b) return `missing buffer ${i}`;
    const d = b.dataArray();
    return d && d.length ? `${d.length} bytes, sha1 ${createHash('sha1').update(d).digest('hex')}` : 'empty';
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const opcodes = range(m.operatorCodesLength()).map((i) => {
    const oc = m.operatorCodes(i)!;
    return {
      builtinCode: BuiltinOperator[effectiveBuiltinCode(oc.builtinCode(), oc.deprecatedBuiltinCode())],
      deprecatedBuiltinCode: oc.deprecatedBuiltinCode(), customCode: oc.customCode() ?? '', version: oc.version(),
    };
  });
  const subgraphs = range(m.subgraphsLength()).map((s) => {
    const sg = m.subgraphs(s)!.unpack();
    return {
      name: sg.name ?? '', inputs: sg.inputs, outputs: sg.outputs, debugMetadataIndex: sg.debugMetadataIndex,
      tensors: sg.tensors.map((t) => plain({
        ...t, name: t.name ?? '', buffer: bufferKey(t.buffer), quantization: emptyQuantization(t.quantization) ? null : t.quantization,
      })),
      operators: sg.operators.map(({ opcodeIndex, ...o }) => plain({ opcode: opcodes[opcodeIndex] ?? `missing opcode ${opcodeIndex}`, ...o })),
    };
  });
  return {
    version: m.version(),
    description: m.description() ?? '',
    subgraphs,
    signatureDefs: range(m.signatureDefsLength()).map((i) => plain(m.signatureDefs(i)!.unpack())),
    metadata: range(m.metadataLength()).map((i) => ({ name: m.metadata(i)!.name() ?? '', buffer: bufferKey(m.metadata(i)!.buffer()) })),
    metadataBuffer: range(m.metadataBufferLength()).map((i) => bufferKey(m.metadataBuffer(i)!)),
    externalBufferGroups: range(m.externalBufferGroupsLength()).map((i) => plain(m.externalBufferGroups(i)!.unpack())),
    externalBuffers: range(m.externalBuffersLength()).map((i) => plain(m.externalBuffers(i)!.unpack())),
  };
}

// ---------------------------------------------------------------- runtime comparison

function randomInputs(bytes: Uint8Array, seed: number): RuntimeArray[] {
  const rng = new Rng(seed);
  return readTflite(bytes).main.inputs.map((t) => {
    const n = t.size;
    switch (t.dtype) {
      case 'float32': return rng.float32Array(n, -1, 1);
      case 'int8': return rng.int8Array(n);
      case 'uint8': return Uint8Array.from({ length: n }, () => rng.int(0, 255));
      case 'int16': return Int16Array.from({ length: n }, () => rng.int(-32768, 32767));
      case 'int32': return Int32Array.from({ length: n }, () => rng.int(-100, 100));
      case 'bool': return Uint8Array.from({ length: n }, () => rng.int(0, 1));
      default: throw new Error(`no random input generator for dtype ${t.dtype}`);
    }
  });
}

function assertBitwiseEqual(ours: RuntimeOutput[], theirs: RuntimeOutput[], what: string): void {
  assert.equal(ours.length, theirs.length, `${what}: output count`);
  theirs.forEach((o, i) => {
    const p = ours[i]!;
    assert.deepEqual({ name: p.name, dtype: p.dtype, shape: p.shape }, { name: o.name, dtype: o.dtype, shape: o.shape }, `${what}: output ${i} name/dtype/shape`);
    const a = new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength);
    const b = new Uint8Array(o.data.buffer, o.data.byteOffset, o.data.byteLength);
    if (Buffer.compare(a, b) !== 0) {
      const k = p.data.findIndex((x, j) => !Object.is(x, o.data[j]));
      assert.fail(`${what}: output ${i} (${o.name}) differs at element ${k}: ours ${p.data[k]}, original ${o.data[k]}`);
    }
  });
}

const RUNTIMES: readonly (readonly [RuntimeName, typeof runLiteRt])[] = [['litert', runLiteRt], ['tfjs-tflite', runTfjsTflite]];

// ---------------------------------------------------------------- the tests

const fixtures = findFixtures(FIXTURES_DIR);

test('there are fixture .tflite files to round-trip', () => {
  assert.ok(fixtures.length >= 20, `found ${fixtures.length} fixtures under ${FIXTURES_DIR}`);
});

for (const file of fixtures) {
  const name = path.relative(FIXTURES_DIR, file).split(path.sep).join('/');
  const original = new Uint8Array(fs.readFileSync(file));
  let written: Uint8Array | undefined;
  const ours = (): Uint8Array => (written ??= writeTflite(readTflite(original, name)).slice());
  const ran = new Set<RuntimeName>();

  describe(name, () => {
    test('structure is preserved', () => {
      const a = normalizedModel(original);
      const b = normalizedModel(ours());
      assert.equal(b.subgraphs.length, a.subgraphs.length, `${name}: subgraph count`);
      a.subgraphs.forEach((sa, s) => {
        const sb = b.subgraphs[s]!;
        assert.deepEqual({ ...sb, tensors: undefined, operators: undefined }, { ...sa, tensors: undefined, operators: undefined }, `${name}: subgraph ${s} name/inputs/outputs`);
        assert.deepEqual(sb.tensors, sa.tensors, `${name}: subgraph ${s} tensors`);
        assert.deepEqual(sb.operators, sa.operators, `${name}: subgraph ${s} operators`);
      });
      assert.deepEqual(b.signatureDefs, a.signatureDefs, `${name}: signature defs`);
      assert.deepEqual(b.metadata, a.metadata, `${name}: metadata`);
      assert.deepEqual({ ...b, subgraphs: undefined }, { ...a, subgraphs: undefined }, `${name}: model fields`);
    });

    test('buffers are 16-byte aligned, buffer 0 is empty', () => {
      const bytes = ours();
      const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
      assert.equal(m.buffers(0)?.dataLength() ?? 0, 0, `${name}: buffer 0 must be the empty sentinel`);
      for (let i = 0; i < m.buffersLength(); i++) {
        const d = m.buffers(i)!.dataArray();
        if (d && d.length) assert.equal((d.byteOffset - bytes.byteOffset) % 16, 0, `${name}: buffer ${i} data at file offset ${d.byteOffset - bytes.byteOffset}`);
      }
    });

    test('read → write is idempotent', () => {
      const first = ours();
      const second = writeTflite(readTflite(first, `${name} (ours)`));
      assert.ok(Buffer.compare(first, second) === 0, `${name}: writing our own output again changed it (${first.length} → ${second.length} bytes)`);
    });

    for (const [runtime, run] of RUNTIMES) {
      test(`${runtime}: outputs bitwise identical on 3 seeded inputs`, async (t) => {
        const inputSets = [1, 2, 3].map((seed) => randomInputs(original, seed));
        let expected: RuntimeOutput[];
        try {
          expected = await run(original, inputSets[0]!);
        } catch (e) {
          if (!(e instanceof RuntimeRefusedError)) throw e;
          const known = KNOWN_REFUSALS[name]?.[runtime];
          assert.ok(known?.test(e.reason), `${name}: ${e.message} — not a known refusal (add it to KNOWN_REFUSALS if expected)`);
          t.skip(`${runtime} cannot run ${name}: ${e.reason}`);
          return;
        }
        ran.add(runtime);
        for (const [k, inputs] of inputSets.entries()) {
          if (k > 0) expected = await run(original, inputs);
          const got = await run(ours(), inputs);
          assertBitwiseEqual(got, expected, `${name}, ${runtime}, input set ${k + 1}`);
        }
      });
    }

    test('ran on at least one real runtime', () => {
      assert.ok(ran.size > 0, `${name}: neither LiteRT.js nor tfjs-tflite could run it`);
    });
  });
}

describe('reference runtimes (the harness these tests stand on)', () => {
  test('tfjs-tflite refuses op versions newer than its build, LiteRT.js runs them; the refusal names the runtime', async () => {
    const graph = readTflite(new Uint8Array(fs.readFileSync(path.join(FIXTURES_DIR, 'sgx_mnist_mlp_savedmodel', 'model_no_quant.tflite'))));
    for (const n of graph.main.nodes) if (n.op === 'FULLY_CONNECTED') n.version = 12; // what TF 2.21 converters write
    const bytes = writeTflite(graph);
    const input = [new Rng(7).float32Array(784, 0, 1)];
    await assert.rejects(runTfjsTflite(bytes, input), (e: unknown) => {
      assert.ok(e instanceof RuntimeRefusedError);
      assert.equal(e.runtime, 'tfjs-tflite');
      assert.match(e.reason, /FULLY_CONNECTED.*version.*12/);
      return true;
    });
    const [out] = await runLiteRt(bytes, input);
    assert.deepEqual(out!.shape, [1, 10]);
  });

  test('loading the runtimes leaves no browser shims behind', () => {
    const g = globalThis as Record<string, unknown>;
    for (const k of ['self', 'importScripts', 'location', 'require', '__dirname', 'Module', 'ModuleFactory']) {
      assert.equal(k in g, false, `global ${k} left behind`);
    }
    assert.doesNotThrow(() => new MessageChannel().port1.close(), 'MessageChannel restored');
  });
});
