// Hostile files dropped into the articles and media folders of a running server: FIFOs, sockets,
// symbolic links out of the folders, oversized articles. For each: the bad file is reported with
// its name, every other article is still served, nothing outside the folders is served, /rss.xml
// keeps answering within a second while the file is there, and a restart with it present starts.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { testPodcastSite } from "../support/podcast-site.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";
import { health, rssTitles, slowestRssAnswer, titlesInEveryFormat } from "./served-checks.js";

const fastWatch = { debounceMs: 10, retryDelaysMs: [20, 40] };

function story(title: string, day: number, extra: Record<string, unknown> = {}): string {
  return markdownArticle({
    title,
    published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z`,
    ...extra,
  });
}

function mkfifo(file: string): void {
  execFileSync("mkfifo", [file]);
}

async function listenOnSocketFile(file: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(file, resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

describe("a file that is not a regular file", () => {
  it.each([
    ["a FIFO", "x.md", mkfifo, "not a regular file (a FIFO); skipped"],
    ["a socket", "s.md", listenOnSocketFile, "not a regular file (a socket); skipped"],
    [
      "a character device (a symbolic link to /dev/zero)",
      "z.md",
      (file: string) => symlink("/dev/zero", file),
      "a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the articles folder)",
    ],
  ])(
    "(%s) present at start is reported and skipped; the server starts and serves the rest",
    async (_kind, name, make, message) => {
      const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
      await make(path.join(dir, name));
      for (let start = 0; start < 2; start++) {
        // The second start is a restart with the file still present.
        const { baseUrl, logs } = await startTestServer(dir);
        expect(await health(baseUrl)).toMatchObject({
          status: "degraded",
          articles: 2,
          articleProblems: [{ file: name, message }],
        });
        expect(logs).toContainEqual({
          level: "warn",
          message: "article skipped",
          fields: { file: name, reason: message },
        });
        expect(await titlesInEveryFormat(baseUrl)).toEqual([
          ["B", "A"],
          ["B", "A"],
          ["B", "A"],
        ]);
      }
    },
  );

  it("(a FIFO) added while serving is reported; /rss.xml keeps answering within a second", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const { baseUrl } = await startTestServer(dir, { watch: true, watchTiming: fastWatch });
    const slowest = await slowestRssAnswer(baseUrl, async () => {
      mkfifo(path.join(dir, "x.md"));
      await pollUntil(
        () => health(baseUrl),
        (report) => report.articleProblems.some((problem) => problem.file === "x.md"),
      );
      await writeFile(path.join(dir, "c.md"), story("C", 3));
      await pollUntil(
        () => rssTitles(baseUrl),
        (titles) => titles.includes("C"),
      );
    });
    expect(slowest).toBeLessThan(1000);
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "x.md", message: "not a regular file (a FIFO); skipped" },
    ]);
    expect(await rssTitles(baseUrl)).toEqual(["C", "B", "A"]);
  });
});

describe("symbolic links in the articles folder", () => {
  async function folderWithLinks() {
    const outside = await makeArticlesDir({ "secret.md": story("Outside secret", 5) });
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    await symlink(path.join(outside, "secret.md"), path.join(dir, "out.md"));
    await mkdir(path.join(dir, "drafts"));
    await writeFile(path.join(dir, "drafts", "inside.md"), story("Inside", 2));
    await symlink(path.join(dir, "drafts", "inside.md"), path.join(dir, "in.md"));
    await symlink("../../../../../../../../etc/passwd", path.join(dir, "passwd.md"));
    return dir;
  }

  it("are not followed by default: each is reported, nothing behind them is served", async () => {
    const dir = await folderWithLinks();
    const { baseUrl } = await startTestServer(dir);
    const notFollowed =
      "a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the articles folder)";
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "in.md", message: notFollowed },
      { file: "out.md", message: notFollowed },
      { file: "passwd.md", message: notFollowed },
    ]);
    expect(await titlesInEveryFormat(baseUrl)).toEqual([["A"], ["A"], ["A"]]);
  });

  it("with FOLLOW_SYMLINKS, are followed only to files inside the folder", async () => {
    const dir = await folderWithLinks();
    const { baseUrl } = await startTestServer(dir, { followSymlinks: true });
    expect((await health(baseUrl)).articleProblems).toEqual([
      {
        file: "out.md",
        message: "a symbolic link to a file outside the articles folder; not read",
      },
      {
        file: "passwd.md",
        message: "a symbolic link to a file outside the articles folder; not read",
      },
    ]);
    expect(await titlesInEveryFormat(baseUrl)).toEqual([
      ["Inside", "A"],
      ["Inside", "A"],
      ["Inside", "A"],
    ]);
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).not.toContain("Outside secret");
    expect(home).not.toContain("root:");
  });
});

describe("symbolic links in the media folder", () => {
  it("to a file outside it are never served; the episode is refused and reported", async () => {
    const mediaDir = await makeMediaDir({ "ep.wav": wavBytes({ seconds: 1 }) });
    await symlink("/etc/passwd", path.join(mediaDir, "passwd.mp3"));
    const dir = await makeArticlesDir({
      "a.md": story("A", 1, { enclosure: { file: "ep.wav" } }),
      "leak.md": story("Leak", 2, { enclosure: { file: "passwd.mp3" } }),
    });
    for (const followSymlinks of [false, true]) {
      const { baseUrl } = await startTestServer(dir, {
        site: testPodcastSite(),
        mediaDir,
        followSymlinks,
      });
      const reason = followSymlinks
        ? "enclosure.file: passwd.mp3: a symbolic link to a file outside the media folder"
        : "enclosure.file: passwd.mp3: a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the media folder)";
      expect((await health(baseUrl)).articleProblems).toEqual([
        { file: "leak.md", message: reason },
      ]);
      const podcast = await (await fetch(`${baseUrl}/podcast.xml`)).text();
      expect(xmlTexts(podcast, "//item/title")).toEqual(["A"]);
      expect(podcast).not.toContain("passwd");
      // Whatever version is guessed, the link's target is not served.
      const passwd = readFileSync("/etc/passwd", "utf8").slice(0, 20);
      for (const url of ["/media/0000000000000000/passwd.mp3", "/media/passwd.mp3"]) {
        const response = await fetch(`${baseUrl}${url}`);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain(passwd);
      }
    }
  });
});

describe("an article over the size limit", () => {
  it("is refused with its size in every format; the rest is served; a restart starts", async () => {
    const big = story("Big", 3).replace("Body text.", "word ".repeat(600_000));
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "big.md": big });
    const size = Buffer.byteLength(big);
    for (let start = 0; start < 2; start++) {
      const { baseUrl } = await startTestServer(dir);
      expect((await health(baseUrl)).articleProblems).toEqual([
        {
          file: "big.md",
          message: `the file is ${(size / 1024 / 1024).toFixed(1)} MiB (${size.toLocaleString("en")} bytes), over the limit of 2.0 MiB (2,097,152 bytes) (MAX_ARTICLE_BYTES)`,
        },
      ]);
      expect(await titlesInEveryFormat(baseUrl)).toEqual([["A"], ["A"], ["A"]]);
    }
    // A larger limit admits it, in every format alike (given the time to render it).
    const { baseUrl } = await startTestServer(dir, {
      maxArticleBytes: 4 * 1024 * 1024,
      workBounds: { renderTimeoutMs: 60_000 },
    });
    expect(await titlesInEveryFormat(baseUrl)).toEqual([
      ["Big", "A"],
      ["Big", "A"],
      ["Big", "A"],
    ]);
  });
});

describe("YAML front matter whose aliases expand without bound", () => {
  /** 9 levels of 9 aliases each: under 600 bytes, 387,420,489 values once expanded. */
  function billionLaughs(): string {
    const lines = ['a0: &a0 ["lol"]'];
    for (let level = 1; level <= 9; level++) {
      const previous = Array(9)
        .fill(`*a${level - 1}`)
        .join(", ");
      lines.push(`a${level}: &a${level} [${previous}]`);
    }
    return `---\ntitle: Laughs\npublished: 2026-01-03T00:00:00Z\n${lines.join("\n")}\n---\nBody.\n`;
  }

  it("is refused naming the file; /rss.xml keeps answering; a restart starts", async () => {
    const text = billionLaughs();
    expect(text.length).toBeLessThan(600);
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const refusal = "front matter: more than 10,000 values once its aliases are expanded; refused";
    const { baseUrl } = await startTestServer(dir, { watch: true, watchTiming: fastWatch });
    const slowest = await slowestRssAnswer(baseUrl, async () => {
      await writeFile(path.join(dir, "laughs.md"), text);
      await pollUntil(
        () => health(baseUrl),
        (report) => report.articleProblems.some((problem) => problem.file === "laughs.md"),
      );
    });
    expect(slowest).toBeLessThan(1000);
    expect((await health(baseUrl)).articleProblems).toEqual([
      { file: "laughs.md", message: refusal },
    ]);
    expect(await titlesInEveryFormat(baseUrl)).toEqual([
      ["B", "A"],
      ["B", "A"],
      ["B", "A"],
    ]);
    const restarted = await startTestServer(dir);
    expect((await health(restarted.baseUrl)).articleProblems).toEqual([
      { file: "laughs.md", message: refusal },
    ]);
    expect(await rssTitles(restarted.baseUrl)).toEqual(["B", "A"]);
  });
});
