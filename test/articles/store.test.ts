// The store re-reads files as the folder changes. A re-read that gives the same article keeps the
// very Article object, so no rendition is rebuilt and no hub is told; any real change is a change.
import { writeFile } from "node:fs/promises";
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
    expect(await store.reread(["a.md"])).toEqual({ changed: false, failed: [], warnings: [] });
    expect(store.view()).toBe(view);
    expect(store.view().articles[0]).toBe(before);
    expect(await store.rereadAll()).toEqual({ changed: false, failed: [], warnings: [] });
    expect(store.view().articles[0]).toBe(before);
  });

  it("whose body changed, even by one character without a new date, is a change", async () => {
    const { dir, store } = await openStore({ "a.md": story("A typo hree.") });
    const [before] = store.view().articles;
    await writeFile(path.join(dir, "a.md"), story("A typo here."));
    expect(await store.reread(["a.md"])).toEqual({ changed: true, failed: [], warnings: [] });
    const [after] = store.view().articles;
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
    expect(await store.reread(["a.md"])).toEqual({ changed: true, failed: ["a.md"], warnings: [] });
    expect(store.view().problems).toHaveLength(1);
    await writeFile(path.join(dir, "a.md"), story("Text."));
    expect(await store.reread(["a.md"])).toEqual({ changed: true, failed: [], warnings: [] });
    expect(store.view().problems).toEqual([]);
    expect(store.view().articles[0]).toBe(before);
  });
});
