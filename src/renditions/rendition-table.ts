// The renditions of one snapshot by URL path. Article pages are made on first request (there may
// be a hundred thousand of them) and then kept; feeds and the home page are made eagerly.
import type { Rendition } from "./rendition.js";

/**
 * A rendition made when first asked for, then the same object every time after. It may be
 * undefined: a feed that failed validation and had no earlier valid version.
 */
export type LazyRendition = () => Rendition | undefined;

export function lazyRendition(make: () => Rendition | undefined): LazyRendition {
  let made: { rendition: Rendition | undefined } | undefined;
  return () => {
    made ??= { rendition: make() };
    return made.rendition;
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

  /** Every path with its rendition, making the lazy ones (and leaving out those that fail). */
  *[Symbol.iterator](): IterableIterator<[string, Rendition]> {
    for (const path of this.#entries.keys()) {
      const rendition = this.get(path);
      if (rendition !== undefined) yield [path, rendition];
    }
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
