/**
 * The engine the page shares, through `@lit/context`: `<litelab-app>` creates one compute backend (one GPU device)
 * and provides it; `<litelab-device-badge>` (inside the notebook) consumes it, and the kernel's `engine` global and
 * `Interpreter.create` use the same backend.
 */
import { createContext } from '@lit/context';
import type { Backend } from '../src/runtime/backend.ts';

export type EngineState =
  | { readonly status: 'pending' }
  | { readonly status: 'ready'; readonly backend: Backend; /** the cpu fallback notice, '' on webgpu */ readonly notice: string }
  | { readonly status: 'error'; readonly message: string };

export const engineContext = createContext<EngineState>(Symbol('litelab-engine'));
