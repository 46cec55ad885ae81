// The publication rules are kept change by change (publication.ts): after any sequence of stored
// articles added, edited and removed and of clock moves (forward and back), what readers may see —
// the articles in publication, their public form, every withdrawal and tombstone, and the next
// instant to wake at — is what a look at every stored article finds, with the same journal.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { Publication, type PublicationNow } from "../../src/articles/publication.js";
import type { ArticleDelta } from "../../src/articles/store.js";
import { WithdrawalRecord } from "../../src/articles/withdrawals.js";
import type { Article } from "../../src/model.js";
import { markdownArticle } from "../support/articles-dir.js";

const start = Date.parse("2026-03-01T08:00:00Z");
const hour = 3_600_000;
const tombstoneMs = 24 * hour;

interface Version {
  id: number;
  /** Hours from `start`: publication, and the optional expiry and retraction after it. */
  published: number;
  expiresAfter: number | undefined;
  retractedAfter: number | undefined;
  members: boolean;
  title: number;
}

const iso = (hours: number) => new Date(start + hours * hour).toISOString();

function articleOf(version: Version): Article {
  const meta: Record<string, unknown> = {
    title: `Story ${version.title}`,
    published: iso(version.published),
    id: `tag:news.example.com,2026:${version.id}`,
    slug: `story-${version.id}`,
  };
  if (version.expiresAfter !== undefined)
    meta.expires = iso(version.published + version.expiresAfter);
  if (version.retractedAfter !== undefined)
    meta.retracted = {
      reason: `Wrong ${version.title}.`,
      date: iso(version.published + version.retractedAfter),
    };
  if (version.members) {
    meta.access = "members";
    meta.summary = "For members.";
  }
  return parseArticle(`${version.id}.md`, markdownArticle(meta), {
    idPrefix: "tag:news.example.com,2026:",
  });
}

/** What a look shows, as plain values. */
function shown(look: PublicationNow, next: number | undefined) {
  const withdrawal = (w: { id: string; when: { toMillis(): number }; reason?: string }) =>
    `${w.id} ${w.when.toMillis()} ${w.reason ?? ""}`;
  return {
    articles: look.articles.map((article) => article.id),
    publicArticles: look.publicArticles.map((article) => `${article.id} ${article.bodyHtml}`),
    gone: look.withdrawn.gone.map(withdrawal),
    tombstones: look.withdrawn.tombstones.map(withdrawal),
    publicGone: look.publicWithdrawn.gone.map(withdrawal),
    next,
  };
}

/** Stored articles newest first, as the store gives them. */
function storedList(stored: ReadonlyMap<number, Article>): Article[] {
  return [...stored.values()].sort(
    (a, b) => b.published.toMillis() - a.published.toMillis() || (a.id < b.id ? -1 : 1),
  );
}

const version = fc.record({
  id: fc.integer({ min: 0, max: 4 }),
  published: fc.integer({ min: -48, max: 48 }),
  expiresAfter: fc.option(fc.integer({ min: 1, max: 48 }), { nil: undefined }),
  retractedAfter: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
  members: fc.boolean(),
  title: fc.integer({ min: 0, max: 2 }),
});

const step = fc.oneof(
  fc.record({ put: version }),
  fc.record({ remove: fc.integer({ min: 0, max: 4 }) }),
  // Mostly forward, sometimes back.
  fc.record({ clock: fc.integer({ min: -12, max: 30 }) }),
);

describe("publication", () => {
  test.prop(
    [fc.array(version, { maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 30 })],
    {
      numRuns: 150,
    },
  )("kept change by change shows what a look at every stored article shows", (first, steps) => {
    for (const mode of ["teaser", "omit"] as const) {
      const kept = new Publication(new WithdrawalRecord("/nowhere"), mode, tombstoneMs);
      const fromScratch = new Publication(new WithdrawalRecord("/nowhere"), mode, tombstoneMs);
      const stored = new Map<number, Article>();
      for (const one of first) stored.set(one.id, articleOf(one));
      let now = start;
      kept.at(storedList(stored), now);
      fromScratch.at(storedList(stored), now);
      for (const one of steps) {
        const delta: ArticleDelta = { removed: [], added: [] };
        if ("put" in one) {
          const before = stored.get(one.put.id);
          if (before !== undefined) delta.removed.push(before);
          const article = articleOf(one.put);
          stored.set(one.put.id, article);
          delta.added.push(article);
        } else if ("remove" in one) {
          const before = stored.get(one.remove);
          if (before !== undefined) delta.removed.push(before);
          stored.delete(one.remove);
        } else now += one.clock * hour;
        const list = storedList(stored);
        const changed = kept.change([delta], now, () => list);
        const expected = fromScratch.at(list, now);
        expect(shown(changed, kept.nextChange(now))).toEqual(
          shown(expected, fromScratch.nextChange(now)),
        );
        if (changed.publicDelta !== undefined) {
          // The public articles that left and came are exactly the difference of the lists.
          const before = new Set(changed.publicDelta.removed);
          const after = new Set(changed.publicDelta.added);
          expect([...after].every((article) => changed.publicArticles.includes(article))).toBe(
            true,
          );
          expect([...before].every((article) => !changed.publicArticles.includes(article))).toBe(
            true,
          );
        }
      }
    }
  });

  it("looks again only at the articles a change touched and those whose instant came", () => {
    const record = new WithdrawalRecord("/nowhere");
    const publication = new Publication(record, "teaser", tombstoneMs);
    const embargoed = articleOf({
      id: 1,
      published: 2,
      expiresAfter: undefined,
      retractedAfter: undefined,
      members: false,
      title: 0,
    });
    const old = articleOf({
      id: 2,
      published: -5,
      expiresAfter: undefined,
      retractedAfter: undefined,
      members: false,
      title: 0,
    });
    const stored = [embargoed, old];
    const first = publication.at(stored, start);
    expect(first.articles).toEqual([old]);
    expect(publication.nextChange(start)).toBe(start + 2 * hour);
    // Nothing changed and nothing is due: no article left or came.
    const quiet = publication.change([], start + hour, () => stored);
    expect(quiet.publicDelta).toEqual({ removed: [], added: [] });
    // The embargo lifts: the one article comes, with nothing told of the store.
    const lifted = publication.change([], start + 2 * hour, () => stored);
    expect(lifted.publicDelta).toEqual({ removed: [], added: [embargoed] });
    expect(lifted.articles).toEqual([embargoed, old]);
    expect(publication.nextChange(start + 2 * hour)).toBeUndefined();
  });
});
