/**
 * One execution of one cell: the builtins it sees (`display`, `view`, `console`, `invalidation`) and the runtime
 * object its compiled body calls. Outputs go through `hooks.output` only while the run is current: once the cell
 * runs again or is deleted, `invalidate()` resolves `invalidation`, detaches its `view` inputs and silences late
 * `display()` calls from timers or promises it left behind.
 */
import type { CellRuntime } from './evaluate.ts';
import { inspect } from './inspect.ts';
import type { ToMimeBundle } from './mime.ts';
import type { CellOutput } from './outputs.ts';

/** Anything `view()` can bind: a DOM input, or any EventTarget with a `value` (works without a DOM). */
export interface ViewSource {
  readonly value?: unknown;
  addEventListener(type: 'input', listener: () => void): void;
  removeEventListener(type: 'input', listener: () => void): void;
}

export interface RunHooks {
  readonly toMimeBundle: ToMimeBundle;
  output(out: CellOutput): void;
  importModule(specifier: string, options?: ImportCallOptions): Promise<unknown>;
  /** A bound `view()` input changed: `name` now has `value`. */
  viewInput(name: string, value: unknown): void;
  /** Also send `console` calls to the real console. */
  readonly echoConsole: boolean;
}

/** The current value of a view input: a number for range/number inputs, `checked` for checkboxes, else `value`. */
export function viewValue(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const el = input as { type?: unknown; value?: unknown; valueAsNumber?: unknown; checked?: unknown; files?: unknown };
  if (el.type === 'checkbox') return el.checked;
  if ((el.type === 'range' || el.type === 'number') && typeof el.valueAsNumber === 'number' && !Number.isNaN(el.valueAsNumber)) return el.valueAsNumber;
  if (el.type === 'file') return el.files;
  return el.value;
}

function isViewSource(v: unknown): v is ViewSource {
  return typeof v === 'object' && v !== null && typeof (v as ViewSource).addEventListener === 'function' &&
    typeof (v as ViewSource).removeEventListener === 'function';
}

export class CellRun {
  readonly invalidation: Promise<void>;
  /** The last expression's value, once the body called `result`. */
  result: { value: unknown } | undefined;
  #active = true;
  #resolveInvalidation!: () => void;
  readonly #detach: (() => void)[] = [];

  constructor(readonly cellId: string, private readonly hooks: RunHooks) {
    this.invalidation = new Promise((resolve) => (this.#resolveInvalidation = resolve));
  }

  get active(): boolean {
    return this.#active;
  }

  /** `display(value)`: adds a display output; returns the value. */
  readonly display = <T>(value: T): T => {
    this.#show(value);
    return value;
  };

  /** `view(input)` outside `const x = view(…)`: shows the input and returns its current value (not reactive). */
  readonly view = (input: unknown): unknown => {
    this.#show(input);
    return viewValue(input);
  };

  /** `console` for the cell: log/info/debug → stdout, warn/error → stderr; everything else is the real console. */
  readonly console: Console = (() => {
    const real = globalThis.console;
    const c = Object.create(real) as Console;
    const write = (name: 'stdout' | 'stderr', method: 'log' | 'info' | 'debug' | 'warn' | 'error') => (...args: unknown[]): void => {
      if (this.hooks.echoConsole) real[method](...args);
      if (!this.#active) return;
      const text = args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ') + '\n';
      this.hooks.output({ type: 'stream', name, text });
    };
    c.log = write('stdout', 'log');
    c.info = write('stdout', 'info');
    c.debug = write('stdout', 'debug');
    c.warn = write('stderr', 'warn');
    c.error = write('stderr', 'error');
    return c;
  })();

  readonly runtime: CellRuntime = {
    import: (specifier, options) => this.hooks.importModule(specifier, options),
    viewOf: (name) => (input) => {
      this.#show(input);
      if (isViewSource(input)) {
        const listener = (): void => {
          if (this.#active) this.hooks.viewInput(name, viewValue(input));
        };
        input.addEventListener('input', listener);
        this.#detach.push(() => input.removeEventListener('input', listener));
      }
      return viewValue(input);
    },
    result: (value) => {
      this.result = { value };
    },
  };

  /** Ends this run: resolves `invalidation`, detaches view inputs, ignores later outputs. */
  invalidate(): void {
    if (!this.#active) return;
    this.#active = false;
    for (const d of this.#detach.splice(0)) d();
    this.#resolveInvalidation();
  }

  #show(value: unknown): void {
    if (!this.#active) return;
    this.hooks.output({ type: 'display', data: this.hooks.toMimeBundle(value), metadata: {}, value });
  }
}
