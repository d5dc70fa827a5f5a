// `npm test`: typecheck, then node's test runner (test/**/*.node.test.ts), then @web/test-runner in headless
// Chromium (test/**/*.browser.test.ts). Every runner always runs; the last line sums them all as
// `total: N passed, N failed`, which is what CI reads. Exit code 1 if anything failed.
// Extra arguments are file filters passed to both runners, e.g. `npm test -- tflite`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const filters = process.argv.slice(2);
const results = [];
fs.rmSync('.test-results', { recursive: true, force: true });
fs.mkdirSync('.test-results', { recursive: true });

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function listTests(suffix) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith(suffix) && (filters.length === 0 || filters.some((f) => p.includes(f)))) out.push(p);
    }
  };
  walk('test');
  return out.sort();
}

// 1. typecheck: one test that passes or fails
const tsc = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
results.push({ name: 'typecheck', passed: tsc === 0 ? 1 : 0, failed: tsc === 0 ? 0 : 1 });

// 2. node's test runner; a TAP copy is parsed for the counts
const nodeFiles = listTests('.node.test.ts');
if (nodeFiles.length) {
  const code = run('node', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', '--test-reporter-destination=.test-results/node.tap', ...nodeFiles]);
  const tap = fs.existsSync('.test-results/node.tap') ? fs.readFileSync('.test-results/node.tap', 'utf8') : '';
  const count = (k) => Number(tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass'), failed = count('fail') + count('cancelled');
  results.push({ name: 'node', passed, failed: failed || (code !== 0 ? 1 : 0) });
}

// 3. browser tests
const browserFiles = listTests('.browser.test.ts');
if (browserFiles.length) {
  const code = run('browser', 'npx', ['web-test-runner', ...(filters.length ? ['--files', ...browserFiles] : [])]);
  const line = fs.existsSync('.test-results/wtr.txt') ? fs.readFileSync('.test-results/wtr.txt', 'utf8') : '';
  const m = line.match(/(\d+) passed, (\d+) failed/);
  const passed = m ? Number(m[1]) : 0, failed = m ? Number(m[2]) : 0;
  results.push({ name: 'browser', passed, failed: failed || (code !== 0 ? 1 : 0) });
}

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log('\n' + results.map((r) => `${r.name}: ${r.passed} passed, ${r.failed} failed`).join('; '));
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
