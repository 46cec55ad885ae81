// The store re-reads files as the folder changes. A re-read that gives the same article keeps the
// very Article object, so no rendition is rebuilt and no hub is told; any real change is a change.
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleStore } from "../../src/articles/store.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";

const options = { idPrefix: "tag:news.example.com,2026:article/", media: "unread" as const };
const story = (body: string) =>
  markdownArticle({ title: "Story", published: "2026-03-01T08:00:00Z", tags: ["World"] }, body);

async function openStore(files: Record<string, string>) {
  const dir = await makeArticlesDir(files);
  return { dir, store: await ArticleStore.open(dir, options) };
}

describe("re-reading a file", () => {
  it("whose bytes did not change changes nothing and keeps the Article object", async () => {
    const { dir, store } = await openStore({ "a.md": story("The *same* text.") });
    const [before] = store.view().articles;
    const view = store.view();
    // Written again with the same bytes, as an editor saving without a change does.
    await writeFile(path.join(dir, "a.md"), story("The *same* text."));
    expect(await store.reread(["a.md"])).toEqual({
      changed: false,
      failed: [],
      warnings: [],
      delta: { removed: [], added: [] },
    });
    expect(store.view()).toBe(view);
    expect(store.view().articles[0]).toBe(before);
    expect(await store.rereadAll()).toEqual({
      changed: false,
      failed: [],
      warnings: [],
      delta: { removed: [], added: [] },
    });
    expect(store.view().articles[0]).toBe(before);
  });

  it("whose body changed, even by one character without a new date, is a change", async () => {
    const { dir, store } = await openStore({ "a.md": story("A typo hree.") });
    const [before] = store.view().articles;
    await writeFile(path.join(dir, "a.md"), story("A typo here."));
    const outcome = await store.reread(["a.md"]);
    expect(outcome).toMatchObject({ changed: true, failed: [], warnings: [] });
    const [after] = store.view().articles;
    // An edit is the old article leaving and the new one coming.
    expect(outcome.delta.removed).toEqual([before]);
    expect(outcome.delta.added).toEqual([after]);
    expect(outcome.delta.added[0]).toBe(after);
    expect(after).not.toBe(before);
    expect(after?.bodyHtml).toContain("A typo here.");
  });

  it("whose front matter changed only in a tag is a change", async () => {
    const { dir, store } = await openStore({ "a.md": story("Text.") });
    await writeFile(
      path.join(dir, "a.md"),
      markdownArticle(
        { title: "Story", published: "2026-03-01T08:00:00Z", tags: ["Europe"] },
        "Text.",
      ),
    );
    expect((await store.reread(["a.md"])).changed).toBe(true);
    expect(store.view().articles[0]?.tags).toEqual(["Europe"]);
  });

  it("fixed back to its last good version clears the problem and keeps the Article object", async () => {
    const { dir, store } = await openStore({ "a.md": story("Text.") });
    const [before] = store.view().articles;
    await writeFile(path.join(dir, "a.md"), "---\ntitle: [unclosed\n---\nText.\n");
    expect(await store.reread(["a.md"])).toEqual({
      changed: true,
      failed: ["a.md"],
      warnings: [],
      delta: { removed: [], added: [] },
    });
    expect(store.view().problems).toHaveLength(1);
    await writeFile(path.join(dir, "a.md"), story("Text."));
    expect(await store.reread(["a.md"])).toEqual({
      changed: true,
      failed: [],
      warnings: [],
      delta: { removed: [], added: [] },
    });
    expect(store.view().problems).toEqual([]);
    expect(store.view().articles[0]).toBe(before);
  });
});

describe("what a re-read tells of the articles in service", () => {
  const dated = (published: string, meta: Record<string, unknown> = {}) =>
    markdownArticle({ title: `Story of ${published}`, published, ...meta }, "Text.");

  it("names the article added and the one removed, and the view stays newest first", async () => {
    const { dir, store } = await openStore({
      "a.md": dated("2026-03-01T08:00:00Z"),
      "c.md": dated("2026-03-03T08:00:00Z"),
    });
    const [newest, oldest] = store.view().articles;
    await writeFile(path.join(dir, "b.md"), dated("2026-03-02T08:00:00Z"));
    const added = await store.reread(["b.md"]);
    expect(added.delta.removed).toEqual([]);
    expect(added.delta.added.map((article) => article.file)).toEqual(["b.md"]);
    expect(store.view().articles.map((article) => article.file)).toEqual(["c.md", "b.md", "a.md"]);
    await rm(path.join(dir, "c.md"));
    const removed = await store.reread(["c.md"]);
    expect(removed.delta).toEqual({ removed: [newest], added: [] });
    expect(store.view().articles).toEqual([added.delta.added[0], oldest]);
  });

  it("names the claimant that takes an id over when its holder's file goes", async () => {
    const { dir, store } = await openStore({
      "a.md": dated("2026-03-01T08:00:00Z", { id: "tag:news.example.com,2026:same" }),
      "b.md": dated("2026-03-02T08:00:00Z", { id: "tag:news.example.com,2026:same" }),
    });
    const [holder] = store.view().articles;
    expect(store.view().articles).toHaveLength(1);
    expect(store.view().problems).toHaveLength(1);
    const refused = holder?.file === "a.md" ? "b.md" : "a.md";
    await rm(path.join(dir, holder?.file as string));
    const outcome = await store.reread([holder?.file as string]);
    expect(outcome.delta.removed).toEqual([holder]);
    expect(outcome.delta.added.map((article) => article.file)).toEqual([refused]);
    expect(store.view().articles).toEqual(outcome.delta.added);
    expect(store.view().problems).toEqual([]);
  });

  it("keeps the warnings of the articles in service in file-name order", async () => {
    const faulty = (published: string) =>
      markdownArticle({ title: "Faulty", published, slug: "", source: "not-a-url" }, "Text.");
    const { dir, store } = await openStore({ "b.md": faulty("2026-03-01T08:00:00Z") });
    await writeFile(path.join(dir, "a.md"), faulty("2026-03-02T08:00:00Z"));
    await store.reread(["a.md"]);
    const files = store.view().warnings.map((warning) => warning.file);
    expect(files.length).toBeGreaterThan(0);
    expect(files).toEqual([...files].sort());
    expect(new Set(files)).toEqual(new Set(["a.md", "b.md"]));
  });
});
