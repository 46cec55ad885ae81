// /podcast.xml through the real server: Apple's channel and item tags, the Podcasting 2.0 ones,
// episodes in the main feeds too, and no podcast feed without a podcast block or an episode.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateStore } from "../../src/cli/validation.js";
import { podcastGuid } from "../../src/site/podcast-guid.js";
import { validateFeedText } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { episodeFixture, startPodcastServer, testPodcastSite } from "../support/podcast-site.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { makeMediaDir } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const ep1Version = createHash("sha256").update(episodeFixture.ep1).digest("hex").slice(0, 16);

describe("/podcast.xml", () => {
  it("is RSS 2.0 with Apple's required channel tags and the Podcasting 2.0 ones", async () => {
    const { baseUrl } = await startPodcastServer();
    const response = await fetch(`${baseUrl}/podcast.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get("link")).toBe(`<${baseUrl}/podcast.xml>; rel="self"`);
    const xml = await response.text();
    expect(validateFeedText("rss", xml)).toEqual([]);
    expect(xml).toContain('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
    expect(xml).toContain('xmlns:podcast="https://podcastindex.org/namespace/1.0"');
    const at = (xpath: string) => xmlTexts(xml, `/rss/channel/${xpath}`);
    expect(at("title")).toEqual(["Example News Daily"]);
    expect(at("description")).toEqual(["The day's news from Example News, in fifteen minutes."]);
    expect(at("link")).toEqual([`${baseUrl}/`]);
    expect(at("language")).toEqual(["en"]);
    expect(at("atom:link[@rel='self']/@href")).toEqual([`${baseUrl}/podcast.xml`]);
    expect(at("itunes:image/@href")).toEqual([`${baseUrl}/artwork/cover-3000.jpg`]);
    expect(at("itunes:category/@text")).toEqual(["News", "Technology"]);
    expect(at("itunes:category[@text='News']/itunes:category/@text")).toEqual(["Daily News"]);
    expect(at("itunes:explicit")).toEqual(["false"]);
    expect(at("itunes:author")).toEqual(["Example News"]);
    expect(at("itunes:owner/itunes:name")).toEqual(["Ana Ruiz"]);
    expect(at("itunes:owner/itunes:email")).toEqual(["podcast@news.example.com"]);
    expect(at("itunes:type")).toEqual(["episodic"]);
    expect(at("podcast:guid")).toEqual([podcastGuid(`${baseUrl}/podcast.xml`)]);
    expect(at("podcast:locked")).toEqual(["yes"]);
    expect(at("podcast:locked/@owner")).toEqual(["podcast@news.example.com"]);
    expect(at("podcast:funding")).toEqual(["Support the show"]);
    expect(at("podcast:funding/@url")).toEqual(["https://news.example.com/support"]);
    expect(at("podcast:person")).toEqual(["Ana Ruiz", "Bo Li"]);
    expect(at("podcast:person/@role")).toEqual(["host", "producer"]);
  });

  it("lists every episode, newest first, with Apple's item tags, and nothing that is not one", async () => {
    const { baseUrl } = await startPodcastServer();
    const xml = await (await fetch(`${baseUrl}/podcast.xml`)).text();
    const items = (xpath: string) => xmlTexts(xml, `/rss/channel/item/${xpath}`);
    const first = (xpath: string) => xmlTexts(xml, `/rss/channel/item[1]/${xpath}`);
    const second = (xpath: string) => xmlTexts(xml, `/rss/channel/item[2]/${xpath}`);
    expect(items("title")).toEqual(["Budget day, explained", "Coming soon: Example News Daily"]);
    expect(items("guid")).toEqual([
      "tag:news.example.com,2026:episode/1",
      "tag:news.example.com,2026:episode/trailer",
    ]);
    expect(items("pubDate")).toEqual([
      "Mon, 02 Mar 2026 06:00:00 GMT",
      "Sun, 01 Mar 2026 06:00:00 GMT",
    ]);
    expect(items("description")).toEqual([
      "What changes for you, in two seconds.",
      "A trailer hosted elsewhere.",
    ]);
    expect(first("enclosure/@url")).toEqual([
      `${baseUrl}/media/${ep1Version}/ep1.${ep1Version}.wav`,
    ]);
    expect(first("enclosure/@length")).toEqual([String(episodeFixture.ep1.length)]);
    expect(first("enclosure/@type")).toEqual(["audio/wav"]);
    expect(first("itunes:duration")).toEqual(["2"]);
    expect(first("itunes:episode")).toEqual(["1"]);
    expect(first("itunes:season")).toEqual(["1"]);
    expect(first("itunes:episodeType")).toEqual(["full"]);
    expect(first("itunes:explicit")).toEqual(["false"]);
    expect(first("itunes:image/@href")).toEqual([`${baseUrl}/artwork/ep1-3000.jpg`]);
    expect(first("podcast:transcript/@url")).toEqual([`${baseUrl}/transcripts/ep1.vtt`]);
    expect(first("podcast:transcript/@type")).toEqual(["text/vtt"]);
    expect(first("podcast:transcript/@language")).toEqual(["en"]);
    expect(first("podcast:transcript/@rel")).toEqual(["captions"]);
    expect(first("podcast:chapters/@url")).toEqual([`${baseUrl}/chapters/ep1.json`]);
    expect(first("podcast:chapters/@type")).toEqual(["application/json+chapters"]);
    expect(second("enclosure/@url")).toEqual(["https://cdn.example.com/trailer.mp3"]);
    expect(second("enclosure/@length")).toEqual(["48213"]);
    expect(second("itunes:duration")).toEqual(["42"]);
    expect(second("itunes:episodeType")).toEqual(["trailer"]);
    expect(second("itunes:explicit")).toEqual(["true"]);
    expect(second("itunes:episode")).toEqual([]);
  });

  it("takes a pinned guid from site.json; an unpinned one is logged at start with the value to pin", async () => {
    const unpinned = await startPodcastServer();
    const guid = podcastGuid(`${unpinned.baseUrl}/podcast.xml`);
    expect(unpinned.logs).toContainEqual({
      level: "warn",
      message: `podcast.guid is not set in site.json: add "guid": "${guid}" to its podcast block, so the podcast keeps this guid if the site URL ever changes`,
      fields: { guid },
    });
    const pinned = await startPodcastServer({ podcast: { guid } });
    const xml = await (await fetch(`${pinned.baseUrl}/podcast.xml`)).text();
    expect(xmlTexts(xml, "/rss/channel/podcast:guid")).toEqual([guid]);
    expect(pinned.logs.filter((entry) => entry.message.startsWith("podcast.guid"))).toEqual([]);
  });

  it("is not there without a podcast block, or without an episode", async () => {
    const articlesDir = await makeArticlesDir(episodeFixture.articles());
    const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
    const noPodcast = await startTestServer(articlesDir, { site: testSite(), mediaDir });
    expect((await fetch(`${noPodcast.baseUrl}/podcast.xml`)).status).toBe(404);
    // The episodes are still in the main feed, with their enclosures.
    const rss = await (await fetch(`${noPodcast.baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/item/enclosure/@type")).toEqual(["audio/wav", "audio/mpeg"]);
    const noEpisodes = await startTestServer(
      await makeArticlesDir({
        "storm.md": markdownArticle({ title: "Storm", published: "2026-03-03T06:00:00Z" }),
      }),
      { site: testPodcastSite() },
    );
    expect((await fetch(`${noEpisodes.baseUrl}/podcast.xml`)).status).toBe(404);
    const home = await (await fetch(`${noEpisodes.baseUrl}/`)).text();
    expect(home).not.toContain("podcast.xml");
  });

  it("is listed in /feeds.opml, so an OPML import subscribes to it, and only while it exists", async () => {
    const { baseUrl, articlesDir, service } = await startPodcastServer();
    const outline = `/opml/body/outline[@xmlUrl='${baseUrl}/podcast.xml']`;
    let opml = await (await fetch(`${baseUrl}/feeds.opml`)).text();
    expect(xmlTexts(opml, `${outline}/@title`)).toEqual(["Example News Daily"]);
    expect(xmlTexts(opml, `${outline}/@type`)).toEqual(["rss"]);
    expect(xmlTexts(opml, `${outline}/@htmlUrl`)).toEqual([`${baseUrl}/`]);
    expect(xmlTexts(opml, "/opml/body/outline/@xmlUrl")).toContain(`${baseUrl}/rss.xml`);
    // Without episodes there is no podcast feed, and the list no longer names it.
    await rm(path.join(articlesDir, "ep1.md"));
    await rm(path.join(articlesDir, "trailer.md"));
    await service.refresh(["ep1.md", "trailer.md"]);
    expect((await fetch(`${baseUrl}/podcast.xml`)).status).toBe(404);
    opml = await (await fetch(`${baseUrl}/feeds.opml`)).text();
    expect(xmlTexts(opml, "/opml/body/outline/@xmlUrl")).not.toContain(`${baseUrl}/podcast.xml`);
  });

  it("is advertised on the home page for autodiscovery", async () => {
    const { baseUrl } = await startPodcastServer();
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Example News Daily (podcast)" href="${baseUrl}/podcast.xml">`,
    );
  });
});

describe("episodes in the main feeds", () => {
  it("carry an RSS enclosure, an Atom link rel=enclosure and a JSON Feed attachment", async () => {
    const { baseUrl } = await startPodcastServer();
    const url = `${baseUrl}/media/${ep1Version}/ep1.${ep1Version}.wav`;
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(validateFeedText("rss", rss)).toEqual([]);
    expect(rss).not.toContain("itunes");
    expect(xmlTexts(rss, "/rss/channel/item/title")).toEqual([
      "Storm warning",
      "Budget day, explained",
      "Coming soon: Example News Daily",
    ]);
    expect(xmlTexts(rss, "/rss/channel/item[2]/enclosure/@url")).toEqual([url]);
    expect(xmlTexts(rss, "/rss/channel/item[1]/enclosure")).toEqual([]);

    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    expect(validateFeedText("atom", atom)).toEqual([]);
    const enclosure = "/atom:feed/atom:entry[2]/atom:link[@rel='enclosure']";
    expect(xmlTexts(atom, `${enclosure}/@href`)).toEqual([url]);
    expect(xmlTexts(atom, `${enclosure}/@type`)).toEqual(["audio/wav"]);
    expect(xmlTexts(atom, `${enclosure}/@length`)).toEqual([String(episodeFixture.ep1.length)]);

    const jsonText = await (await fetch(`${baseUrl}/feed.json`)).text();
    expect(validateFeedText("json", jsonText)).toEqual([]);
    const json = JSON.parse(jsonText) as { items: Array<{ attachments?: unknown[] }> };
    expect(json.items.map((item) => item.attachments)).toEqual([
      undefined,
      [
        {
          url,
          mime_type: "audio/wav",
          size_in_bytes: episodeFixture.ep1.length,
          duration_in_seconds: 2,
        },
      ],
      [
        {
          url: "https://cdn.example.com/trailer.mp3",
          mime_type: "audio/mpeg",
          size_in_bytes: 48_213,
          duration_in_seconds: 42,
        },
      ],
    ]);
  });
});

describe("an episode whose file disagrees with its front matter", () => {
  it("is skipped with the article, field and reason in /healthz; the other episodes stay", async () => {
    const articlesDir = await makeArticlesDir({
      ...episodeFixture.articles(),
      "ep2.md": markdownArticle({
        title: "Episode 2",
        published: "2026-03-04T06:00:00Z",
        enclosure: { file: "ep1.wav", length: 999 },
      }),
      "ep3.md": markdownArticle({
        title: "Episode 3",
        published: "2026-03-05T06:00:00Z",
        enclosure: { file: "ep3.mp3" },
      }),
    });
    const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
    const { baseUrl } = await startTestServer(articlesDir, { site: testPodcastSite(), mediaDir });
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
      status: string;
      articleProblems: unknown[];
    };
    expect(health.status).toBe("degraded");
    expect(health.articleProblems).toEqual([
      {
        file: "ep2.md",
        message: `enclosure.length: 999 bytes given, but ep1.wav in the media folder has ${episodeFixture.ep1.length} bytes`,
      },
      { file: "ep3.md", message: "enclosure.file: ep3.mp3: no such file in the media folder" },
    ]);
    const xml = await (await fetch(`${baseUrl}/podcast.xml`)).text();
    expect(xmlTexts(xml, "/rss/channel/item/title")).toEqual([
      "Budget day, explained",
      "Coming soon: Example News Daily",
    ]);
  });

  it("is reported by npm run validate's store check, which also says which guid to pin", async () => {
    const articlesDir = await makeArticlesDir({
      ...episodeFixture.articles(),
      "ep2.md": markdownArticle({
        title: "Episode 2",
        published: "2026-03-04T06:00:00Z",
        enclosure: { file: "ep1.wav", type: "audio/mpeg" },
      }),
    });
    const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
    const siteUrl = "https://news.example.com";
    const report = await validateStore(
      { articlesDir, mediaDir, siteUrl, site: testPodcastSite() },
      articlesDir,
    );
    expect(report.problems).toEqual([
      {
        location: "ep2.md",
        message:
          'enclosure.type: "audio/mpeg" given, but ep1.wav is audio/wav (from its extension)',
      },
    ]);
    // The main feed, its March archive, Ana Ruiz's feed (three formats each), and /podcast.xml.
    expect(report.feeds).toBe(10);
    const guid = podcastGuid("news.example.com/podcast.xml");
    expect(report.warnings).toEqual([
      `podcast.guid is not set in site.json: add "guid": "${guid}" to its podcast block, so the podcast keeps this guid if the site URL ever changes`,
    ]);
  });
});
