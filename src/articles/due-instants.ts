// The instants ahead at which an article enters or leaves publication (an embargo lifting, an
// expiry, a retraction taking effect), soonest first: a binary min-heap, so the service finds what
// is due, and when it must next wake, without looking at every article.
import type { Article } from "../model.js";

interface DueInstant {
  at: number;
  article: Article;
}

export class DueInstants {
  readonly #heap: DueInstant[] = [];

  get size(): number {
    return this.#heap.length;
  }

  /** Adds the article's instants that lie after `nowMs`. */
  add(article: Article, nowMs: number): void {
    for (const date of [article.published, article.expires, article.retraction?.date]) {
      if (date === undefined) continue;
      const at = date.toMillis();
      if (at > nowMs) this.#push({ at, article });
    }
  }

  /** Takes out every instant at or before `nowMs`; the articles they belong to. */
  takeDue(nowMs: number): Article[] {
    const due: Article[] = [];
    while (this.#heap.length > 0 && (this.#heap[0] as DueInstant).at <= nowMs)
      due.push(this.#pop().article);
    return due;
  }

  /** The soonest instant whose article `isCurrent` says still counts; others are dropped. */
  soonest(isCurrent: (article: Article) => boolean): number | undefined {
    while (this.#heap.length > 0) {
      const top = this.#heap[0] as DueInstant;
      if (isCurrent(top.article)) return top.at;
      this.#pop();
    }
    return undefined;
  }

  #push(entry: DueInstant): void {
    const heap = this.#heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >>> 1;
      if ((heap[parent] as DueInstant).at <= entry.at) break;
      heap[index] = heap[parent] as DueInstant;
      index = parent;
    }
    heap[index] = entry;
  }

  #pop(): DueInstant {
    const heap = this.#heap;
    const top = heap[0] as DueInstant;
    const last = heap.pop() as DueInstant;
    if (heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && (heap[right] as DueInstant).at < (heap[left] as DueInstant).at
          ? right
          : left;
      if ((heap[child] as DueInstant).at >= last.at) break;
      heap[index] = heap[child] as DueInstant;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}
