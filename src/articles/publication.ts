// What readers may see at an instant: the articles in publication, and those withdrawn that they
// may hold (410 pages, and tombstones in the subscription feed for `tombstoneDays`). Each look
// is also noted in the withdrawal record, so a deletion is dated when it was first noticed.

import type { MembersInPublic } from "../members/public-view.js";
import type { Article } from "../model.js";
import type { WithdrawnArticles } from "../renditions/site/site-snapshot.js";
import { articlesInPublication } from "./schedule.js";
import type { WithdrawalRecord } from "./withdrawals.js";

export interface PublicationNow {
  /** In publication, members articles in full. */
  articles: Article[];
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

  constructor(
    withdrawals: WithdrawalRecord,
    membersInPublic: MembersInPublic,
    tombstoneMs: number,
  ) {
    this.#withdrawals = withdrawals;
    this.#membersInPublic = membersInPublic;
    this.#tombstoneMs = tombstoneMs;
  }

  /** The instants at which a tombstone seen by the last look leaves the subscription feed. */
  get tombstoneEnds(): readonly number[] {
    return this.#tombstoneEnds;
  }

  /** The articles readers may see at `now` among `stored`, and those they may hold that are gone. */
  at(stored: readonly Article[], now: number): PublicationNow {
    const withdrawals = this.#withdrawals;
    // Once out, an article stays out if the clock is set back past its publication.
    const articles = articlesInPublication(stored, now, (id) => withdrawals.hasBeenPublished(id));
    withdrawals.observe(stored, articles, now);
    const gone = withdrawals.withdrawals(stored, articles, now);
    const tombstones = gone.filter(
      (withdrawal) => withdrawal.when.toMillis() > now - this.#tombstoneMs,
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
    return { articles, withdrawn, publicWithdrawn };
  }
}
