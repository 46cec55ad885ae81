// The fault rule: cosmetic faults are cleaned, published and warned of with their field; only
// faults that leave an article unidentifiable or undatable (or could publish what must not be)
// refuse it.
import { describe, expect, it } from "vitest";
import { ArticleError, parseArticle } from "../../src/articles/parse.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };

function file(frontMatter: string, body = "Body text.\n"): string {
  return `---\n${frontMatter}\n---\n${body}`;
}

const dated = 'title: T\npublished: "2026-01-15T09:30:00Z"';

describe("a cosmetic fault never refuses an article", () => {
  it.each([
    [
      "an empty tag, a padded tag and repeats in another case",
      `${dated}\ntags: [World, "", "  Politics ", world, POLITICS, "Big   News"]`,
      { tags: ["World", "Politics", "Big News"] },
      [
        "tags.1: empty",
        'tags.2: spaces around "Politics"',
        'tags.3: "world" repeats "World"',
        'tags.4: "POLITICS" repeats "Politics"',
      ],
    ],
    [
      "tags given as one name",
      `${dated}\ntags: world`,
      { tags: ["world"] },
      ["tags: one name, not a list"],
    ],
    ["an empty tags key", `${dated}\ntags:`, { tags: [] }, ["tags: empty"]],
    [
      "an unknown key",
      `${dated}\npublshed: x\ncolour: red`,
      { title: "T" },
      ['front matter: unknown keys (2) "publshed", "colour"'],
    ],
    [
      "padding around a title and an id",
      'title: "  T "\npublished: " 2026-01-15T09:30:00Z"\nid: "tag:x.example,2026:a1 "',
      { title: "T", id: "tag:x.example,2026:a1" },
      [
        "title: spaces around the value",
        "published: spaces around the value",
        "id: spaces around the value",
      ],
    ],
    [
      "empty and repeated authors",
      `${dated}\nauthor: ["Ana Ruiz", "", "ana ruiz", { name: "Bo Li" }]`,
      { authors: [{ name: "Ana Ruiz" }, { name: "Bo Li" }] },
      ["author.1: empty", 'author.2: "ana ruiz" repeats "Ana Ruiz"'],
    ],
    [
      "a bad source, language and image",
      `${dated}\nsource: not-a-url\nlanguage: "english!"\nimage: 4`,
      { title: "T" },
      [
        "image: expected a URL, or { url, caption, alt, width, height, type }",
        "source: expected an absolute http(s) URL",
        "language: expected a language tag such as en or en-GB",
      ],
    ],
    ["an empty slug", `${dated}\nslug: ""`, { slug: "story" }, ["slug: empty"]],
  ])("%s: cleaned, published, warned of by field", (_name, frontMatter, expected, warnings) => {
    const article = parseArticle("story.md", file(frontMatter), options);
    expect(article).toMatchObject(expected);
    expect(article.warnings).toEqual(warnings);
    // A field whose value was bad is left out, not published as written.
    for (const warning of warnings) {
      const field = /^(source|language|image):/.exec(warning)?.[1];
      if (field !== undefined) expect(article).not.toHaveProperty(field);
    }
  });

  it("lists at most ten unknown keys by name and counts the rest", () => {
    const keys = Array.from({ length: 9_000 }, (_, i) => `k${i}: 1`).join("\n");
    const article = parseArticle("many.md", file(`${dated}\n${keys}`), options);
    expect(article.warnings).toHaveLength(1);
    const [warning] = article.warnings ?? [];
    expect(warning).toMatch(/^front matter: unknown keys \(9,000\) "k0", .*"k9" and 8,990 more$/);
    expect(warning?.length).toBeLessThan(200);
  });

  it("a clean article carries no warnings", () => {
    expect(parseArticle("a.md", file(`${dated}\ntags: [A, B]`), options).warnings).toBeUndefined();
  });
});

describe("faults that leave an article unidentifiable or undatable refuse it", () => {
  it.each([
    ["no title", 'published: "2026-01-15T09:30:00Z"', /title: required/],
    [
      "an empty title",
      'title: "  "\npublished: "2026-01-15T09:30:00Z"',
      /title: the title cannot be empty/,
    ],
    ["no published", "title: T", /published: required/],
    ["a bad published", "title: T\npublished: yesterday", /published: expected an ISO 8601/],
    ["a bad id", `${dated}\nid: "123"`, /id: expected an absolute IRI/],
    ["a bad slug", `${dated}\nslug: "My Story"`, /slug: expected lowercase/],
    ["a bad expires", `${dated}\nexpires: soon`, /expires: expected an ISO 8601/],
    ["a bad access", `${dated}\naccess: friends`, /access: expected public or members/],
  ])("%s", (_name, frontMatter, reason) => {
    expect(() => parseArticle("bad.md", file(frontMatter), options)).toThrow(ArticleError);
    expect(() => parseArticle("bad.md", file(frontMatter), options)).toThrow(reason);
  });

  it("a refusal lists the cosmetic faults beside it", () => {
    expect(() => parseArticle("bad.md", file('published: x\ntags: [""]'), options)).toThrow(
      /^bad\.md: published: .*; tags\.0: empty$/,
    );
  });
});
