// What readers may see at an instant: the articles in publication, and those withdrawn that they
// may hold (410 pages, and tombstones in the subscription feed for `tombstoneDays`). Each look
// is also noted in the withdrawal record, so a deletion is dated when it was first noticed.
//
// The first look goes over every stored article; each later one is told which stored articles
// left and came and takes out of a heap the instants that have come since (an embargo lifting,
// an expiry, a retraction taking effect), and looks again only at those articles. It says which
// public articles left and came, so the site build after it need not compare the article lists.
// A clock set back is the one case looked at from scratch.

import { newestPublishedFirst, SortedArticles } from "../feeds/sorted-articles.js";
import type { MembersInPublic } from "../members/public-view.js";
import { publicArticle } from "../members/public-view.js";
import type { Article } from "../model.js";
import type { WithdrawnArticles } from "../renditions/site/site-snapshot.js";
import { DueInstants } from "./due-instants.js";
import { articlesInPublication, isInPublication } from "./schedule.js";
import type { ArticleDelta } from "./store.js";
import { statedWithdrawal, type Withdrawal, type WithdrawalRecord } from "./withdrawals.js";

export interface PublicationNow {
  /** In publication, newest first, members articles in full. */
  articles: readonly Article[];
  /** In publication as public outputs carry them (teasers, or no members articles at all). */
  publicArticles: readonly Article[];
  /** The public articles that left and came since the look before; none after a full look. */
  publicDelta?: ArticleDelta;
  /** Every withdrawal, for the member edition. */
  withdrawn: WithdrawnArticles;
  /** The withdrawals public outputs tell of (members ones left out where members articles are). */
  publicWithdrawn: WithdrawnArticles;
}

export class Publication {
  readonly #withdrawals: WithdrawalRecord;
  readonly #membersInPublic: MembersInPublic;
  readonly #tombstoneMs: number;
  /** When each tombstone in the subscription feed is due to leave it. */
  #tombstoneEnds: number[] = [];
  /** The instant of the last look; undefined before the first. */
  #lastNow: number | undefined;
  readonly #stored = new Set<Article>();
  readonly #storedById = new Map<string, Article>();
  #published = new SortedArticles(newestPublishedFirst);
  #public = new SortedArticles(newestPublishedFirst);
  readonly #isPublished = new Set<Article>();
  /** Published members articles: while there are none, the public list is the full one. */
  #publishedMembers = 0;
  /** What each stored article out of publication states of its withdrawal, by id. */
  readonly #stated = new Map<string, { article: Article; withdrawal: Withdrawal }>();
  #due = new DueInstants();

  constructor(
    withdrawals: WithdrawalRecord,
    membersInPublic: MembersInPublic,
    tombstoneMs: number,
  ) {
    this.#withdrawals = withdrawals;
    this.#membersInPublic = membersInPublic;
    this.#tombstoneMs = tombstoneMs;
  }

  /** The first instant after `nowMs` at which what readers see changes, if any is known. */
  nextChange(nowMs: number): number | undefined {
    let next = this.#due.soonest((article) => this.#stored.has(article));
    for (const end of this.#tombstoneEnds)
      if (end > nowMs && (next === undefined || end < next)) next = end;
    return next !== undefined && next > nowMs ? next : undefined;
  }

  /** A look at every article in `stored` at `nowMs`. */
  at(stored: readonly Article[], nowMs: number): PublicationNow {
    const withdrawals = this.#withdrawals;
    // Once out, an article stays out if the clock is set back past its publication.
    const articles = articlesInPublication(stored, nowMs, (id) => withdrawals.hasBeenPublished(id));
    withdrawals.observe(stored, articles, nowMs);
    this.#stored.clear();
    this.#storedById.clear();
    this.#isPublished.clear();
    this.#stated.clear();
    this.#due = new DueInstants();
    for (const article of stored) {
      this.#stored.add(article);
      this.#storedById.set(article.id, article);
      this.#due.add(article, nowMs);
    }
    this.#publishedMembers = 0;
    for (const article of articles) {
      this.#isPublished.add(article);
      if (article.access === "members") this.#publishedMembers += 1;
    }
    for (const article of stored) {
      if (this.#isPublished.has(article)) continue;
      const withdrawal = statedWithdrawal(article, nowMs);
      if (withdrawal !== undefined) this.#stated.set(article.id, { article, withdrawal });
    }
    this.#published = new SortedArticles(newestPublishedFirst, articles);
    const publicOnes: Article[] = [];
    for (const article of articles) {
      const shown = publicArticle(article, this.#membersInPublic);
      if (shown !== undefined) publicOnes.push(shown);
    }
    this.#public = new SortedArticles(newestPublishedFirst, publicOnes);
    this.#lastNow = nowMs;
    return this.#look(nowMs);
  }

  /**
   * A look after the stored articles changed by `changes` (in turn), at `nowMs`: only the articles
   * that left and came and those whose instant has come are looked at. `stored` gives every stored
   * article, for a look from scratch (the first, or after the clock was set back).
   */
  change(
    changes: readonly ArticleDelta[],
    nowMs: number,
    stored: () => readonly Article[],
  ): PublicationNow {
    if (this.#lastNow === undefined || nowMs < this.#lastNow) return this.at(stored(), nowMs);
    // Each article looked at, and whether it was in publication before this look.
    const touched = new Map<Article, boolean>();
    const missing = new Set<string>();
    for (const delta of changes) {
      for (const article of delta.removed) {
        if (!this.#stored.has(article)) continue;
        if (!touched.has(article)) touched.set(article, this.#isPublished.has(article));
        this.#stored.delete(article);
        if (this.#storedById.get(article.id) === article) this.#storedById.delete(article.id);
        missing.add(article.id);
      }
      for (const article of delta.added) {
        if (this.#stored.has(article)) continue;
        if (!touched.has(article)) touched.set(article, this.#isPublished.has(article));
        this.#stored.add(article);
        this.#storedById.set(article.id, article);
        this.#due.add(article, nowMs);
      }
    }
    for (const article of this.#due.takeDue(nowMs)) {
      if (this.#stored.has(article) && !touched.has(article))
        touched.set(article, this.#isPublished.has(article));
    }
    const withdrawals = this.#withdrawals;
    // Decided before the record takes note, as a look at every article decides.
    const isNow = new Map<Article, boolean>();
    for (const article of touched.keys())
      isNow.set(
        article,
        this.#stored.has(article) &&
          isInPublication(article, nowMs, withdrawals.hasBeenPublished(article.id)),
      );
    const inPublication: Article[] = [];
    const outOfPublication: Article[] = [];
    const publicDelta: ArticleDelta = { removed: [], added: [] };
    for (const [article, was] of touched) {
      const is = isNow.get(article) === true;
      if (was && !is) this.#leave(article, publicDelta);
      if (!was && is) this.#enter(article, publicDelta);
      if (is) inPublication.push(article);
      const statedNow = this.#stated.get(article.id);
      if (statedNow?.article === article) this.#stated.delete(article.id);
      if (!is && this.#stored.has(article)) {
        outOfPublication.push(article);
        const withdrawal = statedWithdrawal(article, nowMs);
        if (withdrawal !== undefined) this.#stated.set(article.id, { article, withdrawal });
      }
    }
    const gone = [...missing].filter((id) => !this.#storedById.has(id));
    withdrawals.observeChange(inPublication, outOfPublication, gone, nowMs);
    this.#lastNow = nowMs;
    return { ...this.#look(nowMs), publicDelta };
  }

  #enter(article: Article, publicDelta: ArticleDelta): void {
    this.#isPublished.add(article);
    this.#published.insert(article);
    if (article.access === "members") this.#publishedMembers += 1;
    const shown = publicArticle(article, this.#membersInPublic);
    if (shown !== undefined) {
      this.#public.insert(shown);
      publicDelta.added.push(shown);
    }
  }

  #leave(article: Article, publicDelta: ArticleDelta): void {
    this.#isPublished.delete(article);
    this.#published.remove(article);
    if (article.access === "members") this.#publishedMembers -= 1;
    const shown = publicArticle(article, this.#membersInPublic);
    if (shown !== undefined) {
      this.#public.remove(shown);
      publicDelta.removed.push(shown);
    }
  }

  /** What readers see now, from the kept state. */
  #look(nowMs: number): PublicationNow {
    const articles = this.#published.snapshot();
    const publicArticles = this.#publishedMembers === 0 ? articles : this.#public.snapshot();
    const statedNow = [...this.#stated.values()].map((stated) => stated.withdrawal);
    const gone = this.#withdrawals.withdrawalsGiven(statedNow, (id) => {
      const holder = this.#storedById.get(id);
      return holder !== undefined && this.#isPublished.has(holder);
    });
    const tombstones = gone.filter(
      (withdrawal) => withdrawal.when.toMillis() > nowMs - this.#tombstoneMs,
    );
    this.#tombstoneEnds = tombstones.map(
      (withdrawal) => withdrawal.when.toMillis() + this.#tombstoneMs,
    );
    const withdrawn: WithdrawnArticles = { gone, tombstones };
    // Where public outputs leave members articles out, they leave out their withdrawals too.
    const publicWithdrawn: WithdrawnArticles =
      this.#membersInPublic === "omit"
        ? {
            gone: gone.filter((withdrawal) => !withdrawal.members),
            tombstones: tombstones.filter((withdrawal) => !withdrawal.members),
          }
        : withdrawn;
    return { articles, publicArticles, withdrawn, publicWithdrawn };
  }
}
