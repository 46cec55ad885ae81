// A map kept within a budget of bytes, each value counted as its owner says: the least recently
// asked for go first. The value just set (or just grown) always stays, even when it alone is over
// the budget.

/** What `set` gives back, for `grow` to tell the value still kept from a later one. */
export type Held = { readonly bytes: number };

export class BoundedByBytes<K, V> {
  readonly maxBytes: number;
  readonly #kept = new Map<K, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** The bytes of the values kept. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  /** The value at `key`, now the most recently asked for. */
  get(key: K): V | undefined {
    const kept = this.#kept.get(key);
    if (kept === undefined) return undefined;
    this.#kept.delete(key);
    this.#kept.set(key, kept);
    return kept.value;
  }

  set(key: K, value: V, bytes: number): Held {
    const before = this.#kept.get(key);
    if (before !== undefined) {
      this.#kept.delete(key);
      this.#bytes -= before.bytes;
    }
    const kept = { value, bytes };
    this.#kept.set(key, kept);
    this.#bytes += bytes;
    this.#evictFor(key);
    return kept;
  }

  /** `held` (what `set` gave) grew by `bytes`; nothing happens when it is no longer kept. */
  grow(key: K, held: Held, bytes: number): void {
    const kept = this.#kept.get(key);
    if (kept !== held || kept === undefined) return;
    kept.bytes += bytes;
    this.#bytes += bytes;
    this.#evictFor(key);
  }

  /** Lets the least recently asked for go until the bytes fit, keeping `key`. */
  #evictFor(key: K): void {
    for (const [oldest, kept] of this.#kept) {
      if (this.#bytes <= this.maxBytes) break;
      if (oldest === key) continue;
      this.#kept.delete(oldest);
      this.#bytes -= kept.bytes;
    }
  }
}
