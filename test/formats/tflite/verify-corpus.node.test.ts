/**
 * The bad-input corpus: every fixture .tflite truncated at 10 seeded lengths, with 50 seeded single-byte flips
 * anywhere, and with 50 more flips in its structure (outside the Buffer.data payloads, where a flip is only ever
 * weights). `verifyTflite` must either accept or throw FormatError — nothing else — in bounded time; and every file it
 * accepts must be safe for the flatc-generated object API: `Model.getRootAsModel(bb).unpack()` over a bounds-checking
 * ByteBuffer walks the whole model without throwing (a throw there means the verifier missed something). The same
 * corpus through `readTflite` + inspect (what `litelab inspect` runs) gives a model or a FormatError naming the file
 * and the offset or field at fault.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatError } from '../../../src/errors.ts';
import { Model } from '../../../src/formats/tflite/generated/schema.ts';
import { verifyTflite } from '../../../src/formats/tflite/verify.ts';
import { readTflite } from '../../../src/formats/tflite/reader.ts';
import { formatInspect, inspectGraph } from '../../../src/formats/tflite/inspect.ts';
import { Rng } from '../../../src/util/random.ts';
import { CheckedByteBuffer, fixtureTflites, readFixture } from './flatbuffer-bytes.ts';

type Kind = 'truncated' | 'flip' | 'structural flip';

/** Byte ranges [start, end) of the file that are not Buffer.data payloads. */
function structureRanges(bytes: Uint8Array): [number, number][] {
  const model = Model.getRootAsModel(new CheckedByteBuffer(bytes));
  const data: [number, number][] = [];
  for (let i = 0; i < model.buffersLength(); i++) {
    const d = model.buffers(i)?.dataArray();
    if (d && d.length) data.push([d.byteOffset - bytes.byteOffset, d.byteOffset - bytes.byteOffset + d.length]);
  }
  data.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let at = 0;
  for (const [s, e] of data) {
    if (s > at) out.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < bytes.length) out.push([at, bytes.length]);
  return out;
}

/** A uniform position in the union of `ranges`. */
function pick(rng: Rng, ranges: [number, number][]): number {
  const total = ranges.reduce((n, [s, e]) => n + e - s, 0);
  let k = rng.int(0, total - 1);
  for (const [s, e] of ranges) {
    if (k < e - s) return s + k;
    k -= e - s;
  }
  throw new Error('unreachable');
}

interface Case {
  kind: Kind;
  what: string;
  bytes: Uint8Array;
  /** A flip inside a Buffer.data payload: changes one weight and nothing the accessors navigate by. */
  inPayload: boolean;
}

/** The corpus of one fixture: 10 seeded truncations, 50 seeded flips anywhere, 50 in the structure. */
function corpus(orig: Uint8Array, rng: Rng): Case[] {
  const structure = structureRanges(orig);
  const cases: Case[] = [];
  for (let i = 0; i < 10; i++) {
    const n = rng.int(0, orig.length - 1);
    cases.push({ kind: 'truncated', what: `truncated to ${n} bytes`, bytes: orig.slice(0, n), inPayload: false });
  }
  for (let i = 0; i < 100; i++) {
    const kind: Kind = i < 50 ? 'flip' : 'structural flip';
    const at = kind === 'flip' ? rng.int(0, orig.length - 1) : pick(rng, structure);
    const x = rng.int(1, 255);
    const bytes = orig.slice();
    bytes[at]! ^= x;
    cases.push({ kind, what: `byte ${at} ^= 0x${x.toString(16)}`, bytes, inPayload: !structure.some(([s, e]) => at >= s && at < e) });
  }
  return cases;
}

test('bad-input corpus: verifyTflite accepts or throws FormatError, and what it accepts unpacks safely', { timeout: 120000 }, (t) => {
  const rng = new Rng(0x7f13);
  const counts: Record<Kind, { rejected: number; accepted: number }> = {
    truncated: { rejected: 0, accepted: 0 }, flip: { rejected: 0, accepted: 0 }, 'structural flip': { rejected: 0, accepted: 0 },
  };
  const problems: string[] = [];
  const start = performance.now();
  let verifyMs = 0;
  let unpacked = 0;
  for (const file of fixtureTflites()) {
    for (const { kind, what, bytes, inPayload } of corpus(readFixture(file), rng)) {
      const t0 = performance.now();
      try {
        verifyTflite(bytes, file);
      } catch (e) {
        verifyMs += performance.now() - t0;
        if (e instanceof FormatError) counts[kind].rejected++;
        else problems.push(`${file} ${what}: verifyTflite threw ${String(e)}`);
        continue;
      }
      verifyMs += performance.now() - t0;
      counts[kind].accepted++;
      if (inPayload) continue;
      unpacked++;
      try {
        Model.getRootAsModel(new CheckedByteBuffer(bytes)).unpack();
      } catch (e) {
        problems.push(`${file} ${what}: verified, but unpack() threw ${String(e)}`);
      }
    }
  }
  for (const [kind, c] of Object.entries(counts)) t.diagnostic(`${kind}: ${c.rejected} rejected, ${c.accepted} accepted`);
  t.diagnostic(`accepted files walked with unpack(): ${unpacked} (the other accepted flips only changed a Buffer.data byte)`);
  t.diagnostic(`verifyTflite total ${verifyMs.toFixed(0)} ms; whole corpus incl. unpack ${(performance.now() - start).toFixed(0)} ms`);
  assert.deepEqual(problems, []);
});

test('bad-input corpus through the whole inspect path: a model, or a FormatError naming the file and where', { timeout: 120000 }, (t) => {
  const rng = new Rng(0x7f13); // the same corpus as above
  const problems: string[] = [];
  let shown = 0, rejected = 0;
  for (const file of fixtureTflites()) {
    for (const { what, bytes } of corpus(readFixture(file), rng)) {
      try {
        const text = formatInspect(inspectGraph(readTflite(bytes, file), bytes.length), file);
        assert.ok(text.length > 0);
        shown++;
      } catch (e) {
        if (!(e instanceof FormatError)) problems.push(`${file} ${what}: threw ${String(e)}`);
        else if (!e.message.startsWith(file) || (e.offset === undefined && e.field === undefined)) {
          problems.push(`${file} ${what}: FormatError without the file and an offset or field: ${e.message}`);
        } else rejected++;
      }
    }
  }
  t.diagnostic(`inspect shown ${shown}, FormatError ${rejected}`);
  assert.deepEqual(problems, []);
});
