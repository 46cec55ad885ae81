// WebSub against a hub that speaks the protocol on loopback (test/support/loopback-hub.ts): it
// takes hub.mode=publish pings, fetches the topic as a hub would, and records what it saw.
import { writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startLoopbackHub } from "../support/loopback-hub.js";
import { pollUntil } from "../support/poll.js";
import { listenOnLoopback, startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

describe("WebSub", () => {
  it("advertises the hub and exactly one self in headers (200, 304, HEAD) and in every format", async () => {
    const hub = await startLoopbackHub();
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { baseUrl } = await startTestServer(dir, { site: testSite({ hubs: [hub.url] }) });
    for (const feed of ["/rss.xml", "/atom.xml", "/feed.json"]) {
      const get = await fetch(`${baseUrl}${feed}`);
      const expected = `<${baseUrl}${feed}>; rel="self", <${hub.url}>; rel="hub"`;
      expect(get.headers.get("link")).toBe(expected);
      const head = await fetch(`${baseUrl}${feed}`, { method: "HEAD" });
      expect(head.headers.get("link")).toBe(expected);
      const notModified = await fetch(`${baseUrl}${feed}`, {
        headers: { "If-None-Match": get.headers.get("etag") ?? "" },
      });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get("link")).toBe(expected);
      const body = await get.text();
      if (feed === "/rss.xml") {
        expect(xmlTexts(body, "/rss/channel/atom:link[@rel='hub']/@href")).toEqual([hub.url]);
        expect(xmlTexts(body, "/rss/channel/atom:link[@rel='self']/@href")).toEqual([
          `${baseUrl}${feed}`,
        ]);
      } else if (feed === "/atom.xml") {
        expect(xmlTexts(body, "/atom:feed/atom:link[@rel='hub']/@href")).toEqual([hub.url]);
        expect(xmlTexts(body, "/atom:feed/atom:link[@rel='self']/@href")).toEqual([
          `${baseUrl}${feed}`,
        ]);
      } else {
        expect(JSON.parse(body)).toMatchObject({
          feed_url: `${baseUrl}${feed}`,
          hubs: [{ type: "WebSub", url: hub.url }],
        });
      }
    }
  });

  it("pings the hub for every changed feed once the new bytes are served, and the hub sees the new item", async () => {
    const hub = await startLoopbackHub();
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { baseUrl, service } = await startTestServer(dir, {
      site: testSite({ hubs: [hub.url] }),
      watch: true,
    });
    await writeFile(
      path.join(dir, "fresh.md"),
      markdownArticle({
        title: "Fresh news",
        published: "2026-05-01T08:00:00Z",
        tags: ["World News"],
        author: "Ana Ruiz",
      }),
    );
    await pollUntil(
      async () => hub.fetched.length,
      (count) => count >= 3,
      15_000,
    );
    await service.hubsSettled();
    // Every ping is in; the hub fetches each topic after answering its ping: let it finish.
    await pollUntil(
      async () => hub.fetched.length,
      (count) => count === hub.pings.length,
      15_000,
    );
    const topics = hub.pings.map((ping) => ping["hub.url"]).sort();
    // The seed's archive changes too: it gains a next-archive link to May 2026.
    expect(topics).toEqual(
      [
        "/archive/2014-10/atom.xml",
        "/archive/2014-10/feed.json",
        "/archive/2014-10/rss.xml",
        "/archive/2026-05/atom.xml",
        "/archive/2026-05/feed.json",
        "/archive/2026-05/rss.xml",
        "/atom.xml",
        "/authors/ana-ruiz/atom.xml",
        "/authors/ana-ruiz/feed.json",
        "/authors/ana-ruiz/rss.xml",
        "/feed.json",
        "/rss.xml",
        "/tags/world-news/atom.xml",
        "/tags/world-news/feed.json",
        "/tags/world-news/rss.xml",
      ].map((topicPath) => `${baseUrl}${topicPath}`),
    );
    for (const ping of hub.pings) {
      expect(ping["hub.mode"]).toBe("publish");
      expect(ping["hub.topic"]).toBe(ping["hub.url"]);
    }
    const rss = hub.fetched.find((entry) => entry.topic === `${baseUrl}/rss.xml`);
    expect(rss?.status).toBe(200);
    expect(rss?.links).toBe(`<${baseUrl}/rss.xml>; rel="self", <${hub.url}>; rel="hub"`);
    expect(xmlTexts(rss?.body ?? "", "/rss/channel/item/title")).toContain("Fresh news");
  });

  it("is not told about a re-read that changes nothing, and is told once per feed whose bytes changed", async () => {
    const hub = await startLoopbackHub();
    const story = (body: string) =>
      markdownArticle(
        { title: "Story", published: "2026-03-01T08:00:00Z", tags: ["World"], author: "Ana Ruiz" },
        body,
      );
    const dir = await makeArticlesDir({
      "story.md": story("First text."),
      "other.md": markdownArticle({
        title: "Other",
        published: "2026-03-02T08:00:00Z",
        tags: ["Europe"],
      }),
    });
    const { baseUrl, service } = await startTestServer(dir, {
      site: testSite({ hubs: [hub.url] }),
    });
    const topics = [...service.snapshot().hubTopicPaths].sort();
    const etags = async () => {
      const seen = new Map<string, string>();
      for (const topic of topics) {
        const response = await fetch(`${baseUrl}${topic}`);
        await response.arrayBuffer();
        seen.set(topic, response.headers.get("etag") ?? "");
      }
      return seen;
    };
    const before = await etags();
    const snapshot = service.snapshot();

    await writeFile(path.join(dir, "story.md"), story("First text."));
    expect(await service.refresh(["story.md", "other.md"])).toEqual([]);
    expect(service.snapshot()).toBe(snapshot);
    await service.hubsSettled();
    expect(hub.pings).toEqual([]);
    expect(await etags()).toEqual(before);

    await writeFile(path.join(dir, "story.md"), story("First text, corrected."));
    await service.refresh(["story.md"]);
    await service.hubsSettled();
    const after = await etags();
    const changed = topics.filter((topic) => after.get(topic) !== before.get(topic));
    expect(changed).toEqual(expect.arrayContaining(["/rss.xml", "/tags/world/rss.xml"]));
    expect(changed).not.toContain("/tags/europe/rss.xml");
    const pinged = hub.pings.map((ping) => new URL(ping["hub.url"] ?? "").pathname).sort();
    expect(pinged).toEqual(changed);
  });

  it("retries a hub that answers 500, with back-off, and logs each outcome", async () => {
    const hub = await startLoopbackHub({ failFirst: 2 });
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { service, logs } = await startTestServer(dir, {
      site: testSite({ hubs: [hub.url] }),
      hubTiming: { retryDelaysMs: [20, 40, 80], timeoutMs: 2_000 },
    });
    await writeFile(
      path.join(dir, "late.md"),
      markdownArticle({ title: "Late", published: "2014-10-20T06:00:00Z" }),
    );
    await service.refresh(["late.md"]);
    await service.hubsSettled();
    await pollUntil(
      async () => hub.fetched.length,
      (count) => count === hub.pings.length,
    );
    const failed = logs.filter((entry) => entry.message === "hub notification failed; will retry");
    expect(failed).toHaveLength(2);
    expect(failed[0]?.fields).toMatchObject({ hub: hub.url, reason: "HTTP 500", retryInMs: 20 });
    expect(logs.filter((entry) => entry.message === "hub notified").length).toBe(hub.pings.length);
    expect(hub.pings.length).toBeGreaterThan(0);
  });
});

describe("a hub that hangs", () => {
  it("is given up after the timeout and retries, while the site keeps serving", async () => {
    const sockets = new Set<import("node:net").Socket>();
    const hanging = createServer(() => {
      // Never answers.
    });
    hanging.on("connection", (socket) => sockets.add(socket));
    const hubUrl = `${await listenOnLoopback(hanging)}/hub`;
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { baseUrl, service, logs } = await startTestServer(dir, {
      site: testSite({ hubs: [hubUrl] }),
      hubTiming: { retryDelaysMs: [10], timeoutMs: 200 },
    });
    await writeFile(
      path.join(dir, "late.md"),
      markdownArticle({ title: "Late", published: "2014-10-20T06:00:00Z" }),
    );
    await service.refresh(["late.md"]);
    // Publishing did not wait for the hub: nothing about it is settled yet.
    expect(logs.filter((entry) => entry.message.startsWith("hub notification"))).toEqual([]);
    const response = await fetch(`${baseUrl}/rss.xml`);
    expect(response.status).toBe(200);
    expect(xmlTexts(await response.text(), "/rss/channel/item/title")).toContain("Late");
    await service.hubsSettled();
    const givenUp = logs.filter((entry) => entry.message === "hub notification given up");
    expect(givenUp.length).toBeGreaterThan(0);
    for (const entry of givenUp) {
      expect(entry.fields).toMatchObject({
        hub: hubUrl,
        attempts: 2,
        reason: expect.stringMatching(/TimeoutError/),
      });
    }
    for (const socket of sockets) socket.destroy();
  });

  it("is a hub that takes only hub.mode=publish pings, so a ping of another mode fails the tests", async () => {
    const hub = await startLoopbackHub({ fetchTopics: false });
    const ping = (mode: string) =>
      fetch(hub.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ "hub.mode": mode, "hub.url": "http://127.0.0.1/rss.xml" }),
      });
    expect((await ping("subscribe")).status).toBe(400);
    expect((await ping("publish")).status).toBe(202);
    expect(hub.pings.map((form) => form["hub.mode"])).toEqual(["publish"]);
  });
});
