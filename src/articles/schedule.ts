// When an article is in publication: from its `published` instant (an embargo, when that lies in
// the future) until its `expires` instant, if it has one. Everything readers can see is built
// from the articles in publication at the clock's current instant; the service rebuilds at the
// next instant where that set changes.
import type { Article } from "../model.js";

/** Where the service reads the time and waits for an instant. Tests inject a clock they move. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `task` after `ms` milliseconds; the returned function cancels it. */
  after(ms: number, task: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after: (ms, task) => {
    const timer = setTimeout(task, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * The longest the service waits before looking at the clock again. A timer counts elapsed time,
 * not wall-clock time: after the wall clock is set forward, a due article appears within this
 * bound; after it is set back, nothing appears early, because every wake-up reads the clock again.
 */
export const longestClockWait = 60_000;

/** Whether the article's retraction has taken effect at `nowMs` (one dated later is scheduled). */
export function isRetracted(article: Article, nowMs: number): boolean {
  return article.retraction !== undefined && article.retraction.date.toMillis() <= nowMs;
}

/** Whether the article has expired at `nowMs`. */
export function hasExpired(article: Article, nowMs: number): boolean {
  return article.expires !== undefined && article.expires.toMillis() <= nowMs;
}

/**
 * Whether readers may see the article at `nowMs`: its embargo lifted, not expired nor retracted.
 * An article already published (`everPublished`) stays published when the clock is set back.
 */
export function isInPublication(article: Article, nowMs: number, everPublished = false): boolean {
  if (isRetracted(article, nowMs) || hasExpired(article, nowMs)) return false;
  return everPublished || article.published.toMillis() <= nowMs;
}

/**
 * Whether readers could have seen a withdrawn article: it was in publication for a while before
 * its retraction or expiry, going by its own dates (so every replica agrees).
 */
export function wasEverPublic(article: Article): boolean {
  const end = article.retraction?.date ?? article.expires;
  return end === undefined || article.published < end;
}

/** What readers see of an article at `nowMs`: not yet (scheduled), now, or no longer. */
export function publicationStatus(
  article: Article,
  nowMs: number,
): "scheduled" | "published" | "expired" | "retracted" {
  if (isRetracted(article, nowMs)) return "retracted";
  if (article.published.toMillis() > nowMs) return "scheduled";
  return isInPublication(article, nowMs) ? "published" : "expired";
}

/** The articles in publication at `nowMs`, in the order given. */
export function articlesInPublication(
  articles: readonly Article[],
  nowMs: number,
  everPublished: (id: string) => boolean = () => false,
): Article[] {
  return articles.filter((article) => isInPublication(article, nowMs, everPublished(article.id)));
}

/** Articles whose embargo has not yet lifted at `nowMs`, soonest first. */
export function scheduledArticles(articles: readonly Article[], nowMs: number): Article[] {
  return articles
    .filter((article) => article.published.toMillis() > nowMs)
    .sort((a, b) => a.published.toMillis() - b.published.toMillis());
}

/** The first instant after `nowMs` at which an article enters or leaves publication, if any. */
export function nextPublicationChange(
  articles: readonly Article[],
  nowMs: number,
): number | undefined {
  let next: number | undefined;
  for (const article of articles) {
    const instants = [
      article.published.toMillis(),
      article.expires?.toMillis(),
      article.retraction?.date.toMillis(),
    ];
    for (const instant of instants) {
      if (instant !== undefined && instant > nowMs && (next === undefined || instant < next))
        next = instant;
    }
  }
  return next;
}
