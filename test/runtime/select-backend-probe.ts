// Child-process probe for select-backend tests: creates the default backend in a fresh Node process (so the env the
// test sets, e.g. VK_ICD_FILENAMES, is what Dawn sees), prints one JSON line on stdout, destroys the backend.
import { createBackend } from '../../src/runtime/select-backend.ts';

const notices: string[] = [];
const backend = await createBackend({ onNotice: (line) => { notices.push(line); console.warn(line); } });
console.log(JSON.stringify({ name: backend.name, description: backend.description, notices, vk: process.env.VK_ICD_FILENAMES ?? null }));
backend.destroy();
