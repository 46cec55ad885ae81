// A large first reading parses its files on worker threads (threaded-read.ts, read-job.ts). What
// it gives must be what reading the files one by one gives, field by field: the articles, the
// problems and warnings, the ids and slugs each file holds, and what the index learns.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ArticleIndex, indexParserKey } from "../../src/articles/article-index.js";
import type { ReadProgress, Threading } from "../../src/articles/indexed-read.js";
import { ArticleStore } from "../../src/articles/store.js";
import type { Article, StoreProblem } from "../../src/model.js";
import { sharedWorkerPool } from "../../src/workers/worker-pool.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";

const idPrefix = "tag:news.example.com,2026:";
// Generous: this test is about what each file gives, not about time.
const render = { pool: sharedWorkerPool(), timeoutMs: 20_000 };

/** Every field a reader can see, the body and summary read through their getters, dates as ISO. */
function visible(article: Article): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({ ...article, bodyHtml: article.bodyHtml, summary: article.summary }),
  ) as Record<string, unknown>;
}

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Reading {
  articles: Record<string, unknown>[];
  problems: StoreProblem[];
  warnings: StoreProblem[];
  progress: ReadProgress | undefined;
  records: Array<[string, string]>;
}

/** Opens the store of `dir` through a new index in `stateDir`, reading as `threading` says. */
async function firstReading(dir: string, stateDir: string, threading: Threading): Promise<Reading> {
  const index = ArticleIndex.open(
    path.join(stateDir, "index.sqlite"),
    indexParserKey(idPrefix),
    () => {},
  );
  if (index === undefined) throw new Error("no index");
  try {
    let progress: ReadProgress | undefined;
    const store = await ArticleStore.open(
      dir,
      { idPrefix, render, maxArticleBytes: 20_000 },
      { index, onProgress: (seen) => (progress = seen), threading },
    );
    const view = store.view();
    const records: Array<[string, string]> = [];
    index.visitEntries((name, _identity, record) => records.push([name, record]));
    return {
      articles: view.articles.map(visible),
      problems: view.problems,
      warnings: view.warnings,
      progress,
      records: records.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  } finally {
    index.close();
  }
}

const corrected = markdownArticle(
  {
    title: "Budget: what changes",
    published: "2026-01-15T09:30:00+01:00",
    updated: "2026-01-16T10:00:00-05:00",
    author: ["Ana Ruiz", { name: "Bo Li", url: "https://example.org/bo" }],
    tags: ["Economy", "Politics"],
    corrections: [{ date: "2026-01-16T10:00:00-05:00", text: "The rate is 3 %, not 4 %." }],
    image: { url: "/media/budget.jpg", caption: "The minister" },
  },
  "The budget & the <em>minister</em>.\n\nA [link](/about).",
);

/** A folder with one file of every kind a reading meets. */
async function variedFolder(): Promise<string> {
  const dir = await makeArticlesDir(
    {
      "a-corrected.md": corrected,
      "b-own-summary.md": markdownArticle(
        { title: "B", published: "2026-02-01T00:00:00Z", summary: "Its own summary.", slug: "b" },
        "First paragraph.",
      ),
      "c-picture-first.md": markdownArticle(
        { title: "C", published: "2026-02-02T08:00:00.250+05:45" },
        "![A crowd](https://cdn.example.com/c.jpg)\n\n*Photo: Reuters*\n\nThe story itself, *at last*.",
      ),
      "d-same-id.md": markdownArticle({
        title: "D",
        published: "2026-02-03T00:00:00Z",
        id: "tag:news.example.com,2026:a-corrected",
      }),
      "e-same-slug.md": markdownArticle({
        title: "E",
        published: "2026-02-04T00:00:00Z",
        slug: "b",
      }),
      "f-tags.md": markdownArticle({
        title: "F",
        published: "2026-02-05T00:00:00Z",
        tags: [" Sport ", "sport", "", "Culture"],
        language: "not a language!",
        flavour: "unknown key",
      }),
      "h-bad-yaml.md": "---\ntitle: [unclosed\npublished: 2026-01-01T00:00:00Z\n---\nBody.\n",
      "i-no-title.md": markdownArticle({ published: "2026-02-06T00:00:00Z" }),
      "j-updated-before.md": markdownArticle({
        title: "J",
        published: "2026-02-07T00:00:00Z",
        updated: "2026-02-06T00:00:00Z",
      }),
      "k-episode.md": markdownArticle({
        title: "K",
        published: "2026-02-08T00:00:00Z",
        enclosure: { url: "https://cdn.example.com/k.mp3", type: "audio/mpeg", length: 1234 },
        episode: 3,
        transcript: { url: "/k.vtt", type: "text/vtt" },
      }),
      "l-media-file.md": markdownArticle({
        title: "L",
        published: "2026-02-09T00:00:00Z",
        enclosure: { file: "l.mp3" },
      }),
      "m-image-file.md": markdownArticle({
        title: "M",
        published: "2026-02-10T00:00:00Z",
        image: "m.jpg",
      }),
      "n-scraped.txt":
        '---\npublished: "2026-02-10T12:00:00Z"\n---\nRates held\nWritten by: Ana Ruiz\n\nThe governor, at the lectern\nThe bank held its rate.\n\nMarkets rose.\n',
      "o-retracted.md": markdownArticle({
        title: "O",
        published: "2026-02-11T00:00:00Z",
        retracted: { reason: "Wrong figures.", date: "2026-02-12T00:00:00Z" },
      }),
      "p-members.md": markdownArticle({
        title: "P",
        published: "2026-02-13T00:00:00Z",
        access: "members",
        summary: "For members.",
        expires: "2027-01-01T00:00:00Z",
      }),
      "q-too-deep.md": markdownArticle(
        { title: "Q", published: "2026-02-14T00:00:00Z" },
        `${"> ".repeat(150)}deep`,
      ),
      "t-hostile-html.md": markdownArticle(
        { title: "T <b>bold</b>", published: "2026-02-15T00:00:00Z" },
        "<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n&#1;Text&#13;",
      ),
      "u-too-large.md": markdownArticle(
        { title: "U", published: "2026-02-16T00:00:00Z" },
        "words ".repeat(5_000),
      ),
      "v-date-only.md": markdownArticle({ title: "V", published: "2026-02-17" }),
    },
    { withSeed: true },
  );
  await writeFile(
    path.join(dir, "g-not-utf8.md"),
    Buffer.concat([
      Buffer.from(markdownArticle({ title: "G", published: "2026-02-18T00:00:00Z" }, "Caf")),
      Buffer.from([0xe9, 0x0a]),
    ]),
  );
  await mkdir(path.join(dir, "r-folder.md"));
  await symlink(path.join(dir, "b-own-summary.md"), path.join(dir, "s-link.md"));
  return dir;
}

describe("a first reading on worker threads", () => {
  it("gives every file what reading it alone gives, and the index learns the same", async () => {
    const dir = await variedFolder();
    const alone = await firstReading(dir, await makeStateDir(), { from: Number.POSITIVE_INFINITY });
    const threaded = await firstReading(dir, await makeStateDir(), { from: 0, threads: 2 });

    expect(alone.progress?.threads).toBeUndefined();
    // 23 files are one batch: one thread reads them.
    expect(threaded.progress).toEqual({
      done: 23,
      total: 23,
      fromIndex: 0,
      parsed: 23,
      threads: 1,
    });
    expect(threaded.articles).toEqual(alone.articles);
    expect(threaded.problems).toEqual(alone.problems);
    expect(threaded.warnings).toEqual(alone.warnings);
    expect(threaded.records).toEqual(alone.records);

    // The folder has every case: problems, refusals, warnings, claims refused, episodes, images.
    const problemFiles = threaded.problems.map((problem) => problem.file);
    for (const file of [
      "d-same-id.md",
      "e-same-slug.md",
      "h-bad-yaml.md",
      "i-no-title.md",
      "j-updated-before.md",
      "l-media-file.md",
      "q-too-deep.md",
      "r-folder.md",
      "s-link.md",
      "u-too-large.md",
    ])
      expect(problemFiles).toContain(file);
    const warned = new Set(threaded.warnings.map((warning) => warning.file));
    expect([...warned].sort()).toEqual(["f-tags.md", "g-not-utf8.md", "m-image-file.md"]);
    const titles = threaded.articles.map((article) => article.title);
    expect(titles).toContain("K");
    expect(titles).toContain("Rates held");
    expect(threaded.articles.find((article) => article.title === "C")?.summary).toBe(
      "The story itself, at last.",
    );
  });

  it("leaves a restart nothing to parse but the files the index cannot keep", async () => {
    const dir = await variedFolder();
    const stateDir = await makeStateDir();
    const first = await firstReading(dir, stateDir, { from: 0, threads: 2 });
    const restart = await firstReading(dir, stateDir, { from: 0, threads: 2 });
    // Problems are read again, and so are the files naming a file of another folder.
    expect(restart.progress?.fromIndex).toBe(first.records.length);
    expect(restart.progress?.parsed).toBe(23 - first.records.length);
    expect(restart.articles).toEqual(first.articles);
    expect(restart.problems).toEqual(first.problems);
  });
});
