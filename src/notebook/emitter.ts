/**
 * A typed EventTarget: `on(type, listener)` is typed by an event map and returns an unsubscribe function, which is
 * what a Lit element or reactive controller wants in `connectedCallback` / `disconnectedCallback`. The plain
 * `addEventListener` still works. Uses the platform `EventTarget`/`Event` (browsers and Node ≥ 15), no DOM needed.
 */

export class TypedEventTarget<M extends { [K in keyof M]: Event }> extends EventTarget {
  /** Listens to `type`; returns a function that removes the listener. */
  on<K extends keyof M & string>(type: K, listener: (event: M[K]) => void, options?: AddEventListenerOptions): () => void {
    const wrapped = (e: Event): void => listener(e as M[K]);
    this.addEventListener(type, wrapped, options);
    return () => this.removeEventListener(type, wrapped, options);
  }

  /** Dispatches a typed event. */
  emit<K extends keyof M & string>(event: M[K] & { type: K }): void {
    this.dispatchEvent(event);
  }
}
