// Embargoes and expiries: an article is in no output before its `published` instant or after its
// `expires` instant, and appears or leaves everywhere at that instant without a file change.
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { exportSite } from "../../src/cli/export.js";
import type { Service } from "../../src/service.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { startLoopbackHub } from "../support/loopback-hub.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const liftsAt = Date.parse("2026-03-10T06:00:00Z");
const marker = "Zq7 embargoed budget";
const embargoed = markdownArticle(
  {
    title: `${marker} story`,
    slug: "embargoed-budget",
    id: "tag:news.example.com,2026:embargoed-zq7",
    published: new Date(liftsAt).toISOString(),
    tags: ["Economy"],
  },
  `The ${marker} body.`,
);
const runningStory = markdownArticle({
  title: "Running story",
  published: "2026-03-01T00:00:00Z",
  tags: ["Economy"],
});
const traces = [marker, "embargoed-budget", "embargoed-zq7"];

/** Every URL path the site serves, with the body it serves now (feeds in all formats, pages...). */
async function everyOutput(service: Service, baseUrl: string): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const path of [...service.snapshot().renditions.keys()].sort()) {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { "Accept-Encoding": "identity" },
    });
    bodies.set(path, await response.text());
  }
  return bodies;
}

function outputsWithTraces(bodies: Map<string, string>): string[] {
  return [...bodies]
    .filter(([, body]) => traces.some((trace) => body.includes(trace)))
    .map(([path]) => path);
}

async function mainFeedTitles(baseUrl: string): Promise<string> {
  const texts = await Promise.all(
    ["/rss.xml", "/atom.xml", "/feed.json"].map((path) =>
      fetch(`${baseUrl}${path}`).then((response) => response.text()),
    ),
  );
  return texts.join("\n");
}

/** A hub on loopback that records each publish ping's topic and answers 202. */
async function startPingRecorder() {
  const hub = await startLoopbackHub({ fetchTopics: false });
  return {
    url: hub.url,
    get topics() {
      return hub.pings.map((ping) => ping["hub.url"] ?? "");
    },
  };
}

describe("embargoed articles", () => {
  it("are in no output at T-1 ms and in every feed, section and page at T", async () => {
    const dir = await makeArticlesDir({ "a.md": runningStory, "e.md": embargoed });
    const clock = manualClock(liftsAt - 3_600_000);
    const { baseUrl, service } = await startTestServer(dir, { clock });

    expect(outputsWithTraces(await everyOutput(service, baseUrl))).toEqual([]);
    clock.set(liftsAt - 1);
    const justBefore = await everyOutput(service, baseUrl);
    expect(justBefore.size).toBeGreaterThan(10);
    expect(outputsWithTraces(justBefore)).toEqual([]);
    expect((await fetch(`${baseUrl}/articles/embargoed-budget`)).status).toBe(404);

    clock.set(liftsAt);
    await pollUntil(
      () => mainFeedTitles(baseUrl),
      (text) => text.split(`${marker} story`).length === 4,
      1000,
    );
    const after = outputsWithTraces(await everyOutput(service, baseUrl));
    for (const path of [
      "/",
      "/rss.xml",
      "/atom.xml",
      "/feed.json",
      "/articles/embargoed-budget",
      "/tags/economy/rss.xml",
      "/tags/economy/atom.xml",
      "/tags/economy/feed.json",
    ])
      expect(after).toContain(path);
  });

  it("whose time passed while the service was down are published at start", async () => {
    const dir = await makeArticlesDir({ "a.md": runningStory, "e.md": embargoed });
    const { baseUrl } = await startTestServer(dir, { clock: manualClock(liftsAt + 3_600_000) });
    expect((await fetch(`${baseUrl}/articles/embargoed-budget`)).status).toBe(200);
    expect(await mainFeedTitles(baseUrl)).toContain(`${marker} story`);
  });

  it("are announced to the hub once per affected feed when they lift", async () => {
    const hub = await startPingRecorder();
    const dir = await makeArticlesDir({ "a.md": runningStory, "e.md": embargoed });
    const clock = manualClock(liftsAt - 1000);
    const { baseUrl, service } = await startTestServer(dir, {
      clock,
      site: testSite({ hubs: [hub.url] }),
    });
    clock.set(liftsAt - 1);
    await service.hubsSettled();
    expect(hub.topics).toEqual([]);

    clock.set(liftsAt);
    await pollUntil(
      async () => hub.topics.length,
      (count) => count > 0,
      1000,
    );
    await service.hubsSettled();
    const feeds = ["/rss.xml", "/atom.xml", "/feed.json"].map((path) => `${baseUrl}${path}`);
    const tagFeeds = ["rss.xml", "atom.xml", "feed.json"].map(
      (name) => `${baseUrl}/tags/economy/${name}`,
    );
    expect(hub.topics.filter((topic) => feeds.includes(topic)).sort()).toEqual(feeds.sort());
    expect(hub.topics.filter((topic) => tagFeeds.includes(topic)).sort()).toEqual(tagFeeds.sort());
    expect(new Set(hub.topics).size).toBe(hub.topics.length);
  });

  it("are listed to token holders as scheduled, soonest first, and to nobody else", async () => {
    const later = markdownArticle({
      title: "Later still",
      slug: "later-still",
      published: new Date(liftsAt + 86_400_000).toISOString(),
    });
    const dir = await makeArticlesDir({ "a.md": runningStory, "e.md": embargoed, "l.md": later });
    const token = "schedule-test-token-0123456789";
    const { baseUrl } = await startTestServer(dir, {
      clock: manualClock(liftsAt - 60_000),
      apiToken: token,
    });
    const auth = { Authorization: `Bearer ${token}` };
    const scheduled = (await (
      await fetch(`${baseUrl}/api/articles?status=scheduled`, { headers: auth })
    ).json()) as { articles: Array<{ slug: string; status: string }> };
    expect(scheduled.articles.map((article) => [article.slug, article.status])).toEqual([
      ["embargoed-budget", "scheduled"],
      ["later-still", "scheduled"],
    ]);
    const all = (await (await fetch(`${baseUrl}/api/articles`, { headers: auth })).json()) as {
      articles: Array<{ slug: string; status: string }>;
    };
    expect(all.articles.map((article) => article.status).sort()).toEqual([
      "published",
      "scheduled",
      "scheduled",
    ]);
    expect((await fetch(`${baseUrl}/api/articles?status=scheduled`)).status).toBe(401);
  });
});

describe("the static export", () => {
  it("has no trace of an article under embargo", async () => {
    const inADay = new Date(Date.now() + 86_400_000).toISOString();
    const dir = await makeArticlesDir({
      "a.md": runningStory,
      "e.md": embargoed.replace(new Date(liftsAt).toISOString(), inADay),
    });
    const outDir = await mkdtemp(path.join(tmpdir(), "wirefeed-export-"));
    onTestFinished(() => rm(outDir, { recursive: true, force: true }));
    await exportSite(outDir, {
      articlesDir: dir,
      siteUrl: "https://news.example.com",
      site: testSite(),
      mediaDir: await makeArticlesDir({}),
    });
    const files: string[] = [];
    for (const name of await readdir(outDir, { recursive: true })) {
      if ((await stat(path.join(outDir, name))).isFile()) files.push(name);
    }
    expect(files.length).toBeGreaterThan(10);
    const withTraces: string[] = [];
    for (const file of files) {
      const text = (await readFile(path.join(outDir, file))).toString("latin1");
      if (traces.some((trace) => text.includes(trace)) || file.includes("embargoed"))
        withTraces.push(file);
    }
    expect(withTraces).toEqual([]);
    const rss = await readFile(path.join(outDir, "rss.xml"), "utf8");
    expect(rss).toContain("Running story");
  });
});

describe("expiring articles", () => {
  it("are in every output until T-1 ms and in none from T", async () => {
    const expiresAt = Date.parse("2026-03-20T00:00:00Z");
    const expiring = markdownArticle(
      {
        title: `${marker} story`,
        slug: "embargoed-budget",
        id: "tag:news.example.com,2026:embargoed-zq7",
        published: "2026-03-02T00:00:00Z",
        expires: new Date(expiresAt).toISOString(),
        tags: ["Economy"],
      },
      `The ${marker} body.`,
    );
    const dir = await makeArticlesDir({ "a.md": runningStory, "x.md": expiring });
    const clock = manualClock(expiresAt - 1);
    const { baseUrl, service } = await startTestServer(dir, { clock });
    expect(outputsWithTraces(await everyOutput(service, baseUrl))).toContain("/rss.xml");

    clock.set(expiresAt);
    await pollUntil(
      () => mainFeedTitles(baseUrl),
      (text) => !text.includes(marker),
      1000,
    );
    // Only the Atom feed's RFC 6721 tombstone names it now, and its page says it is gone.
    expect(outputsWithTraces(await everyOutput(service, baseUrl))).toEqual(["/atom.xml"]);
    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    expect(xmlTexts(atom, "//atom:entry/atom:title").join()).not.toContain(marker);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/@ref")).toEqual([
      "tag:news.example.com,2026:embargoed-zq7",
    ]);
    expect((await fetch(`${baseUrl}/articles/embargoed-budget`)).status).toBe(410);
  });

  it("must expire after they are published", async () => {
    const dir = await makeArticlesDir({
      "bad.md": markdownArticle({
        title: "Backwards",
        published: "2026-03-02T00:00:00Z",
        expires: "2026-03-01T00:00:00Z",
      }),
    });
    const { service } = await startTestServer(dir, { clock: manualClock(liftsAt) });
    expect(service.snapshot().problems).toEqual([
      {
        file: "bad.md",
        message: expect.stringMatching(
          /^expires: 2026-03-01T00:00:00\.000Z is not after published/,
        ),
      },
    ]);
  });
});
