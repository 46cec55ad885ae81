// The articles folder itself replaced under a running server: deleted and made again, or a
// symbolic link to a release swapped for one to another. The new folder is noticed, read and
// watched; while there is no folder, /healthz is degraded and says why.
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { xmlTexts } from "../support/xml.js";

const watchTiming = { debounceMs: 10, retryDelaysMs: [20, 40], settleMs: 20, folderCheckMs: 50 };

function story(title: string, day: number): string {
  return markdownArticle({ title, published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z` });
}

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-swap-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function writeFolder(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
}

async function rssTitles(baseUrl: string): Promise<string[]> {
  return xmlTexts(await (await fetch(`${baseUrl}/rss.xml`)).text(), "//item/title");
}

interface Health {
  status: string;
  reasons: string[];
}

async function health(baseUrl: string): Promise<Health> {
  return (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
}

describe("the articles folder replaced", () => {
  it("deleted: /healthz degraded and why; made again: read and watched", async () => {
    const root = await scratch();
    const dir = path.join(root, "articles");
    await writeFolder(dir, { "a.md": story("A", 1) });
    const { baseUrl, logs } = await startTestServer(dir, { watch: true, watchTiming });
    expect(await rssTitles(baseUrl)).toEqual(["A"]);
    await rm(dir, { recursive: true });
    const gone = await pollUntil(
      () => health(baseUrl),
      (report) => report.status === "degraded",
    );
    expect(gone.reasons).toEqual([
      `the articles folder (ARTICLES_DIR ${dir}) is gone; the articles last read stay published`,
    ]);
    expect(logs).toContainEqual({
      level: "warn",
      message: "publishing is degraded",
      fields: { cause: gone.reasons[0] },
    });
    await writeFolder(dir, { "b.md": story("B", 2), "c.md": story("C", 3) });
    await pollUntil(
      () => rssTitles(baseUrl),
      (titles) => titles.join() === "C,B",
    );
    expect((await health(baseUrl)).status).toBe("ok");
    // The new folder is watched: a file added to it is published.
    await writeFile(path.join(dir, "d.md"), story("D", 4));
    await pollUntil(
      () => rssTitles(baseUrl),
      (titles) => titles.join() === "D,C,B",
    );
  });

  it("a release link swapped: the new release is read and watched", async () => {
    const root = await scratch();
    await writeFolder(path.join(root, "releases/v1"), { "a.md": story("A", 1) });
    await writeFolder(path.join(root, "releases/v2"), {
      "a.md": story("A2", 1),
      "b.md": story("B", 2),
    });
    const current = path.join(root, "current");
    await symlink("releases/v1", current);
    const { baseUrl } = await startTestServer(current, { watch: true, watchTiming });
    expect(await rssTitles(baseUrl)).toEqual(["A"]);
    // Swapped as deploy tools do it: a new link renamed over the old one, in one step.
    await symlink("releases/v2", `${current}.next`);
    await rename(`${current}.next`, current);
    await pollUntil(
      () => rssTitles(baseUrl),
      (titles) => titles.join() === "B,A2",
    );
    await writeFile(path.join(root, "releases/v2/c.md"), story("C", 3));
    await pollUntil(
      () => rssTitles(baseUrl),
      (titles) => titles.join() === "C,B,A2",
    );
    // A file written into the old release is not published.
    await writeFile(path.join(root, "releases/v1/old.md"), story("Old", 9));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await rssTitles(baseUrl)).toEqual(["C", "B", "A2"]);
    expect((await health(baseUrl)).status).toBe("ok");
  });
});
