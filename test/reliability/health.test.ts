// /healthz tells the truth, on a real server over real files: cosmetic faults are published and
// listed as warnings (also by `wirefeed validate`), a file still being written by a real slow
// writer is held back until it settles and turns health degraded past the bound, the time of the
// last publish and the queue are shown, and no file can make the answer large.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateStore } from "../../src/cli/validation.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

interface Health {
  status: string;
  reasons: string[];
  articles: number;
  lastPublish: string | null;
  lastChange: string | null;
  queue: { store: number; hubs: number };
  articleProblems: Array<{ file: string; message: string }>;
  articleProblemsNotListed: number;
  articleWarnings: Array<{ file: string; message: string }>;
  articleWarningsNotListed: number;
}

async function health(baseUrl: string): Promise<Health> {
  return (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
}

function story(title: string, day: number, extra: Record<string, unknown> = {}): string {
  return markdownArticle({
    title,
    published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z`,
    ...extra,
  });
}

const untidy = story("Untidy", 2, { tags: ["World", "", "world", " Sport "], colour: "red" });
const untidyWarnings = [
  { file: "untidy.md", message: 'front matter: unknown key "colour"' },
  { file: "untidy.md", message: "tags.1: empty" },
  { file: "untidy.md", message: 'tags.2: "world" repeats "World"' },
  { file: "untidy.md", message: 'tags.3: spaces around "Sport"' },
];

describe("cosmetic faults", () => {
  it("publish the article cleaned and are listed in /healthz, the log and validate", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "untidy.md": untidy });
    const { baseUrl, logs } = await startTestServer(dir);
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "//item/title")).toEqual(["Untidy", "A"]);
    expect(xmlTexts(rss, "//item[title='Untidy']/category")).toEqual(["World", "Sport"]);
    const report = await health(baseUrl);
    // A warning is no stall: the article is published.
    expect(report).toMatchObject({ status: "ok", reasons: [], articles: 2, articleProblems: [] });
    expect(report.articleWarnings).toEqual(untidyWarnings);
    expect(logs).toContainEqual({
      level: "warn",
      message: "article published with a fault cleaned",
      fields: { file: "untidy.md", warning: "tags.1: empty" },
    });
    const validated = await validateStore(
      { articlesDir: dir, siteUrl: testSiteUrl, site: testSite() },
      dir,
    );
    expect(validated.problems).toEqual([]);
    expect(validated.warnings).toEqual(untidyWarnings.map((w) => `${w.file}: ${w.message}`));
  });
});

describe("invalid UTF-8", () => {
  it("is published as U+FFFD and warned of with the file and the byte offset", async () => {
    const head = Buffer.from(
      '---\ntitle: "Caf\u00e9"\npublished: "2026-01-03T00:00:00Z"\n---\nPrix: 5 ',
    );
    // A Latin-1 "é" (E9), then a lone continuation byte (80) and a truncated 3-byte sequence.
    const bytes = Buffer.concat([
      head,
      Buffer.from([0xe9]),
      Buffer.from(" euros "),
      Buffer.from([0x80, 0xe2, 0x82]),
      Buffer.from(".\n"),
    ]);
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    await writeFile(path.join(dir, "latin1.md"), bytes);
    const { baseUrl } = await startTestServer(dir);
    const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: Array<{ title: string; content_html: string }>;
    };
    expect(json.items.find((item) => item.title === "Café")?.content_html).toBe(
      "<p>Prix: 5 \ufffd euros \ufffd\ufffd.</p>\n",
    );
    const report = await health(baseUrl);
    expect(report.status).toBe("ok");
    expect(report.articleWarnings).toEqual([
      {
        file: "latin1.md",
        message: `text: not UTF-8 at byte ${head.length} and 3 more bytes; shown as U+FFFD (\ufffd)`,
      },
    ]);
  });
});

describe("/healthz", () => {
  it("dates the last publish and change, and shows an empty queue when idle", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    const { baseUrl } = await startTestServer(dir, { watch: true });
    const before = await health(baseUrl);
    expect(before).toMatchObject({ status: "ok", lastPublish: null, lastChange: null });
    expect(before.queue).toEqual({ store: 0, hubs: 0 });
    const written = Date.now();
    await writeFile(path.join(dir, "b.md"), story("B", 2));
    const after = await pollUntil(
      () => health(baseUrl),
      (report) => report.articles === 2,
    );
    expect(after.status).toBe("ok");
    expect(Date.parse(after.lastPublish ?? "")).toBeGreaterThanOrEqual(written - 1);
    expect(Date.parse(after.lastChange ?? "")).toBeLessThanOrEqual(
      Date.parse(after.lastPublish ?? ""),
    );
    expect(after.queue.store).toBe(0);
  });

  it("lists at most 100 files, counts the rest and cuts long messages", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 130; i += 1)
      files[`bad-${String(i).padStart(3, "0")}.md`] = "---\ntitle: x\n---\n";
    // 9,000 unknown keys and no date: a refusal whose message lists names.
    const keys = Array.from({ length: 9_000 }, (_, i) => `key${i}: 1`).join("\n");
    files["keys.md"] = `---\ntitle: x\n${keys}\n---\nBody\n`;
    const dir = await makeArticlesDir(files);
    const { baseUrl } = await startTestServer(dir, { healthBounds: { messageChars: 60 } });
    const response = await fetch(`${baseUrl}/healthz`);
    const text = await response.text();
    const report = JSON.parse(text) as Health;
    expect(report.status).toBe("degraded");
    expect(report.reasons).toEqual(["131 article file(s) not published"]);
    expect(report.articleProblems).toHaveLength(100);
    expect(report.articleProblemsNotListed).toBe(31);
    expect(text.length).toBeLessThan(12_000);
    const keysReport = await startTestServer(
      await makeArticlesDir({ "keys.md": files["keys.md"] ?? "" }),
      {
        healthBounds: { messageChars: 60 },
      },
    );
    const [problem] = (await health(keysReport.baseUrl)).articleProblems;
    expect(problem?.message).toMatch(
      /^published: required; front matter: unknown keys.*… \([\d,]+ more characters\)$/,
    );
  });
});

/** A real writer in its own process: writes `chunks` pieces of text, `everyMs` apart, then stops. */
function slowWriter(file: string, chunks: string[], everyMs: number): Promise<void> {
  const script = `
    const fs = require("node:fs");
    const [file, everyMs, ...chunks] = process.argv.slice(1);
    const fd = fs.openSync(file, "w");
    let i = 0;
    const next = () => {
      if (i === chunks.length) { fs.closeSync(fd); return; }
      fs.writeSync(fd, chunks[i++]);
      setTimeout(next, Number(everyMs));
    };
    next();`;
  const child = spawn(process.execPath, ["-e", script, file, String(everyMs), ...chunks], {
    stdio: "ignore",
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`writer exited ${code}`)),
    );
  });
}

describe("a file still being written", () => {
  it("is never published half-written, and past the bound turns /healthz degraded", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    const { baseUrl, logs } = await startTestServer(dir, {
      watch: true,
      watchTiming: { debounceMs: 10, retryDelaysMs: [20, 40], settleMs: 400 },
      healthBounds: { stalledAfterMs: 800 },
    });
    // The front matter is whole in the first write: a read at any moment would parse.
    const chunks = [
      '---\ntitle: "Growing"\npublished: "2026-01-05T00:00:00Z"\n---\n',
      ...Array.from({ length: 110 }, (_, i) => `word${i} `),
      "THE END\n",
    ];
    const seenBodies = new Set<string>();
    const seenStatuses = new Set<string>();
    let writing = true;
    const watcher = (async () => {
      while (writing) {
        const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
          items: Array<{ title: string; content_html?: string }>;
        };
        const growing = json.items.find((item) => item.title === "Growing");
        if (growing !== undefined) seenBodies.add(growing.content_html ?? "");
        const report = await health(baseUrl);
        if (report.status === "degraded") seenStatuses.add(report.reasons.join(" | "));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await slowWriter(path.join(dir, "growing.md"), chunks, 20);
    const published = await pollUntil(
      () => health(baseUrl),
      (report) => report.articles === 2 && report.status === "ok",
    );
    writing = false;
    await watcher;
    expect(published.reasons).toEqual([]);
    for (const body of seenBodies) expect(body).toContain("THE END");
    expect([...seenStatuses].join("\n")).toMatch(
      /growing\.md: still being written after \d+ s; not published until it stops changing/,
    );
    const said = logs.filter(
      (entry) => entry.message === "publishing is degraded" && entry.fields.file === "growing.md",
    );
    expect(said).toHaveLength(1);
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "//item/title")).toEqual(["Growing", "A"]);
  });
});
