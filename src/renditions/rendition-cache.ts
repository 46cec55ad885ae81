// The renditions made on first request, kept within a bound of bytes: the least recently served
// go first, and are made (and checked by the gate) again when next asked for. The same bytes get
// the same ETag and, through the Last-Modified ledger, the same date, so a reader cannot tell.
import type { Rendition } from "./rendition.js";

export class RenditionCache {
  readonly maxBytes: number;
  readonly #kept = new Map<object, { rendition: Rendition; bytes: number }>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** The bytes held now: each rendition's body and every compressed copy made of it. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  get(key: object): Rendition | undefined {
    const kept = this.#kept.get(key);
    if (kept === undefined) return undefined;
    // Served again: it moves to the end of the eviction order.
    this.#kept.delete(key);
    this.#kept.set(key, kept);
    return kept.rendition;
  }

  set(key: object, rendition: Rendition): void {
    const before = this.#kept.get(key);
    if (before !== undefined) {
      this.#kept.delete(key);
      this.#bytes -= before.bytes;
    }
    const bytes = rendition.bytes;
    const kept = { rendition, bytes };
    this.#kept.set(key, kept);
    this.#bytes += bytes;
    // Compressed copies are made later (on the thread pool, or on first request): they count too.
    // A rendition that left (or was kept again) is told nothing here any more.
    rendition.onGrowth((grown) => {
      if (this.#kept.get(key) !== kept) return;
      kept.bytes += grown;
      this.#bytes += grown;
      this.#evictFor(key);
    });
    this.#evictFor(key);
  }

  /** Lets the least recently served go until the bytes fit, keeping `key` (the one just grown). */
  #evictFor(key: object): void {
    for (const [oldest, kept] of this.#kept) {
      if (this.#bytes <= this.maxBytes) break;
      if (oldest === key) continue;
      this.#kept.delete(oldest);
      this.#bytes -= kept.bytes;
    }
  }
}
