// Polls until `f` gives a truthy value (browser tests of elements that settle asynchronously).
export async function until<T>(what: string, f: () => T | null | undefined | false, ms = 20000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
