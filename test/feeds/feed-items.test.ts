// A feed item is made once for an article and reused by every feed that lists it, for the site
// and URL it was made for only.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { toFeedItem } from "../../src/feeds/build-feed.js";
import { markdownArticle } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";

const site = testSite();
const story = (title: string) =>
  parseArticle(
    "story.md",
    markdownArticle({ title, published: "2026-01-10T08:00:00Z" }, "A [link](/about) here."),
    { idPrefix: site.idPrefix },
  );

describe("feed items", () => {
  it("are made once for an article and the site, and again for an edit or another site", () => {
    const article = story("Story");
    const item = toFeedItem(article, testSiteUrl, site);
    expect(item.contentHtml).toContain(`href="${testSiteUrl}/about"`);
    expect(toFeedItem(article, testSiteUrl, site)).toBe(item);
    const elsewhere = toFeedItem(article, "https://mirror.example.org", site);
    expect(elsewhere).not.toBe(item);
    expect(elsewhere.contentHtml).toContain('href="https://mirror.example.org/about"');
    const otherSite = toFeedItem(article, testSiteUrl, { ...site, language: "fr" });
    expect(otherSite.language).toBe("fr");
    const edited = toFeedItem(story("Story, edited"), testSiteUrl, site);
    expect(edited.title).toBe("Story, edited");
    expect(toFeedItem(article, testSiteUrl, site).title).toBe("Story");
  });
});
