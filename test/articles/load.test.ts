import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };

describe("loading the articles folder", () => {
  it("skips broken files with their reason and keeps every other article, newest first", async () => {
    const dir = await makeArticlesDir(
      {
        "older.md": markdownArticle({ title: "Older", published: "2026-01-01T00:00:00Z" }),
        "newer.md": markdownArticle({ title: "Newer", published: "2026-02-01T00:00:00Z" }),
        "broken.md": "---\ntitle: [\n---\n",
        "undated.md": markdownArticle({ title: "No date" }),
        "notes.json": "{}",
        ".hidden.md": "ignored",
      },
      { withSeed: true },
    );
    const loaded = await loadArticles(dir, options);
    expect(loaded.articles.map((a) => a.title)).toEqual([
      "Newer",
      "Older",
      "Russia to continue backing Iraqi, Syrian governments: Lavrov",
    ]);
    expect(loaded.problems).toEqual([
      { file: "broken.md", message: expect.stringMatching(/front matter is not valid YAML/) },
      { file: "undated.md", message: "published: required" },
    ]);
  });

  it("reports a second article with the same id or slug instead of letting it replace the first", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "A", published: "2026-01-01T00:00:00Z", id: "urn:uuid:1" }),
      "b.md": markdownArticle({ title: "B", published: "2026-01-02T00:00:00Z", id: "urn:uuid:1" }),
      "c.md": markdownArticle({ title: "C", published: "2026-01-03T00:00:00Z", slug: "a" }),
    });
    const loaded = await loadArticles(dir, options);
    expect(loaded.articles.map((a) => a.title)).toEqual(["A"]);
    expect(loaded.problems).toEqual([
      { file: "b.md", message: 'id: "urn:uuid:1" is already used by a.md' },
      { file: "c.md", message: 'slug: "a" is already used by a.md' },
    ]);
  });

  it("orders articles published at the same moment by id, whatever the file names", async () => {
    const same = "2026-01-01T00:00:00Z";
    const dir = await makeArticlesDir({
      "z.md": markdownArticle({ title: "Z", published: same, id: "urn:x:1" }),
      "a.md": markdownArticle({ title: "A", published: same, id: "urn:x:2" }),
    });
    expect((await loadArticles(dir, options)).articles.map((a) => a.id)).toEqual([
      "urn:x:1",
      "urn:x:2",
    ]);
  });
});
