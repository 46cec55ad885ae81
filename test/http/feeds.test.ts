// The real server on an ephemeral port, spoken to with fetch.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { assertWellFormed, xmlTexts } from "../support/xml.js";

async function seedServer() {
  const dir = await makeArticlesDir(
    {
      "second.md": markdownArticle(
        {
          title: "Second story",
          published: "2026-02-01T08:00:00Z",
          author: "Jane Roe",
          tags: ["World"],
        },
        "Text with [a relative link](/about) and ![a picture](img/p.jpg).",
      ),
    },
    { withSeed: true },
  );
  return startTestServer(dir);
}

const feeds = [
  ["/rss.xml", "application/rss+xml; charset=utf-8"],
  ["/atom.xml", "application/atom+xml; charset=utf-8"],
  ["/feed.json", "application/feed+json; charset=utf-8"],
] as const;

describe("feed responses", () => {
  it.each(feeds)(
    "GET %s answers 200 with its exact content type and caching headers",
    async (path, type) => {
      const { baseUrl } = await seedServer();
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { "Accept-Encoding": "identity" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("cache-control")).toBe("public, max-age=900");
      expect(response.headers.get("last-modified")).toBe("Sun, 01 Feb 2026 08:00:00 GMT");
      expect(response.headers.get("etag")).toMatch(/^"[\w-]{24}"$/);
      expect(response.headers.get("vary")).toBe("Accept-Encoding");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("link")).toBe(`<${baseUrl}${path}>; rel="self"`);
      const body = await response.text();
      expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(body));
      if (path.endsWith(".json")) expect(JSON.parse(body).feed_url).toBe(`${baseUrl}${path}`);
      else assertWellFormed(body);
    },
  );

  it.each(feeds)(
    "GET %s with the ETag in If-None-Match answers 304 with the same validators",
    async (path) => {
      const { baseUrl } = await seedServer();
      const first = await fetch(`${baseUrl}${path}`);
      const etag = first.headers.get("etag") ?? "";
      const second = await fetch(`${baseUrl}${path}`, {
        headers: { "If-None-Match": `"other", W/${etag}` },
      });
      expect(second.status).toBe(304);
      expect(await second.text()).toBe("");
      expect(second.headers.get("etag")).toBe(etag);
      expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
      expect(second.headers.get("vary")).toBe("Accept-Encoding");
      expect(second.headers.get("last-modified")).toBe(first.headers.get("last-modified"));
    },
  );

  it("answers 200 to a stale ETag even when If-Modified-Since is recent (If-None-Match wins)", async () => {
    const { baseUrl } = await seedServer();
    const response = await fetch(`${baseUrl}/rss.xml`, {
      headers: { "If-None-Match": '"stale"', "If-Modified-Since": "Mon, 01 Jan 2035 00:00:00 GMT" },
    });
    expect(response.status).toBe(200);
  });

  it("compares If-Modified-Since as a date, not as a string", async () => {
    const { baseUrl } = await seedServer();
    const later = await fetch(`${baseUrl}/atom.xml`, {
      headers: { "If-Modified-Since": "Tue, 03 Feb 2026 00:00:00 GMT" },
    });
    expect(later.status).toBe(304);
    const earlier = await fetch(`${baseUrl}/atom.xml`, {
      headers: { "If-Modified-Since": "Sat, 31 Jan 2026 00:00:00 GMT" },
    });
    expect(earlier.status).toBe(200);
  });

  it("gives the same ETag for the same content on two servers", async () => {
    const dir = await makeArticlesDir({}, { withSeed: true });
    const a = await startTestServer(dir);
    const b = await startTestServer(dir);
    const pathOnly = (url: string) => url.replace(/http:\/\/127\.0\.0\.1:\d+/g, "");
    const [bodyA, bodyB] = await Promise.all([
      fetch(`${a.baseUrl}/feed.json`).then((r) => r.text()),
      fetch(`${b.baseUrl}/feed.json`).then((r) => r.text()),
    ]);
    expect(pathOnly(bodyA)).toBe(pathOnly(bodyB));
    const again = await fetch(`${a.baseUrl}/feed.json`);
    const first = await fetch(`${a.baseUrl}/feed.json`);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("HEAD answers with the GET headers and no body", async () => {
    const { baseUrl } = await seedServer();
    const get = await fetch(`${baseUrl}/rss.xml`, { headers: { "Accept-Encoding": "identity" } });
    const head = await fetch(`${baseUrl}/rss.xml`, {
      method: "HEAD",
      headers: { "Accept-Encoding": "identity" },
    });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const name of [
      "content-type",
      "content-length",
      "etag",
      "last-modified",
      "cache-control",
    ]) {
      expect(head.headers.get(name)).toBe(get.headers.get(name));
    }
  });

  it("serves gzip and brotli copies of the same bytes with their own ETags", async () => {
    const { baseUrl } = await seedServer();
    const identity = await fetch(`${baseUrl}/rss.xml`, {
      headers: { "Accept-Encoding": "identity" },
    });
    const plain = Buffer.from(await identity.arrayBuffer());
    const raw = async (encoding: string) => {
      const { request } = await import("node:http");
      return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`${baseUrl}/rss.xml`, { headers: { "Accept-Encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on("error", reject)
          .end();
      });
    };
    const gzip = await raw("gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);
    const br = await raw("br, gzip");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    const etags = new Set([identity.headers.get("etag"), gzip.headers.etag, br.headers.etag]);
    expect(etags.size).toBe(3);
  });

  it("prefers brotli over gzip at equal quality whatever the client's order, and honours q-values", async () => {
    const { baseUrl } = await seedServer();
    const codingFor = async (acceptEncoding: string) => {
      const response = await fetch(`${baseUrl}/rss.xml`, {
        method: "HEAD",
        headers: { "Accept-Encoding": acceptEncoding },
      });
      return response.headers.get("content-encoding");
    };
    // Chromium's header lists gzip first.
    expect(await codingFor("gzip, deflate, br, zstd")).toBe("br");
    expect(await codingFor("gzip, br")).toBe("br");
    expect(await codingFor("gzip;q=1, br;q=0.5")).toBe("gzip");
    expect(await codingFor("gzip, deflate")).toBe("gzip");
    expect(await codingFor("br;q=0, gzip;q=0, identity")).toBeNull();
  });

  it("links each item to an article page that exists, and resolves relative URLs in content", async () => {
    const { baseUrl } = await seedServer();
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    const links = xmlTexts(rss, "/rss/channel/item/link");
    expect(links).toEqual([
      `${baseUrl}/articles/second`,
      `${baseUrl}/articles/russia-to-continue-backing-iraqi-syrian-governments-lavrov`,
    ]);
    for (const link of links) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
    const [content] = xmlTexts(rss, "/rss/channel/item[1]/content:encoded");
    expect(content).toContain(`href="${baseUrl}/about"`);
    expect(content).toContain(`src="${baseUrl}/articles/img/p.jpg"`);
  });

  it("refuses other methods on a feed with 405 and Allow", async () => {
    const { baseUrl } = await seedServer();
    const response = await fetch(`${baseUrl}/rss.xml`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("pages", () => {
  it("the home page lists the articles and offers all three feeds for autodiscovery", async () => {
    const { baseUrl } = await seedServer();
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Example News (RSS)" href="${baseUrl}/rss.xml">`,
    );
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Example News (Atom)" href="${baseUrl}/atom.xml">`,
    );
    expect(html).toContain(
      `<link rel="alternate" type="application/feed+json" title="Example News (JSON Feed)" href="${baseUrl}/feed.json">`,
    );
    expect(html).toContain(`<a href="${baseUrl}/articles/second">Second story</a>`);
    expect(html).toContain("Russia to continue backing Iraqi, Syrian governments: Lavrov");
  });

  it("the seed's page shows its caption as a caption, its 11 paragraphs and no byline", async () => {
    const { baseUrl } = await seedServer();
    const html = await (
      await fetch(`${baseUrl}/articles/russia-to-continue-backing-iraqi-syrian-governments-lavrov`)
    ).text();
    expect(html).toContain(
      "<figure><figcaption>Russian Foreign Minister Sergey Lavrov</figcaption></figure>",
    );
    expect(html.match(/<p>[^<]/g)?.length).toBeGreaterThanOrEqual(11);
    expect(html).toContain(
      'Published <time datetime="2014-10-20T08:00:00Z">Monday 20 October 2014, 08:00 UTC</time>',
    );
    expect(html).not.toContain('class="byline"');
    expect(html).toContain('rel="alternate" type="application/feed+json"');
  });

  it("answers unknown paths with a 404 HTML page", async () => {
    const { baseUrl } = await seedServer();
    for (const path of ["/nope", "/articles/nope", "/articles/", "/tags/x/rss.xml"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toContain("<h1>Not found</h1>");
    }
  });

  it("/healthz reports the articles and any skipped file", async () => {
    const dir = await makeArticlesDir({ "bad.md": "---\ntitle: x\n---\n" }, { withSeed: true });
    const { baseUrl, logs } = await startTestServer(dir);
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "degraded",
      reasons: ["1 article file(s) not published"],
      articles: 1,
      lastPublish: null,
      lastChange: null,
      queue: { store: 0, hubs: 0 },
      articleProblems: [{ file: "bad.md", message: "published: required" }],
      articleProblemsNotListed: 0,
      articleWarnings: [],
      articleWarningsNotListed: 0,
      invalidFeeds: [],
      invalidFeedsNotListed: 0,
    });
    expect(logs).toContainEqual({
      level: "warn",
      message: "article skipped",
      fields: { file: "bad.md", reason: "published: required" },
    });
    expect((await fetch(`${baseUrl}/rss.xml`)).status).toBe(200);
  });
});
