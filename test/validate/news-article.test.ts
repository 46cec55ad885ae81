// The NewsArticle check, rule by rule, on data made the way article pages make it.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { toFeedItem } from "../../src/feeds/build-feed.js";
import { formatRfc3339 } from "../../src/formats/dates.js";
import { jsonLdScript, newsArticleData } from "../../src/pages/structured-data.js";
import {
  checkArticlePage,
  disagreementsWithFeeds,
  newsArticleProblems,
} from "../../src/validate/news-article.js";
import { markdownArticle } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";

const site = testSite();

function itemOf(meta: Record<string, unknown>) {
  const article = parseArticle(
    "budget.md",
    markdownArticle({
      title: "Budget </script><!-- x",
      published: "2026-03-02T00:30:00+01:00",
      ...meta,
    }),
    { idPrefix: site.idPrefix },
  );
  return toFeedItem(article, testSiteUrl, site);
}

const publisher = { name: "Example News", logoUrl: `${testSiteUrl}/logo.png` };

function dataOf(meta: Record<string, unknown> = {}) {
  return newsArticleData(itemOf(meta), publisher, true);
}

describe("NewsArticle structured data", () => {
  it("names the authors as Persons, and the publisher as Organization when there is none", () => {
    expect(newsArticleProblems(dataOf({ author: "Ana Ruiz" }))).toEqual([]);
    expect(dataOf({ author: "Ana Ruiz" }).author).toEqual([
      { "@type": "Person", name: "Ana Ruiz" },
    ]);
    const anonymous = dataOf();
    expect(newsArticleProblems(anonymous)).toEqual([]);
    expect(anonymous.author).toEqual([
      {
        "@type": "Organization",
        name: "Example News",
        logo: { "@type": "ImageObject", url: `${testSiteUrl}/logo.png` },
      },
    ]);
  });

  it("requires the schema.org context and the NewsArticle type", () => {
    expect(newsArticleProblems({ ...dataOf(), "@context": "http://schema.org/" })).toEqual([
      "@context: expected https://schema.org",
    ]);
    expect(newsArticleProblems({ ...dataOf(), "@type": "Article" })).toEqual([
      "@type: expected NewsArticle",
    ]);
  });

  it("requires a headline and dates with offsets, modified no earlier than published", () => {
    expect(newsArticleProblems({ ...dataOf(), headline: " " })).toEqual(["headline: required"]);
    expect(newsArticleProblems({ ...dataOf(), datePublished: "2026-03-02T00:30:00" })).toEqual([
      'datePublished: expected an ISO 8601 date and time with an offset, got "2026-03-02T00:30:00"',
    ]);
    expect(newsArticleProblems({ ...dataOf(), dateModified: "2026-03-01T00:00:00Z" })).toEqual([
      "dateModified: earlier than datePublished",
    ]);
  });

  it("requires every author to be a Person or Organization with a name", () => {
    expect(newsArticleProblems({ ...dataOf(), author: [] })).toEqual([
      "author: expected at least one",
    ]);
    expect(newsArticleProblems({ ...dataOf(), author: [{ "@type": "Thing", name: "" }] })).toEqual([
      "author[0]: @type must be Person or Organization",
      "author[0]: a name is required",
    ]);
  });

  it("requires images with absolute URLs and whole-pixel sizes", () => {
    const withImage = dataOf({ image: { url: "/img/b.jpg", width: 1200, height: 800 } });
    expect(newsArticleProblems(withImage)).toEqual([]);
    expect(withImage.image).toEqual([
      { "@type": "ImageObject", url: `${testSiteUrl}/img/b.jpg`, width: 1200, height: 800 },
    ]);
    expect(newsArticleProblems({ ...withImage, image: [{ url: "/b.jpg" }] })).toEqual([
      "image[0]: expected an absolute url",
    ]);
    expect(
      newsArticleProblems({ ...withImage, image: [{ url: `${testSiteUrl}/b.jpg`, width: 1.5 }] }),
    ).toEqual(["image[0].width: expected a positive whole number of pixels"]);
  });

  it("requires the publisher, isAccessibleForFree and mainEntityOfPage", () => {
    const { publisher: _p, isAccessibleForFree: _a, mainEntityOfPage: _m, ...rest } = dataOf();
    expect(newsArticleProblems(rest)).toEqual([
      "publisher: expected an Organization with a name",
      "isAccessibleForFree: expected true or false",
      "mainEntityOfPage: expected a WebPage with an absolute @id",
    ]);
    expect(newsArticleData(itemOf({}), publisher, false).isAccessibleForFree).toBe(false);
  });

  it("reports where the page and the feeds disagree on title, dates, image and URL", () => {
    const item = itemOf({ updated: "2026-03-02T09:00:00Z", image: "/a.jpg" });
    const facts = {
      url: item.url,
      title: item.title,
      published: formatRfc3339(item.published),
      updated: formatRfc3339(item.updated),
      imageUrl: `${testSiteUrl}/a.jpg`,
    };
    const data = newsArticleData(item, publisher, true);
    expect(disagreementsWithFeeds(data, facts)).toEqual([]);
    expect(disagreementsWithFeeds({ ...data, headline: "Other" }, facts)).toEqual([
      `headline: the page says "Other", the feeds ${JSON.stringify(item.title)}`,
    ]);
    expect(disagreementsWithFeeds(data, { ...facts, updated: "2026-03-03T00:00:00Z" })).toEqual([
      'dateModified: the page says "2026-03-02T09:00:00Z", the feeds "2026-03-03T00:00:00Z"',
    ]);
    expect(disagreementsWithFeeds({ ...data, image: undefined }, facts)).toEqual([
      `image: the page says undefined, the feeds "${testSiteUrl}/a.jpg"`,
    ]);
  });

  it("requires each correction to be a CorrectionComment with a text and a date in the article's life", () => {
    const item = itemOf({
      corrections: [{ date: "2026-03-03T10:00:00Z", text: "The vote was 211." }],
    });
    const corrections = [{ date: item.updated, text: "The vote was 211." }];
    const data = newsArticleData(item, publisher, true, corrections);
    expect(newsArticleProblems(data)).toEqual([]);
    expect(data.correction).toEqual([
      {
        "@type": "CorrectionComment",
        text: "The vote was 211.",
        datePublished: "2026-03-03T10:00:00Z",
      },
    ]);
    const comment = {
      "@type": "CorrectionComment",
      text: "x",
      datePublished: "2026-03-03T10:00:00Z",
    };
    expect(newsArticleProblems({ ...data, correction: [] })).toEqual([
      "correction: expected a list of CorrectionComment",
    ]);
    expect(
      newsArticleProblems({ ...data, correction: [{ ...comment, "@type": "Comment", text: " " }] }),
    ).toEqual([
      "correction[0]: @type must be CorrectionComment",
      "correction[0]: a text is required",
    ]);
    expect(
      newsArticleProblems({ ...data, correction: [{ ...comment, datePublished: "2026-03-03" }] }),
    ).toEqual([
      'correction[0].datePublished: expected an ISO 8601 date and time with an offset, got "2026-03-03"',
    ]);
    expect(
      newsArticleProblems({
        ...data,
        correction: [
          { ...comment, datePublished: "2026-02-01T00:00:00Z" },
          { ...comment, datePublished: "2026-04-01T00:00:00Z" },
        ],
      }),
    ).toEqual([
      "correction[0].datePublished: earlier than the article's datePublished",
      "correction[1].datePublished: later than the article's dateModified",
    ]);
  });

  it("reports corrections the page and the feeds do not agree on", () => {
    const item = itemOf({ corrections: [{ date: "2026-03-03T10:00:00Z", text: "211." }] });
    const facts = {
      url: item.url,
      title: item.title,
      published: formatRfc3339(item.published),
      updated: formatRfc3339(item.updated),
      corrections: [{ text: "211.", date: "2026-03-03T10:00:00Z" }],
    };
    const data = newsArticleData(item, publisher, true, [{ date: item.updated, text: "211." }]);
    expect(disagreementsWithFeeds(data, facts)).toEqual([]);
    expect(disagreementsWithFeeds(newsArticleData(item, publisher, true), facts)).toEqual([
      'correction: the page says [], the feeds [{"text":"211.","date":"2026-03-03T10:00:00Z"}]',
    ]);
  });

  it("embeds the data so no title can close the script element", () => {
    const item = itemOf({});
    const script = jsonLdScript(newsArticleData(item, publisher, true)).text;
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(script).not.toContain("<!--");
    const facts = {
      url: item.url,
      title: item.title,
      published: formatRfc3339(item.published),
      updated: formatRfc3339(item.updated),
    };
    expect(checkArticlePage(`<head>${script}</head>`, facts)).toEqual([]);
    expect(checkArticlePage("<head></head>", facts)).toEqual([
      "expected one JSON-LD block, found 0",
    ]);
  });
});
