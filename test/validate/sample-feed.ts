// A small, fully populated Feed for the validator tests: three items with authors, tags and
// summaries, an icon, text that needs escaping. Each call builds fresh objects.
import { DateTime } from "luxon";
import type { Feed, FeedItem } from "../../src/model.js";

const site = "https://news.example.com";

function sampleItem(index: number, published: string, changes: Partial<FeedItem> = {}): FeedItem {
  const publishedAt = DateTime.fromISO(published, { setZone: true });
  return {
    id: `tag:news.example.com,2026:article/${index}`,
    url: `${site}/articles/story-${index}`,
    title: `Story ${index}: rates & "markets" <today>`,
    contentHtml: `<p>Body of story ${index}, with <a href="${site}/x?a=1&amp;b=2">a link</a>.</p>`,
    summary: `Summary of story ${index}.`,
    published: publishedAt,
    updated: publishedAt.plus({ hours: 2 }),
    authors: [{ name: `Reporter ${index}`, email: `reporter${index}@news.example.com` }],
    tags: ["world", `topic-${index}`],
    language: "en",
    ...changes,
  };
}

/** The items of the sample feed, newest first. */
export function sampleItems(): FeedItem[] {
  return [
    sampleItem(3, "2026-03-04T09:30:00+01:00", {
      authors: [
        { name: "Ana Reporter", url: `${site}/authors/ana` },
        { name: "Bo Editor", email: "bo@news.example.com" },
      ],
    }),
    sampleItem(2, "2026-02-01T12:00:00Z", {
      image: { url: `${site}/media/2.jpg`, alt: "A picture", width: 800, height: 600 },
    }),
    sampleItem(1, "2025-12-31T23:59:59-05:00", { tags: [] }),
  ];
}

/** A feed as the feed builder would make it, with the given items (the sample items by default). */
export function sampleFeed(items: FeedItem[] = sampleItems()): Feed {
  const updated = DateTime.max(
    DateTime.fromMillis(0, { zone: "utc" }),
    ...items.map((item) => item.updated),
  );
  return {
    id: "tag:news.example.com,2026:feed",
    title: "Example News & Views",
    description: "News from the <example> newsroom",
    language: "en",
    links: {
      home: `${site}/`,
      rss: `${site}/rss.xml`,
      atom: `${site}/atom.xml`,
      json: `${site}/feed.json`,
    },
    updated,
    authors: [{ name: "Example News", url: `${site}/` }],
    ttlMinutes: 15,
    icon: `${site}/icon.png`,
    relations: [],
    archive: false,
    hubs: [],
    items,
  };
}

/** The sample feed stripped to what a format must accept at the least: no icon, and items without summaries, authors or tags. */
export function bareSampleFeed(): Feed {
  const items = sampleItems().map((item) => ({
    ...item,
    summary: undefined,
    authors: [],
    tags: [],
  }));
  return { ...sampleFeed(items), icon: undefined };
}
