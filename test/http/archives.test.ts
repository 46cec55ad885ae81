// RFC 5005 archives and pages, and JSON Feed's next_url, walked as a reader would.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { parseAtomFeed, parseRssFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const published = [
  "2026-01-05T08:00:00Z",
  "2026-01-15T08:00:00Z",
  "2026-01-25T08:00:00Z",
  "2026-02-10T08:00:00Z",
  "2026-02-20T08:00:00Z",
  "2026-03-01T08:00:00Z",
  "2026-03-02T08:00:00Z",
];

async function archiveServer() {
  const files = Object.fromEntries(
    published.map((date, index) => [
      `a${index}.md`,
      markdownArticle({
        title: `Story ${index}`,
        published: date,
        id: `urn:uuid:00000000-0000-4000-8000-00000000000${index}`,
        tags: ["World"],
      }),
    ]),
  );
  const dir = await makeArticlesDir(files);
  const server = await startTestServer(dir, {
    site: testSite({ feedSize: 2, hubs: ["https://hub.example.com/"] }),
  });
  return { ...server, dir };
}

const allIds = published
  .map((_, index) => `urn:uuid:00000000-0000-4000-8000-00000000000${index}`)
  .sort();

describe("RFC 5005 archives", () => {
  it("walking prev-archive from the subscription feed collects every article exactly once", async () => {
    const { baseUrl } = await archiveServer();
    const subscription = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(subscription, "/rss/channel/atom:link[@rel='prev-archive']/@href")).toEqual([
      `${baseUrl}/archive/2026-03/rss.xml`,
    ]);
    const seen: string[] = [];
    const visited: string[] = [];
    let next = xmlTexts(subscription, "/rss/channel/atom:link[@rel='prev-archive']/@href")[0];
    while (next !== undefined) {
      expect(visited).not.toContain(next);
      visited.push(next);
      const response = await fetch(next);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
      const archive = await response.text();
      expect(xmlTexts(archive, "/rss/channel/fh:archive")).toEqual([""]);
      expect(xmlTexts(archive, "/rss/channel/atom:link[@rel='current']/@href")).toEqual([
        `${baseUrl}/rss.xml`,
      ]);
      seen.push(...xmlTexts(archive, "/rss/channel/item/guid"));
      next = xmlTexts(archive, "/rss/channel/atom:link[@rel='prev-archive']/@href")[0];
    }
    expect(visited).toEqual(
      ["2026-03", "2026-02", "2026-01"].map((month) => `${baseUrl}/archive/${month}/rss.xml`),
    );
    expect(seen.sort()).toEqual(allIds);
  });

  it("archives link the next archive, and Atom archives say the same", async () => {
    const { baseUrl } = await archiveServer();
    const january = await (await fetch(`${baseUrl}/archive/2026-01/atom.xml`)).text();
    expect(xmlTexts(january, "/atom:feed/atom:link[@rel='next-archive']/@href")).toEqual([
      `${baseUrl}/archive/2026-02/atom.xml`,
    ]);
    expect(xmlTexts(january, "/atom:feed/atom:link[@rel='prev-archive']/@href")).toEqual([]);
    expect(xmlTexts(january, "/atom:feed/fh:archive")).toEqual([""]);
    expect(xmlTexts(january, "/atom:feed/atom:entry/atom:title")).toEqual([
      "Story 2",
      "Story 1",
      "Story 0",
    ]);
  });

  it("JSON Feed's next_url runs through the archives once, without a loop", async () => {
    const { baseUrl } = await archiveServer();
    let url: string | undefined = `${baseUrl}/feed.json`;
    const visited = new Set<string>();
    const archived: string[] = [];
    while (url !== undefined) {
      expect(visited.has(url)).toBe(false);
      visited.add(url);
      const page = (await (await fetch(url)).json()) as {
        feed_url: string;
        next_url?: string;
        items: Array<{ id: string }>;
      };
      expect(page.next_url).not.toBe(page.feed_url);
      if (url !== `${baseUrl}/feed.json`) archived.push(...page.items.map((item) => item.id));
      url = page.next_url;
    }
    expect(visited.size).toBe(4);
    expect(archived.sort()).toEqual(allIds);
  });

  it("an edit to an archived article shows up again in the subscription feed", async () => {
    const { baseUrl, dir, service } = await archiveServer();
    await writeFile(
      path.join(dir, "a0.md"),
      markdownArticle({
        title: "Story 0, corrected",
        published: published[0],
        updated: "2026-03-05T09:00:00Z",
        id: "urn:uuid:00000000-0000-4000-8000-000000000000",
        tags: ["World"],
      }),
    );
    await service.refresh(["a0.md"]);
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/item/title")).toEqual(["Story 0, corrected", "Story 6"]);
    const january = await (await fetch(`${baseUrl}/archive/2026-01/rss.xml`)).text();
    expect(xmlTexts(january, "/rss/channel/item/title")).toContain("Story 0, corrected");
  });
});

describe("paged feeds", () => {
  it("first, next and last links page through every article once", async () => {
    const { baseUrl } = await archiveServer();
    const first = await (await fetch(`${baseUrl}/atom.xml`)).text();
    expect(xmlTexts(first, "/atom:feed/atom:link[@rel='first']/@href")).toEqual([
      `${baseUrl}/atom.xml`,
    ]);
    expect(xmlTexts(first, "/atom:feed/atom:link[@rel='last']/@href")).toEqual([
      `${baseUrl}/pages/4/atom.xml`,
    ]);
    const ids: string[] = [];
    let url: string | undefined = `${baseUrl}/atom.xml`;
    let pages = 0;
    while (url !== undefined) {
      pages += 1;
      const page = await (await fetch(url)).text();
      ids.push(...xmlTexts(page, "/atom:feed/atom:entry/atom:id"));
      url = xmlTexts(page, "/atom:feed/atom:link[@rel='next']/@href")[0];
    }
    expect(pages).toBe(4);
    expect(ids.sort()).toEqual(allIds);
  });
});

describe("independent parsers", () => {
  it("read tag feeds, archives and hub links", async () => {
    const { baseUrl } = await archiveServer();
    const tagRss = parseRssFeed(await (await fetch(`${baseUrl}/tags/world/rss.xml`)).text());
    expect(tagRss.items?.map((item) => item.guid?.value)).toEqual([
      "urn:uuid:00000000-0000-4000-8000-000000000006",
      "urn:uuid:00000000-0000-4000-8000-000000000005",
    ]);
    expect(tagRss.atom?.links?.map((link) => link.rel).sort()).toEqual(["hub", "self"]);
    const archiveAtom = parseAtomFeed(
      await (await fetch(`${baseUrl}/archive/2026-02/atom.xml`)).text(),
    );
    expect(archiveAtom.entries?.map((entry) => entry.title?.value)).toEqual(["Story 4", "Story 3"]);
    expect(archiveAtom.links?.find((link) => link.rel === "hub")?.href).toBe(
      "https://hub.example.com/",
    );
    const parsed = parseFeed(await (await fetch(`${baseUrl}/archive/2026-03/rss.xml`)).text());
    expect(parsed.items.map((item) => item.title)).toEqual(["Story 6", "Story 5"]);
  });
});
