// The subscription feed's later pages, /pages/2/ on, in every format: answered from the catalog
// without an entry per page, each made and put through the gate on its first request. A story
// added or updated moves every page after the one it lands on, 2,000 of them at 100,000 articles:
// a build tells the family from which page on they moved, and the family forgets only the pages
// it had made from there, instead of the build setting up each page anew.
import { buildFeed, feedLinks } from "../../feeds/build-feed.js";
import { type CatalogChange, pagePath, type SiteCatalog } from "../../feeds/catalog.js";
import { type FeedFormat, feedFormats } from "../../formats/index.js";
import { absoluteUrl } from "../../urls.js";
import type { RenditionCache } from "../rendition-cache.js";
import {
  type Entry,
  type LazyRendition,
  lazyRendition,
  type RenditionFamily,
} from "../rendition-table.js";
import { checkedFeedMaker, type FeedChecking } from "./feed-gate.js";
import { lastModifiedRule } from "./site-snapshot.js";

/**
 * The later pages a catalog change moved, `from` to `to` (an empty range when it moved none):
 * every one when the number of pages changed, since each links to the last.
 */
export function laterPagesMoved(
  change: CatalogChange,
  feedSize: number,
  pageCount: number,
): { from: number; to: number } {
  if (change.pageCountChanged) return { from: 2, to: pageCount };
  const pageOf = (place: number) => Math.floor(place / feedSize) + 1;
  const from = Number.isFinite(change.mainFrom)
    ? Math.max(2, pageOf(change.mainFrom))
    : pageCount + 1;
  const to = Number.isFinite(change.mainTo)
    ? Math.min(pageCount, pageOf(change.mainTo))
    : pageCount;
  return { from, to };
}

export class LaterPageFamily implements RenditionFamily {
  readonly #catalog: SiteCatalog;
  readonly #checking: FeedChecking;
  readonly #cache: RenditionCache | undefined;
  /** The path of page N is this, N, "/", and the format's file name. */
  readonly #prefix: string;
  readonly #made = new Map<string, { page: number; entry: LazyRendition }>();
  /** When each page last moved as builds saw it (ms), by page number, for the Last-Modified ledger. */
  readonly #movedAt: number[] = [];

  constructor(catalog: SiteCatalog, checking: FeedChecking, cache: RenditionCache | undefined) {
    this.#catalog = catalog;
    this.#checking = checking;
    this.#cache = cache;
    const second = new URL(absoluteUrl(checking.context.siteUrl, pagePath(2))).pathname;
    this.#prefix = second.slice(0, -"2/".length);
  }

  /** The path of page `page` in `format`. */
  pathOf(page: number, format: FeedFormat): string {
    return `${this.#prefix}${page}/${format.fileName}`;
  }

  /** The paths of pages `from` to `to` (both included), every format of each. */
  *pathsOf(from: number, to: number): IterableIterator<string> {
    for (let page = from; page <= to; page++)
      for (const format of feedFormats) yield this.pathOf(page, format);
  }

  /**
   * A build moved pages `from` to `to` at `changedAtMs`: those made are made again when next
   * asked for. Pages past the catalog's last are gone.
   */
  moved(from: number, to: number, changedAtMs: number): void {
    const last = this.#catalog.pageCount();
    for (const [path, made] of this.#made)
      if ((made.page >= from && made.page <= to) || made.page > last) this.#made.delete(path);
    for (let page = from; page <= Math.min(to, last); page++) this.#movedAt[page] = changedAtMs;
    if (this.#movedAt.length > last + 1) this.#movedAt.length = last + 1;
  }

  get size(): number {
    return Math.max(0, this.#catalog.pageCount() - 1) * feedFormats.length;
  }

  paths(): Iterable<string> {
    return this.pathsOf(2, this.#catalog.pageCount());
  }

  /** The page and format `path` names, when it is one of the later pages. */
  #pageAt(path: string): { page: number; format: FeedFormat } | undefined {
    if (!path.startsWith(this.#prefix)) return undefined;
    const rest = path.slice(this.#prefix.length);
    const slash = rest.indexOf("/");
    const digits = rest.slice(0, slash);
    const page = Number(digits);
    if (!Number.isInteger(page) || String(page) !== digits) return undefined;
    if (page < 2 || page > this.#catalog.pageCount()) return undefined;
    const fileName = rest.slice(slash + 1);
    const format = feedFormats.find((candidate) => candidate.fileName === fileName);
    return format === undefined ? undefined : { page, format };
  }

  entry(path: string): Entry | undefined {
    const made = this.#made.get(path);
    if (made !== undefined) return made.entry;
    const at = this.#pageAt(path);
    if (at === undefined) return undefined;
    const { context, trial } = this.#checking;
    const { site, siteUrl } = context;
    const definition = this.#catalog.page(at.page);
    const changedAtMs = this.#movedAt[at.page] ?? (context.now ?? Date.now)();
    const make = checkedFeedMaker(
      this.#checking,
      definition,
      at.format,
      at.format.selfUrl(feedLinks(siteUrl, definition.basePath)),
      () => buildFeed(definition, site, siteUrl),
      lastModifiedRule({ context, trial, changedAtMs }, path),
    );
    const entry = lazyRendition(make, this.#cache);
    this.#made.set(path, { page: at.page, entry });
    return entry;
  }
}
