#!/usr/bin/env node
// The `litelab` command (package.json "bin"). Registers tsx (a dependency) so Node runs the TypeScript sources
// directly, with the package's own tsconfig whatever the working directory, then hands the arguments to
// src/cli/main.ts, which owns the exit-code contract (0 ok, 1 user-facing error, 2 usage error).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
// `litelab inspect big.tflite | head` closes stdout early: that is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
