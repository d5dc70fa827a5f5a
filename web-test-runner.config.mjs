// Browser tests (test/**/*.browser.test.ts) in a real headless Chromium with WebGPU (SwiftShader without a GPU).
// Run through `npm test`; alone: `npx web-test-runner [files]`.
import fs from 'node:fs';
import path from 'node:path';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { findChromium, CHROMIUM_ARGS, NoChromiumError } from './scripts/find-chromium.mjs';

let executablePath;
try {
  executablePath = findChromium();
} catch (e) {
  if (!(e instanceof NoChromiumError)) throw e;
  console.error(e.message);
  process.exit(1);
}

// Server command: a screenshot of the current test page, written under screenshots/ (test artifacts).
const screenshotPlugin = {
  name: 'screenshot',
  async executeCommand({ command, payload, session }) {
    if (command !== 'screenshot') return undefined;
    const page = session.browser.getPage(session.id);
    const file = path.resolve('screenshots', path.basename(payload.name));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    return file;
  },
};

// Writes the pass/fail counts where scripts/test.mjs sums them with the other runners into one closing line.
// A test file that failed with no failed test in it (e.g. it failed to import) counts as one failure.
const countsReporter = {
  stop({ sessions }) {
    let passed = 0, failed = 0, skipped = 0;
    const walk = (s) => { for (const t of s.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++; s.suites.forEach(walk); };
    for (const session of sessions) {
      const before = failed;
      if (session.testResults) walk(session.testResults);
      if (!session.passed && failed === before) failed++;
    }
    const line = `wtr: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    fs.mkdirSync('.test-results', { recursive: true });
    fs.writeFileSync('.test-results/wtr.txt', line + '\n');
    process.once('exit', () => fs.writeSync(1, line + '\n'));
  },
};

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1, // 2-core machine; SwiftShader is CPU-bound
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS } })],
  reporters: [defaultReporter(), countsReporter],
  browserStartTimeout: 60000,
  testsFinishTimeout: 600000,
  testFramework: { config: { timeout: 120000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), screenshotPlugin],
};
