// npm run export writes exactly the bytes the server serves, under the names a CDN needs.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openService } from "../../src/service.js";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";
import { recordingLogger } from "../support/server.js";

const run = promisify(execFile);

describe("npm run export", () => {
  it("writes every feed and page with its headers, byte for byte as served", async () => {
    const articlesDir = await makeArticlesDir(
      { "b.md": markdownArticle({ title: "B", published: "2026-02-01T00:00:00Z" }) },
      { withSeed: true },
    );
    const outDir = await mkdtemp(path.join(tmpdir(), "wirefeed-export-"));
    onTestFinished(() => rm(outDir, { recursive: true, force: true }));
    const env = { ...process.env, ARTICLES_DIR: articlesDir, SITE_URL: "https://news.example.com" };
    await run(process.execPath, ["--import", "tsx", "src/cli/wirefeed.ts", "export", outDir], {
      cwd: repoRoot,
      env,
    });

    const { site } = loadConfig({}, repoRoot);
    const service = await openService(
      { articlesDir, siteUrl: "https://news.example.com", site },
      recordingLogger(),
    );
    const manifest = JSON.parse(
      await readFile(path.join(outDir, "headers.json"), "utf8"),
    ) as Record<string, { file: string; headers: Record<string, string> }>;
    expect(Object.keys(manifest).sort()).toEqual([...service.snapshot().renditions.keys()].sort());
    expect(manifest["/rss.xml"]?.file).toBe("rss.xml");
    expect(manifest["/"]?.file).toBe("index.html");
    expect(manifest["/articles/b"]?.file).toBe(path.join("articles", "b", "index.html"));
    for (const [urlPath, rendition] of service.snapshot().renditions) {
      const entry = manifest[urlPath];
      if (entry === undefined) throw new Error(`no manifest entry for ${urlPath}`);
      expect((await readFile(path.join(outDir, entry.file))).equals(rendition.body)).toBe(true);
      expect(entry.headers["Content-Type"]).toBe(rendition.mediaType);
      expect(entry.headers.ETag).toBe(rendition.variant("identity").etag);
    }
    const gz = await readFile(path.join(outDir, "feed.json.gz"));
    expect(gunzipSync(gz).equals(await readFile(path.join(outDir, "feed.json")))).toBe(true);
    expect(await readFile(path.join(outDir, "404.html"), "utf8")).toContain("<h1>Not found</h1>");
  });
});
