// Writes are atomic: a writer killed at any moment leaves the old article or the new one.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { writeFileAtomic } from "../../src/articles/write.js";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";

describe("atomic article writes", () => {
  it("a writer killed mid-write leaves a readable store, three times over", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "Version 0", published: "2026-01-01T00:00:00Z" }),
    });
    for (let round = 0; round < 3; round++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "test/support/repeat-writer.ts", dir, "a.md"],
        {
          cwd: repoRoot,
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      // Wait for a first complete write, then kill the writer a little later, mid-way through a following one.
      await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 5 + round * 7));
      child.kill("SIGKILL");
      await once(child, "exit");

      const loaded = await loadArticles(dir, { idPrefix: "tag:x,2026:" });
      expect(loaded.problems).toEqual([]);
      expect(loaded.articles).toHaveLength(1);
      const title = loaded.articles[0]?.title ?? "";
      expect(title).toMatch(/^Version \d+$/);
      const text = await readFile(path.join(dir, "a.md"), "utf8");
      expect(text.endsWith(`${`Paragraph of version ${title.slice(8)}. `.repeat(10_000)}\n`)).toBe(
        true,
      );
    }
    // Whatever the kills left behind is hidden from the store.
    expect((await readdir(dir)).filter((name) => !name.startsWith("."))).toEqual(["a.md"]);
  });

  it("a failed write leaves the old file and no temporary file", async () => {
    const dir = await makeArticlesDir({ "a.md": "old" });
    await expect(writeFileAtomic(path.join(dir, "missing-folder"), "a.md", "new")).rejects.toThrow(
      /ENOENT/,
    );
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe("old");
    expect(await readdir(dir)).toEqual(["a.md"]);
  });
});
