// Member feeds: a members article's body and episode reach paying subscribers through their own
// private URLs and never any public output; tokens can be revoked and rotated.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { exportSite } from "../../src/cli/export.js";
import { runMembers } from "../../src/cli/members.js";
import type { MemberFeedsConfig } from "../../src/config.js";
import { MemberRegistry } from "../../src/members/registry.js";
import { validateFeedText } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { startLoopbackHub } from "../support/loopback-hub.js";
import { testPodcastSite } from "../support/podcast-site.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const marker = "Zm4 members-only marker";
const apiToken = "member-test-api-token-0123456789";
const memberEpisode = wavBytes({ seconds: 1, frequency: 523 });

const articles = () => ({
  "open.md": markdownArticle(
    { title: "Open story", published: "2026-03-01T08:00:00Z", tags: ["Economy"] },
    "Everyone may read this.",
  ),
  "paid.md": markdownArticle(
    {
      title: "Inside the budget talks",
      slug: "inside-the-budget-talks",
      id: "tag:news.example.com,2026:paid-1",
      published: "2026-03-02T08:00:00Z",
      summary: "How the deal was done.",
      access: "members",
      tags: ["Economy"],
      author: "Ana Ruiz",
      enclosure: { file: "members-ep.wav" },
    },
    `The talks began at dawn.\n\nThe ${marker} paragraph.`,
  ),
});

async function setup(
  options: {
    key?: string;
    membersFile?: string;
    hubs?: string[];
    maxAddresses?: number;
    site?: Record<string, unknown>;
    extraArticles?: Record<string, string>;
    stateDir?: string;
  } = {},
) {
  const dir = await makeArticlesDir({ ...articles(), ...options.extraArticles });
  const mediaDir = await makeMediaDir({ "members-ep.wav": memberEpisode });
  const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-members-"));
  onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
  const members: MemberFeedsConfig = {
    key: options.key ?? "member-key-for-tests-0123456789abcdef",
    file: options.membersFile ?? path.join(stateDir, "members.json"),
    mediaLinkHours: 24,
    maxAddresses: options.maxAddresses ?? 0,
  };
  const clock = manualClock(Date.parse("2026-03-05T10:00:00Z"));
  const server = await startTestServer(dir, {
    site: testPodcastSite({}, { hubs: options.hubs ?? [], ...options.site }),
    ...(options.stateDir === undefined ? {} : { stateDir: options.stateDir }),
    mediaDir,
    apiToken,
    members,
    clock,
  });
  return { ...server, dir, mediaDir, members, clock };
}

const auth = { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" };

interface Described {
  id: string;
  feeds: { rss: string; atom: string; json: string; podcast: string; home: string };
}

async function createSubscriber(baseUrl: string, id: string): Promise<Described> {
  const response = await fetch(`${baseUrl}/api/members`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ id, name: `Reader ${id}` }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Described;
}

describe("a members article in public", () => {
  it("is its title, summary and link in every public output, never its body or episode", async () => {
    const hub = await startLoopbackHub();
    const { baseUrl, service, dir, mediaDir, members } = await setup({ hubs: [hub.url] });
    const { feeds } = await createSubscriber(baseUrl, "reader-1");
    const memberRss = await (await fetch(feeds.rss)).text();
    const memberMedia = xmlTexts(memberRss, "/rss/channel/item/enclosure/@url");
    expect(memberMedia).toHaveLength(1);
    const mediaPath = new URL(memberMedia[0] ?? "").pathname.replace(/^\/private\/[^/]+/, "");

    // A change, so the hub is pinged and fetches every topic.
    await writeFile(
      path.join(dir, "new.md"),
      markdownArticle({ title: "New", published: "2026-03-03T08:00:00Z", tags: ["Economy"] }),
    );
    await service.refresh(["new.md"]);
    await service.hubsSettled();
    await pollUntil(
      async () => hub.fetched.length,
      (count) => count >= hub.pings.length && count > 0,
    );

    const leaks = (text: string) => text.includes(marker) || text.includes(mediaPath);
    const publicPaths = [...service.snapshot().renditions.keys()].sort();
    expect(publicPaths.length).toBeGreaterThan(10);
    const leaking: string[] = [];
    for (const urlPath of [...publicPaths, "/nothing-here"]) {
      for (const coding of ["identity", "gzip"]) {
        const response = await fetch(`${baseUrl}${urlPath}`, {
          headers: { "Accept-Encoding": coding },
        });
        if (leaks(await response.text())) leaking.push(`${urlPath} (${coding})`);
      }
    }
    expect(leaking).toEqual([]);
    const pinged = hub.pings.map((ping) => new URLSearchParams(ping).toString());
    const fetchedBodies = hub.fetched.map((fetched) => fetched.body);
    expect([...pinged, ...fetchedBodies].filter(leaks)).toEqual([]);

    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/item/title")).toContain("Inside the budget talks");
    expect(rss).toContain("How the deal was done.");
    expect(rss).toContain("This article is for members.");
    expect(await (await fetch(`${baseUrl}/podcast.xml`)).text()).not.toContain("budget talks");

    const outDir = await mkdtemp(path.join(tmpdir(), "wirefeed-export-"));
    onTestFinished(() => rm(outDir, { recursive: true, force: true }));
    await exportSite(outDir, {
      articlesDir: dir,
      siteUrl: baseUrl,
      site: testPodcastSite(),
      mediaDir,
      members,
    });
    const exported: string[] = [];
    for (const name of await readdir(outDir, { recursive: true })) {
      const file = path.join(outDir, name);
      if (!(await stat(file)).isFile()) continue;
      exported.push(name);
      const bytes = await readFile(file);
      const text = name.endsWith(".gz")
        ? gunzipSync(bytes).toString("utf8")
        : bytes.toString("utf8");
      if (leaks(text) || name.includes("private")) leaking.push(`export: ${name}`);
    }
    expect(exported.length).toBeGreaterThan(10);
    expect(leaking).toEqual([]);
  });
});

/** GET from another loopback address, as a second reader of the same URL would. */
function statusFrom(localAddress: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { localAddress }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on("error", reject)
      .end();
  });
}

describe("members content in public, against attacks", () => {
  it("a members-only episode is never served at its public /media path", async () => {
    const { baseUrl } = await setup();
    const { feeds } = await createSubscriber(baseUrl, "reader-m");
    const podcast = await (await fetch(feeds.podcast)).text();
    const [enclosure = ""] = xmlTexts(podcast, "/rss/channel/item/enclosure/@url");
    expect((await fetch(enclosure)).status).toBe(200);
    const publicPath = new URL(enclosure).pathname.replace(/^\/private\/[^/]+/, "");
    expect(publicPath).toMatch(/^\/media\/([0-9a-f]{16})\/members-ep\.\1\.wav$/);
    expect((await fetch(`${baseUrl}${publicPath}`)).status).toBe(404);
  });

  it("with membersInPublic omit, a withdrawn members article leaves no public trace", async () => {
    const { baseUrl } = await setup({
      site: { membersInPublic: "omit" },
      extraArticles: {
        "gone.md": markdownArticle({
          title: "Hidden members title",
          slug: "hidden-members",
          published: "2026-03-01T09:00:00Z",
          access: "members",
          retracted: { reason: "Wrong.", date: "2026-03-04T09:00:00Z" },
        }),
      },
    });
    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    expect(atom).not.toContain("hidden-members");
    expect(atom).not.toContain("Inside the budget talks");
    const page = await fetch(`${baseUrl}/articles/hidden-members`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain("Hidden members title");
  });

  it("the member edition never moves the public Last-Modified", async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-ledger-"));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const { baseUrl, service, dir, clock } = await setup({ stateDir });
    const before = await fetch(`${baseUrl}/`);
    // Only the members body changes: the public home page keeps its bytes and so its date.
    clock.set(clock.now() + 3_600_000);
    const paid = await readFile(path.join(dir, "paid.md"), "utf8");
    await writeFile(path.join(dir, "paid.md"), paid.replace("began at dawn", "began at noon"));
    await service.refresh(["paid.md"]);
    const after = await fetch(`${baseUrl}/`);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(after.headers.get("last-modified")).toBe(before.headers.get("last-modified"));
  });

  it("site paths the member edition does not make go to the public site", async () => {
    const { baseUrl } = await setup({ site: { icon: "/icon.png" } });
    const { feeds } = await createSubscriber(baseUrl, "reader-i");
    const rss = await (await fetch(feeds.rss)).text();
    const [icon = ""] = xmlTexts(rss, "/rss/channel/image/url");
    expect(icon).toMatch(/\/private\/reader-i\.1\.[\w-]+\/icon\.png$/);
    const answer = await fetch(icon, { redirect: "manual" });
    expect(answer.status).toBe(307);
    expect(answer.headers.get("location")).toBe(`${baseUrl}/icon.png`);
  });
});

describe("the members file shared by servers", () => {
  it("keeps every change made at once from two servers", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "wirefeed-members-")), "members.json");
    onTestFinished(() => rm(path.dirname(file), { recursive: true, force: true }));
    const one = new MemberRegistry(file);
    await one.create("leaked", "Leaked", new Date());
    const two = new MemberRegistry(file);
    const results = await Promise.allSettled([
      two.revoke("leaked", new Date()),
      one.create("newcomer", "New", new Date()),
      two.create("third", "Third", new Date()),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const reread = new MemberRegistry(file);
    expect(reread.isCurrent("leaked", 1)).toBe(false);
    expect(reread.list().map((subscriber) => subscriber.id)).toEqual([
      "leaked",
      "newcomer",
      "third",
    ]);
  });
});

describe("a subscriber's member feeds", () => {
  it("read from more addresses a day than allowed answer 429, and the count is reported", async () => {
    const { baseUrl, logs } = await setup({ maxAddresses: 2 });
    const { feeds } = await createSubscriber(baseUrl, "sharer");
    expect(await statusFrom("127.0.0.2", feeds.rss)).toBe(200);
    expect(await statusFrom("127.0.0.3", feeds.rss)).toBe(200);
    expect(await statusFrom("127.0.0.2", feeds.atom)).toBe(200);
    expect(await statusFrom("127.0.0.4", feeds.rss)).toBe(429);
    expect(await statusFrom("127.0.0.5", feeds.rss)).toBe(429);
    expect(await statusFrom("127.0.0.3", feeds.json)).toBe(200);
    const listed = await fetch(`${baseUrl}/api/members`, { headers: auth });
    const { subscribers } = (await listed.json()) as {
      subscribers: Array<{ id: string; addressesToday: number }>;
    };
    expect(subscribers).toEqual([expect.objectContaining({ id: "sharer", addressesToday: 4 })]);
    expect(logs.filter((entry) => entry.message.startsWith("a member feed is read from"))).toEqual([
      expect.objectContaining({ fields: { subscriber: "sharer", addresses: 3, limit: 2 } }),
    ]);
  });

  it("carry full bodies and signed episode links, privately, with conditional GET and gzip", async () => {
    const { baseUrl } = await setup();
    const { feeds } = await createSubscriber(baseUrl, "reader-2");
    for (const url of [feeds.rss, feeds.atom, feeds.json, feeds.podcast]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
      const body = await response.text();
      expect(body, url).toContain(url.endsWith("podcast.xml") ? "Inside the budget talks" : marker);
      const kind = url.endsWith(".json") ? "json" : url.endsWith("atom.xml") ? "atom" : "rss";
      expect(validateFeedText(kind, body), url).toEqual([]);
      const etag = response.headers.get("etag") ?? "";
      const again = await fetch(url, { headers: { "If-None-Match": etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get("cache-control")).toMatch(/^private/);
    }
    const gzipped = await fetch(feeds.rss, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    const podcast = await (await fetch(feeds.podcast)).text();
    expect(xmlTexts(podcast, "/rss/channel/atom:link[@rel='self']/@href")).toEqual([feeds.podcast]);
    const [enclosure] = xmlTexts(podcast, "/rss/channel/item/enclosure/@url");
    expect(enclosure).toMatch(
      /\/private\/reader-2\.1\.[\w-]+\/media\/([0-9a-f]{16})\/members-ep\.\1\.wav\?access=/,
    );
    const media = await fetch(enclosure ?? "");
    expect(media.status).toBe(200);
    expect(media.headers.get("cache-control")).toMatch(/^private/);
    expect(Buffer.from(await media.arrayBuffer()).equals(memberEpisode)).toBe(true);
    const page = await fetch(feeds.home.replace(/\/$/, "/articles/inside-the-budget-talks"));
    expect(await page.text()).toContain(marker);
  });

  it("sign media links that stop working when they expire or are altered", async () => {
    const { baseUrl, clock } = await setup();
    const { feeds } = await createSubscriber(baseUrl, "reader-3");
    const podcast = await (await fetch(feeds.podcast)).text();
    const [enclosure = ""] = xmlTexts(podcast, "/rss/channel/item/enclosure/@url");
    expect((await fetch(enclosure.replace(/access=\d+\./, "access=1."))).status).toBe(403);
    const other = await createSubscriber(baseUrl, "reader-4");
    const otherToken = new URL(other.feeds.rss).pathname.split("/")[2] ?? "";
    const borrowed = enclosure.replace(/\/private\/[^/]+\//, `/private/${otherToken}/`);
    expect((await fetch(borrowed)).status).toBe(403);
    clock.set(clock.now() + 3 * 86_400_000);
    expect((await fetch(enclosure)).status).toBe(403);
    const fresh = await (await fetch(feeds.podcast)).text();
    const [renewed = ""] = xmlTexts(fresh, "/rss/channel/item/enclosure/@url");
    expect(renewed).not.toBe(enclosure);
    expect((await fetch(renewed)).status).toBe(200);
  });

  it("stop working at once when revoked, on every server sharing the members file", async () => {
    const first = await setup();
    const second = await setup({ membersFile: first.members.file });
    const { feeds } = await createSubscriber(first.baseUrl, "reader-5");
    const onSecond = feeds.rss.replace(first.baseUrl, second.baseUrl);
    await pollUntil(
      async () => (await fetch(onSecond)).status,
      (status) => status === 200,
      1000,
    );
    const revoked = await fetch(`${first.baseUrl}/api/members/reader-5`, {
      method: "DELETE",
      headers: auth,
    });
    expect(revoked.status).toBe(204);
    expect((await fetch(feeds.rss)).status).toBe(404);
    const started = Date.now();
    await pollUntil(
      async () => (await fetch(onSecond)).status,
      (status) => status === 404,
      1000,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("change when rotated, and every token changes with the key", async () => {
    const { baseUrl, members, dir } = await setup();
    const { feeds } = await createSubscriber(baseUrl, "reader-6");
    const rotated = await fetch(`${baseUrl}/api/members/reader-6/rotate`, {
      method: "POST",
      headers: auth,
    });
    const { feeds: renewed } = (await rotated.json()) as Described;
    expect(renewed.rss).not.toBe(feeds.rss);
    expect((await fetch(feeds.rss)).status).toBe(404);
    expect((await fetch(renewed.rss)).status).toBe(200);

    const printed: string[] = [];
    const code = await runMembers(
      [],
      { out: (line) => printed.push(line), err: (line) => printed.push(`error: ${line}`) },
      { MEMBER_KEY: members.key, MEMBERS_FILE: members.file, SITE_URL: baseUrl },
    );
    expect(code).toBe(0);
    expect(printed[0]).toMatch(/^reader-6\tReader reader-6\tsince \d{4}-/);
    expect(printed).toContain(`  rss\t${renewed.rss}`);

    const listed = await fetch(`${baseUrl}/api/members`, { headers: auth });
    const { subscribers } = (await listed.json()) as { subscribers: Described[] };
    expect(subscribers.map((subscriber) => subscriber.id)).toEqual(["reader-6"]);

    const newKey = await startTestServer(dir, {
      site: testPodcastSite(),
      apiToken,
      members: { ...members, key: "another-member-key-0123456789abcdef" },
    });
    const path = new URL(renewed.rss).pathname;
    expect((await fetch(`${newKey.baseUrl}${path}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/members`)).status).toBe(401);
  });
});
