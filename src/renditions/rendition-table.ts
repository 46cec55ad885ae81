// The renditions of one snapshot by URL path. Most are made on first request (article pages,
// archives, sections: there may be a hundred thousand of them), kept in a bounded cache when the
// service gives one, and made again after they leave it; the subscription feeds and the home page
// are made eagerly. Article pages and the subscription feed's later pages are not entries at all:
// a family answers for each kind.
import type { Rendition } from "./rendition.js";
import type { RenditionCache } from "./rendition-cache.js";

/**
 * A rendition made when first asked for. It may be undefined: a feed that failed validation and
 * had no earlier valid version (that answer is kept, so the failure is reported once).
 */
export type LazyRendition = () => Rendition | undefined;

export function lazyRendition(
  make: () => Rendition | undefined,
  cache?: RenditionCache,
): LazyRendition {
  let made: { rendition: Rendition | undefined } | undefined;
  const lazy: LazyRendition = () => {
    if (made !== undefined) return made.rendition;
    if (cache === undefined) {
      made = { rendition: make() };
      return made.rendition;
    }
    const kept = cache.get(lazy);
    if (kept !== undefined) return kept;
    const rendition = make();
    if (rendition === undefined) made = { rendition };
    else cache.set(lazy, rendition);
    return rendition;
  };
  return lazy;
}

export type Entry = Rendition | LazyRendition;

/** Renditions a table answers for without holding an entry per path (article pages, later pages). */
export interface RenditionFamily {
  entry(path: string): Entry | undefined;
  paths(): Iterable<string>;
  readonly size: number;
}

export class RenditionTable {
  readonly #entries: Map<string, Entry>;
  readonly #families: readonly RenditionFamily[];
  readonly cache: RenditionCache | undefined;

  constructor(
    options: {
      cache?: RenditionCache;
      families?: readonly RenditionFamily[];
      entries?: Map<string, Entry>;
    } = {},
  ) {
    this.cache = options.cache;
    this.#families = options.families ?? [];
    this.#entries = options.entries ?? new Map();
  }

  /** A new table holding this one's entries, to change without touching this one. */
  derive(options: {
    cache?: RenditionCache;
    families?: readonly RenditionFamily[];
  }): RenditionTable {
    return new RenditionTable({ ...options, entries: new Map(this.#entries) });
  }

  set(path: string, entry: Entry): void {
    this.#entries.set(path, entry);
  }

  /** Sets a rendition made on first request, kept in the table's cache. */
  setLazy(path: string, make: () => Rendition | undefined): void {
    this.#entries.set(path, lazyRendition(make, this.cache));
  }

  delete(path: string): void {
    this.#entries.delete(path);
  }

  /** The rendition at `path`, made now if it is lazy and not made yet. */
  get(path: string): Rendition | undefined {
    const entry = this.entry(path);
    return typeof entry === "function" ? entry() : entry;
  }

  /** The entry as stored, for a later build to take over unchanged. */
  entry(path: string): Entry | undefined {
    const entry = this.#entries.get(path);
    if (entry !== undefined) return entry;
    for (const family of this.#families) {
      const answered = family.entry(path);
      if (answered !== undefined) return answered;
    }
    return undefined;
  }

  has(path: string): boolean {
    return this.entry(path) !== undefined;
  }

  *keys(): IterableIterator<string> {
    yield* this.#entries.keys();
    for (const family of this.#families) yield* family.paths();
  }

  get size(): number {
    let size = this.#entries.size;
    for (const family of this.#families) size += family.size;
    return size;
  }

  /** Every path with its rendition, making the lazy ones (and leaving out those that fail). */
  *[Symbol.iterator](): IterableIterator<[string, Rendition]> {
    for (const path of this.keys()) {
      const rendition = this.get(path);
      if (rendition !== undefined) yield [path, rendition];
    }
  }

  /** Whether `path` holds different bytes here than in `other` (or exists in only one). */
  differsAt(path: string, other: RenditionTable): boolean {
    const mine = this.entry(path);
    const theirs = other.entry(path);
    if (mine === theirs) return false;
    if (mine === undefined || theirs === undefined) return true;
    if (typeof mine === "function" || typeof theirs === "function") return true;
    return mine.digest !== theirs.digest;
  }
}
