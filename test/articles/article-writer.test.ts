// The article writer on real folders, without a server: the rules of a new article, and refusals
// that leave every file as it was (a hand-written draft, a FIFO, a file that appears meanwhile).
import { execFileSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ArticleWriter } from "../../src/articles/article-writer.js";
import { loadArticles } from "../../src/articles/load.js";
import { writeNewFileAtomic } from "../../src/articles/write.js";
import {
  ArticleConflictError,
  ArticleNotFoundError,
  InvalidArticleError,
} from "../../src/articles/write-errors.js";
import type { Article } from "../../src/model.js";
import { makeArticlesDir } from "../support/articles-dir.js";

const idPrefix = "tag:news.example.com,2026:article/";
const now = DateTime.fromISO("2026-03-01T10:00:00Z");

/** A writer over `dir` whose store is re-read from the folder after every write. */
async function writerFor(dir: string) {
  let articles: readonly Article[] = (await loadArticles(dir, { idPrefix })).articles;
  const refreshed: string[] = [];
  const writer = new ArticleWriter({
    dir,
    idPrefix,
    storedArticles: () => articles,
    refresh: async (names) => {
      refreshed.push(...names);
      articles = (await loadArticles(dir, { idPrefix })).articles;
    },
    now: () => now,
  });
  return { writer, refreshed };
}

async function folderState(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), "utf8")])),
  );
}

describe("the article writer", () => {
  it("names a new article after its title, gives it its permanent id and the current time", async () => {
    const dir = await makeArticlesDir({});
    const { writer, refreshed } = await writerFor(dir);
    const stored = await writer.create({ fields: { title: "Budget: what's new?" }, body: "Text." });
    expect(stored.article).toMatchObject({
      file: "budget-what-s-new.md",
      slug: "budget-what-s-new",
      id: `${idPrefix}budget-what-s-new`,
      title: "Budget: what's new?",
    });
    expect(stored.article.published.toMillis()).toBe(now.toMillis());
    expect(refreshed).toEqual(["budget-what-s-new.md"]);
    // A title without a letter or digit to spare still gets a plain file name.
    const bare = await writer.create({ fields: { title: "???" }, body: "Text." });
    expect(bare.article.file).toBe(`article-${now.toMillis().toString(36)}.md`);
  });

  it("refuses to replace a hand-written draft that does not parse, naming it, and leaves it", async () => {
    const dir = await makeArticlesDir({ "story.txt": "---\npublished: soon\n---\nStory\n" });
    const before = await folderState(dir);
    const { writer } = await writerFor(dir);
    const refused = writer.create(
      { fields: { published: "2026-03-01T00:00:00Z" }, body: "Story\nWritten by:\n\nText.\n" },
      { extension: ".txt", titleForSlug: "Story" },
    );
    await expect(refused).rejects.toBeInstanceOf(ArticleConflictError);
    await expect(refused).rejects.toMatchObject({
      message: "The file story.txt exists and cannot be read as an article; it was left as it is",
      problems: [expect.stringMatching(/^slug: "story" is the file story\.txt, which cannot be/)],
    });
    expect(await folderState(dir)).toEqual(before);
  });

  it("refuses a FIFO in the way without reading from it", async () => {
    const dir = await makeArticlesDir({});
    const { writer } = await writerFor(dir);
    // Made after the writer's store was read: reading it would wait for a writer forever.
    execFileSync("mkfifo", [path.join(dir, "piped.md")]);
    await expect(writer.create({ fields: { title: "Piped" }, body: "x" })).rejects.toMatchObject({
      problems: [
        'slug: "piped" is the file piped.md, which cannot be read: it is not a regular file',
      ],
    });
  });

  it("refuses what would not parse or render before anything is written", async () => {
    const dir = await makeArticlesDir({});
    const { writer } = await writerFor(dir);
    await expect(writer.create({ fields: { title: "" }, body: "x" })).rejects.toBeInstanceOf(
      InvalidArticleError,
    );
    await expect(
      writer.create({ fields: { title: "Deep" }, body: "> ".repeat(2_000) }),
    ).rejects.toMatchObject({
      problems: [
        "body: block quotes or lists nested more than 100 levels deep (body line 1); refused",
      ],
    });
    await expect(writer.remove("nobody")).rejects.toBeInstanceOf(ArticleNotFoundError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("never writes over a file that appears between its check and its write", async () => {
    const dir = await makeArticlesDir({ "late.md": "written by someone else\n" });
    await expect(writeNewFileAtomic(dir, "late.md", "mine\n")).rejects.toMatchObject({
      code: "EEXIST",
    });
    expect(await readdir(dir)).toEqual(["late.md"]);
    expect(await readFile(path.join(dir, "late.md"), "utf8")).toBe("written by someone else\n");
    await writeNewFileAtomic(dir, "new.md", "mine\n");
    expect(await readFile(path.join(dir, "new.md"), "utf8")).toBe("mine\n");
    expect((await readdir(dir)).sort()).toEqual(["late.md", "new.md"]);
  });

  it("runs writes one at a time: of two creations of one slug exactly one succeeds", async () => {
    const dir = await makeArticlesDir({});
    const { writer } = await writerFor(dir);
    const outcomes = await Promise.allSettled([
      writer.create({ fields: { title: "Twice" }, body: "one" }),
      writer.create({ fields: { title: "Twice" }, body: "two" }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await readdir(dir)).toEqual(["twice.md"]);
  });
});
