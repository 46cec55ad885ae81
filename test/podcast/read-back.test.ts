// Podcast Index's own parser (podcast-partytime) and feedsmith read every podcast field of the
// served /podcast.xml back, as wirefeed meant it.
import { createHash } from "node:crypto";
import { parseRssFeed } from "feedsmith";
import { parseFeed } from "podcast-partytime";
import { describe, expect, it } from "vitest";
import { podcastGuid } from "../../src/site/podcast-guid.js";
import { episodeFixture, startPodcastServer } from "../support/podcast-site.js";

async function servedPodcast() {
  const server = await startPodcastServer();
  const xml = await (await fetch(`${server.baseUrl}/podcast.xml`)).text();
  const ep1Version = createHash("sha256").update(episodeFixture.ep1).digest("hex").slice(0, 16);
  const ep1Url = `${server.baseUrl}/media/${ep1Version}/ep1.${ep1Version}.wav`;
  return { ...server, xml, ep1Url, guid: podcastGuid(`${server.baseUrl}/podcast.xml`) };
}

describe("podcast-partytime (Podcast Index's parser)", () => {
  it("reads the show: title, description, artwork, categories, explicit, author, owner, type, guid, locked, funding, people", async () => {
    const { xml, baseUrl, guid } = await servedPodcast();
    const feed = parseFeed(xml);
    expect(feed).not.toBeNull();
    expect(feed).toMatchObject({
      title: "Example News Daily",
      description: "The day's news from Example News, in fifteen minutes.",
      link: `${baseUrl}/`,
      language: "en",
      itunesImage: `${baseUrl}/artwork/cover-3000.jpg`,
      itunesCategory: ["News > Daily News", "Technology"],
      explicit: false,
      author: "Example News",
      owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
      itunesType: "episodic",
      guid,
      locked: true,
      podcastOwner: "podcast@news.example.com",
      podcastFunding: [{ url: "https://news.example.com/support", message: "Support the show" }],
      pubsub: { self: `${baseUrl}/podcast.xml` },
    });
    // Partytime capitalises roles and groups from the Podcast Taxonomy.
    expect(feed?.podcastPeople).toEqual([
      {
        name: "Ana Ruiz",
        role: "Host",
        group: "Cast",
        href: "https://news.example.com/authors/ana-ruiz/",
        img: "https://news.example.com/artwork/ana.jpg",
      },
      { name: "Bo Li", role: "Producer", group: "Audio Production" },
    ]);
  });

  it("reads each episode: enclosure, guid, date, duration, numbers, type, explicit, artwork, transcript, chapters", async () => {
    const { xml, baseUrl, ep1Url } = await servedPodcast();
    const items = parseFeed(xml)?.items ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      title: "Budget day, explained",
      guid: "tag:news.example.com,2026:episode/1",
      pubDate: new Date("2026-03-02T06:00:00Z"),
      description: "What changes for you, in two seconds.",
      enclosure: { url: ep1Url, length: episodeFixture.ep1.length, type: "audio/wav" },
      duration: 2,
      itunesEpisode: 1,
      itunesSeason: 1,
      itunesEpisodeType: "full",
      explicit: false,
      itunesImage: `${baseUrl}/artwork/ep1-3000.jpg`,
      podcastTranscripts: [
        {
          url: `${baseUrl}/transcripts/ep1.vtt`,
          type: "text/vtt",
          language: "en",
          rel: "captions",
        },
      ],
      podcastChapters: {
        url: `${baseUrl}/chapters/ep1.json`,
        type: "application/json+chapters",
      },
    });
    expect(items[1]).toMatchObject({
      title: "Coming soon: Example News Daily",
      guid: "tag:news.example.com,2026:episode/trailer",
      enclosure: { url: "https://cdn.example.com/trailer.mp3", length: 48_213, type: "audio/mpeg" },
      duration: 42,
      itunesEpisodeType: "trailer",
      explicit: true,
    });
  });
});

describe("feedsmith", () => {
  it("reads the show's itunes: and podcast: fields", async () => {
    const { xml, baseUrl, guid } = await servedPodcast();
    const feed = parseRssFeed(xml);
    expect(feed.itunes).toEqual({
      image: `${baseUrl}/artwork/cover-3000.jpg`,
      categories: [{ text: "News", categories: [{ text: "Daily News" }] }, { text: "Technology" }],
      explicit: false,
      author: "Example News",
      owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
      type: "episodic",
    });
    expect(feed.podcast).toEqual({
      guid,
      locked: { value: true, owner: "podcast@news.example.com" },
      fundings: [{ url: "https://news.example.com/support", display: "Support the show" }],
      persons: [
        {
          display: "Ana Ruiz",
          role: "host",
          group: "cast",
          href: "https://news.example.com/authors/ana-ruiz/",
          img: "https://news.example.com/artwork/ana.jpg",
        },
        { display: "Bo Li", role: "producer", group: "audio production" },
      ],
    });
  });

  it("reads each episode's enclosure and its itunes: and podcast: fields", async () => {
    const { xml, baseUrl, ep1Url } = await servedPodcast();
    const items = parseRssFeed(xml).items ?? [];
    expect(items.map((item) => item.enclosures)).toEqual([
      [{ url: ep1Url, length: episodeFixture.ep1.length, type: "audio/wav" }],
      [{ url: "https://cdn.example.com/trailer.mp3", length: 48_213, type: "audio/mpeg" }],
    ]);
    expect(items.map((item) => item.guid?.value)).toEqual([
      "tag:news.example.com,2026:episode/1",
      "tag:news.example.com,2026:episode/trailer",
    ]);
    expect(items.map((item) => item.itunes)).toEqual([
      {
        duration: 2,
        episode: 1,
        season: 1,
        episodeType: "full",
        explicit: false,
        image: `${baseUrl}/artwork/ep1-3000.jpg`,
      },
      { duration: 42, episodeType: "trailer", explicit: true },
    ]);
    expect(items.map((item) => item.podcast)).toEqual([
      {
        transcripts: [
          {
            url: `${baseUrl}/transcripts/ep1.vtt`,
            type: "text/vtt",
            language: "en",
            rel: "captions",
          },
        ],
        chapters: { url: `${baseUrl}/chapters/ep1.json`, type: "application/json+chapters" },
      },
      undefined,
    ]);
  });
});
