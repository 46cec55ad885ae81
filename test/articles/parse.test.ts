import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleError, parseArticle } from "../../src/articles/parse.js";
import { repoRoot, seedArticleFile } from "../support/articles-dir.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };
const seedFixture = readFileSync(path.join(repoRoot, "test/fixtures/seed.txt"), "utf8");

function parseSeed() {
  return parseArticle(
    path.basename(seedArticleFile),
    readFileSync(seedArticleFile, "utf8"),
    options,
  );
}

function errorOf(file: string, text: string): ArticleError {
  try {
    parseArticle(file, text, options);
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe("the seed article", () => {
  it("keeps the scraped text unchanged below its front matter", () => {
    const stored = readFileSync(seedArticleFile, "utf8");
    const body = stored.slice(stored.indexOf("\n---\n") + "\n---\n".length);
    expect(body).toBe(seedFixture);
    expect(createHash("sha256").update(body).digest("hex")).toBe(
      "533166c1341736d2eb5a0c96f37649b607811503a3a6b6a609efdf5c6ea08e94",
    );
  });

  it("parses to its title, 11 paragraphs, no author and the caption", () => {
    const article = parseSeed();
    expect(article.title).toBe("Russia to continue backing Iraqi, Syrian governments: Lavrov");
    expect(article.authors).toEqual([]);
    expect(article.image).toEqual({ caption: "Russian Foreign Minister Sergey Lavrov" });
    const paragraphs = article.bodyHtml.split("\n");
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs.every((p) => p.startsWith("<p>") && p.endsWith("</p>"))).toBe(true);
    expect(paragraphs[0]).toBe(
      "<p>Russian Foreign Minister Sergey Lavrov has expressed Moscow’s determination to continue to back the Iraqi and Syrian governments in their ongoing battle against extremism in the Middle East.</p>",
    );
    expect(paragraphs[10]).toBe(
      "<p>This comes as the US and its regional allies have been the leading supporters of the ISIL and other affiliated militant groups in Syria and Iraq.</p>",
    );
    expect(article.bodyHtml).not.toContain("Written by");
    expect(article.bodyHtml).not.toContain("<p>Russian Foreign Minister Sergey Lavrov</p>");
  });

  it("is dated Monday 2014-10-20 and keeps its stored id", () => {
    const article = parseSeed();
    expect(article.published.toUTC().toFormat("cccc yyyy-MM-dd")).toBe("Monday 2014-10-20");
    expect(article.published.setZone("Europe/Moscow").toFormat("yyyy-MM-dd")).toBe("2014-10-20");
    expect(article.id).toBe("tag:wirefeed.example,2014-10-20:d0c35f80829a8acd");
  });
});

describe("scraped .txt layout", () => {
  const meta = '---\npublished: "2026-01-15T09:30:00Z"\n---\n';

  it("reads a non-empty byline as the author and a one-line first block as a paragraph", () => {
    const article = parseArticle(
      "a.txt",
      `${meta}Title here\n\n  • Written by: Jane Roe\n\nOnly paragraph.\n`,
      options,
    );
    expect(article.authors).toEqual([{ name: "Jane Roe" }]);
    expect(article.image).toBeUndefined();
    expect(article.bodyHtml).toBe("<p>Only paragraph.</p>");
  });

  it("escapes markup-looking text in paragraphs", () => {
    const article = parseArticle("a.txt", `${meta}T\n\n<script>x</script> & "q"\n`, options);
    expect(article.bodyHtml).toBe("<p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;</p>");
  });

  it("lets front matter override the title line", () => {
    const article = parseArticle(
      "a.txt",
      `---\ntitle: Better\npublished: "2026-01-15T09:30:00Z"\n---\nOld\n\nP.\n`,
      options,
    );
    expect(article.title).toBe("Better");
  });
});

describe("markdown articles", () => {
  it("renders the body, reads every front matter key and derives slug and id from the file", () => {
    const text = `---
title: "Budget: what changes"
published: 2026-01-15T09:30:00+01:00
updated: 2026-01-16T10:00:00Z
author: [Ana Ruiz, { name: Bo Li, url: "https://example.org/bo" }]
tags: [Economy, Economy, Politics]
image: { url: /media/budget.jpg, caption: The minister, width: 1200, height: 800 }
source: https://example.org/original
language: es
---
First *paragraph* here.

Second with [a link](/other).
`;
    const article = parseArticle("Budget Story.md", text, options);
    expect(article.slug).toBe("budget-story");
    expect(article.id).toBe("tag:news.example.com,2026:article/Budget%20Story");
    expect(article.title).toBe("Budget: what changes");
    expect(article.authors).toEqual([
      { name: "Ana Ruiz" },
      { name: "Bo Li", url: "https://example.org/bo" },
    ]);
    expect(article.tags).toEqual(["Economy", "Politics"]);
    expect(article.summary).toBe("First paragraph here.");
    expect(article.bodyHtml).toContain("<p>First <em>paragraph</em> here.</p>");
    expect(article.bodyHtml).toContain('<a href="/other">a link</a>');
    expect(article.image).toEqual({
      url: "/media/budget.jpg",
      caption: "The minister",
      width: 1200,
      height: 800,
    });
    expect(article.updated?.toUTC().toISO()).toBe("2026-01-16T10:00:00.000Z");
    expect(article.published.offset).toBe(60);
    expect(article.language).toBe("es");
    expect(article.source).toBe("https://example.org/original");
  });

  it("removes scripts, event handlers and javascript: links from the body", () => {
    const article = parseArticle(
      "x.md",
      '---\ntitle: T\npublished: "2026-01-15T09:30:00Z"\n---\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">go</a><iframe src="https://e.com"></iframe>\n',
      options,
    );
    expect(article.bodyHtml).not.toMatch(/script|onclick|javascript:|iframe/);
    expect(article.bodyHtml).toContain("go");
  });

  it("removes characters XML forbids where the text enters", () => {
    const article = parseArticle(
      "x.md",
      '---\ntitle: "A\\u0001B\\uFFFEC"\npublished: "2026-01-15T09:30:00Z"\n---\nx\u0000y\r\nz\n',
      options,
    );
    expect(article.title).toBe("ABC");
    expect(article.bodyHtml).toBe("<p>xy\nz</p>\n");
  });
});

describe("bad article files are rejected with the file and the reason", () => {
  it.each([
    [
      "unparsable front matter",
      "---\ntitle: [unclosed\npublished: x\n---\nBody\n",
      /front matter is not valid YAML: line 3, column 1: missed comma between flow collection entries$/,
    ],
    ["a missing date", "---\ntitle: T\n---\nBody\n", /published: required/],
    [
      "a date without offset",
      '---\ntitle: T\npublished: "2026-01-15T09:30:00"\n---\nBody\n',
      /published: expected an ISO 8601 date-time with an offset/,
    ],
    [
      "an impossible date",
      '---\ntitle: T\npublished: "2026-02-30T09:30:00Z"\n---\nBody\n',
      /published: expected an ISO 8601/,
    ],
    ["a missing title", '---\npublished: "2026-01-15T09:30:00Z"\n---\nBody\n', /title: required/],
    [
      "a relative id",
      '---\ntitle: T\npublished: "2026-01-15T09:30:00Z"\nid: "123"\n---\nBody\n',
      /id: expected an absolute IRI/,
    ],
    [
      "updated before published",
      '---\ntitle: T\npublished: "2026-01-15T09:30:00Z"\nupdated: "2026-01-14T09:30:00Z"\n---\nBody\n',
      /updated: .* is before published/,
    ],
  ])("%s", (_name, text, reason) => {
    const error = errorOf("bad.md", text);
    expect(error.file).toBe("bad.md");
    expect(error.message).toMatch(/^bad\.md: /);
    expect(error.message).toMatch(reason);
  });

  it("a .txt file without front matter lacks its date", () => {
    expect(errorOf("scraped.txt", "Title\n\nParagraph.\n").message).toBe(
      "scraped.txt: published: required",
    );
  });
});

describe("front matter boundaries and derived summaries", () => {
  it("reads back what articleFileText wrote, even a value ending in ---", async () => {
    const { articleFileText } = await import("../../src/articles/write.js");
    const text = articleFileText(
      { title: "Wait---", summary: "Intro\n---\nMore", published: "2026-03-01T10:00:00Z" },
      "Body text.\n",
    );
    const article = parseArticle("x.md", text, options);
    expect(article.title).toBe("Wait---");
    expect(article.summary).toBe("Intro\n---\nMore");
    expect(article.bodyHtml).toBe("<p>Body text.</p>\n");
  });

  it("derives a plain-text summary from the first Markdown paragraph", () => {
    const text =
      '---\ntitle: T\npublished: "2026-03-01T10:00:00Z"\n---\nTom &amp; Jerry <b>bold</b> &copy; *em* `a<b`\n\nSecond.\n';
    expect(parseArticle("x.md", text, options).summary).toBe("Tom & Jerry bold © em a<b");
  });
});
