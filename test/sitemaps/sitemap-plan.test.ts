// Which articles each sitemap lists, the News language codes, and robots.txt.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { SiteCatalog } from "../../src/feeds/catalog.js";
import type { Article } from "../../src/model.js";
import {
  monthSitemapArticles,
  newsLanguage,
  planSitemaps as planOf,
  renderRobotsTxt,
} from "../../src/sitemaps/sitemap-plan.js";
import { markdownArticle } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";

const site = testSite();

function planSitemaps(articles: Article[]) {
  return planOf(new SiteCatalog(articles, site));
}

function article(slug: string, published: string) {
  return parseArticle(`${slug}.md`, markdownArticle({ title: slug, published }), {
    idPrefix: site.idPrefix,
  });
}

describe("sitemap plan", () => {
  it("lists in the news sitemap the articles of the 48 hours up to the newest, newest first", () => {
    const plan = planSitemaps([
      article("old", "2026-02-27T23:59:00Z"),
      article("edge", "2026-02-28T00:00:00Z"),
      article("newest", "2026-03-02T00:00:00Z"),
      article("day-before", "2026-03-01T00:00:00Z"),
    ]);
    expect(plan.news.map((a) => a.slug)).toEqual(["newest", "day-before", "edge"]);
  });

  it("keeps at most 1,000 articles in the news sitemap", () => {
    const many = Array.from({ length: 1005 }, (_, i) =>
      article(`a${i}`, new Date(Date.UTC(2026, 2, 2, 0, 0, i)).toISOString()),
    );
    const plan = planSitemaps(many);
    expect(plan.news).toHaveLength(1000);
    expect(plan.news[0]?.slug).toBe("a1004");
  });

  it("puts every article in the sitemap of its month of publication (UTC), newest first", () => {
    // 23:30 on 31 January at UTC-1 is 1 February in UTC.
    const catalog = new SiteCatalog(
      [
        article("jan", "2026-01-31T23:30:00-01:00"),
        article("feb", "2026-02-10T00:00:00Z"),
        article("dec", "2025-12-01T00:00:00Z"),
      ],
      site,
    );
    const plan = planOf(catalog);
    const listed = plan.months.map((m) => [
      m.path,
      monthSitemapArticles(catalog, m.month).map((a) => a.slug),
    ]);
    expect(listed).toEqual([
      ["/sitemaps/2026-02.xml", ["feb", "jan"]],
      ["/sitemaps/2025-12.xml", ["dec"]],
    ]);
  });

  it("spells languages as the News schema wants them", () => {
    expect(newsLanguage("en-GB")).toBe("en");
    expect(newsLanguage("AR")).toBe("ar");
    expect(newsLanguage("zh-Hant-TW")).toBe("zh-tw");
    expect(newsLanguage("zh-Hans")).toBe("zh-cn");
    expect(newsLanguage("zh")).toBe("zh-cn");
  });

  it("names the sitemap index and the news sitemap in robots.txt, and none when there is no article", () => {
    const plan = planSitemaps([article("a", "2026-03-02T00:00:00Z")]);
    expect(renderRobotsTxt(plan, testSiteUrl)).toBe(
      [
        "User-agent: *",
        "Disallow: /api/",
        "",
        `Sitemap: ${testSiteUrl}/sitemap.xml`,
        `Sitemap: ${testSiteUrl}/sitemaps/news.xml`,
        "",
      ].join("\n"),
    );
    expect(renderRobotsTxt(planSitemaps([]), testSiteUrl)).toBe(
      "User-agent: *\nDisallow: /api/\n\n",
    );
  });
});
