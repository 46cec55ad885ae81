// A map kept within a budget of bytes, each value counted as its owner says: the least recently
// asked for go first. The value just set always stays, even when it alone is over the budget.
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

  set(key: K, value: V, bytes: number): void {
    const before = this.#kept.get(key);
    if (before !== undefined) {
      this.#kept.delete(key);
      this.#bytes -= before.bytes;
    }
    this.#kept.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, kept] of this.#kept) {
      if (this.#bytes <= this.maxBytes || oldest === key) break;
      this.#kept.delete(oldest);
      this.#bytes -= kept.bytes;
    }
  }
}
