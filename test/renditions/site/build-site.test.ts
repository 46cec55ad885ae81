// Rebuilding after a change renders only what the change touches.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../../src/articles/parse.js";
import { buildSite } from "../../../src/renditions/site/build-site.js";
import { changedPaths } from "../../../src/renditions/site/site-snapshot.js";
import { validateRenderedFeed } from "../../../src/validate/index.js";
import { markdownArticle } from "../../support/articles-dir.js";
import { testSite, testSiteUrl } from "../../support/site.js";

const site = testSite({ feedSize: 2 });
const context = { site, siteUrl: testSiteUrl, validate: validateRenderedFeed };

function article(name: string, title: string, published: string) {
  return parseArticle(`${name}.md`, markdownArticle({ title, published }), {
    idPrefix: site.idPrefix,
  });
}

describe("incremental builds", () => {
  const a = article("a", "A", "2026-01-01T00:00:00Z");
  const b = article("b", "B", "2026-01-02T00:00:00Z");
  const c = article("c", "C", "2026-01-03T00:00:00Z");

  it("takes over every rendition when nothing changed", () => {
    const first = buildSite([c, b, a], [], context);
    const second = buildSite([c, b, a], [], context, first);
    for (const [path, rendition] of second.renditions)
      expect(rendition).toBe(first.renditions.get(path));
    expect(changedPaths(first, second)).toEqual([]);
  });

  it("an edit to an article outside the subscription window changes its page, its archive, its page of the feed and the sitemaps that list it", () => {
    const first = buildSite([c, b, a], [], context);
    const editedA = article("a", "A edited", "2026-01-01T00:00:00Z");
    const second = buildSite([c, b, editedA], [], context, first);
    expect(changedPaths(first, second)).toEqual([
      "/archive/2026-01/",
      "/archive/2026-01/atom.xml",
      "/archive/2026-01/feed.json",
      "/archive/2026-01/rss.xml",
      "/articles/a",
      "/pages/2/atom.xml",
      "/pages/2/feed.json",
      "/pages/2/rss.xml",
      "/sitemaps/2026-01.xml",
      "/sitemaps/news.xml",
    ]);
    expect(second.renditions.get("/articles/b")).toBe(first.renditions.get("/articles/b"));
  });

  it("an edit to an article in the feeds changes the feeds, the home page, its archive, its page and its sitemaps", () => {
    const first = buildSite([c, b, a], [], context);
    const editedC = article("c", "C edited", "2026-01-03T00:00:00Z");
    const second = buildSite([editedC, b, a], [], context, first);
    expect(changedPaths(first, second)).toEqual([
      "/",
      "/archive/2026-01/",
      "/archive/2026-01/atom.xml",
      "/archive/2026-01/feed.json",
      "/archive/2026-01/rss.xml",
      "/articles/c",
      "/atom.xml",
      "/feed.json",
      "/rss.xml",
      "/sitemaps/2026-01.xml",
      "/sitemaps/news.xml",
    ]);
  });

  it("a deleted article's page disappears, and so does the page of the feed it filled", () => {
    const first = buildSite([c, b, a], [], context);
    const second = buildSite([c, b], [], context, first);
    expect(second.renditions.has("/articles/a")).toBe(false);
    expect(second.renditions.has("/pages/2/rss.xml")).toBe(false);
    // The subscription feed fits in one page now: RSS and Atom lose their paging links; JSON Feed
    // never had them (its next_url follows the archives). The archive's index counts one less.
    expect(changedPaths(first, second)).toEqual([
      "/archive/",
      "/archive/2026-01/",
      "/archive/2026-01/atom.xml",
      "/archive/2026-01/feed.json",
      "/archive/2026-01/rss.xml",
      "/articles/a",
      "/atom.xml",
      "/pages/2/atom.xml",
      "/pages/2/feed.json",
      "/pages/2/rss.xml",
      "/rss.xml",
      "/sitemaps/2026-01.xml",
      "/sitemaps/news.xml",
    ]);
  });
});

describe("the later pages of the subscription feed", () => {
  // Nine stories, two a page: pages 1 to 5, the oldest story alone on page 5.
  const stories = Array.from({ length: 9 }, (_, i) =>
    article(`s${i}`, `Story ${i}`, `2026-01-${String(10 + i).padStart(2, "0")}T00:00:00Z`),
  ).reverse();
  const bytesOf = (snapshot: ReturnType<typeof buildSite>) =>
    new Map([...snapshot.renditions].map(([path, r]) => [path, r.body.toString()]));

  it("an older story updated moves the pages before its own and no later one", () => {
    const first = buildSite(stories, [], context);
    const before = bytesOf(first);
    // s2 is seventh newest, on page 4; updated, it leads page 1 and pages 2 to 4 move by one.
    const updated = parseArticle(
      "s2.md",
      markdownArticle({
        title: "Story 2",
        published: "2026-01-12T00:00:00Z",
        updated: "2026-02-01T00:00:00Z",
      }),
      { idPrefix: site.idPrefix },
    );
    const after = stories.map((story) => (story.file === "s2.md" ? updated : story));
    const second = buildSite(after, [], context, first);
    const changed = changedPaths(first, second);
    for (const page of [2, 3, 4])
      for (const file of ["rss.xml", "atom.xml", "feed.json"])
        expect(changed).toContain(`/pages/${page}/${file}`);
    expect(changed.filter((path) => path.startsWith("/pages/5/"))).toEqual([]);
    const scratch = bytesOf(buildSite(after, [], context));
    const served = bytesOf(second);
    for (const [path, bytes] of scratch) expect(served.get(path), path).toBe(bytes);
    expect(served.get("/pages/5/rss.xml")).toBe(before.get("/pages/5/rss.xml"));
    expect(served.get("/pages/3/rss.xml")).not.toBe(before.get("/pages/3/rss.xml"));
  });

  it("are answered for pages the feed has, and for no other number or file", () => {
    const snapshot = buildSite(stories, [], context);
    expect(snapshot.renditions.get("/pages/5/feed.json")?.mediaType).toContain("json");
    for (const path of [
      "/pages/1/rss.xml",
      "/pages/6/rss.xml",
      "/pages/05/rss.xml",
      "/pages/2/index.xml",
      "/pages/2/",
      "/pages/x/rss.xml",
    ])
      expect(snapshot.renditions.has(path), path).toBe(false);
    expect(
      [...snapshot.renditions.keys()].filter((path) => path.startsWith("/pages/")),
    ).toHaveLength(4 * 3);
  });
});

describe("a build that fails", () => {
  const a = article("a", "A", "2025-12-01T00:00:00Z");
  const b = article("b", "B", "2026-01-02T00:00:00Z");
  const c = article("c", "C", "2026-01-03T00:00:00Z");

  it("leaves the next build serving what a build from scratch serves", () => {
    let failNext = false;
    const failing = {
      ...context,
      validate: (format: Parameters<typeof validateRenderedFeed>[0], text: string) => {
        if (failNext) {
          failNext = false;
          throw new Error("validator broke");
        }
        return validateRenderedFeed(format, text);
      },
    };
    const first = buildSite([b, a], [], failing);
    failNext = true;
    expect(() => buildSite([c, b], [], failing, first)).toThrow("validator broke");
    const next = buildSite([c, b], [], failing, first);
    const scratch = buildSite([c, b], [], context);
    expect([...next.renditions.keys()].sort()).toEqual([...scratch.renditions.keys()].sort());
    for (const [path, rendition] of scratch.renditions)
      expect(next.renditions.get(path)?.body.toString(), path).toBe(rendition.body.toString());
  });
});
