/**
 * Autosave (browser only): the current notebook, with its outputs and whether it is trusted, saved to IndexedDB a
 * short while after the last change (debounced), and restored on load. Stored as `.ipynb` text, so what comes back
 * is exactly what a save to file would give. `saved` / `error` events let the UI show the save state.
 */
import { LitelabError } from '../errors.ts';
import { TypedEventTarget } from './emitter.ts';
import { IdbDatabase } from './idb.ts';
import { readIpynb, writeIpynb } from './ipynb.ts';
import type { Notebook } from './notebook.ts';

export interface AutosaveOptions {
  /** IndexedDB database (default `litelab`). */
  readonly dbName?: string;
  /** Record key (default `current`): one autosaved notebook per key. */
  readonly key?: string;
  /** Quiet time after the last change before saving (default 1000 ms). */
  readonly delayMs?: number;
}

export interface AutosaveRecord {
  readonly ipynb: string;
  readonly trusted: boolean;
  /** `Date.now()` at save. */
  readonly savedAt: number;
}

export interface Restored {
  readonly notebook: Notebook;
  /** Whether the person had trusted it (or created it) when it was saved. */
  readonly trusted: boolean;
  readonly savedAt: number;
}

export class AutosaveSavedEvent extends Event {
  declare readonly type: 'saved';
  constructor(readonly savedAt: number) {
    super('saved');
  }
}

export class AutosaveErrorEvent extends Event {
  declare readonly type: 'error';
  constructor(readonly error: LitelabError) {
    super('error');
  }
}

export interface AutosaveEvents {
  saved: AutosaveSavedEvent;
  error: AutosaveErrorEvent;
}

export class Autosave extends TypedEventTarget<AutosaveEvents> {
  readonly #key: string;
  readonly #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: (() => Promise<void>) | undefined;

  private constructor(readonly database: IdbDatabase, options: AutosaveOptions) {
    super();
    this.#key = options.key ?? 'current';
    this.#delay = options.delayMs ?? 1000;
  }

  static async open(options: AutosaveOptions = {}): Promise<Autosave> {
    return new Autosave(await IdbDatabase.open(options.dbName ?? 'litelab'), options);
  }

  /** Saves `nb` after every burst of changes; `trusted()` is read at save time. Returns a function that stops watching. */
  watch(nb: Notebook, trusted: () => boolean): () => void {
    const off = nb.on('change', () => this.#schedule(() => this.save(nb, trusted())));
    return () => {
      off();
      this.#cancel();
    };
  }

  /** Saves now. */
  async save(nb: Notebook, trusted: boolean): Promise<void> {
    const record: AutosaveRecord = { ipynb: writeIpynb(nb), trusted, savedAt: Date.now() };
    await this.database.put('notebooks', this.#key, record);
    this.emit(new AutosaveSavedEvent(record.savedAt));
  }

  /** Runs a pending debounced save now. */
  async flush(): Promise<void> {
    const job = this.#pending;
    this.#cancel();
    if (job) await this.#guard(job);
  }

  /** The last saved notebook, or null (also null if the record is unreadable: it is reported as an `error` event). */
  async restore(): Promise<Restored | null> {
    const rec = await this.database.get<AutosaveRecord>('notebooks', this.#key);
    if (!rec || typeof rec.ipynb !== 'string') return null;
    try {
      return { notebook: readIpynb(rec.ipynb, 'autosave'), trusted: rec.trusted === true, savedAt: rec.savedAt };
    } catch (e) {
      if (e instanceof LitelabError) {
        this.emit(new AutosaveErrorEvent(e));
        return null;
      }
      throw e;
    }
  }

  async clear(): Promise<void> {
    this.#cancel();
    await this.database.delete('notebooks', this.#key);
  }

  /** Cancels any pending save and closes the database. */
  close(): void {
    this.#cancel();
    this.database.close();
  }

  #schedule(job: () => Promise<void>): void {
    this.#cancel();
    this.#pending = job;
    this.#timer = setTimeout(() => {
      this.#pending = undefined;
      this.#timer = undefined;
      void this.#guard(job);
    }, this.#delay);
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = undefined;
  }

  async #guard(job: () => Promise<void>): Promise<void> {
    try {
      await job();
    } catch (e) {
      this.emit(new AutosaveErrorEvent(e instanceof LitelabError ? e : new LitelabError(`autosave failed: ${e instanceof Error ? e.message : String(e)}`)));
    }
  }
}
