// Finds the Chromium the tests, the benchmarks and `litelab execute` drive: $CHROMIUM_PATH, else the usual
// system paths. Browsers are never downloaded (this project's machines cannot), so a missing one is one clear line.
import fs from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export class NoChromiumError extends Error {
  constructor() {
    super('no Chromium found: set CHROMIUM_PATH, or install one (Debian/Ubuntu: sudo apt-get install -y chromium)');
    this.name = 'NoChromiumError';
  }
}

/** @returns {string} the path of a Chromium executable */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new NoChromiumError();
  }
  const found = CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) throw new NoChromiumError();
  return found;
}

/** Flags that make WebGPU (SwiftShader when there is no GPU) work headless, as root, with no network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root
  '--enable-unsafe-webgpu', // without it requestAdapter() returns null
  '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
