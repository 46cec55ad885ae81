// The catalog kept change by change holds exactly what a catalog made from scratch holds, and a
// site built change by change serves the same bytes at every path as one built from scratch.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { monthOf, SiteCatalog } from "../../src/feeds/catalog.js";
import type { Article } from "../../src/model.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { changedPaths, type SiteSnapshot } from "../../src/renditions/site/site-snapshot.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { markdownArticle } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";

const site = testSite({ feedSize: 3 });
const tags = ["World", "Sport", "Science", "world"];
const authors = ["Ana Ruiz", "Bo Li", "Chen Sato"];

/** Article `n` in version `v`: months, tags, authors and `updated` vary with both. */
function article(n: number, v = 0): Article {
  const published = new Date(Date.UTC(2026, n % 4, 1 + (n % 27), n % 24));
  const meta: Record<string, unknown> = {
    title: `Story ${n} v${v}`,
    published: published.toISOString(),
    tags: [tags[(n + v) % 4], tags[(n * 3 + v) % 3]],
    author: authors[(n + v) % 3],
  };
  if (v % 2 === 1) meta.updated = new Date(Date.UTC(2026, 5, 1 + v, n % 24)).toISOString();
  return parseArticle(`s${n}.md`, markdownArticle(meta), { idPrefix: site.idPrefix });
}

function newestFirst(articles: Iterable<Article>): Article[] {
  return [...articles].sort(
    (a, b) =>
      b.published.toMillis() - a.published.toMillis() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Everything a catalog says, as plain data. */
function contents(catalog: SiteCatalog) {
  const ids = (articles: readonly Article[]) => articles.map((a) => a.id);
  const months = catalog.months();
  return {
    pages: Array.from({ length: catalog.pageCount() }, (_, i) => {
      const page = catalog.page(i + 1);
      return { ...page, articles: ids(page.articles) };
    }),
    archives: months.map((month) => {
      const archive = catalog.archive(month);
      return { ...archive, articles: ids(archive.articles) };
    }),
    sections: catalog.sections().map((section) => {
      const feed = catalog.sectionFeed(section);
      return { ...section, articles: ids(section.articles), feed: ids(feed.articles) };
    }),
    newest: ids(catalog.newest(5)),
    latest: catalog.latestChange().toISO(),
    paths: [...catalog.articlePaths()].sort(),
  };
}

/**
 * A pseudo-random run (seeded, so a failure repeats) of `count` additions, edits and removals
 * over `stories` stories; with few stories, months empty and come back.
 */
function* steps(
  count: number,
  { stories = 40, seed = 7 } = {},
): Generator<{ removed: Article[]; added: Article[] }> {
  const live = new Map<number, Article>();
  let state = seed;
  for (let step = 0; step < count; step++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const n = state % stories;
    const before = live.get(n);
    if (before !== undefined && state % 3 === 0) {
      live.delete(n);
      yield { removed: [before], added: [] };
    } else {
      const next = article(n, step);
      live.set(n, next);
      yield { removed: before === undefined ? [] : [before], added: [next] };
    }
  }
}

describe("the month of an article", () => {
  it("is the UTC month of its publication, at either edge of a month and in any offset", () => {
    const at = (published: string) =>
      monthOf(parseArticle("m.md", markdownArticle({ title: "M", published }), site));
    expect(at("2026-01-31T23:59:59.999Z")).toBe("2026-01");
    expect(at("2026-02-01T00:00:00Z")).toBe("2026-02");
    expect(at("2026-03-01T01:00:00+02:00")).toBe("2026-02");
    expect(at("2026-02-28T23:30:00-01:00")).toBe("2026-03");
    expect(at("1969-12-31T23:59:59Z")).toBe("1969-12");
    expect(at("1970-01-01T00:00:00Z")).toBe("1970-01");
    expect(at("2028-02-29T12:00:00Z")).toBe("2028-02");
  });
});

describe("the catalog kept change by change", () => {
  it("holds after every change what a catalog of the same articles made from scratch holds", () => {
    const live = new Set<Article>();
    const kept = new SiteCatalog([], site);
    for (const { removed, added } of steps(150)) {
      kept.change(removed, added);
      for (const gone of removed) live.delete(gone);
      for (const come of added) live.add(come);
      expect(contents(kept)).toEqual(contents(new SiteCatalog(newestFirst(live), site)));
    }
  });

  it("gives back what it had when a change is undone", () => {
    const start = Array.from({ length: 12 }, (_, n) => article(n));
    const catalog = new SiteCatalog(start, site);
    const before = contents(catalog);
    const removed = [start[2] as Article, start[7] as Article];
    const added = [article(2, 1), article(30)];
    catalog.change(removed, added);
    expect(contents(catalog)).not.toEqual(before);
    catalog.change(added, removed);
    expect(contents(catalog)).toEqual(before);
  });
});

describe("a site built change by change", () => {
  const context = { site, siteUrl: testSiteUrl, validate: validateRenderedFeed };

  /** Builds change by change and compares every step with a build from scratch. */
  function compareWithScratch(changes: Iterable<{ removed: Article[]; added: Article[] }>) {
    const live = new Set<Article>();
    let current = buildSite([], [], context);
    const bytesOf = (snapshot: SiteSnapshot) =>
      new Map([...snapshot.renditions].map(([path, r]) => [path, r.body.toString()]));
    // Taken when each snapshot is served: an earlier snapshot's article pages and later pages
    // answer from the catalog as it is now.
    let served = bytesOf(current);
    for (const { removed, added } of changes) {
      for (const gone of removed) live.delete(gone);
      for (const come of added) live.add(come);
      const articles = newestFirst(live);
      const next = buildSite(articles, [], context, current);
      const scratch = buildSite(articles, [], context);
      expect([...next.renditions.keys()].sort()).toEqual([...scratch.renditions.keys()].sort());
      const named = new Set(changedPaths(current, next));
      const bytes = bytesOf(next);
      for (const [path, rendition] of scratch.renditions)
        expect(bytes.get(path), path).toBe(rendition.body.toString());
      // Every feed, page and sitemap whose bytes moved is named as changed.
      for (const path of new Set([...served.keys(), ...bytes.keys()]))
        if (served.get(path) !== bytes.get(path)) expect(named.has(path), path).toBe(true);
      current = next;
      served = bytes;
    }
  }

  it("serves at every path the bytes a build from scratch serves, and names every path that changed", () => {
    compareWithScratch(steps(30));
  }, 120_000);

  it("drops the sitemap, archive page and feed of a month whose last article left", () => {
    const december = parseArticle(
      "a.md",
      markdownArticle({ title: "A", published: "2025-12-10T08:00:00Z" }),
      { idPrefix: site.idPrefix },
    );
    const january = parseArticle(
      "b.md",
      markdownArticle({ title: "B", published: "2026-01-10T08:00:00Z" }),
      { idPrefix: site.idPrefix },
    );
    const first = buildSite([january, december], [], context);
    expect(first.renditions.has("/sitemaps/2025-12.xml")).toBe(true);
    const next = buildSite([january], [], context, first);
    expect(next.renditions.has("/sitemaps/2025-12.xml")).toBe(false);
    expect(next.renditions.get("/sitemap.xml")?.body.toString()).not.toContain("2025-12");
    compareWithScratch([
      { removed: [], added: [january, december] },
      { removed: [december], added: [] },
      { removed: [january], added: [] },
      { removed: [], added: [december] },
    ]);
  });

  it.each([11, 29, 4_242])(
    "serves the bytes of a build from scratch over random changes to few stories (seed %i)",
    (seed) => {
      compareWithScratch(steps(40, { stories: 5, seed }));
    },
    120_000,
  );
});
