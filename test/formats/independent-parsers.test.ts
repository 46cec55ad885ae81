// The seed article's three feeds, as the site serves them, read by parsers that are not ours:
// feedsmith (RSS, Atom, JSON Feed) and @rowanmanning/feed-parser (RSS, Atom).
import { parseFeed } from "@rowanmanning/feed-parser";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import type { FeedFormatName } from "../../src/formats/index.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { makeArticlesDir } from "../support/articles-dir.js";
import { type ReadItem, readWithFeedParser, readWithFeedsmith } from "../support/feed-readers.js";
import { testSite, testSiteUrl } from "../support/site.js";

const feedPaths: Readonly<Record<FeedFormatName, string>> = {
  rss: "/rss.xml",
  atom: "/atom.xml",
  json: "/feed.json",
};

// The seed article, as its file says.
const seed = {
  id: "tag:wirefeed.example,2014-10-20:d0c35f80829a8acd",
  title: "Russia to continue backing Iraqi, Syrian governments: Lavrov",
  url: `${testSiteUrl}/articles/russia-to-continue-backing-iraqi-syrian-governments-lavrov`,
  published: DateTime.fromISO("2014-10-20T12:00:00+04:00").toMillis(),
  firstParagraph:
    "Russian Foreign Minister Sergey Lavrov has expressed Moscow’s determination to continue to " +
    "back the Iraqi and Syrian governments in their ongoing battle against extremism in the " +
    "Middle East.",
};

/** The body of the seed's feed in one format, as the site would serve it. */
async function seedFeed(format: FeedFormatName): Promise<string> {
  const site = testSite();
  const dir = await makeArticlesDir({}, { withSeed: true });
  const loaded = await loadArticles(dir, { idPrefix: site.idPrefix });
  const built = buildSite(loaded.articles, loaded.problems, {
    site,
    siteUrl: testSiteUrl,
    validate: validateRenderedFeed,
  });
  const rendition = built.renditions.get(feedPaths[format]);
  if (rendition === undefined) throw new Error(`no rendition at ${feedPaths[format]}`);
  return rendition.body.toString("utf8");
}

function expectTheSeed(items: ReadItem[]): void {
  expect(items).toHaveLength(1);
  const [item] = items;
  expect(item?.title).toBe(seed.title);
  expect(item?.id).toBe(seed.id);
  expect(item?.url).toBe(seed.url);
  expect(item?.published).toBe(seed.published);
  expect(item?.content).toContain(`<p>${seed.firstParagraph}</p>`);
}

describe("the seed's feeds read by feedsmith", () => {
  it.each(["rss", "atom", "json"] as const)(
    "%s: title, id, link, published instant, first paragraph and no item author",
    async (format) => {
      const items = readWithFeedsmith(format, await seedFeed(format));
      expectTheSeed(items);
      expect(items[0]?.authors).toEqual([]);
    },
  );
});

describe("the seed's feeds read by @rowanmanning/feed-parser", () => {
  it("rss: title, guid, link, published instant, first paragraph and no item author", async () => {
    const rss = await seedFeed("rss");
    const items = readWithFeedParser(rss);
    expectTheSeed(items);
    // The item names nobody; the channel names the publisher (dc:creator), as Atom's feed does,
    // and this parser gives an item without an author of its own the channel's.
    const feed = parseFeed(rss);
    const element = feed.items[0]?.element;
    expect(element?.findElementsWithName("creator")).toEqual([]);
    expect(element?.findElementsWithName("author")).toEqual([]);
    expect(feed.authors).toEqual([{ name: "Example News", email: null, url: null }]);
    expect(items[0]?.authors).toEqual(feed.authors);
  });

  it("atom: title, id, link, published instant, first paragraph and no entry author", async () => {
    const atom = await seedFeed("atom");
    const items = readWithFeedParser(atom);
    expectTheSeed(items);
    // This parser gives an entry without an author of its own the feed's: the publisher.
    const feed = parseFeed(atom);
    expect(feed.items[0]?.element.findElementsWithName("author")).toEqual([]);
    expect(feed.authors).toEqual([{ name: "Example News", email: null, url: null }]);
    expect(items[0]?.authors).toEqual(feed.authors);
  });
});
