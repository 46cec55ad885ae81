// Absolute-form request targets (`GET http://host/rss.xml`, RFC 9112 §3.2.2) on the real server:
// every feed, page, media file and API route answers exactly as it does for the origin form.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { type RawResponse, rawGet, rawRequest } from "../reliability/raw-http.js";
import { episodeFixture, startPodcastServer } from "../support/podcast-site.js";

const token = "absolute-form-token-0123456789abcdef";
const mediaVersion = createHash("sha256").update(episodeFixture.ep1).digest("hex").slice(0, 16);

function authorized(baseUrl: string, method: string, target: string, body?: string) {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${new URL(baseUrl).host}`,
    `Authorization: Bearer ${token}`,
  ];
  if (body === undefined) return rawRequest(baseUrl, lines.join("\r\n"));
  const bytes = Buffer.from(body);
  lines.push("Content-Type: application/json", `Content-Length: ${bytes.length}`);
  return rawRequest(baseUrl, lines.join("\r\n"), bytes);
}

function expectSameAnswer(absolute: RawResponse, origin: RawResponse, what: string): void {
  expect(absolute.status, what).toBe(origin.status);
  expect(absolute.headers["content-type"], what).toBe(origin.headers["content-type"]);
  expect(absolute.headers.etag, what).toBe(origin.headers.etag);
  expect(absolute.body.equals(origin.body), what).toBe(true);
}

describe("an absolute-form request target", () => {
  it("is served like the origin form on every feed, page, media file and read-only route", async () => {
    const { baseUrl } = await startPodcastServer({ apiToken: token });
    const paths = [
      "/rss.xml",
      "/atom.xml",
      "/feed.json",
      "/podcast.xml",
      "/feeds.opml",
      "/feeds/",
      "/",
      "/articles/storm",
      "/tags/no-such-tag/rss.xml",
      "/archive/2026-03/atom.xml",
      "/pages/2/feed.json",
      "/authors/ana-ruiz/",
      "/authors/ana-ruiz/rss.xml",
      `/media/${mediaVersion}/ep1.wav`,
      "/no/such/page",
      "/rss.xml?utm_source=x",
    ];
    for (const path of paths) {
      const origin = await rawGet(baseUrl, path);
      expect(origin.status, path).not.toBe(405);
      expectSameAnswer(await rawGet(baseUrl, `${baseUrl}${path}`), origin, path);
      // The authority of the target is the host (RFC 9112 §3.2.2): another Host is ignored, and
      // the scheme is case-insensitive.
      expectSameAnswer(
        await rawGet(baseUrl, `HTTP://news.example.com${path}`, []),
        origin,
        `HTTP://news.example.com${path}`,
      );
    }
    const health = await rawGet(baseUrl, `${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString()).status).toBe("ok");
  });

  it("without a path is the home page, and conditional requests and ranges work as for the origin form", async () => {
    const { baseUrl } = await startPodcastServer();
    const home = await rawGet(baseUrl, "/");
    expectSameAnswer(await rawGet(baseUrl, baseUrl), home, baseUrl);
    expectSameAnswer(await rawGet(baseUrl, `${baseUrl}?ref=1`), home, `${baseUrl}?ref=1`);

    const rss = await rawGet(baseUrl, "/rss.xml");
    const notModified = await rawGet(baseUrl, `${baseUrl}/rss.xml`, [
      `If-None-Match: ${rss.headers.etag}`,
    ]);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(rss.headers.etag);

    const gzip = await rawGet(baseUrl, `${baseUrl}/atom.xml`, ["Accept-Encoding: gzip"]);
    expect(gzip.status).toBe(200);
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.body.equals((await rawGet(baseUrl, "/atom.xml")).body)).toBe(true);

    const range = await rawGet(baseUrl, `${baseUrl}/media/${mediaVersion}/ep1.wav`, [
      "Range: bytes=0-3",
    ]);
    expect(range.status).toBe(206);
    expect(range.body.toString("ascii")).toBe("RIFF");
  });

  it("reaches the publishing API: list, read, create, replace and delete", async () => {
    const { baseUrl, articlesDir } = await startPodcastServer({ apiToken: token });
    const list = await authorized(baseUrl, "GET", `${baseUrl}/api/articles`);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body.toString()).total).toBe(3);

    const created = await authorized(
      baseUrl,
      "POST",
      `${baseUrl}/api/articles`,
      JSON.stringify({ title: "Sent in absolute form", body: "Text." }),
    );
    expect(created.status).toBe(201);
    expect(await readdir(articlesDir)).toContain("sent-in-absolute-form.md");
    const rss = (await rawGet(baseUrl, `${baseUrl}/rss.xml`)).body.toString();
    expect(rss).toContain("Sent in absolute form");

    const read = await authorized(baseUrl, "GET", `${baseUrl}/api/articles/sent-in-absolute-form`);
    expect(read.status).toBe(200);
    const { file: _file, url: _url, ...fields } = JSON.parse(read.body.toString());
    const replaced = await authorized(
      baseUrl,
      "PUT",
      `${baseUrl}/api/articles/sent-in-absolute-form`,
      JSON.stringify({ ...fields, title: "Replaced" }),
    );
    expect(replaced.status, replaced.body.toString()).toBe(200);
    expect((await rawGet(baseUrl, "/rss.xml")).body.toString()).toContain("Replaced");
    const deleted = await authorized(
      baseUrl,
      "DELETE",
      `${baseUrl}/api/articles/sent-in-absolute-form`,
    );
    expect(deleted.status).toBe(204);
    expect(await readdir(articlesDir)).not.toContain("sent-in-absolute-form.md");
  });

  it("that names no host, or carries user information, gets 400", async () => {
    const { baseUrl } = await startPodcastServer();
    for (const target of ["http:///rss.xml", "http://:80/rss.xml", "http://user@host/rss.xml"]) {
      const response = await rawGet(baseUrl, target);
      expect(response.status, target).toBe(400);
      expect(response.body.toString()).not.toContain("<rss");
    }
    expect((await rawGet(baseUrl, "/rss.xml")).status).toBe(200);
  });
});
