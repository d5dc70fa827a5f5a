/**
 * nbformat 4.5 cell ids: 1–64 characters of `[a-zA-Z0-9-_]`, unique within a notebook. New ids are 8 random hex
 * digits, as Jupyter makes them (`uuid4().hex[:8]`), drawn again on the rare collision.
 */

const ID_RE = /^[a-zA-Z0-9_-]{1,64}$/;

/** Whether `id` is a valid nbformat 4.5 cell id. */
export function isValidCellId(id: unknown): id is string {
  return typeof id === 'string' && ID_RE.test(id);
}

/** A fresh 8-hex-digit id not in `taken`. */
export function newCellId(taken: { has(id: string): boolean } = new Set<string>()): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (!taken.has(id)) return id;
  }
}
