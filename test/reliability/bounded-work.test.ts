// Bodies and media files that would keep a parser busy for minutes or overflow its stack, dropped
// into a running server's folders: rendering and probing run on a worker thread within their
// bounds, so /rss.xml keeps answering within a second while they run; the file is refused alone,
// named in /healthz; the thread that ran past its time is replaced; the store goes on publishing;
// and a restart with the file present starts.
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedWorkerPool } from "../../src/workers/worker-pool.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { testPodcastSite } from "../support/podcast-site.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";
import { health, rssTitles, slowestRssAnswer, titlesInEveryFormat } from "./served-checks.js";

const fastWatch = { debounceMs: 10, retryDelaysMs: [20, 40] };

function story(title: string, day: number, body = "Body text.", extra = {}): string {
  return markdownArticle(
    { title, published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z`, ...extra },
    body,
  );
}

/**
 * Waits until `file` is reported in /healthz, then shows that the store goes on: an article "C"
 * written next (published on `day`) reaches /rss.xml.
 */
async function reportedAndStillPublishing(
  baseUrl: string,
  dir: string,
  file: string,
  day: number,
): Promise<void> {
  await pollUntil(
    () => health(baseUrl),
    (report) => report.articleProblems.some((problem) => problem.file === file),
    30_000,
  );
  await writeFile(path.join(dir, "c.md"), story("C", day));
  await pollUntil(
    () => rssTitles(baseUrl),
    (titles) => titles.includes("C"),
    10_000,
  );
}

/** `_a` 50,000 times: 100 KB that Markdown renders in quadratic time (25 s here unbounded). */
const quadraticBody = "_a".repeat(50_000);

const tooDeep = (line: number) =>
  `body: block quotes or lists nested more than 100 levels deep (body line ${line}); refused`;

describe("a body that renders past RENDER_TIMEOUT_MS", () => {
  it("added while serving is refused alone; /rss.xml answers within a second throughout", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const { baseUrl } = await startTestServer(dir, {
      watch: true,
      watchTiming: fastWatch,
      workBounds: { renderTimeoutMs: 2_000 },
    });
    const pool = sharedWorkerPool();
    const threadsBefore = pool.threadsStarted;
    const refusal = "body: not rendered within 2,000 ms (RENDER_TIMEOUT_MS); refused";
    const slowest = await slowestRssAnswer(baseUrl, async () => {
      await writeFile(path.join(dir, "slow.md"), story("Slow", 3, quadraticBody));
      await reportedAndStillPublishing(baseUrl, dir, "slow.md", 4);
    });
    expect(slowest).toBeLessThan(1000);
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "slow.md", message: refusal },
    ]);
    expect(await titlesInEveryFormat(baseUrl)).toEqual([
      ["C", "B", "A"],
      ["C", "B", "A"],
      ["C", "B", "A"],
    ]);
    // Every try of the file (the watcher tries a failing file three times) stopped its thread.
    expect(pool.threadsStarted).toBeGreaterThan(threadsBefore);
  }, 60_000);

  it("present at start is refused alone; the server starts, twice", async () => {
    const dir = await makeArticlesDir({
      "a.md": story("A", 1),
      "slow.md": story("Slow", 2, quadraticBody),
    });
    for (let start = 0; start < 2; start++) {
      const { baseUrl } = await startTestServer(dir, { workBounds: { renderTimeoutMs: 300 } });
      expect(await health(baseUrl)).toMatchObject({
        status: "degraded",
        articles: 1,
        articleProblems: [
          {
            file: "slow.md",
            message: "body: not rendered within 300 ms (RENDER_TIMEOUT_MS); refused",
          },
        ],
      });
      expect(await titlesInEveryFormat(baseUrl)).toEqual([["A"], ["A"], ["A"]]);
    }
  }, 30_000);
});

describe("a body nested past 100 levels", () => {
  const bodies: Array<[string, string, number]> = [
    ["2,000 × `> `", "> ".repeat(2_000), 1],
    ["2,000 × `1. `", "1. ".repeat(2_000), 1],
    [
      "2,000 lines each one `>` deeper",
      Array.from({ length: 2_000 }, (_, i) => `${">".repeat(i + 1)} x`).join("\n"),
      101,
    ],
    [
      "a list nested 500 levels by indentation",
      Array.from({ length: 500 }, (_, i) => `${" ".repeat(2 * i)}- x`).join("\n"),
      101,
    ],
  ];

  it.each(bodies)("(%s) is refused alone, at once; a restart starts", async (_kind, body, line) => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    const { baseUrl } = await startTestServer(dir, { watch: true, watchTiming: fastWatch });
    const slowest = await slowestRssAnswer(baseUrl, async () => {
      await writeFile(path.join(dir, "deep.md"), story("Deep", 2, body));
      await pollUntil(
        () => health(baseUrl),
        (report) => report.articleProblems.some((problem) => problem.file === "deep.md"),
      );
    });
    expect(slowest).toBeLessThan(1000);
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "deep.md", message: tooDeep(line) },
    ]);
    const restarted = await startTestServer(dir);
    expect((await health(restarted.baseUrl)).articleProblems).toEqual([
      { file: "deep.md", message: tooDeep(line) },
    ]);
    expect(await titlesInEveryFormat(restarted.baseUrl)).toEqual([["A"], ["A"], ["A"]]);
  });
});

/**
 * Not an MP3 at all: 250,000 copies of the four bytes FF FB 00 00 (an MPEG frame sync with a
 * bit rate and sampling rate that cannot be), named .mp3. music-metadata spends about 150 µs on
 * each: some 40 s for this megabyte.
 */
function bogusMp3(): Buffer {
  return Buffer.alloc(1_000_000, Buffer.from([0xff, 0xfb, 0x00, 0x00]));
}

describe("a media file whose probe runs past MEDIA_PROBE_TIMEOUT_MS", () => {
  const refusal =
    "enclosure.file: bogus.mp3: its playing time could not be read within 500 ms (MEDIA_PROBE_TIMEOUT_MS); refused";

  it("refuses its episode alone; other episodes and articles publish; the store keeps going", async () => {
    const mediaDir = await makeMediaDir({ "ep.wav": wavBytes({ seconds: 1 }) });
    const dir = await makeArticlesDir({
      "a.md": story("A", 1, "Body.", { enclosure: { file: "ep.wav" } }),
    });
    const { baseUrl } = await startTestServer(dir, {
      site: testPodcastSite(),
      mediaDir,
      watch: true,
      watchTiming: fastWatch,
      workBounds: { probeTimeoutMs: 500 },
    });
    const slowest = await slowestRssAnswer(baseUrl, async () => {
      await writeFile(path.join(mediaDir, "bogus.mp3"), bogusMp3());
      await writeFile(
        path.join(dir, "bogus.md"),
        story("Bogus", 2, "Body.", { enclosure: { file: "bogus.mp3" } }),
      );
      await reportedAndStillPublishing(baseUrl, dir, "bogus.md", 3);
    });
    expect(slowest).toBeLessThan(1000);
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "bogus.md", message: refusal },
    ]);
    const podcast = await (await fetch(`${baseUrl}/podcast.xml`)).text();
    expect(xmlTexts(podcast, "//item/title")).toEqual(["A"]);
    expect(await rssTitles(baseUrl)).toEqual(["C", "A"]);
    expect((await fetch(`${baseUrl}/media/0000000000000000/bogus.mp3`)).status).toBe(404);
  }, 60_000);

  it("refuses an API write naming it with 422, writing nothing; a restart starts", async () => {
    const mediaDir = await makeMediaDir({ "bogus.mp3": bogusMp3() });
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    const token = "test-token-0123456789abcdef0123";
    const { baseUrl } = await startTestServer(dir, {
      site: testPodcastSite(),
      mediaDir,
      apiToken: token,
      workBounds: { probeTimeoutMs: 500 },
    });
    const response = await fetch(`${baseUrl}/api/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        title: "Bogus",
        published: "2026-01-02T00:00:00Z",
        enclosure: { file: "bogus.mp3" },
        body: "Body.",
      }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: string[] }).problems).toEqual([
      "enclosure.file: bogus.mp3: its playing time could not be read within 500 ms (MEDIA_PROBE_TIMEOUT_MS); refused",
    ]);
    expect(await readdir(dir)).toEqual(["a.md"]);
    await writeFile(
      path.join(dir, "bogus.md"),
      story("Bogus", 2, "Body.", { enclosure: { file: "bogus.mp3" } }),
    );
    const restarted = await startTestServer(dir, {
      site: testPodcastSite(),
      mediaDir,
      workBounds: { probeTimeoutMs: 500 },
    });
    expect((await health(restarted.baseUrl)).articleProblems).toEqual([
      { file: "bogus.md", message: refusal },
    ]);
    expect(await rssTitles(restarted.baseUrl)).toEqual(["A"]);
  }, 30_000);
});
