// The renditions made on first request, kept within a bound of bytes: the least recently served
// go first, and are made (and checked by the gate) again when next asked for. The same bytes get
// the same ETag and, through the Last-Modified ledger, the same date, so a reader cannot tell.
import { BoundedByBytes } from "../bounded-by-bytes.js";
import type { Rendition } from "./rendition.js";

export class RenditionCache {
  readonly #kept: BoundedByBytes<object, Rendition>;

  constructor(maxBytes: number) {
    this.#kept = new BoundedByBytes(maxBytes);
  }

  get maxBytes(): number {
    return this.#kept.maxBytes;
  }

  /** The bytes held now: each rendition's body and every compressed copy made of it. */
  get bytes(): number {
    return this.#kept.bytes;
  }

  get size(): number {
    return this.#kept.size;
  }

  /** The rendition kept for `key`; served again, it moves to the end of the eviction order. */
  get(key: object): Rendition | undefined {
    return this.#kept.get(key);
  }

  set(key: object, rendition: Rendition): void {
    const held = this.#kept.set(key, rendition, rendition.bytes);
    // Compressed copies are made later (on the thread pool, or on first request): they count too.
    // A rendition that left (or was kept again) is told nothing here any more.
    rendition.onGrowth((grown) => this.#kept.grow(key, held, grown));
  }
}
