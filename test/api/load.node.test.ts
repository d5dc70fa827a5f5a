/**
 * `load()`: every fixture is sniffed as its format from every kind of source (Node path, ModelFiles, dropped files,
 * directory handle, bytes, zip, URL through an injected fetch); unknown or mismatched input is a FormatError naming
 * the file and saying what it looked like; the browser bundle of the public API never contains Node-only code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import * as esbuild from 'esbuild';
import { describeBytes, load, type DirectoryHandleLike, type FetchResponseLike, type FileHandleLike, type ModelFormat } from '../../src/api/load.ts';
import { FormatError, UsageError } from '../../src/errors.ts';
import { memoryFiles } from '../../src/formats/model-source.ts';
import type { FileLike } from '../../src/formats/model-source-browser.ts';

const F = 'test/fixtures';
const bytesOf = (p: string): Uint8Array => new Uint8Array(fs.readFileSync(p));

/** Every file under `dir`, relative, with `/`. */
function listDir(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listDir(dir, p) : [p];
  }).sort();
}

const fakeFile = (rel: string, bytes: Uint8Array): FileLike => ({
  name: rel.split('/').pop()!, webkitRelativePath: rel, arrayBuffer: async () => bytes.slice().buffer,
});

function fakeDirHandle(dir: string, name = path.basename(dir)): DirectoryHandleLike {
  return {
    kind: 'directory', name,
    async *values(): AsyncIterable<DirectoryHandleLike | FileHandleLike> {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) yield fakeDirHandle(p, e.name);
        else yield { kind: 'file', name: e.name, getFile: async () => fakeFile(e.name, bytesOf(p)) };
      }
    },
  };
}

const EXPECTED: { path: string; format: ModelFormat; signatureKey?: string; nodes: number }[] = [
  { path: `${F}/sgx_mnist_mlp_savedmodel/saved_model`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 14 },
  { path: `${F}/sgx_mnist_mlp_savedmodel`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 14 },
  { path: `${F}/mlperf_tiny_kws_dscnn/kws_ref_model`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 45 },
  { path: `${F}/serving_saved_model_half_plus_two_cpu`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 5 },
  { path: `${F}/serving_saved_model_half_plus_two_tf2_cpu`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 4 },
  { path: `${F}/serving_matrix_half_plus_two`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 2 },
  { path: `${F}/serving_matrix_half_plus_two/saved_model.pb`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 2 },
  { path: `${F}/tfjs_node_times_three_float`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 3 },
  { path: `${F}/tfjs_node_module_with_multiple_signatures`, format: 'savedmodel', signatureKey: 'serving_default', nodes: 3 },
  { path: `${F}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`, format: 'keras', nodes: 40 },
  { path: `${F}/mlperf_tiny_anomaly_toycar/model_ToyCar.hdf5`, format: 'keras', nodes: 92 },
  { path: `${F}/gitadi_mnist_cnn_keras/baseline_cnn_28.keras`, format: 'keras', nodes: 15 },
  { path: `${F}/litert_multi_add_graphdef/multi_add.pb`, format: 'graphdef', nodes: 3 },
  { path: `${F}/mlperf_tiny_ic_resnet8/pretrainedResnet.tflite`, format: 'tflite', nodes: 16 },
  { path: `${F}/litert_multi_add_graphdef/multi_add.bin`, format: 'tflite', nodes: 3 },
];

describe('load() sniffs every fixture from a Node path', { concurrency: 2 }, () => {
  for (const e of EXPECTED) {
    test(e.path, async () => {
      const m = await load(e.path);
      assert.equal(m.format, e.format);
      assert.equal(m.signatureKey, e.signatureKey);
      assert.equal(m.graph.subgraphs[0]!.nodes.length, e.nodes);
      assert.equal(m.name, e.path.replace(/\/saved_model\.pb$/, ''));
    });
  }
});

describe('load() from other sources', () => {
  const MNIST = `${F}/sgx_mnist_mlp_savedmodel/saved_model`;

  test('SavedModel: metadata, signature choice, tags', async () => {
    const m = await load(MNIST);
    assert.deepEqual([m.signatureKeys, m.tfVersion, m.notes], [['serving_default'], '2.4.1', []]);
    const two = await load(`${F}/tfjs_node_module_with_multiple_signatures`, { signatureKey: 'timestwo' });
    assert.deepEqual([two.signatureKey, two.signatureKeys], ['timestwo', ['serving_default', 'timestwo']]);
    await assert.rejects(load(MNIST, { signatureKey: 'nope' }), (e) => e instanceof UsageError && /available signatures: serving_default/.test(e.message));
    await assert.rejects(load(MNIST, { tags: ['train'] }), UsageError);
  });

  test('a folder whose SavedModel is in a sub-folder says so in a note', async () => {
    const m = await load(`${F}/sgx_mnist_mlp_savedmodel`);
    assert.deepEqual(m.notes, ['loaded the SavedModel in saved_model/']);
  });

  test('ModelFiles, dropped folder (File[] with webkitRelativePath), directory handle, file: URL', async () => {
    const files = Object.fromEntries(listDir(MNIST).map((p) => [p, bytesOf(`${MNIST}/${p}`)]));
    const viaMemory = await load(memoryFiles('mnist', files));
    assert.deepEqual([viaMemory.format, viaMemory.name, viaMemory.graph.main.nodes.length], ['savedmodel', 'mnist', 14]);
    const dropped = listDir(MNIST).map((p) => fakeFile(`saved_model/${p}`, files[p]!));
    const viaDrop = await load(dropped);
    assert.deepEqual([viaDrop.format, viaDrop.name], ['savedmodel', 'saved_model']);
    const viaHandle = await load(fakeDirHandle(MNIST));
    assert.deepEqual([viaHandle.format, viaHandle.name, viaHandle.graph.main.nodes.length], ['savedmodel', 'saved_model', 14]);
    const viaUrl = await load(pathToFileURL(`${F}/litert_multi_add_graphdef/multi_add.pb`));
    assert.equal(viaUrl.format, 'graphdef');
  });

  test('single files as bytes, { name, bytes }, a File, and a zip of a SavedModel folder', async () => {
    const h5 = bytesOf(`${F}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`);
    const a = await load(h5);
    assert.deepEqual([a.format, a.name, a.kerasVersion], ['keras', 'model', '2.4.0']);
    const b = await load({ name: 'resnet.h5', bytes: h5 });
    assert.deepEqual([b.format, b.name], ['keras', 'resnet.h5']);
    const c = await load(fakeFile('multi_add.pb', bytesOf(`${F}/litert_multi_add_graphdef/multi_add.pb`)));
    assert.deepEqual([c.format, c.name], ['graphdef', 'multi_add.pb']);
    const zip = zipSync(Object.fromEntries(listDir(MNIST).map((p) => [`mnist/${p}`, bytesOf(`${MNIST}/${p}`)])));
    const z = await load({ name: 'mnist.zip', bytes: zip });
    assert.deepEqual([z.format, z.name, z.signatureKey, z.graph.main.nodes.length], ['savedmodel', 'mnist.zip', 'serving_default', 14]);
  });

  test('URLs through fetch: a file loads; HTTP errors and folders name the URL and explain', async () => {
    const served: Record<string, Uint8Array> = {
      'https://x.test/m/model.keras': bytesOf(`${F}/gitadi_mnist_cnn_keras/baseline_cnn_28.keras`),
      'https://x.test/m/saved_model/': new TextEncoder().encode('<!doctype html><title>Index of /m/saved_model</title>'),
    };
    const fetch = async (url: string): Promise<FetchResponseLike> => {
      const body = served[url];
      return body
        ? { ok: true, status: 200, statusText: 'OK', arrayBuffer: async () => body.slice().buffer }
        : { ok: false, status: 404, statusText: 'Not Found', arrayBuffer: async () => new ArrayBuffer(0) };
    };
    const m = await load('https://x.test/m/model.keras', { fetch });
    assert.deepEqual([m.format, m.name], ['keras', 'https://x.test/m/model.keras']);
    await assert.rejects(load(new URL('https://x.test/m/gone.h5'), { fetch }),
      (e) => e instanceof FormatError && e.file === 'https://x.test/m/gone.h5' && /HTTP 404 Not Found$/.test(e.message));
    await assert.rejects(load('https://x.test/m/saved_model/', { fetch }),
      (e) => e instanceof FormatError && e.file === 'https://x.test/m/saved_model/' && /HTML page.*cannot be listed over HTTP.*\.zip of the SavedModel/.test(e.message));
    await assert.rejects(load('https://x.test/m/other/', { fetch }), (e) => e instanceof FormatError && /HTTP 404.*cannot be listed over HTTP/.test(e.message));
    const failing = async (): Promise<FetchResponseLike> => { throw new TypeError('getaddrinfo ENOTFOUND x.test'); };
    await assert.rejects(load('https://x.test/a.h5', { fetch: failing }), (e) => e instanceof FormatError && /cannot fetch \(getaddrinfo/.test(e.message));
  });
});

describe('load() rejects what is not a model', () => {
  let tmp = '';
  test('setup', () => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-load-')); });

  test('unknown files: FormatError naming the file and what it looks like', async () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['notes.txt', new TextEncoder().encode('hello, this is not a model\n'), /looks like text \("hello, this is not a mod…"\)/],
      ['config.json', new TextEncoder().encode('{"a": 1}'), /looks like JSON/],
      ['empty.bin', new Uint8Array(0), /the file is empty/],
      ['noise.bin', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5]), /9 bytes of unrecognized binary data starting de ad be ef 01 02 03 04/],
      ['data.npy', bytesOf(`${F}/mlperf_tiny_ic_resnet8/calibration_samples_idxs.npy`), /NumPy \.npy array/],
      ['model.pbtxt', new TextEncoder().encode('node {\n  name: "x"\n}\n'), /text-format protobuf/],
    ];
    for (const [name, bytes, why] of cases) {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, bytes);
      await assert.rejects(load(file), (e) => {
        assert.ok(e instanceof FormatError, `${name}: ${String(e)}`);
        assert.equal(e.file, file);
        assert.match(e.message, why, name);
        assert.match(e.message, /expected a SavedModel folder, \.tflite, \.h5\/\.hdf5, \.keras or frozen GraphDef \.pb/);
        return true;
      });
    }
  });

  test('missing path, empty folder, folder without a model, folder with several models', async () => {
    await assert.rejects(load(path.join(tmp, 'missing')), (e) => e instanceof FormatError && /no such file or directory/.test(e.message));
    fs.mkdirSync(path.join(tmp, 'empty'));
    await assert.rejects(load(path.join(tmp, 'empty')), (e) => e instanceof FormatError && /the folder is empty/.test(e.message));
    fs.mkdirSync(path.join(tmp, 'docs'));
    fs.writeFileSync(path.join(tmp, 'docs', 'a.md'), 'a');
    fs.writeFileSync(path.join(tmp, 'docs', 'b.md'), 'b');
    await assert.rejects(load(path.join(tmp, 'docs')), (e) => e instanceof FormatError && /not a model folder.*a\.md, b\.md/.test(e.message));
    await assert.rejects(load(`${F}/mlperf_tiny_ic_resnet8`),
      (e) => e instanceof FormatError && /several model files \(pretrainedResnet\.h5, pretrainedResnet\.tflite, pretrainedResnet_quant\.tflite\): choose one/.test(e.message));
    const picked = await load(`${F}/litert_multi_add_graphdef`);
    assert.deepEqual([picked.format, picked.notes], ['graphdef', ['the folder holds no saved_model.pb; loaded its one model file multi_add.pb']]);
  });

  test('a damaged file whose bytes match nothing goes to the reader its extension names', async () => {
    const pb = bytesOf(`${F}/litert_multi_add_graphdef/multi_add.pb`).slice();
    pb[0] = 0x0b;
    const file = path.join(tmp, 'damaged.pb');
    fs.writeFileSync(file, pb);
    await assert.rejects(load(file), (e) => e instanceof FormatError && e.file === file && !/not a model file/.test(e.message));
    const cut = path.join(tmp, 'cut.pb');
    fs.writeFileSync(cut, bytesOf(`${F}/litert_multi_add_graphdef/multi_add.pb`).subarray(0, 200));
    await assert.rejects(load(cut), (e) => e instanceof FormatError && e.file === cut && !/not a model file/.test(e.message));
    const h5 = bytesOf(`${F}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`).slice(0, 4000);
    h5[1] = 0;
    await assert.rejects(load({ name: 'x.h5', bytes: h5 }), (e) => e instanceof FormatError && /neither an HDF5/.test(e.message));
  });

  test('the expected format is enforced (fromSavedModel, --keras_model_file…)', async () => {
    await assert.rejects(load(`${F}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`, { format: 'savedmodel' }),
      (e) => e instanceof FormatError && /this is a Keras model file \(\.h5 \/ \.keras\), not a SavedModel/.test(e.message));
    await assert.rejects(load(`${F}/tfjs_node_times_three_float`, { format: 'keras' }),
      (e) => e instanceof FormatError && /this is a SavedModel folder, not a Keras model file/.test(e.message));
    const named = await load({ name: 'model.h5', bytes: bytesOf(`${F}/litert_multi_add_graphdef/multi_add.bin`) });
    assert.deepEqual([named.format, named.notes], ['tflite', ['model.h5 is named like a Keras model file (.h5 / .keras) but its content is a TFLite model (.tflite)']]);
  });

  test('bad sources are usage errors', async () => {
    await assert.rejects(load([] as FileLike[]), UsageError);
    await assert.rejects(load({ nope: 1 } as unknown as Uint8Array), UsageError);
  });

  test('describeBytes: HTML and gzip', () => {
    assert.match(describeBytes(new TextEncoder().encode('<!DOCTYPE html><html>')), /an HTML page/);
    assert.match(describeBytes(new Uint8Array([0x1f, 0x8b, 8, 0])), /gzip/);
  });

  test('cleanup', () => { fs.rmSync(tmp, { recursive: true, force: true }); });
});

test('the browser bundle of the public API (load, TFLiteConverter…) contains no Node-only module', async () => {
  const r = await esbuild.build({ entryPoints: ['src/index.ts'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true });
  const inputs = Object.keys(r.metafile.inputs);
  assert.ok(inputs.includes('src/api/load.ts') && inputs.includes('src/converter/tflite-converter.ts') && inputs.includes('src/formats/model-source-browser.ts'));
  assert.ok(!inputs.some((p) => p.includes('model-source-node')), 'model-source-node.ts is not bundled');
  assert.doesNotMatch(r.outputFiles[0]!.text, /from ["']node:fs/);
});
