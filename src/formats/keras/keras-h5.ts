/**
 * Keras 2 `.h5` / `.hdf5` model files (`model.save('m.h5')`): the architecture is the root attribute `model_config`
 * (JSON), the weights are `model_weights/<layer>/<weight name>` datasets, `weight_names` on each layer group giving
 * their order and variable names (`conv2d/kernel:0`). Keras splits long name lists over `weight_names0`,
 * `weight_names1`, … A nested model's weights are all under its own top-level group, named
 * `<inner layer>/<var>:0`. Optimizer state (`optimizer_weights`) is never read.
 */
import { FormatError } from '../../errors.ts';
import { H5File, type H5OpenOptions } from './h5-file.ts';
import type { LayerLocation, StoredWeight, WeightSource } from './keras-graph.ts';
import { parseConfigText, type KerasSource } from './source.ts';

/** Keras' load_attributes_from_hdf5_group: `name`, or `name0`, `name1`, … concatenated. */
function chunkedStrings(f: H5File, path: string, name: string): string[] {
  if (f.attrNames(path).includes(name)) return f.attrStrings(path, name);
  const out: string[] = [];
  for (let i = 0; f.attrNames(path).includes(`${name}${i}`); i++) out.push(...f.attrStrings(path, `${name}${i}`));
  return out;
}

class H5Weights implements WeightSource {
  constructor(private readonly f: H5File, private readonly root: string) {}

  layerWeights(loc: LayerLocation): StoredWeight[] {
    const group = `${this.root}/${loc.names[0]}`;
    if (!this.f.isGroup(group)) return [];
    let names = chunkedStrings(this.f, group, 'weight_names').map((n) => n.split('/'));
    if (loc.names.length > 1) {
      const inner = loc.names[loc.names.length - 1];
      names = names.filter((parts) => parts.length >= 2 && parts[parts.length - 2] === inner);
    }
    return names.map((parts) => ({
      name: parts[parts.length - 1]!.replace(/:\d+$/, ''),
      array: this.f.dataset(`${group}/${parts.join('/')}`),
    }));
  }
}

export async function readKerasH5(bytes: Uint8Array, file: string, options: H5OpenOptions = {}): Promise<KerasSource> {
  const f = await H5File.open(bytes, file, { ...options, skip: ['/optimizer_weights', ...(options.skip ?? [])] });
  try {
    const config = f.attrString('/', 'model_config');
    if (config === undefined) {
      throw new FormatError(file, 'no model_config attribute: this HDF5 file holds no Keras model architecture (weights-only files from save_weights cannot be converted alone)');
    }
    const model = parseConfigText(config, file, 'model_config');
    const root = f.isGroup('/model_weights') ? '/model_weights' : '/';
    return {
      model,
      weights: new H5Weights(f, root === '/' ? '' : root),
      kerasVersion: f.attrString('/', 'keras_version') ?? f.attrString(root, 'keras_version'),
      backend: f.attrString('/', 'backend') ?? f.attrString(root, 'backend'),
      close: () => f.close(),
    };
  } catch (e) {
    f.close();
    throw e;
  }
}
