// No invalid feed is ever served: a feed that fails its check keeps its last valid version in
// service (or answers 503 when it has none), and the failure is logged and shown in /healthz.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedValidator } from "../../src/renditions/site/site-snapshot.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";

/** The real gate, plus one made-up rule so a test can produce a feed that fails. */
const rejectPoison: FeedValidator = (format, text) => [
  ...validateRenderedFeed(format, text),
  ...(text.includes("POISON") ? ["test rule: the feed mentions POISON"] : []),
];

interface Health {
  status: string;
  invalidFeeds: Array<{ path: string; problems: string[]; articles: string[] }>;
}

describe("the validation gate", () => {
  it("keeps serving the last valid feed when a change would make it invalid", async () => {
    const dir = await makeArticlesDir({
      "good.md": markdownArticle({ title: "Good", published: "2026-01-01T00:00:00Z" }),
    });
    const { baseUrl, logs } = await startTestServer(dir, { watch: true, validate: rejectPoison });
    const before = await fetch(`${baseUrl}/rss.xml`);
    const beforeBody = await before.text();

    await writeFile(
      path.join(dir, "poison.md"),
      markdownArticle({ title: "POISON", published: "2026-01-02T00:00:00Z" }),
    );
    const health = await pollUntil(
      () => fetch(`${baseUrl}/healthz`).then((r) => r.json() as Promise<Health>),
      (body) => body.invalidFeeds.length === 3,
    );
    expect(health.status).toBe("degraded");
    expect(health.invalidFeeds.map((feed) => feed.path).sort()).toEqual([
      "/atom.xml",
      "/feed.json",
      "/rss.xml",
    ]);
    for (const feed of health.invalidFeeds) {
      expect(feed.problems).toEqual(["test rule: the feed mentions POISON"]);
      expect(feed.articles).toEqual(["poison.md"]);
    }
    const after = await fetch(`${baseUrl}/rss.xml`);
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(await after.text()).toBe(beforeBody);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "error",
        fields: expect.objectContaining({ path: "/rss.xml" }),
      }),
    );
    // The article's own page is not a feed and is served.
    expect((await fetch(`${baseUrl}/articles/poison`)).status).toBe(200);
  });

  it("answers 503 for a feed that has never been valid", async () => {
    const dir = await makeArticlesDir({
      "poison.md": markdownArticle({ title: "POISON", published: "2026-01-02T00:00:00Z" }),
    });
    const { baseUrl } = await startTestServer(dir, { validate: rejectPoison });
    const response = await fetch(`${baseUrl}/feed.json`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    expect(await response.text()).not.toContain("POISON");
  });

  it("answers 503 for a feed built on first request that fails, and 405 only for other methods", async () => {
    const dir = await makeArticlesDir({
      "good.md": markdownArticle({
        title: "Good",
        published: "2026-01-01T00:00:00Z",
        tags: ["Fine"],
      }),
      "poison.md": markdownArticle({
        title: "POISON",
        published: "2026-01-02T00:00:00Z",
        tags: ["Toxic"],
      }),
    });
    const { baseUrl } = await startTestServer(dir, { validate: rejectPoison });
    for (const format of ["rss.xml", "atom.xml", "feed.json"]) {
      const url = `${baseUrl}/tags/toxic/${format}`;
      for (const method of ["GET", "HEAD", "GET"]) {
        const response = await fetch(url, { method });
        expect(response.status, `${method} ${url}`).toBe(503);
        expect(response.headers.get("retry-after")).toBe("60");
        expect(response.headers.get("cache-control")).toBe("no-store");
        expect(await response.text()).not.toContain("POISON");
      }
      const post = await fetch(url, { method: "POST" });
      expect(post.status).toBe(405);
      expect(post.headers.get("allow")).toBe("GET, HEAD");
      await post.body?.cancel();
    }
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
    expect(health.invalidFeeds.map((feed) => feed.path)).toEqual(
      expect.arrayContaining([
        "/tags/toxic/rss.xml",
        "/tags/toxic/atom.xml",
        "/tags/toxic/feed.json",
      ]),
    );
    // A feed of the same kind without the poison is served.
    const fine = await fetch(`${baseUrl}/tags/fine/rss.xml`);
    expect(fine.status).toBe(200);
    expect(await fine.text()).toContain("Good");
  });

  it("passes every feed wirefeed renders for the stored articles", async () => {
    const { baseUrl } = await startTestServer(path.resolve(import.meta.dirname, "../../articles"));
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
    expect(health).toMatchObject({ status: "ok", invalidFeeds: [] });
    for (const feed of ["/rss.xml", "/atom.xml", "/feed.json"])
      expect((await fetch(`${baseUrl}${feed}`)).status).toBe(200);
  });
});
