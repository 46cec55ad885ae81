// The re-download rule on a real server: past REFETCH_LIMIT unconditional downloads of an
// unchanged feed a client gets 429 with Retry-After; conditional polls, other clients, a new
// version and the hub's fetch are never refused, and the stats show it all.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { markdownArticle } from "../support/articles-dir.js";
import {
  articlesForAudience,
  fetchStats,
  getFrom,
  startAudienceServer,
} from "./audience-server.js";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-polite-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const greedy = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
};

describe("polite polling", () => {
  test("the 4th unconditional download of an unchanged feed within the hour is refused; 304s never are", async () => {
    const articlesDir = await articlesForAudience();
    const server = await startAudienceServer(articlesDir, await makeStateDir(), {
      refetchLimit: 3,
    });
    const url = `${server.baseUrl}/feed.json`;
    const allowed = [];
    for (let i = 0; i < 3; i += 1) allowed.push(await getFrom(url, greedy, "127.0.0.5"));
    expect(allowed.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const refused = await getFrom(url, greedy, "127.0.0.5");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers["cache-control"]).toBe("no-store");
    expect(refused.body).toContain("If-None-Match");

    // The same client polling conditionally is answered 304, as many times as it likes.
    const etag = allowed[0]?.headers.etag as string;
    for (let i = 0; i < 10; i += 1) {
      const polite = await getFrom(url, { ...greedy, "if-none-match": etag }, "127.0.0.5");
      expect(polite.status).toBe(304);
    }
    // Another address with the same browser, and the WebSub hub's fetch, are not refused.
    expect((await getFrom(url, greedy, "127.0.0.6")).status).toBe(200);
    const hub = {
      "user-agent":
        "Superfeedr bot/2.0 http://superfeedr.com - Make your feeds realtime: get in touch - feed-id:46271263",
    };
    for (let i = 0; i < 6; i += 1) expect((await getFrom(url, hub, "127.0.0.7")).status).toBe(200);

    // A new version of the feed may be downloaded at once.
    await writeFile(
      path.join(articlesDir, "two.md"),
      markdownArticle({ title: "Two", published: "2026-03-02T10:00:00Z" }),
    );
    await server.service.refresh(["two.md"]);
    expect((await getFrom(url, greedy, "127.0.0.5")).status).toBe(200);

    const feed = (await fetchStats(server.baseUrl)).days
      .at(-1)
      ?.feeds.find((f) => f.path === "/feed.json");
    const browser = feed?.clients.find((client) => client.family === "browser");
    expect(browser).toMatchObject({
      requests: 16,
      refused: 1,
      conditionalShare: 0.625,
      notModifiedShare: 0.625,
    });
    const bodyBytes = Buffer.byteLength(allowed[0]?.body ?? "");
    expect(browser?.bytes).toBeGreaterThanOrEqual(4 * bodyBytes);
    expect(browser?.maxAgeSeconds).toBe(900);
    expect(browser?.medianIntervalSeconds).toBe(1);
    expect(feed?.clients.find((client) => client.family === "Superfeedr")).toMatchObject({
      kind: "hub",
      refused: 0,
    });
  });

  test("without REFETCH_LIMIT nothing is refused", async () => {
    const server = await startAudienceServer(await articlesForAudience(), await makeStateDir());
    for (let i = 0; i < 8; i += 1) {
      expect((await getFrom(`${server.baseUrl}/rss.xml`, greedy, "127.0.0.5")).status).toBe(200);
    }
  });
});
