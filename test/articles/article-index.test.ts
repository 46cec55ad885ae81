// The article index in STATE_DIR: a restart reads only the files that changed, the articles it
// gives are those the files give, and the index is never needed: deleted, corrupt or made for
// other settings, it is built again from the files.
import { readdirSync, statSync, utimesSync } from "node:fs";
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DateTime } from "luxon";
import { describe, expect, it, onTestFinished } from "vitest";
import { ArticleIndex, indexParserKey } from "../../src/articles/article-index.js";
import type { ReadProgress } from "../../src/articles/indexed-read.js";
import { loadArticles } from "../../src/articles/load.js";
import { StoredHolderRecord } from "../../src/articles/name-holders.js";
import { ArticleStore } from "../../src/articles/store.js";
import type { Article } from "../../src/model.js";
import { openService } from "../../src/service.js";
import { siteStateFile } from "../../src/state/state-files.js";
import { articlePath } from "../../src/urls.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { recordingLogger } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";

const idPrefix = "tag:news.example.com,2026:";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Opened {
  articles: readonly Article[];
  problems: readonly { file: string; message: string }[];
  progress: ReadProgress;
  warnings: string[];
}

/** Opens the store through the index at `file` (closed again before returning). */
async function openIndexed(
  dir: string,
  file: string,
  prefix = idPrefix,
  bodyCacheBytes?: number,
): Promise<Opened> {
  const warnings: string[] = [];
  const index = ArticleIndex.open(file, indexParserKey(prefix), (message) =>
    warnings.push(message),
  );
  if (index === undefined) throw new Error("no index");
  let progress: ReadProgress | undefined;
  try {
    const store = await ArticleStore.open(
      dir,
      { idPrefix: prefix, ...(bodyCacheBytes === undefined ? {} : { bodyCacheBytes }) },
      { index, onProgress: (seen) => (progress = seen) },
    );
    const { articles, problems } = store.view();
    if (progress === undefined) throw new Error("no progress reported");
    return { articles, problems, progress, warnings };
  } finally {
    index.close();
  }
}

/** Every field a reader can see, the body and summary read through their getters, dates as ISO. */
function visible(article: Article): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({ ...article, bodyHtml: article.bodyHtml, summary: article.summary }),
  ) as Record<string, unknown>;
}

async function parsedFromFiles(dir: string, prefix = idPrefix) {
  return (await loadArticles(dir, { idPrefix: prefix })).articles.map(visible);
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

describe("the article index", () => {
  it("lets a restart take unchanged files from it and read only those that changed", async () => {
    const dir = await makeArticlesDir(
      {
        "a.md": corrected,
        "b.md": markdownArticle({ title: "B", published: "2026-02-01T00:00:00Z" }),
        "c.md": markdownArticle(
          { title: "C", published: "2026-02-02T00:00:00Z", summary: "Its own summary." },
          "First paragraph.",
        ),
      },
      { withSeed: true },
    );
    const file = path.join(await makeStateDir(), "index.sqlite");
    const first = await openIndexed(dir, file);
    expect(first.progress).toEqual({ done: 4, total: 4, fromIndex: 0, parsed: 4 });
    expect(first.articles.map(visible)).toEqual(await parsedFromFiles(dir));

    await writeFile(
      path.join(dir, "a.md"),
      corrected.replace("Budget: what changes", "Budget: what changed"),
    );
    await unlink(path.join(dir, "b.md"));
    await writeFile(
      path.join(dir, "d.md"),
      markdownArticle({ title: "D", published: "2026-03-01T00:00:00Z" }),
    );
    const restart = await openIndexed(dir, file);
    expect(restart.progress).toEqual({ done: 4, total: 4, fromIndex: 2, parsed: 2 });
    const fromFiles = await parsedFromFiles(dir);
    expect(restart.articles.map(visible)).toEqual(fromFiles);
    expect(fromFiles.map((article) => article.title)).toEqual([
      "D",
      "C",
      "Budget: what changed",
      "Russia to continue backing Iraqi, Syrian governments: Lavrov",
    ]);
    // The seed keeps no author; a correction keeps its date and offset.
    const seed = restart.articles.find((article) => article.file.startsWith("000_"));
    expect(seed?.authors).toEqual([]);
    const budget = restart.articles.find((article) => article.file === "a.md");
    expect(budget?.corrections?.[0]?.date.toISO()).toBe("2026-01-16T10:00:00.000-05:00");
    expect(budget?.published.toISO()).toBe("2026-01-15T09:30:00.000+01:00");

    const again = await openIndexed(dir, file);
    expect(again.progress).toEqual({ done: 4, total: 4, fromIndex: 4, parsed: 0 });
  });

  it("reads a file again that was rewritten to the same size with its modification time set back", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "AAAA", published: "2026-02-01T00:00:00Z" }),
    });
    const file = path.join(await makeStateDir(), "index.sqlite");
    // A whole second, which utimes sets exactly.
    const when = new Date("2026-02-01T00:00:00Z");
    utimesSync(path.join(dir, "a.md"), when, when);
    await openIndexed(dir, file);
    const before = statSync(path.join(dir, "a.md"), { bigint: true });
    await writeFile(
      path.join(dir, "a.md"),
      markdownArticle({ title: "BBBB", published: "2026-02-01T00:00:00Z" }),
    );
    utimesSync(path.join(dir, "a.md"), when, when);
    const after = statSync(path.join(dir, "a.md"), { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const restart = await openIndexed(dir, file);
    expect(restart.progress.parsed).toBe(1);
    expect(restart.articles[0]?.title).toBe("BBBB");
  });

  it("gives every entry once, however many pages of rows it holds", async () => {
    const file = path.join(await makeStateDir(), "index.sqlite");
    const index = ArticleIndex.open(file, indexParserKey(idPrefix), () => {});
    if (index === undefined) throw new Error("no index");
    try {
      index.batch(() => {
        for (let n = 0; n < 4_500; n++) index.save(`${n}.md`, `identity ${n}`, `record ${n}`);
        // Written again: the entry moves to the end of the rows, and is still given once.
        index.save("17.md", "identity 17 again", "record 17 again");
        index.remove("18.md");
      });
      const seen = new Map<string, string>();
      index.visitEntries((name, identity, record) => {
        expect(seen.has(name)).toBe(false);
        seen.set(name, `${identity} / ${record}`);
      });
      expect(seen.size).toBe(4_499);
      expect(seen.get("0.md")).toBe("identity 0 / record 0");
      expect(seen.get("4499.md")).toBe("identity 4499 / record 4499");
      expect(seen.get("17.md")).toBe("identity 17 again / record 17 again");
      expect(seen.has("18.md")).toBe(false);
    } finally {
      index.close();
    }
  });

  it("loses nothing when deleted: every file is read again", async () => {
    const dir = await makeArticlesDir({ "a.md": corrected }, { withSeed: true });
    const stateDir = await makeStateDir();
    const file = path.join(stateDir, "index.sqlite");
    await openIndexed(dir, file);
    for (const name of readdirSync(stateDir)) await rm(path.join(stateDir, name));
    const restart = await openIndexed(dir, file);
    expect(restart.progress).toEqual({ done: 2, total: 2, fromIndex: 0, parsed: 2 });
    expect(restart.articles.map(visible)).toEqual(await parsedFromFiles(dir));
  });

  it("gives the holders it recorded to a start whose index fails while the folder is read", async () => {
    const stateDir = await makeStateDir();
    const file = path.join(stateDir, "index.sqlite");
    const first = ArticleIndex.open(file, indexParserKey("tag:x,2026:"), () => {});
    first?.saveHolders(new Map([["id tag:x,2026:1", "older.md"]]), []);
    first?.close();
    const index = ArticleIndex.open(file, indexParserKey("tag:x,2026:"), () => {});
    if (index === undefined) throw new Error("no index");
    const record = new StoredHolderRecord(index);
    // A write failing during the reading closes the index (as a full disk would).
    index.close();
    expect(index.holders().size).toBe(0);
    expect(record.holderOf("id tag:x,2026:1")).toBe("older.md");
    expect([...record.keys()]).toEqual(["id tag:x,2026:1"]);
  });

  it("is set aside and built again when it is corrupt", async () => {
    const dir = await makeArticlesDir({ "a.md": corrected }, { withSeed: true });
    const file = path.join(await makeStateDir(), "index.sqlite");
    await openIndexed(dir, file);
    await writeFile(file, Buffer.alloc(8192, "not a database "));
    const restart = await openIndexed(dir, file);
    expect(restart.warnings).toEqual([
      "the article index could not be read; it is built again from the files",
    ]);
    expect(restart.progress.parsed).toBe(2);
    expect(restart.articles.map(visible)).toEqual(await parsedFromFiles(dir));
    expect((await readFile(`${file}.corrupt`)).subarray(0, 15).toString()).toBe("not a database ");
    const again = await openIndexed(dir, file);
    expect(again.warnings).toEqual([]);
    expect(again.progress).toEqual({ done: 2, total: 2, fromIndex: 2, parsed: 0 });
  });

  it("is not used for articles parsed with another id prefix", async () => {
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "A", published: "2026-02-01T00:00:00Z" }),
    });
    const file = path.join(await makeStateDir(), "index.sqlite");
    await openIndexed(dir, file, "tag:one.example,2026:");
    const restart = await openIndexed(dir, file, "tag:two.example,2026:");
    expect(restart.progress.parsed).toBe(1);
    expect(restart.articles[0]?.id).toBe("tag:two.example,2026:a");
  });

  it("learns every change the running service reads, so the next start parses nothing", async () => {
    const dir = await makeArticlesDir(
      { "a.md": markdownArticle({ title: "A", published: "2026-02-01T00:00:00Z" }) },
      { withSeed: true },
    );
    const stateDir = await makeStateDir();
    const config = { articlesDir: dir, siteUrl: testSiteUrl, site: testSite(), stateDir };
    const service = await openService(config, recordingLogger());
    await writeFile(
      path.join(dir, "a.md"),
      markdownArticle({ title: "A, edited", published: "2026-02-01T00:00:00Z" }),
    );
    await writeFile(
      path.join(dir, "b.md"),
      markdownArticle({ title: "B", published: "2026-02-02T00:00:00Z" }),
    );
    await service.refresh(["a.md", "b.md"]);
    service.close();

    const file = siteStateFile(stateDir, dir, "article-index", "sqlite");
    const restart = await openIndexed(dir, file, testSite().idPrefix);
    expect(restart.progress).toEqual({ done: 3, total: 3, fromIndex: 3, parsed: 0 });
    expect(restart.articles.map((article) => article.title)).toEqual([
      "B",
      "A, edited",
      "Russia to continue backing Iraqi, Syrian governments: Lavrov",
    ]);
    const rss = (await openService(config, recordingLogger()))
      .snapshot()
      .renditions.get("/rss.xml");
    expect(rss?.body.toString("utf8")).toContain("<title>A, edited</title>");
  });

  it("gives a restart the same feeds and pages, byte for byte, as a start that parsed every file", async () => {
    const dir = await makeArticlesDir(
      {
        "a.md": corrected,
        "b.md": markdownArticle(
          {
            title: "Members only",
            published: "2026-02-01T00:00:00+05:30",
            access: "members",
            summary: "What members read.",
            tags: ["Economy"],
            author: "Ana Ruiz",
          },
          "The members' text.",
        ),
        "c.md": markdownArticle(
          {
            title: "Expiring",
            published: "2026-02-02T00:00:00Z",
            expires: "2099-01-01T00:00:00Z",
            summary: "Its own summary.",
            source: "https://example.org/source",
            language: "fr",
            tags: ["Politics", "Économie"],
          },
          "First paragraph with a [link](/about).",
        ),
        "d.md": markdownArticle(
          {
            title: "Withdrawn",
            published: "2026-01-10T00:00:00Z",
            retracted: { reason: "It was wrong.", date: "2026-01-12T00:00:00Z" },
          },
          "Gone.",
        ),
      },
      { withSeed: true },
    );
    const stateDir = await makeStateDir();
    const config = { articlesDir: dir, siteUrl: testSiteUrl, site: testSite(), stateDir };
    /** Every rendition the service makes (lazy ones made here) and every article page. */
    const everything = async () => {
      const service = await openService(config, recordingLogger());
      try {
        const snapshot = service.snapshot();
        const paths = [
          ...snapshot.renditions.keys(),
          ...snapshot.articles.map((article) => articlePath(article.slug)),
        ].sort();
        return new Map(
          paths.map((where) => [where, snapshot.renditions.get(where)?.body.toString("utf8")]),
        );
      } finally {
        service.close();
      }
    };
    const parsed = await everything();
    const file = siteStateFile(stateDir, dir, "article-index", "sqlite");
    expect((await openIndexed(dir, file, testSite().idPrefix)).progress.parsed).toBe(0);
    const restarted = await everything();
    expect([...restarted.keys()]).toEqual([...parsed.keys()]);
    expect(parsed.size).toBeGreaterThan(20);
    for (const [where, body] of parsed) expect(restarted.get(where), where).toBe(body);
  });

  it("keeps no body in an article taken from it: the body is read from its file when first shown", async () => {
    const story = (n: number, text: string) =>
      markdownArticle({ title: `Story ${n}`, published: `2026-02-${10 + n}T00:00:00Z` }, text);
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, n) => [`s${n}.md`, story(n, `Text ${n}.`)]),
    );
    const dir = await makeArticlesDir(files);
    const file = path.join(await makeStateDir(), "index.sqlite");
    await openIndexed(dir, file);
    const articles = (await openIndexed(dir, file)).articles;
    const first = articles.find((article) => article.file === "s0.md");
    await writeFile(path.join(dir, "s0.md"), story(0, "Text 0, REWRITE"));
    expect(first?.bodyHtml.trim()).toBe("<p>Text 0, REWRITE</p>");
    expect(first?.summary).toBe("Text 0, REWRITE");
    for (const article of articles) expect(article.bodyHtml).toContain("Text");
    // Kept now (within the bodies' budget, body-source.test.ts): shown again, the same bytes.
    await writeFile(path.join(dir, "s0.md"), story(0, "Text 0, again.."));
    expect(first?.bodyHtml.trim()).toBe("<p>Text 0, REWRITE</p>");
    // With a budget of one byte (BODY_CACHE_MB is whole MiB; the store takes bytes), each body
    // is read again once another was read after it (s1: unchanged, so taken from the index).
    const tight = (await openIndexed(dir, file, idPrefix, 1)).articles;
    const second = tight.find((article) => article.file === "s1.md");
    expect(second?.bodyHtml.trim()).toBe("<p>Text 1.</p>");
    for (const article of tight) if (article !== second) expect(article.bodyHtml).toContain("Text");
    await writeFile(path.join(dir, "s1.md"), story(1, "Text 1, rewritten."));
    expect(second?.bodyHtml.trim()).toBe("<p>Text 1, rewritten.</p>");
  });

  it("publishes an edit to the body alone of an article a restart took from it", async () => {
    const text = (body: string) =>
      markdownArticle({ title: "A", published: "2026-02-01T00:00:00Z" }, body);
    const dir = await makeArticlesDir({ "a.md": text("The first text.") });
    const stateDir = await makeStateDir();
    const config = { articlesDir: dir, siteUrl: testSiteUrl, site: testSite(), stateDir };
    (await openService(config, recordingLogger())).close();
    const restarted = await openService(config, recordingLogger());
    onTestFinished(() => restarted.close());
    const feed = () => restarted.snapshot().renditions.get("/rss.xml")?.body.toString("utf8");
    expect(feed()).toContain("The first text.");
    await writeFile(path.join(dir, "a.md"), text("The second text."));
    expect(await restarted.refresh(["a.md"])).toContain("/rss.xml");
    expect(feed()).toContain("The second text.");
  });

  it("shares one object per author, one string per tag and equal dates among the articles it gives", async () => {
    const meta = {
      author: [{ name: "Bo Li", url: "https://example.org/bo" }, "Ana Ruiz"],
      tags: ["Economy", "Politics"],
    };
    const dir = await makeArticlesDir({
      "a.md": markdownArticle({ ...meta, title: "A", published: "2026-02-01T00:00:00+01:00" }),
      "b.md": markdownArticle({ ...meta, title: "B", published: "2026-02-02T00:00:00+01:00" }),
    });
    const file = path.join(await makeStateDir(), "index.sqlite");
    const parsed = (await openIndexed(dir, file)).articles;
    const [b, a] = (await openIndexed(dir, file)).articles;
    if (a === undefined || b === undefined) throw new Error("two articles expected");
    expect(a.authors[0]).toBe(b.authors[0]);
    expect(a.authors[1]).toBe(b.authors[1]);
    expect(a.authors).toEqual(parsed[1]?.authors);
    expect(a.tags).toEqual(["Economy", "Politics"]);
    expect(a.tags).not.toBe(b.tags);
    // Each date is the one parsing gives: same instant, zone and locale.
    expect(a.published.equals(parsed[1]?.published as DateTime)).toBe(true);
    expect(b.published.equals(parsed[0]?.published as DateTime)).toBe(true);
    expect(a.published.toISO()).toBe("2026-02-01T00:00:00.000+01:00");
    expect(a.published.zoneName).toBe("UTC+1");
  });
});
