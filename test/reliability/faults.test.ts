// Faults of the disk under a running service: a file that disappears between listing and
// reading, files that cannot be read, a full disk while the API writes. The service keeps serving
// the last good feeds and says what happened (in /healthz, the API's answer and the log).
// A writer killed mid-write is tested in test/articles/write.test.ts; hub faults belong to WebSub.
//
// Faults are injected deterministically: node:fs and node:fs/promises are wrapped so a test can
// act just before a file is read, or make an article write fail part-way.
import { unlinkSync } from "node:fs";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ArticleStore } from "../../src/articles/store.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { xmlTexts } from "../support/xml.js";

type FaultPoint = "write" | "sync" | "rename";

const faults = vi.hoisted(() => ({
  /** Runs with the path before every article file is opened: may delete the file, or throw. */
  beforeRead: undefined as ((file: string) => void) | undefined,
  /** Makes the next writes of article files fail at this point with this error. */
  write: undefined as { at: FaultPoint; error: NodeJS.ErrnoException } | undefined,
}));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const openSync = ((file: Parameters<typeof actual.openSync>[0], ...rest: [number]) => {
    faults.beforeRead?.(String(file));
    return actual.openSync(file, ...rest);
  }) as typeof actual.openSync;
  return { ...actual, openSync, default: { ...actual, openSync } };
});

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  /** A temporary article file whose writing fails as faults.write says, after half the bytes. */
  const open = (async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    const fault = faults.write;
    if (fault === undefined || args[1] !== "wx") return handle;
    return {
      writeFile: async (text: string) => {
        if (fault.at !== "write") return handle.writeFile(text, "utf8");
        await handle.write(text.slice(0, text.length / 2));
        throw fault.error;
      },
      sync: async () => {
        if (fault.at === "sync") throw fault.error;
        return handle.sync();
      },
      close: () => handle.close(),
    };
  }) as typeof actual.open;
  const rename = (async (...args: Parameters<typeof actual.rename>) => {
    if (faults.write?.at === "rename") throw faults.write.error;
    return actual.rename(...args);
  }) as typeof actual.rename;
  // A new file is linked into place instead of renamed: the same last step, the same fault.
  const link = (async (...args: Parameters<typeof actual.link>) => {
    if (faults.write?.at === "rename") throw faults.write.error;
    return actual.link(...args);
  }) as typeof actual.link;
  return { ...actual, open, rename, link, default: { ...actual, open, rename, link } };
});

beforeEach(() => {
  faults.beforeRead = undefined;
  faults.write = undefined;
});

function systemError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

const token = "faults-test-token-0123456789abcdef";
const idPrefix = "tag:news.example.com,2026:article/";

function story(title: string, day: number): string {
  return markdownArticle({ title, published: `2026-01-${String(day).padStart(2, "0")}T00:00:00Z` });
}

async function folderState(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), "utf8")])),
  );
}

async function health(baseUrl: string) {
  return (await (await fetch(`${baseUrl}/healthz`)).json()) as {
    status: string;
    articles: number;
    articleProblems: Array<{ file: string; message: string }>;
  };
}

/** ETag of every feed: unchanged ETags mean unchanged bytes. */
async function feedEtags(baseUrl: string): Promise<string[]> {
  return Promise.all(
    ["/rss.xml", "/atom.xml", "/feed.json"].map(async (feed) => {
      const response = await fetch(`${baseUrl}${feed}`, { method: "HEAD" });
      expect(response.status).toBe(200);
      return response.headers.get("etag") ?? "";
    }),
  );
}

async function rssTitles(baseUrl: string): Promise<string[]> {
  const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
  return xmlTexts(rss, "/rss/channel/item/title");
}

describe("a file that disappears between listing and reading", () => {
  it("is left out at start, with no problem reported, and every other article is served", async () => {
    const dir = await makeArticlesDir({
      "a.md": story("A", 1),
      "b.md": story("B", 2),
      "c.md": story("C", 3),
    });
    let vanished = 0;
    faults.beforeRead = (file) => {
      if (path.basename(file) !== "b.md") return;
      // Listed by readdir a moment ago; deleted now, just before it is read.
      vanished++;
      unlinkSync(file);
    };
    const { baseUrl } = await startTestServer(dir);
    expect(vanished).toBe(1);
    expect(await health(baseUrl)).toMatchObject({ status: "ok", articles: 2, articleProblems: [] });
    expect(await rssTitles(baseUrl)).toEqual(["C", "A"]);
  });

  it("while the whole folder is re-read is taken off the feeds", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const store = await ArticleStore.open(dir, { idPrefix });
    expect(store.view().articles.map((article) => article.title)).toEqual(["B", "A"]);
    faults.beforeRead = (file) => {
      if (path.basename(file) === "b.md") unlinkSync(file);
    };
    const [b] = store.view().articles;
    const outcome = await store.rereadAll();
    expect(outcome).toEqual({
      changed: true,
      failed: [],
      warnings: [],
      delta: { removed: [b], added: [] },
    });
    expect(store.view()).toMatchObject({ problems: [] });
    expect(store.view().articles.map((article) => article.title)).toEqual(["A"]);
  });

  it("behind the API's back gets 404 from the API, and the feeds catch up at once", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const { baseUrl } = await startTestServer(dir, { apiToken: token });
    expect(await rssTitles(baseUrl)).toEqual(["B", "A"]);
    await rm(path.join(dir, "b.md"));
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const read = await fetch(`${baseUrl}/api/articles/b`, { headers });
    expect(read.status).toBe(404);
    expect(await read.json()).toEqual({
      error: 'No article with slug "b": its file was removed',
      problems: [],
    });
    expect(await rssTitles(baseUrl)).toEqual(["A"]);
    const put = await fetch(`${baseUrl}/api/articles/b`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ title: "B again", body: "x" }),
    });
    expect(put.status).toBe(404);
    expect(await readdir(dir)).toEqual(["a.md"]);
  });
});

describe("a file that cannot be read", () => {
  it.each([
    ["a directory named like an article", "x.md", /^not a regular file \(a directory\); skipped$/],
    [
      "a symbolic link to a missing file",
      "y.md",
      /^a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 \(and never out of the articles folder\)$/,
    ],
    ["a file without read permission", "z.md", /^cannot read the file: EACCES: permission denied$/],
  ])(
    "(%s) is reported by name in /healthz; every other article is served",
    async (_kind, name, message) => {
      const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
      if (name === "x.md") await mkdir(path.join(dir, name));
      if (name === "y.md") await symlink(path.join(dir, "nowhere.md"), path.join(dir, name));
      if (name === "z.md") {
        // Root reads anything whatever its mode, so the refusal is injected where the file is read.
        await writeFile(path.join(dir, name), story("Z", 3));
        faults.beforeRead = (file) => {
          if (path.basename(file) === name)
            throw systemError("EACCES", `permission denied, open '${file}'`);
        };
      }
      const { baseUrl, logs } = await startTestServer(dir);
      const report = await health(baseUrl);
      expect(report).toMatchObject({ status: "degraded", articles: 2 });
      expect(report.articleProblems).toEqual([
        { file: name, message: expect.stringMatching(message) },
      ]);
      // The report names the file, not the server's folder.
      expect(JSON.stringify(report)).not.toContain(dir);
      expect(logs).toContainEqual({
        level: "warn",
        message: "article skipped",
        fields: { file: name, reason: expect.stringMatching(message) },
      });
      expect(await rssTitles(baseUrl)).toEqual(["B", "A"]);
    },
  );

  it("that was published keeps its last good version in every feed until it is readable again", async () => {
    const dir = await makeArticlesDir({ "a.md": story("A", 1), "b.md": story("B", 2) });
    const { baseUrl, service } = await startTestServer(dir);
    const before = await feedEtags(baseUrl);
    faults.beforeRead = (file) => {
      if (path.basename(file) === "b.md") throw systemError("EIO", `i/o error, read '${file}'`);
    };
    expect(await service.refresh(["b.md"])).toEqual([]);
    expect(await feedEtags(baseUrl)).toEqual(before);
    expect((await fetch(`${baseUrl}/articles/b`)).status).toBe(200);
    expect((await health(baseUrl)).articleProblems).toEqual([
      {
        file: "b.md",
        message: "cannot read the file: EIO: i/o error (the last good version stays published)",
      },
    ]);
    faults.beforeRead = undefined;
    await service.refresh(["b.md"]);
    expect(await health(baseUrl)).toMatchObject({ status: "ok", articleProblems: [] });
    expect(await feedEtags(baseUrl)).toEqual(before);
  });
});

describe("a full disk while the API writes", () => {
  async function apiServer() {
    const dir = await makeArticlesDir({ "a.md": story("A", 1) });
    const server = await startTestServer(dir, { apiToken: token });
    const api = (pathname: string, method: string, input: unknown) =>
      fetch(`${server.baseUrl}/api/articles${pathname}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(input),
      });
    return { ...server, dir, api };
  }

  it.each([
    ["write", "ENOSPC"],
    ["sync", "ENOSPC"],
    ["rename", "ENOSPC"],
    ["write", "EDQUOT"],
  ] as const)(
    "failing at %s with %s answers 507, leaves folder, store and feeds as they were, and logs it",
    async (at, code) => {
      const { baseUrl, dir, api, logs } = await apiServer();
      const folder = await folderState(dir);
      const etags = await feedEtags(baseUrl);
      faults.write = { at, error: systemError(code, "no space left on device, write") };

      for (const [pathname, method, input] of [
        ["", "POST", { title: "New", body: "x" }],
        ["/a", "PUT", { title: "A edited", body: "y" }],
      ] as const) {
        const response = await api(pathname, method, input);
        expect(response.status).toBe(507);
        expect(await response.json()).toEqual({
          error: `The article could not be stored: no space left on the server's disk (${code}); nothing was changed`,
          problems: [],
        });
      }
      expect(await folderState(dir)).toEqual(folder);
      expect(await feedEtags(baseUrl)).toEqual(etags);
      expect(await health(baseUrl)).toMatchObject({ status: "ok", articles: 1 });
      expect(logs.filter((entry) => entry.level === "error")).toEqual([
        expect.objectContaining({
          message: "request failed",
          fields: expect.objectContaining({
            method: "POST",
            status: 507,
            cause: expect.stringContaining(code),
          }),
        }),
        expect.objectContaining({
          message: "request failed",
          fields: expect.objectContaining({
            method: "PUT",
            status: 507,
            cause: expect.stringContaining(code),
          }),
        }),
      ]);

      // Space again: the same write goes through.
      faults.write = undefined;
      expect((await api("", "POST", { title: "New", body: "x" })).status).toBe(201);
      expect(await rssTitles(baseUrl)).toContain("New");
    },
  );

  it("another write error answers a 500 that leaks nothing, and changes nothing", async () => {
    const { baseUrl, dir, api, logs } = await apiServer();
    const folder = await folderState(dir);
    faults.write = { at: "write", error: systemError("EIO", `i/o error, write '${dir}/secret'`) };
    const response = await api("", "POST", { title: "New", body: "x" });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "Internal server error", problems: [] });
    expect(await folderState(dir)).toEqual(folder);
    expect(await health(baseUrl)).toMatchObject({ status: "ok" });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: "error", fields: expect.objectContaining({ status: 500 }) }),
    );
  });
});
