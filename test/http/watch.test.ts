// The articles folder is watched: changes reach every feed without a restart.
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { xmlTexts } from "../support/xml.js";

async function titles(baseUrl: string) {
  const [rss, atom, json] = await Promise.all([
    fetch(`${baseUrl}/rss.xml`).then((r) => r.text()),
    fetch(`${baseUrl}/atom.xml`).then((r) => r.text()),
    fetch(`${baseUrl}/feed.json`).then(
      (r) => r.json() as Promise<{ items: Array<{ title: string }> }>,
    ),
  ]);
  return {
    rss: xmlTexts(rss, "/rss/channel/item/title"),
    atom: xmlTexts(atom, "/atom:feed/atom:entry/atom:title"),
    json: json.items.map((item) => item.title),
  };
}

const allEqual =
  (expected: string[]) => (seen: { rss: string[]; atom: string[]; json: string[] }) =>
    [seen.rss, seen.atom, seen.json].every(
      (list) => JSON.stringify(list) === JSON.stringify(expected),
    );

describe("watching the articles folder", () => {
  it("publishes an added, an edited and a deleted article in all three feeds", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "A", published: "2026-01-01T00:00:00Z" }),
    });
    const { baseUrl } = await startTestServer(dir, { watch: true });
    const before = await fetch(`${baseUrl}/rss.xml`);

    await writeFile(
      path.join(dir, "b.md"),
      markdownArticle({ title: "B", published: "2026-01-02T00:00:00Z" }),
    );
    await pollUntil(() => titles(baseUrl), allEqual(["B", "A"]));
    const after = await fetch(`${baseUrl}/rss.xml`);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await fetch(`${baseUrl}/articles/b`)).status).toBe(200);

    await writeFile(
      path.join(dir, "a.md"),
      markdownArticle({ title: "A, revised", published: "2026-01-01T00:00:00Z" }),
    );
    await pollUntil(() => titles(baseUrl), allEqual(["B", "A, revised"]));

    await rm(path.join(dir, "b.md"));
    await pollUntil(() => titles(baseUrl), allEqual(["A, revised"]));
    expect((await fetch(`${baseUrl}/articles/b`)).status).toBe(410); // gone, with a notice
  });

  it("publishes a file written elsewhere and renamed into the folder", async () => {
    const dir = await makeArticlesDir({});
    const { baseUrl } = await startTestServer(dir, { watch: true });
    const outside = await makeArticlesDir({
      "c.md": markdownArticle({ title: "C", published: "2026-01-03T00:00:00Z" }),
    });
    await rename(path.join(outside, "c.md"), path.join(dir, "c.md"));
    await pollUntil(() => titles(baseUrl), allEqual(["C"]));
  });

  it("retries a file caught half-written and publishes it once complete, reporting nothing", async () => {
    const dir = await makeArticlesDir({});
    const { baseUrl, logs } = await startTestServer(dir, { watch: true });
    const full = markdownArticle({ title: "Whole", published: "2026-01-04T00:00:00Z" });
    await writeFile(path.join(dir, "w.md"), full.slice(0, 12));
    await new Promise((resolve) => setTimeout(resolve, 60));
    await writeFile(path.join(dir, "w.md"), full);
    await pollUntil(() => titles(baseUrl), allEqual(["Whole"]));
    expect(logs.filter((entry) => entry.message === "article skipped")).toEqual([]);
  });

  it("keeps the last good version of a file edited into a syntax error, and reports the error", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "Good", published: "2026-01-01T00:00:00Z" }),
    });
    const { baseUrl, logs } = await startTestServer(dir, { watch: true });
    await writeFile(path.join(dir, "a.md"), "---\ntitle: [broken\n---\n");
    const health = await pollUntil(
      () =>
        fetch(`${baseUrl}/healthz`).then(
          (r) => r.json() as Promise<{ articleProblems: Array<{ file: string; message: string }> }>,
        ),
      (body) => body.articleProblems.length > 0,
    );
    expect(health.articleProblems).toEqual([
      {
        file: "a.md",
        message: expect.stringMatching(
          /front matter is not valid YAML.*the last good version stays published/,
        ),
      },
    ]);
    expect(await titles(baseUrl)).toEqual({ rss: ["Good"], atom: ["Good"], json: ["Good"] });
    await pollUntil(
      async () =>
        logs
          .filter((entry) => entry.message === "article skipped")
          .map((entry) => entry.fields.file),
      (files) => files.includes("a.md"),
    );
  });
});
