// Subscriber counts on a real server: aggregators' real User-Agents give their counts, simulated
// direct readers on 50 loopback addresses count 50, the figures survive a restart, and nothing
// that identifies a reader is written to the state folder.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import type { StatsReport } from "../../src/audience/stats-report.js";
import {
  articlesForAudience,
  fetchStats,
  getFrom,
  startAudienceServer,
  statsToken,
} from "./audience-server.js";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function feedOf(report: StatsReport, feedPath: string) {
  const today = report.days.at(-1);
  const feed = today?.feeds.find((candidate) => candidate.path === feedPath);
  if (feed === undefined) throw new Error(`no figures for ${feedPath}`);
  return feed;
}

/** Every file under `dir`, with its text. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(file, await readFile(file, "utf8"));
  }
  return files;
}

// The User-Agents as the services send them (sources in src/audience/user-agents.json).
const aggregatorRequests = [
  {
    ua: "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 462 subscribers; )",
    family: "Feedly",
    subscribers: 462,
  },
  {
    ua: "Mozilla/5.0 (compatible; inoreader.com; 114 subscribers)",
    family: "Inoreader",
    subscribers: 114,
  },
  {
    ua: "Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 26 subscribers; )",
    family: "Inoreader",
    subscribers: 26,
  },
  {
    ua: 'NewsBlur Feed Fetcher - 27 subscribers - https://www.newsblur.com/site/7704055/rendezvous-with-cassidoo ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0.1 Safari/605.1.15")',
    family: "NewsBlur",
    subscribers: 27,
  },
  {
    ua: "Feedbin feed-id:1697787 - 102 subscribers",
    family: "Feedbin",
    subscribers: 102,
    feedId: "1697787",
  },
  {
    ua: "Mozilla/5.0 (compatible; theoldreader.com; 3 subscribers; feed-id=cead6c3a837650eeefd8fe4a)",
    family: "The Old Reader",
    subscribers: 3,
    feedId: "cead6c3a837650eeefd8fe4a",
  },
  {
    ua: "Mozilla/5.0 (compatible; BazQux/2.4; +https://bazqux.com/fetcher; 5 subscribers)",
    family: "BazQux",
    subscribers: 5,
  },
  {
    ua: "Feedspot/1.0 (+https://www.feedspot.com/fs/fetcher; like FeedFetcher-Google)",
    family: "Feedspot",
    subscribers: null,
  },
  {
    ua: "Newsify Feed Fetcher (+http://newsify.co; 12 subscribers)",
    family: "Newsify",
    subscribers: 12,
  },
  {
    ua: "Overcast/1.0 Podcast Sync (123 subscribers; feed-id=456789; +http://overcast.fm/)",
    family: "Overcast",
    subscribers: 123,
    feedId: "456789",
  },
  {
    ua: "PlayerFM/1.0 Podcast Sync (5033 subscribers; url=https://player.fm/series/the-changelog-1282967)",
    family: "Player FM",
    subscribers: 5033,
  },
  {
    ua: "PocketCasts/1.0 (Pocket Casts Feed Parser; +http://pocketcasts.com/)",
    family: "Pocket Casts",
    subscribers: null,
  },
  {
    ua: "FeedFetcher-Google; (+http://www.google.com/feedfetcher.html; 4 subscribers; feed-id=9048986372668769311)",
    family: "Google WebSub hub",
    subscribers: 4,
    feedId: "9048986372668769311",
  },
];

describe("subscriber counts on a real server", () => {
  test("each aggregator's real User-Agent gives its count; the latest count of the day wins", async () => {
    const server = await startAudienceServer(await articlesForAudience(), await makeStateDir());
    // An earlier, lower Feedly count is replaced by the later one.
    await getFrom(`${server.baseUrl}/rss.xml`, {
      "user-agent": "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 400 subscribers; )",
    });
    for (const { ua } of aggregatorRequests) {
      expect((await getFrom(`${server.baseUrl}/rss.xml`, { "user-agent": ua })).status).toBe(200);
    }
    const feed = feedOf(await fetchStats(server.baseUrl), "/rss.xml");
    const expected = aggregatorRequests.map(({ family, subscribers, feedId }) => ({
      family,
      subscribers,
      ...(feedId === undefined ? {} : { feedId }),
    }));
    // Inoreader reported twice without a feed id: only its latest count stands.
    const latest = expected.filter(
      (row) => !(row.family === "Inoreader" && row.subscribers === 114),
    );
    expect(feed.aggregators).toEqual(
      expect.arrayContaining(latest.map((row) => expect.objectContaining(row))),
    );
    expect(feed.aggregators).toHaveLength(latest.length);
    const sum = latest.reduce((total, row) => total + (row.subscribers ?? 1), 0);
    expect(feed.aggregatorSubscribers).toBe(sum);
    expect(feed.directReaders).toBe(0);
    expect(feed.subscribers).toBe(sum);
  });

  test("1,000 requests from 50 direct readers count 50; a restart keeps the day's figures", async () => {
    const stateDir = await makeStateDir();
    const articlesDir = await articlesForAudience();
    const first = await startAudienceServer(articlesDir, stateDir);
    const readerAgents = [
      "Newsboat/2.30.1 (Linux x86_64)",
      "Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)",
      "NetNewsWire (RSS Reader; https://netnewswire.com/)",
      "AntennaPod/3.4.0",
      "rss2email/3.14 (https://github.com/rss2email/rss2email)",
    ];
    // 50 readers: 10 addresses × 5 programs; each polls 20 times, conditionally after the first.
    const readers = Array.from({ length: 50 }, (_, index) => ({
      address: `127.0.0.${10 + (index % 10)}`,
      ua: readerAgents[Math.floor(index / 10)] as string,
    }));
    const statuses = new Map<number, number>();
    let etag: string | undefined;
    for (let round = 0; round < 20; round += 1) {
      await Promise.all(
        readers.map(async (reader) => {
          const headers: Record<string, string> = { "user-agent": reader.ua };
          if (round > 0 && etag !== undefined) headers["if-none-match"] = etag;
          const answer = await getFrom(`${first.baseUrl}/atom.xml`, headers, reader.address);
          etag ??= answer.headers.etag as string;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        }),
      );
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 50, 304: 950 });
    const before = await fetchStats(first.baseUrl);
    const atom = feedOf(before, "/atom.xml");
    expect(atom.directReaders).toBe(50);
    expect(atom.subscribers).toBe(50);
    expect(before.days.at(-1)?.directReaders).toBe(50);
    const newsboat = atom.clients.find((client) => client.family === "Newsboat");
    expect(newsboat).toMatchObject({
      kind: "reader",
      requests: 200,
      conditionalShare: 0.95,
      notModifiedShare: 0.95,
    });

    await first.close();
    const second = await startAudienceServer(articlesDir, stateDir);
    const after = await fetchStats(second.baseUrl);
    expect(feedOf(after, "/atom.xml")).toEqual(atom);
    // The same readers again after the restart: a new key, and still 50, not 100.
    for (const reader of readers) {
      await getFrom(`${second.baseUrl}/atom.xml`, { "user-agent": reader.ua }, reader.address);
    }
    expect(feedOf(await fetchStats(second.baseUrl), "/atom.xml").directReaders).toBe(50);

    // Nothing in the state folder (the audience's files or any other) names an address or a User-Agent.
    await second.close();
    const files = await filesUnder(stateDir);
    const audienceFiles = [...files.keys()].filter((file) =>
      file.startsWith(path.join(stateDir, "audience")),
    );
    expect(audienceFiles.map((file) => path.relative(stateDir, file))).toEqual([
      path.join("audience", "today.json"),
    ]);
    for (const [file, text] of files) {
      for (let last = 0; last < 256; last += 1) expect(text, file).not.toContain(`127.0.0.${last}`);
      for (const ua of readerAgents) expect(text, file).not.toContain(ua);
      expect(text, file).not.toMatch(/Linux x86_64|miniflux\.app|Newsboat\/|AntennaPod\//);
    }
  });

  test("/api/stats needs the token", async () => {
    const server = await startAudienceServer(await articlesForAudience(), await makeStateDir());
    const none = await fetch(`${server.baseUrl}/api/stats`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Basic");
    const wrong = await fetch(`${server.baseUrl}/api/stats`, {
      headers: { authorization: `Bearer ${statsToken}x` },
    });
    expect(wrong.status).toBe(403);
    const basic = await fetch(`${server.baseUrl}/api/stats?days=1`, {
      headers: { authorization: `Basic ${Buffer.from(`any:${statsToken}`).toString("base64")}` },
    });
    expect(basic.status).toBe(200);
    expect(basic.headers.get("cache-control")).toBe("no-store");
    const report = (await basic.json()) as StatsReport;
    expect(report.method).toContain("keyed hash");
    expect(report.days).toHaveLength(1);
    const bad = await fetch(`${server.baseUrl}/api/stats?days=zero`, {
      headers: { authorization: `Bearer ${statsToken}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("days");
  });
});
