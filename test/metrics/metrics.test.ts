// GET /metrics on a real server: requests by route kind, status and coding (304 included), build
// durations, validation failures, queue lengths and the last publish, in Prometheus's text format;
// behind METRICS_TOKEN when one is set.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import type { FeedValidator } from "../../src/renditions/site/site-snapshot.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { articlesForAudience, getFrom, startAudienceServer } from "../audience/audience-server.js";
import { markdownArticle } from "../support/articles-dir.js";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-metrics-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The value of one sample line, e.g. `wirefeed_articles` or `name{a="b"}`; undefined if absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const rejectPoison: FeedValidator = (format, text) => [
  ...validateRenderedFeed(format, text),
  ...(text.includes("POISON") ? ["test rule: the feed mentions POISON"] : []),
];

describe("/metrics", () => {
  test("counts requests by route kind, status and coding, and reports builds, failures and the last publish", async () => {
    const articlesDir = await articlesForAudience();
    const server = await startAudienceServer(
      articlesDir,
      await makeStateDir(),
      {},
      {},
      { validate: rejectPoison },
    );
    const url = server.baseUrl;
    const first = await getFrom(`${url}/rss.xml`);
    await getFrom(`${url}/rss.xml`, { "accept-encoding": "gzip" });
    await getFrom(`${url}/rss.xml`, { "accept-encoding": "br" });
    await getFrom(`${url}/rss.xml`, { "accept-encoding": "br" });
    for (let i = 0; i < 3; i += 1)
      await getFrom(`${url}/rss.xml`, { "if-none-match": first.headers.etag as string });
    await getFrom(`${url}/`);
    await getFrom(`${url}/healthz`);
    await getFrom(`${url}/no-such-page`);

    const before = await (await fetch(`${url}/metrics`)).text();
    expect(sample(before, "wirefeed_last_publish_timestamp_seconds")).toBe(0);

    await writeFile(
      path.join(articlesDir, "two.md"),
      markdownArticle({ title: "Two", published: "2026-03-02T10:00:00Z" }),
    );
    await server.service.refresh(["two.md"]);
    await writeFile(
      path.join(articlesDir, "bad.md"),
      markdownArticle({ title: "POISON", published: "2026-03-03T10:00:00Z" }),
    );
    await server.service.refresh(["bad.md"]);

    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const requests = (labels: string) => sample(text, `wirefeed_http_requests_total{${labels}}`);
    expect(requests('route="feed",status="200",encoding="identity"')).toBe(1);
    expect(requests('route="feed",status="200",encoding="gzip"')).toBe(1);
    expect(requests('route="feed",status="200",encoding="br"')).toBe(2);
    expect(requests('route="feed",status="304",encoding="identity"')).toBe(3);
    expect(requests('route="page",status="200",encoding="identity"')).toBe(1);
    expect(requests('route="health",status="200",encoding="identity"')).toBe(1);
    expect(requests('route="other",status="404",encoding="identity"')).toBe(1);
    // The first scrape is counted once it finished.
    expect(requests('route="metrics",status="200",encoding="identity"')).toBe(1);

    expect(sample(text, "wirefeed_build_duration_seconds_count")).toBe(2);
    expect(sample(text, "wirefeed_build_duration_seconds_sum")).toBeGreaterThan(0);
    // The main feeds in three formats (and every other feed that carries the article) fail.
    expect(sample(text, "wirefeed_feed_validation_failures_total")).toBeGreaterThanOrEqual(3);
    expect(sample(text, "wirefeed_invalid_feeds")).toBeGreaterThanOrEqual(3);
    expect(sample(text, "wirefeed_articles")).toBe(3);
    expect(sample(text, 'wirefeed_queue_length{queue="store"}')).toBe(0);
    expect(sample(text, 'wirefeed_queue_length{queue="websub"}')).toBe(0);
    const published = sample(text, "wirefeed_last_publish_timestamp_seconds") as number;
    expect(Math.abs(published - Date.now() / 1000)).toBeLessThan(60);
    expect(sample(text, "wirefeed_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  test("with METRICS_TOKEN, /metrics asks for it", async () => {
    const token = "metrics-token-0123456789abcdef";
    const server = await startAudienceServer(
      await articlesForAudience(),
      await makeStateDir(),
      {},
      {},
      { metricsToken: token },
    );
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
    const allowed = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("wirefeed_http_requests_total");
  });
});
