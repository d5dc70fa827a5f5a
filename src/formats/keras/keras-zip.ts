/**
 * `.keras` files (Keras ≥ 2.13 / Keras 3 "v3" format): a zip of `config.json` (architecture), `metadata.json`
 * (`keras_version`) and `model.weights.h5`. In the weights file a layer's variables are datasets `0`, `1`, … under
 * `layers/<key>/vars`, where <key> is the layer's class in snake_case, suffixed `_1`, `_2`… for repeats in the same
 * model (`layers/conv2d_1/vars/0`); a nested model's layers sit under its own key (`layers/functional/layers/dense`).
 * Files from tf.keras 2.13 used `_layer_checkpoint_dependencies` for `layers`; the oldest experimental files used
 * layer names as keys; both are read too. Zip entries are CRC-checked (fflate does not).
 */
import { unzipSync } from 'fflate';
import { FormatError } from '../../errors.ts';
import { H5File, type H5OpenOptions } from './h5-file.ts';
import type { LayerLocation, StoredWeight, WeightSource } from './keras-graph.ts';
import { isRecord } from './model-config.ts';
import { parseConfigText, type KerasSource } from './source.ts';

const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = ['model.weights.h5', 'variables.h5'];

class ZipWeights implements WeightSource {
  constructor(private readonly f: H5File) {}

  layerWeights(loc: LayerLocation): StoredWeight[] {
    const candidates = [
      `/layers/${loc.keys.join('/layers/')}/vars`,
      `/_layer_checkpoint_dependencies/${loc.keys.join('/_layer_checkpoint_dependencies/')}/vars`,
      `/layers/${loc.names.join('/layers/')}/vars`,
    ];
    const group = candidates.find((p) => this.f.isGroup(p));
    if (!group) return [];
    const keys = this.f.keys(group).filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    return keys.map((k) => ({ array: this.f.dataset(`${group}/${k}`) }));
  }
}

/** CRC-32 (IEEE), to check zip entries. */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Entry name → CRC-32 from the zip's central directory (empty when it cannot be found: fflate will complain). */
function centralCrcs(zip: Uint8Array): Map<string, number> {
  const crcs = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return crcs;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let i = 0; i < count && p + 46 <= zip.length; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const nameLen = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > zip.length) break;
    crcs.set(decoder.decode(zip.subarray(p + 46, p + 46 + nameLen)), view.getUint32(p + 16, true));
    p += 46 + nameLen + extra + comment;
  }
  return crcs;
}

function unzip(bytes: Uint8Array, file: string): Record<string, Uint8Array> {
  const wanted = new Set([CONFIG, METADATA, ...WEIGHTS, 'model.weights.npz']);
  const limit = Math.min(2 ** 31, 1024 * bytes.length + (1 << 20));
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (info) => {
        if (!wanted.has(info.name)) return false;
        if (info.originalSize > limit) throw new Error(`entry ${info.name} claims ${info.originalSize} bytes`);
        return true;
      },
    });
  } catch (e) {
    throw new FormatError(file, `not a readable zip (${e instanceof Error ? e.message : String(e)})`);
  }
  const crcs = centralCrcs(bytes);
  for (const [name, data] of Object.entries(entries)) {
    const crc = crcs.get(name);
    if (crc === undefined) throw new FormatError(file, `zip entry ${name} is not in the central directory`);
    if (crc32(data) !== crc) throw new FormatError(file, `zip entry ${name} is damaged (CRC mismatch)`);
  }
  return entries;
}

export async function readKerasZip(bytes: Uint8Array, file: string, options: H5OpenOptions = {}): Promise<KerasSource> {
  const entries = unzip(bytes, file);
  const config = entries[CONFIG];
  if (!config) throw new FormatError(file, `no ${CONFIG} in the archive: not a Keras model file`);
  const text = (data: Uint8Array, name: string): string => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      throw new FormatError(file, `${name} is not UTF-8 text`);
    }
  };
  const model = parseConfigText(text(config, CONFIG), file, CONFIG);
  let kerasVersion: string | undefined;
  const meta = entries[METADATA];
  if (meta) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text(meta, METADATA));
    } catch {
      throw new FormatError(file, `${METADATA} is not valid JSON`);
    }
    if (isRecord(parsed) && typeof parsed['keras_version'] === 'string') kerasVersion = parsed['keras_version'];
  }
  const weightsName = WEIGHTS.find((n) => entries[n]);
  if (!weightsName) {
    if (entries['model.weights.npz']) throw new FormatError(file, 'weights stored as model.weights.npz are not supported (only model.weights.h5)');
    throw new FormatError(file, 'no model.weights.h5 in the archive');
  }
  const f = await H5File.open(entries[weightsName]!, `${file} (${weightsName})`, { ...options, skip: ['/optimizer', ...(options.skip ?? [])] });
  return { model, weights: new ZipWeights(f), kerasVersion, close: () => f.close() };
}
