// Property: whatever text an article holds, the three feeds built from it are valid. Articles are
// written as real files (.md and scraped .txt, JSON front matter) and go the real way: parseArticle,
// buildFeed, the three renderers, then the gate the site build runs before serving
// (validateFeedText: a strict libxml2 parse plus the schema and rules for RSS and Atom,
// JSON.parse plus the schema and rules for JSON Feed).
import { fc, test } from "@fast-check/vitest";
import { DateTime } from "luxon";
import { describe, expect } from "vitest";
import { markdownNestingProblem } from "../../src/articles/markdown-body.js";
import { parseArticle } from "../../src/articles/parse.js";
import type { FeedFormatName } from "../../src/formats/index.js";
import type { Article } from "../../src/model.js";
import { validateFeedText } from "../../src/validate/index.js";
import { markdownArticle } from "../support/articles-dir.js";
import { hostileName, hostileText, shortHostileText } from "../support/hostile-text.js";
import { renderFeedsOf } from "../support/rendered-feeds.js";
import { testSite } from "../support/site.js";

const idPrefix = testSite().idPrefix;

/** One article file: front matter fields and body text, all hostile. */
const articleFile = fc.record(
  {
    extension: fc.constantFrom(".md", ".txt"),
    title: hostileName,
    /** A scraped .txt file may leave its title to the first line; a .md file may not. */
    titleInFrontMatter: fc.boolean(),
    tags: fc.array(hostileName, { maxLength: 4 }),
    author: fc.oneof(
      hostileName,
      fc.array(
        fc.oneof(
          hostileName,
          hostileName.map((name) => ({ name })),
        ),
        { maxLength: 3 },
      ),
    ),
    summary: hostileText,
    /** The first line of a scraped .txt file: its title when the front matter gives none. */
    titleLine: hostileName,
    byline: shortHostileText,
    paragraphs: fc.array(hostileText, { maxLength: 4 }),
    published: fc.date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("2100-01-01T00:00:00Z"),
      noInvalidDate: true,
    }),
  },
  {
    requiredKeys: [
      "extension",
      "title",
      "titleInFrontMatter",
      "titleLine",
      "byline",
      "paragraphs",
      "published",
    ],
  },
);

type ArticleFile = typeof articleFile extends fc.Arbitrary<infer T> ? T : never;

/** The file's text: JSON front matter (JSON being YAML), then the body. */
function fileText(file: ArticleFile): string {
  const {
    extension,
    title,
    titleInFrontMatter,
    titleLine,
    byline,
    paragraphs,
    published,
    ...rest
  } = file;
  const meta = {
    ...(extension === ".md" || titleInFrontMatter ? { title } : {}),
    ...rest,
    published: published.toISOString(),
  };
  const body =
    extension === ".md"
      ? paragraphs.join("\n\n")
      : [titleLine, `Written by: ${byline}`, ...paragraphs].join("\n\n");
  return markdownArticle(meta, body);
}

function expectValid(kind: FeedFormatName, text: string): void {
  expect(validateFeedText(kind, text), `${kind} feed:\n${text.slice(0, 2000)}`).toEqual([]);
}

describe("feeds of articles holding any text", () => {
  test.prop([fc.array(articleFile, { minLength: 1, maxLength: 3 })], { numRuns: 150 })(
    "RSS, Atom and JSON Feed all pass the validation gate",
    (files) => {
      const articles = files.flatMap((file, index) => {
        const name = `article-${index}${file.extension}`;
        const text = fileText(file);
        // Hostile fragments can pile up into block quotes nested thousands deep. Such a body is
        // refused whenever it is met, by the nesting bound, never by a stack overflow.
        if (file.extension === ".md" && markdownNestingProblem(file.paragraphs.join("\n\n"))) {
          expect(() => parseArticle(name, text, { idPrefix })).toThrow(/nested more than 100/);
          return [];
        }
        return [parseArticle(name, text, { idPrefix })];
      });
      if (articles.length === 0) return;
      const { rss, atom, json } = renderFeedsOf(articles);
      expectValid("rss", rss);
      expectValid("atom", atom);
      expectValid("json", json);
    },
  );
});

/**
 * An Article built in code from text that never went through cleanText or trim, breaking that
 * part of the Article contract on purpose (names and tags still have something visible, as the
 * contract asks): the XML renderers' own cleaning, the second line of defence, must still keep
 * RSS and Atom valid, and JSON Feed escapes whatever it carries.
 */
const uncleanedArticle = fc
  .record({
    title: hostileName,
    tags: fc.array(hostileName, { maxLength: 4 }),
    authors: fc.array(hostileName, { maxLength: 3 }),
    summary: fc.option(hostileText, { nil: undefined }),
    bodyHtml: hostileText,
    caption: fc.option(hostileText, { nil: undefined }),
  })
  .map(({ authors, summary, caption, ...text }): Article => {
    const article: Article = {
      ...text,
      id: "tag:news.example.com,2026:article/raw",
      slug: "raw",
      published: DateTime.fromISO("2026-03-01T10:00:00Z", { setZone: true }),
      authors: authors.map((name) => ({ name })),
      file: "raw.md",
    };
    if (summary !== undefined) article.summary = summary;
    if (caption !== undefined) article.image = { url: "/media/raw.jpg", caption, alt: caption };
    return article;
  });

describe("feeds of articles whose text skipped cleaning", () => {
  test.prop([uncleanedArticle], { numRuns: 100 })(
    "RSS, Atom and JSON Feed still pass the validation gate",
    (article) => {
      const { rss, atom, json } = renderFeedsOf([article]);
      expectValid("rss", rss);
      expectValid("atom", atom);
      expectValid("json", json);
    },
  );
});
