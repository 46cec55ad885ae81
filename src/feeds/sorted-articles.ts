// Articles kept in one order as they come and go: found by binary search, so a change costs a
// search and the move of an array of references, never a sort of the store.
import type { Article } from "../model.js";

export type ArticleOrder = (a: Article, b: Article) => number;

function byId(a: Article, b: Article): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The store's order: newest publication first, then by id. */
export const newestPublishedFirst: ArticleOrder = (a, b) =>
  b.published.toMillis() - a.published.toMillis() || byId(a, b);

/** When the article last changed: its `updated`, or its publication. */
export function latestChangeMillis(article: Article): number {
  return (article.updated ?? article.published).toMillis();
}

/**
 * The subscription documents' order: most recently changed first, so an edit to an article that
 * already sits in an archive shows up again where subscribers look (RFC 5005 §4).
 */
export const latestChangeFirst: ArticleOrder = (a, b) =>
  latestChangeMillis(b) - latestChangeMillis(a) || byId(a, b);

export class SortedArticles {
  readonly #order: ArticleOrder;
  #items: Article[];
  /** The copy snapshot() gave since the last insert or removal, handed out again until one. */
  #snapshot: readonly Article[] | undefined;

  constructor(order: ArticleOrder, articles: readonly Article[] = []) {
    this.#order = order;
    this.#items = [...articles].sort(order);
  }

  /**
   * Articles already in `order`, taken as they are (the array itself, not a copy): what is picked
   * out of a SortedArticles of the same order, in its order, is in order, with no comparison made.
   */
  static ofOrdered(order: ArticleOrder, items: Article[]): SortedArticles {
    const sorted = new SortedArticles(order);
    sorted.#items = items;
    return sorted;
  }

  get length(): number {
    return this.#items.length;
  }

  at(index: number): Article | undefined {
    return this.#items[index];
  }

  /** A copy of the articles from `start` to `end`, in order. */
  slice(start?: number, end?: number): Article[] {
    return this.#items.slice(start, end);
  }

  /**
   * Every article, in order, as a copy that later changes leave alone: one copy per state, shared
   * by whoever asks before the next insert or removal (a month's 40,000 stories are copied once
   * per change, not once per page, feed and sitemap that lists them).
   */
  snapshot(): readonly Article[] {
    this.#snapshot ??= this.#items.slice();
    return this.#snapshot;
  }

  /** Adds the article in its place; returns that place. */
  insert(article: Article): number {
    const index = this.#firstNotBefore(article);
    this.#items.splice(index, 0, article);
    this.#snapshot = undefined;
    return index;
  }

  /** Removes the article (this very object); returns where it was, or -1. */
  remove(article: Article): number {
    let index = this.#firstNotBefore(article);
    // Equal keys (the same id twice cannot happen in the store) are looked through in turn.
    while (index < this.#items.length && this.#items[index] !== article) {
      const here = this.#items[index] as Article;
      if (this.#order(here, article) > 0) return -1;
      index += 1;
    }
    if (index >= this.#items.length) return -1;
    this.#items.splice(index, 1);
    this.#snapshot = undefined;
    return index;
  }

  #firstNotBefore(article: Article): number {
    let low = 0;
    let high = this.#items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#order(this.#items[middle] as Article, article) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
