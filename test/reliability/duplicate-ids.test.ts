// A new file reusing an existing article's id: the article that held the id keeps it, whatever the
// order of the file names and across restarts (the holder is recorded in the article index); the
// newcomer is refused and reported in /healthz, the log and `wirefeed validate`.
import { mkdtemp, rm, unlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { validateStore } from "../../src/cli/validation.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const id = "tag:news.example.com,2026:held";
const fastWatch = { debounceMs: 10, retryDelaysMs: [20, 40], settleMs: 20 };

function story(title: string, day: number): string {
  return markdownArticle({
    id,
    title,
    published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z`,
  });
}

async function rssTitles(baseUrl: string): Promise<string[]> {
  return xmlTexts(await (await fetch(`${baseUrl}/rss.xml`)).text(), "//item/title");
}

async function problems(baseUrl: string): Promise<Array<{ file: string; message: string }>> {
  return (
    (await (await fetch(`${baseUrl}/healthz`)).json()) as {
      articleProblems: Array<{ file: string; message: string }>;
    }
  ).articleProblems;
}

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const refused = { file: "a-copy.md", message: `id: "${id}" is already used by m-original.md` };

describe("a newcomer reusing an article's id", () => {
  it("is refused while the original keeps the id, though its name sorts first, across restarts", async () => {
    const dir = await makeArticlesDir({ "m-original.md": story("Original", 1) });
    const state = await stateDir();
    const first = await startTestServer(dir, {
      watch: true,
      watchTiming: fastWatch,
      stateDir: state,
    });
    expect(await rssTitles(first.baseUrl)).toEqual(["Original"]);
    await writeFile(path.join(dir, "a-copy.md"), story("Copy", 2));
    expect(
      await pollUntil(
        () => problems(first.baseUrl),
        (listed) => listed.length === 1,
      ),
    ).toEqual([refused]);
    expect(await rssTitles(first.baseUrl)).toEqual(["Original"]);
    expect(first.logs).toContainEqual({
      level: "warn",
      message: "article skipped",
      fields: { file: refused.file, reason: refused.message },
    });
    first.service.close();

    // The original is now the newer file: only the record says who held the id.
    const later = new Date("2026-06-01T00:00:00Z");
    const earlier = new Date("2026-01-01T00:00:00Z");
    await utimes(path.join(dir, "m-original.md"), later, later);
    await utimes(path.join(dir, "a-copy.md"), earlier, earlier);
    const restarted = await startTestServer(dir, { stateDir: state });
    expect(await rssTitles(restarted.baseUrl)).toEqual(["Original"]);
    expect(await problems(restarted.baseUrl)).toEqual([refused]);

    const validated = await validateStore(
      { articlesDir: dir, siteUrl: testSiteUrl, site: testSite(), stateDir: state },
      dir,
    );
    expect(validated.problems).toEqual([{ location: refused.file, message: refused.message }]);
  });

  it("without a record, the file modified longest ago holds the id", async () => {
    const dir = await makeArticlesDir({
      "a-copy.md": story("Copy", 2),
      "m-original.md": story("Original", 1),
    });
    await utimes(path.join(dir, "m-original.md"), new Date("2026-01-01Z"), new Date("2026-01-01Z"));
    await utimes(path.join(dir, "a-copy.md"), new Date("2026-02-01Z"), new Date("2026-02-01Z"));
    const { baseUrl } = await startTestServer(dir);
    expect(await rssTitles(baseUrl)).toEqual(["Original"]);
    expect(await problems(baseUrl)).toEqual([refused]);
  });

  it("takes the id once the original is deleted (a rename in two steps)", async () => {
    const dir = await makeArticlesDir({ "m-original.md": story("Original", 1) });
    const { baseUrl } = await startTestServer(dir, {
      watch: true,
      watchTiming: fastWatch,
      stateDir: await stateDir(),
    });
    await writeFile(path.join(dir, "a-copy.md"), story("Copy", 2));
    await pollUntil(
      () => problems(baseUrl),
      (listed) => listed.length === 1,
    );
    await unlink(path.join(dir, "m-original.md"));
    await pollUntil(
      () => rssTitles(baseUrl),
      (titles) => titles.join() === "Copy",
    );
    expect(await problems(baseUrl)).toEqual([]);
  });
});
