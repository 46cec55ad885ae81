// Site metadata with a podcast block for tests (every channel field set, checked by the same
// schema as site.json's, so the tests see what the server would), and a podcast site to serve.

import { type PodcastSettings, podcastSettingsSchema } from "../../src/site/podcast-settings.js";
import type { SiteMetadata } from "../../src/site/site-metadata.js";
import { makeArticlesDir, markdownArticle } from "./articles-dir.js";
import { startTestServer } from "./server.js";
import { testSite } from "./site.js";
import { makeMediaDir, wavBytes } from "./wav.js";

/** The podcast block as written in site.json, with every field. */
export function podcastBlock(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Example News Daily",
    description: "The day's news from Example News, in fifteen minutes.",
    author: "Example News",
    owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
    image: "/artwork/cover-3000.jpg",
    categories: [{ category: "News", subcategory: "Daily News" }, "Technology"],
    explicit: false,
    type: "episodic",
    locked: true,
    funding: [{ url: "https://news.example.com/support", text: "Support the show" }],
    persons: [
      {
        name: "Ana Ruiz",
        role: "host",
        group: "cast",
        href: "https://news.example.com/authors/ana-ruiz/",
        img: "https://news.example.com/artwork/ana.jpg",
      },
      { name: "Bo Li", role: "producer", group: "audio production" },
    ],
    ...overrides,
  };
}

export function testPodcast(overrides: Record<string, unknown> = {}): PodcastSettings {
  return podcastSettingsSchema.parse(podcastBlock(overrides));
}

/** testSite() with a podcast block. */
export function testPodcastSite(
  podcast: Record<string, unknown> = {},
  site: Partial<SiteMetadata> = {},
): SiteMetadata {
  return testSite({ ...site, podcast: testPodcast(podcast) });
}

/** Two episodes (one with its file in the media folder, one elsewhere) and a plain article. */
export const episodeFixture = {
  /** ep1.wav: two seconds of tone, in the media folder. */
  ep1: wavBytes({ seconds: 2 }),
  articles: (): Record<string, string> => ({
    "ep1.md": markdownArticle(
      {
        title: "Budget day, explained",
        published: "2026-03-02T06:00:00Z",
        id: "tag:news.example.com,2026:episode/1",
        summary: "What changes for you, in two seconds.",
        author: ["Ana Ruiz"],
        enclosure: { file: "ep1.wav" },
        episode: 1,
        season: 1,
        episodeType: "full",
        explicit: false,
        transcript: {
          url: "/transcripts/ep1.vtt",
          type: "text/vtt",
          language: "en",
          rel: "captions",
        },
        chapters: "/chapters/ep1.json",
        image: { url: "/artwork/ep1-3000.jpg", width: 3000, height: 3000, type: "image/jpeg" },
      },
      "The *budget*, read aloud.",
    ),
    "trailer.md": markdownArticle({
      title: "Coming soon: Example News Daily",
      published: "2026-03-01T06:00:00Z",
      id: "tag:news.example.com,2026:episode/trailer",
      summary: "A trailer hosted elsewhere.",
      enclosure: {
        url: "https://cdn.example.com/trailer.mp3",
        type: "audio/mpeg",
        length: 48_213,
        duration: 42,
      },
      episodeType: "trailer",
      explicit: true,
    }),
    "storm.md": markdownArticle({
      title: "Storm warning",
      published: "2026-03-03T06:00:00Z",
      id: "tag:news.example.com,2026:article/storm",
      summary: "Not an episode.",
    }),
  }),
};

/** The real server with the fixture's articles and media folder, and a podcast block. */
export async function startPodcastServer(
  options: { podcast?: Record<string, unknown>; watch?: boolean; apiToken?: string } = {},
) {
  const articlesDir = await makeArticlesDir(episodeFixture.articles());
  const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
  const server = await startTestServer(articlesDir, {
    site: testPodcastSite(options.podcast),
    mediaDir,
    ...(options.watch === undefined ? {} : { watch: options.watch }),
    ...(options.apiToken === undefined ? {} : { apiToken: options.apiToken }),
  });
  return { ...server, articlesDir, mediaDir };
}
