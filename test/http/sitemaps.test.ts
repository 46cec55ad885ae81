// Sitemaps and robots.txt on the real server: named by robots.txt, valid against the sitemaps.org
// and Google News schemas, listing what they promise.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { validateRenderedFeed, validateSitemapText } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

async function newsServer() {
  const dir = await makeArticlesDir(
    {
      "budget.md": markdownArticle({
        title: "Budget: what <changes> & why",
        published: "2026-03-02T00:30:00+01:00",
        updated: "2026-03-02T09:00:00Z",
      }),
      "yesterday.md": markdownArticle({ title: "Yesterday", published: "2026-03-01T08:00:00Z" }),
      "old.md": markdownArticle({ title: "Old", published: "2026-02-20T08:00:00Z" }),
    },
    { withSeed: true },
  );
  return startTestServer(dir, { site: testSite({ language: "en-GB" }) });
}

describe("sitemaps", () => {
  it("robots.txt names the sitemap index and the news sitemap, and each answers a valid sitemap", async () => {
    const { baseUrl } = await newsServer();
    const robots = await fetch(`${baseUrl}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(robots.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const named = (await robots.text())
      .split("\n")
      .filter((line) => line.startsWith("Sitemap: "))
      .map((line) => line.slice("Sitemap: ".length));
    expect(named).toEqual([`${baseUrl}/sitemap.xml`, `${baseUrl}/sitemaps/news.xml`]);
    for (const url of named) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      expect(response.headers.get("etag")).toMatch(/^"/);
      const kind = url.endsWith("/sitemap.xml") ? "sitemapindex" : "urlset";
      expect(validateSitemapText(kind, await response.text())).toEqual([]);
    }
  });

  it("the index lists the news sitemap and one sitemap per month, each valid and with its articles", async () => {
    const { baseUrl } = await newsServer();
    const index = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
    const locs = xmlTexts(index, "/s:sitemapindex/s:sitemap/s:loc");
    expect(locs).toEqual([
      `${baseUrl}/sitemaps/news.xml`,
      `${baseUrl}/sitemaps/2026-03.xml`,
      `${baseUrl}/sitemaps/2026-02.xml`,
      `${baseUrl}/sitemaps/2014-10.xml`,
    ]);
    expect(xmlTexts(index, "/s:sitemapindex/s:sitemap[2]/s:lastmod")).toEqual([
      "2026-03-02T09:00:00Z",
    ]);
    const march = await (await fetch(`${baseUrl}/sitemaps/2026-03.xml`)).text();
    expect(validateSitemapText("urlset", march)).toEqual([]);
    expect(xmlTexts(march, "/s:urlset/s:url/s:loc")).toEqual([
      `${baseUrl}/articles/budget`,
      `${baseUrl}/articles/yesterday`,
    ]);
    expect(xmlTexts(march, "/s:urlset/s:url/s:lastmod")).toEqual([
      "2026-03-02T09:00:00Z",
      "2026-03-01T08:00:00Z",
    ]);
    for (const loc of locs.slice(1)) {
      const month = await (await fetch(loc)).text();
      for (const page of xmlTexts(month, "/s:urlset/s:url/s:loc"))
        expect((await fetch(page)).status).toBe(200);
    }
  });

  it("the news sitemap holds the last two days' articles with publication, date and title", async () => {
    const { baseUrl } = await newsServer();
    const news = await (await fetch(`${baseUrl}/sitemaps/news.xml`)).text();
    expect(xmlTexts(news, "/s:urlset/s:url/s:loc")).toEqual([
      `${baseUrl}/articles/budget`,
      `${baseUrl}/articles/yesterday`,
    ]);
    expect(xmlTexts(news, "//news:publication/news:name")).toEqual([
      "Example News",
      "Example News",
    ]);
    // en-GB in site.json; the News schema takes only the language.
    expect(xmlTexts(news, "//news:publication/news:language")).toEqual(["en", "en"]);
    expect(xmlTexts(news, "//news:news/news:publication_date")).toEqual([
      "2026-03-01T23:30:00Z",
      "2026-03-01T08:00:00Z",
    ]);
    expect(xmlTexts(news, "//news:news/news:title")[0]).toBe("Budget: what <changes> & why");
  });

  it("answers 304 to a conditional request for a sitemap", async () => {
    const { baseUrl } = await newsServer();
    const first = await fetch(`${baseUrl}/sitemap.xml`);
    const etag = first.headers.get("etag") ?? "";
    const again = await fetch(`${baseUrl}/sitemap.xml`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("a sitemap the gate rejects is not served, and is reported with its problems", () => {
    const site = testSite();
    const article = parseArticle(
      "a.md",
      markdownArticle({ title: "A", published: "2026-03-02T00:00:00Z" }),
      { idPrefix: site.idPrefix },
    );
    const snapshot = buildSite([article], [], {
      site,
      siteUrl: testSiteUrl,
      validate: validateRenderedFeed,
      validateSitemap: (kind) => (kind === "urlset" ? ["rejected for the test"] : []),
    });
    expect(snapshot.renditions.get("/sitemaps/news.xml")).toBeUndefined();
    expect(snapshot.renditions.get("/sitemaps/2026-03.xml")).toBeUndefined();
    expect(snapshot.renditions.get("/sitemap.xml")).toBeDefined();
    expect(snapshot.invalidFeeds.map((invalid) => [invalid.path, invalid.problems])).toEqual([
      ["/sitemaps/news.xml", ["rejected for the test"]],
      ["/sitemaps/2026-03.xml", ["rejected for the test"]],
    ]);
  });
});
