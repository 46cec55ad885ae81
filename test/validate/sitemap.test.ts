// The sitemap gate: the sitemaps.org and Google News XML Schemas, and the limits they state in prose.
import { describe, expect, it } from "vitest";
import { validateSitemapText } from "../../src/validate/sitemap.js";

const newsEntry = (loc: string, overrides: { language?: string; extra?: string } = {}) => `
  <url>
    <loc>${loc}</loc>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>${overrides.language ?? "en"}</news:language></news:publication>
      <news:publication_date>2026-03-02T00:30:00+01:00</news:publication_date>
      <news:title>Budget: what changes</news:title>${overrides.extra ?? ""}
    </news:news>
  </url>`;

const urlset = (entries: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entries}
</urlset>`;

const index = (lastmod: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemaps/2026-03.xml</loc><lastmod>${lastmod}</lastmod></sitemap>
</sitemapindex>`;

const messages = (kind: "urlset" | "sitemapindex", text: string) =>
  validateSitemapText(kind, text).map((problem) => problem.message);

describe("sitemap validation", () => {
  it("accepts a Google News sitemap and a sitemap index", () => {
    expect(messages("urlset", urlset(newsEntry("https://news.example.com/articles/a")))).toEqual(
      [],
    );
    expect(messages("sitemapindex", index("2026-03-02T00:30:00Z"))).toEqual([]);
  });

  it("accepts a plain urlset with lastmod", () => {
    const text = urlset(
      "<url><loc>https://news.example.com/articles/a</loc><lastmod>2026-03-02</lastmod></url>",
    );
    expect(messages("urlset", text)).toEqual([]);
  });

  it("rejects a language the News schema does not allow (a region subtag)", () => {
    const [problem] = messages(
      "urlset",
      urlset(newsEntry("https://news.example.com/articles/a", { language: "en-GB" })),
    );
    expect(problem).toContain("language");
    expect(problem).toContain("en-GB");
  });

  it("rejects an element neither schema declares", () => {
    const text = urlset(
      newsEntry("https://news.example.com/articles/a", { extra: "<news:author>X</news:author>" }),
    );
    expect(messages("urlset", text).join("\n")).toContain("author");
  });

  it("rejects a lastmod that is not a W3C date", () => {
    expect(messages("sitemapindex", index("Mon, 02 Mar 2026 00:30:00 GMT")).join("\n")).toContain(
      "lastmod",
    );
  });

  it("rejects a URL without loc, and a document that is not well-formed", () => {
    expect(messages("urlset", urlset("<url><lastmod>2026-03-02</lastmod></url>"))).not.toEqual([]);
    expect(messages("urlset", "<urlset")).not.toEqual([]);
  });

  it("rejects the wrong root for the kind", () => {
    expect(messages("urlset", index("2026-03-02"))).toEqual([
      "the root element is sitemapindex, expected urlset in http://www.sitemaps.org/schemas/sitemap/0.9",
    ]);
  });

  it("rejects more than 1,000 news entries, repeated locs and relative locs", () => {
    const many = Array.from({ length: 1001 }, (_, i) =>
      newsEntry(`https://news.example.com/articles/${i}`),
    ).join("");
    expect(messages("urlset", urlset(many))).toEqual([
      "1001 news:news entries; a sitemap holds at most 1000",
    ]);
    const twice = newsEntry("https://news.example.com/articles/a").repeat(2);
    expect(messages("urlset", urlset(twice)).join("\n")).toContain(
      'duplicate url loc "https://news.example.com/articles/a"',
    );
    expect(messages("urlset", urlset(newsEntry("/articles/relative-url-here")))).toEqual([
      'loc "/articles/relative-url-here" is not an absolute URL',
    ]);
  });
});
