// Article images from the images folder, on a real server: an article naming a file gets its
// content-hashed URL, size and type in every format and on its page; the URL serves the bytes as
// immutable; a replaced file gets a new URL and the old one answers 404; a missing image leaves
// the article published without it and is reported in /healthz by file and field ("image: …").
import { createHash } from "node:crypto";
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportSite } from "../../src/cli/export.js";
import { validateStore } from "../../src/cli/validation.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { pngBytes } from "../support/images.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { makeMediaDir as makeImagesDir } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const version = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
/** Where a file of the images folder is served: /images/<version>/<stem>.<version><ext>. */
const imagePathOf = (bytes: Buffer, name: string) => {
  const dot = name.lastIndexOf(".");
  return `/images/${version(bytes)}/${name.slice(0, dot)}.${version(bytes)}${name.slice(dot)}`;
};

const budget = (image: unknown, extra: Record<string, unknown> = {}) =>
  markdownArticle({
    title: "Budget: what changes",
    slug: "budget",
    published: "2026-03-02T09:00:00Z",
    image,
    ...extra,
  });

function jsonLdOf(page: string): Record<string, unknown> {
  const match = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  return JSON.parse(match?.[1] ?? "null");
}

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

/** Where each output puts the lead image: RSS, Atom, JSON Feed, the page's img, JSON-LD, og:image. */
async function imageUrls(baseUrl: string) {
  const rss = await text(`${baseUrl}/rss.xml`);
  const atom = await text(`${baseUrl}/atom.xml`);
  const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
    items: Array<{ image?: string }>;
  };
  const page = await text(`${baseUrl}/articles/budget`);
  const data = jsonLdOf(page) as { image?: Array<{ url: string; width: number; height: number }> };
  return {
    rss: xmlTexts(rss, "//item/media:content/@url"),
    rssSize: [
      ...xmlTexts(rss, "//item/media:content/@width"),
      ...xmlTexts(rss, "//item/media:content/@height"),
      ...xmlTexts(rss, "//item/media:content/@type"),
    ],
    atom: xmlTexts(atom, "//atom:entry/media:content/@url"),
    json: json.items.map((item) => item.image),
    page: [...page.matchAll(/<figure><img src="([^"]+)"[^>]*width="(\d+)" height="(\d+)"/g)].map(
      (match) => match.slice(1),
    ),
    jsonLd: data.image ?? [],
    og: [...page.matchAll(/<meta property="og:image" content="([^"]+)">/g)].map((m) => m[1]),
  };
}

describe("images from the images folder", () => {
  it("get a content-hashed URL with the file's size and type in every format and page", async () => {
    const bytes = pngBytes(1200, 800);
    const imagesDir = await makeImagesDir({ "budget.png": bytes });
    const dir = await makeArticlesDir({
      "budget.md": budget({ url: "budget.png", caption: "The minister", alt: "A red square" }),
    });
    const { baseUrl } = await startTestServer(dir, { imagesDir });
    const url = `${baseUrl}${imagePathOf(bytes, "budget.png")}`;
    const found = await imageUrls(baseUrl);
    expect(found).toEqual({
      rss: [url],
      rssSize: ["1200", "800", "image/png"],
      atom: [url],
      json: [url],
      page: [[url, "1200", "800"]],
      jsonLd: [{ "@type": "ImageObject", url, width: 1200, height: 800 }],
      og: [url],
    });
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health.articleWarnings).toEqual([]);
    expect(health.invalidFeeds).toEqual([]);
  });

  it("serves the image's bytes as immutable, with HEAD, 304 and ranges, and nothing else of the folder", async () => {
    const bytes = pngBytes(40, 30);
    const imagesDir = await makeImagesDir({ "a.png": bytes, "unused.png": pngBytes(5, 5) });
    const dir = await makeArticlesDir({ "budget.md": budget("a.png") });
    const { baseUrl } = await startTestServer(dir, { imagesDir });
    const url = `${baseUrl}${imagePathOf(bytes, "a.png")}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("etag")).toBe(`"${version(bytes)}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const head = await fetch(url, { method: "HEAD" });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(bytes.length)]);
    const again = await fetch(url, { headers: { "If-None-Match": `"${version(bytes)}"` } });
    expect(again.status).toBe(304);
    const range = await fetch(url, { headers: { Range: "bytes=0-7" } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(0, 8))).toBe(true);
    // A file no article shows, another version, a path out of the folder: 404.
    for (const other of [
      imagePathOf(pngBytes(5, 5), "unused.png"),
      `/images/0000000000000000/a.png`,
      `/images/${version(bytes)}/..%2Fbudget.md`,
      "/images/a.png",
    ])
      expect([other, (await fetch(`${baseUrl}${other}`)).status]).toEqual([other, 404]);
  });

  it("moves every output to a new URL when the file is replaced; the old URL answers 404", async () => {
    const before = pngBytes(40, 30);
    const after = pngBytes(80, 60, [10, 120, 10]);
    const imagesDir = await makeImagesDir({ "a.png": before });
    const dir = await makeArticlesDir({ "budget.md": budget("a.png") });
    const { baseUrl } = await startTestServer(dir, { imagesDir, watch: true });
    const oldUrl = `${baseUrl}${imagePathOf(before, "a.png")}`;
    expect((await imageUrls(baseUrl)).json).toEqual([oldUrl]);
    await rm(path.join(imagesDir, "a.png"));
    await writeFile(path.join(imagesDir, "a.png"), after);
    const newUrl = `${baseUrl}${imagePathOf(after, "a.png")}`;
    await pollUntil(
      async () => (await imageUrls(baseUrl)).json,
      (urls) => urls[0] === newUrl,
    );
    const found = await imageUrls(baseUrl);
    expect([found.rss, found.atom, found.og, found.page]).toEqual([
      [newUrl],
      [newUrl],
      [newUrl],
      [[newUrl, "80", "60"]],
    ]);
    expect((await fetch(oldUrl)).status).toBe(404);
    expect((await fetch(newUrl)).status).toBe(200);
  });

  it("publishes an article whose image is missing without it, and reports it by file and field", async () => {
    const imagesDir = await makeImagesDir({
      "not-an-image.png": Buffer.from("GIF89a but not a PNG"),
    });
    await symlink("/etc/passwd", path.join(imagesDir, "passwd.png"));
    const dir = await makeArticlesDir({
      "budget.md": budget({ url: "gone.png", caption: "The minister" }),
      "b.md": markdownArticle({
        title: "B",
        published: "2026-03-01T09:00:00Z",
        image: "not-an-image.png",
      }),
      "c.md": markdownArticle({
        title: "C",
        published: "2026-03-01T08:00:00Z",
        image: "passwd.png",
      }),
    });
    const { baseUrl, logs } = await startTestServer(dir, { imagesDir });
    const found = await imageUrls(baseUrl);
    expect([found.rss, found.atom, found.json, found.page, found.jsonLd, found.og]).toEqual([
      [],
      [],
      [undefined, undefined, undefined],
      [],
      [],
      [],
    ]);
    const page = await text(`${baseUrl}/articles/budget`);
    expect(page).toContain("<figure><figcaption>The minister</figcaption></figure>");
    expect(page).not.toContain("<img");
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health.status).toBe("ok");
    expect(health.articleProblems).toEqual([]);
    expect(health.articleWarnings).toEqual([
      {
        file: "b.md",
        message:
          "image: not-an-image.png: its first bytes are not those of an image/png image; published without the image",
      },
      {
        file: "budget.md",
        message: "image: gone.png: no such file in the images folder; published without the image",
      },
      {
        file: "c.md",
        message:
          "image: passwd.png: a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the images folder); published without the image",
      },
    ]);
    expect(health.articleWarningsNotListed).toBe(0);
    expect(
      logs
        .filter((entry) => entry.message === "article published with a fault cleaned")
        .map((entry) => entry.fields.file)
        .sort(),
    ).toEqual(["b.md", "budget.md", "c.md"]);
    expect((await fetch(`${baseUrl}/images/0000000000000000/passwd.png`)).status).toBe(404);
  });

  it("publishes the image once it arrives in the folder", async () => {
    const imagesDir = await makeImagesDir({});
    const dir = await makeArticlesDir({ "budget.md": budget("late.png") });
    const { baseUrl } = await startTestServer(dir, { imagesDir, watch: true });
    expect((await imageUrls(baseUrl)).json).toEqual([undefined]);
    const bytes = pngBytes(20, 10);
    await writeFile(path.join(imagesDir, "late.png"), bytes);
    const url = `${baseUrl}${imagePathOf(bytes, "late.png")}`;
    await pollUntil(
      async () => (await imageUrls(baseUrl)).json,
      (urls) => urls[0] === url,
    );
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health.articleWarnings).toEqual([]);
  });

  it("keeps an embargoed article's image unserved until the embargo lifts", async () => {
    const bytes = pngBytes(20, 10);
    const imagesDir = await makeImagesDir({ "a.png": bytes });
    const dir = await makeArticlesDir({ "budget.md": budget("a.png") });
    const clock = manualClock(Date.parse("2026-03-02T08:59:59.999Z"));
    const { baseUrl } = await startTestServer(dir, { imagesDir, clock });
    const url = `${baseUrl}${imagePathOf(bytes, "a.png")}`;
    expect((await fetch(url)).status).toBe(404);
    clock.set(Date.parse("2026-03-02T09:00:00Z"));
    await pollUntil(
      async () => (await fetch(url)).status,
      (status) => status === 200,
    );
  });

  it("is reported by wirefeed validate as a warning naming the file and field", async () => {
    const imagesDir = await makeImagesDir({});
    const dir = await makeArticlesDir({ "budget.md": budget("gone.png") });
    const report = await validateStore(
      { articlesDir: dir, imagesDir, site: testSite(), siteUrl: testSiteUrl },
      dir,
    );
    expect(report.warnings).toEqual([
      "budget.md: image: gone.png: no such file in the images folder; published without the image",
    ]);
    expect(report.problems).toEqual([]);
  });

  it("are exported at their versioned paths with their headers", async () => {
    const bytes = pngBytes(30, 20);
    const imagesDir = await makeImagesDir({ "a.png": bytes });
    const dir = await makeArticlesDir({ "budget.md": budget("a.png") });
    const outDir = await makeImagesDir({});
    const manifest = await exportSite(outDir, {
      articlesDir: dir,
      mediaDir: path.join(dir, "no-media"),
      imagesDir,
      site: testSite(),
      siteUrl: testSiteUrl,
    });
    const urlPath = imagePathOf(bytes, "a.png");
    expect(manifest[urlPath]?.file).toBe(urlPath.slice(1));
    expect(manifest[urlPath]?.headers["Content-Type"]).toBe("image/png");
    expect(manifest[urlPath]?.headers["Cache-Control"]).toBe("public, max-age=31536000, immutable");
    expect((await readFile(path.join(outDir, urlPath))).equals(bytes)).toBe(true);
    const page = await readFile(path.join(outDir, "articles", "budget", "index.html"), "utf8");
    expect(page).toContain(`src="${testSiteUrl}${urlPath}"`);
  });
});
