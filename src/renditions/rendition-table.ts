// The renditions of one snapshot by URL path. Article pages are made on first request (there may
// be a hundred thousand of them) and then kept; feeds and the home page are made eagerly.
import type { Rendition } from "./rendition.js";

/** A rendition made when first asked for, then the same object every time after. */
export type LazyRendition = () => Rendition;

export function lazyRendition(make: () => Rendition): LazyRendition {
  let made: Rendition | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

type Entry = Rendition | LazyRendition;

export class RenditionTable {
  readonly #entries = new Map<string, Entry>();

  set(path: string, entry: Entry): void {
    this.#entries.set(path, entry);
  }

  /** The rendition at `path`, made now if it is lazy and not made yet. */
  get(path: string): Rendition | undefined {
    const entry = this.#entries.get(path);
    return typeof entry === "function" ? entry() : entry;
  }

  /** The entry as stored, for a later build to take over unchanged. */
  entry(path: string): Entry | undefined {
    return this.#entries.get(path);
  }

  has(path: string): boolean {
    return this.#entries.has(path);
  }

  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every path with its rendition, making the lazy ones. */
  *[Symbol.iterator](): IterableIterator<[string, Rendition]> {
    for (const path of this.#entries.keys()) yield [path, this.get(path) as Rendition];
  }

  /** Whether `path` holds different bytes here than in `other` (or exists in only one). */
  differsAt(path: string, other: RenditionTable): boolean {
    const mine = this.#entries.get(path);
    const theirs = other.#entries.get(path);
    if (mine === theirs) return false;
    if (mine === undefined || theirs === undefined) return true;
    if (typeof mine === "function" || typeof theirs === "function") return true;
    return mine.digest !== theirs.digest;
  }
}
