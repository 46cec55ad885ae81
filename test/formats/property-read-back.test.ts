// Property: whatever text an article holds, what we serve parses back to the same text, in all
// three formats, with readers that are not ours: a conforming one (libxml2 for RSS and Atom,
// JSON.parse for JSON Feed), feedsmith (all three) and @rowanmanning/feed-parser (RSS and Atom).
// Each lenient parser's own normalisation is applied to the expected text, and nothing else;
// test/support/feed-readers.ts says which parser does what.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { authorFromString } from "../../src/articles/author-string.js";
import { parseArticle } from "../../src/articles/parse.js";
import type { FeedFormatName } from "../../src/formats/index.js";
import type { Article } from "../../src/model.js";
import { cleanText } from "../../src/xml-text.js";
import { markdownArticle } from "../support/articles-dir.js";
import {
  asReadByFeedParser,
  asReadByFeedsmith,
  asWrittenIn,
  type ItemText,
  itemTextOf,
  readExactly,
  readWithFeedParser,
  readWithFeedsmith,
  type XmlFormatName,
} from "../support/feed-readers.js";
import { enteredTag, enteredText, hostileName, hostileText } from "../support/hostile-text.js";
import { type RenderedFeeds, renderFeedsOf } from "../support/rendered-feeds.js";
import { testSite } from "../support/site.js";

const idPrefix = testSite().idPrefix;
const published = "2026-03-01T10:00:00+01:00";
const formats: readonly FeedFormatName[] = ["rss", "atom", "json"];
const xmlFormats: readonly XmlFormatName[] = ["rss", "atom"];

/** True when cleanText would change the text: it holds a character XML 1.0 cannot carry, or a CR. */
function changedByCleaning(text: string): boolean {
  return cleanText(text) !== text;
}

/** Every reader gives back the feed's one item as that reader should see `exact`. */
function expectEveryReaderGivesBack(feeds: RenderedFeeds, exact: ItemText): void {
  for (const format of formats) {
    const text = feeds[format];
    const written = asWrittenIn(format, exact);
    expect(readExactly(format, text), `${format} read exactly`).toEqual([written]);
    expect(readWithFeedsmith(format, text), `${format} read by feedsmith`).toEqual([
      asReadByFeedsmith(format, written, feeds.feed),
    ]);
  }
  for (const format of xmlFormats) {
    expect(readWithFeedParser(feeds[format]), `${format} read by feed-parser`).toEqual([
      asReadByFeedParser(format, asWrittenIn(format, exact), feeds.feed),
    ]);
  }
}

/** The one item of the feed of `article`, and the text the renderers were given for it. */
function feedsOf(article: Article): { feeds: RenderedFeeds; exact: ItemText } {
  const feeds = renderFeedsOf([article]);
  const [item] = feeds.feed.items;
  if (item === undefined) throw new Error("the feed has no item");
  return { feeds, exact: itemTextOf(item) };
}

/** The names without those repeating an earlier one in any case. */
function firstOfEachCase(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const frontMatterText = fc.record({
  title: hostileName,
  tags: fc.array(hostileName, { maxLength: 4 }),
  authors: fc.array(hostileName, { maxLength: 3 }),
  summary: hostileText,
});

describe("front matter text read back by independent parsers", () => {
  test.prop([frontMatterText], {
    numRuns: 150,
    // A name that is a character reference, beside an address: RSS's <author>, which feedsmith
    // decodes once more than its other text.
    examples: [[{ title: "!", tags: [], authors: ["&#x0;<ana@news.example.com>"], summary: "" }]],
  })("title, tags, author names and summary come back as entered", (input) => {
    const { authors, ...fields } = input;
    const meta = { ...fields, author: authors, published };
    const article = parseArticle("story.md", markdownArticle(meta), { idPrefix });

    // What the Article holds: the text cleaned where it enters, then trimmed; tags also on one
    // line; tags and authors without repeats (compared case-insensitively, the first kept).
    expect(article.title).toBe(enteredText(input.title));
    expect(article.tags).toEqual(firstOfEachCase(input.tags.map(enteredTag)));
    // A name written "Name <mail@host>" is a name and an e-mail (author-string.test.ts).
    expect(article.authors).toEqual(
      firstOfEachCase(authors.map(enteredText)).map((name) => authorFromString(name)),
    );
    expect(article.summary).toBe(enteredText(input.summary) || undefined);

    // What the feeds carry: exactly that, whoever reads it.
    const { feeds, exact } = feedsOf(article);
    expect(exact).toMatchObject({
      title: article.title,
      tags: article.tags,
      authors: article.authors.map((author) => author.name),
      summary: article.summary,
    });
    expectEveryReaderGivesBack(feeds, exact);
  });
});

const bodyText = fc.record({
  extension: fc.constantFrom(".md", ".txt"),
  paragraphs: fc.array(hostileText, { minLength: 1, maxLength: 4 }),
});

describe("body text read back by independent parsers", () => {
  test.prop([bodyText], { numRuns: 120 })(
    "the content and the summary taken from the first paragraph come back as served",
    ({ extension, paragraphs }) => {
      const body =
        extension === ".md" ? paragraphs.join("\n\n") : ["Title", ...paragraphs].join("\n\n");
      const meta = { title: "Title", published };
      const article = parseArticle(`story${extension}`, markdownArticle(meta, body), { idPrefix });

      // Article text is free of what XML cannot carry (model.ts), so every format can hold it.
      expect(changedByCleaning(article.bodyHtml)).toBe(false);
      expect(changedByCleaning(article.summary ?? "")).toBe(false);

      const { feeds, exact } = feedsOf(article);
      expect(exact.summary).toBe(article.summary);
      expectEveryReaderGivesBack(feeds, exact);
    },
  );
});

describe("text that once read back differently", () => {
  it("a tag with a tab or line break reads back the same from Atom, an attribute there", () => {
    const meta = { title: "Tags", tags: ["left\tright", "two\nlines"], published };
    const article = parseArticle("story.md", markdownArticle(meta), { idPrefix });
    expect(article.tags).toEqual(["left right", "two lines"]);
    const [entry] = readExactly("atom", renderFeedsOf([article]).atom);
    expect(entry?.tags).toEqual(article.tags);
  });

  it("numeric character references in Markdown leave no character XML forbids in the body", () => {
    const body = "One &#1; two &#xFFFE; three &#13; four";
    const meta = { title: "Title", published };
    const article = parseArticle("story.md", markdownArticle(meta, body), { idPrefix });
    expect(changedByCleaning(article.bodyHtml)).toBe(false);
    expect(changedByCleaning(article.summary ?? "")).toBe(false);
    const feeds = renderFeedsOf([article]);
    const [rssItem] = readExactly("rss", feeds.rss);
    const [jsonItem] = readExactly("json", feeds.json);
    expect(rssItem?.content).toBe(article.bodyHtml);
    expect(jsonItem?.content).toBe(article.bodyHtml);
  });
});
