// npm run export writes exactly the bytes the server serves, under the names a CDN needs.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { exportSite } from "../../src/cli/export.js";
import { loadConfig } from "../../src/config.js";
import { openService } from "../../src/service.js";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";
import { listenOnLoopback, recordingLogger } from "../support/server.js";

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

describe("the export's headers", () => {
  it("are the headers the server sends for each URL and coding", async () => {
    const articlesDir = await makeArticlesDir(
      { "b.md": markdownArticle({ title: "B", published: "2026-02-01T00:00:00Z" }) },
      { withSeed: true },
    );
    const outDir = await mkdtemp(path.join(tmpdir(), "wirefeed-export-"));
    onTestFinished(() => rm(outDir, { recursive: true, force: true }));
    const siteUrl = "https://news.example.com";
    const { site } = loadConfig({}, repoRoot);
    const manifest = await exportSite(outDir, {
      articlesDir,
      siteUrl,
      site,
      mediaDir: path.join(articlesDir, "no-media"),
    });

    const service = await openService({ articlesDir, siteUrl, site }, recordingLogger());
    const server = createServer(service.handleRequest);
    const baseUrl = await listenOnLoopback(server);
    const transport = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
    const served = async (urlPath: string, encoding: string) => {
      const response = await fetch(`${baseUrl}${urlPath}`, {
        headers: { "Accept-Encoding": encoding },
      });
      await response.arrayBuffer();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!transport.has(name)) headers[name] = value;
      });
      return headers;
    };
    const lowerCased = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
      );

    for (const [urlPath, entry] of Object.entries(manifest)) {
      if (urlPath.startsWith("/media/")) continue;
      expect(lowerCased(entry.headers), urlPath).toEqual(await served(urlPath, "identity"));
      for (const [encoding, copy] of Object.entries(entry.encoded ?? {})) {
        expect(lowerCased(copy.headers), `${urlPath} ${encoding}`).toEqual(
          await served(urlPath, encoding),
        );
      }
    }
    expect(manifest["/rss.xml"]?.headers.Vary).toBe("Accept-Encoding");
    expect(manifest["/rss.xml"]?.headers.Link).toBe(`<${siteUrl}/rss.xml>; rel="self"`);
    expect(manifest["/"]?.headers["Content-Security-Policy"]).toContain("default-src 'none'");
    expect(Object.keys(manifest["/atom.xml"]?.encoded ?? {})).toEqual(["gzip", "br"]);
  });
});
