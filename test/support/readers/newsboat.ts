// newsboat, driven as `newsboat -x reload`, one profile (config, urls file, cache) per feed: its
// cache keys items by guid alone, so an item in two subscribed feeds would be stored once.
// What it holds is read from its SQLite cache.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FeedReader, HeldItem } from "./held-item.js";
import { runPythonHelper } from "./python.js";
import { makeTempDir, runClient, type Teardown } from "./run-client.js";

export const newsboatUserAgent = "newsboat (wirefeed reader matrix)";

interface NewsboatCache {
  feeds: { rssurl: string; title: string; lastmodified: number; etag: string }[];
  items: {
    guid: string;
    title: string;
    author: string;
    url: string;
    feedurl: string;
    pubDate: number;
    content: string;
    enclosure_url: string | null;
    enclosure_type: string | null;
    deleted: number;
  }[];
}

export interface NewsboatReader extends FeedReader {
  /** The validators newsboat keeps for a feed, which it sends on its next poll. */
  validators(feedPath: string): Promise<{ etag: string; lastModified: number }>;
  /** The profile folder of a feed: its cache.db and config, for podboat. */
  profile(feedPath: string): string;
}

export async function makeNewsboat(
  teardown: Teardown,
  baseUrl: string,
  feedPaths: string[],
): Promise<NewsboatReader> {
  const home = await makeTempDir(teardown, "newsboat");
  const profiles = new Map<string, string>();
  for (const [index, feedPath] of feedPaths.entries()) {
    const profile = path.join(home, `feed-${index}`);
    await mkdir(path.join(profile, "downloads"), { recursive: true });
    await writeFile(path.join(profile, "urls"), `${baseUrl}${feedPath}\n`);
    await writeFile(
      path.join(profile, "config"),
      [
        `user-agent "${newsboatUserAgent}"`,
        "reload-threads 1",
        "download-timeout 15",
        `download-path "${path.join(profile, "downloads")}/"`,
        "",
      ].join("\n"),
    );
    profiles.set(feedPath, profile);
  }
  const profileOf = (feedPath: string): string => {
    const profile = profiles.get(feedPath);
    if (profile === undefined) throw new Error(`newsboat is not subscribed to ${feedPath}`);
    return profile;
  };
  const cacheOf = (feedPath: string) =>
    runPythonHelper<NewsboatCache>(home, "read-newsboat-cache.py", [
      path.join(profileOf(feedPath), "cache.db"),
    ]);
  return {
    name: "newsboat",
    profile: profileOf,
    async poll() {
      for (const profile of profiles.values()) {
        await runClient(home, "newsboat", [
          "-C",
          path.join(profile, "config"),
          "-u",
          path.join(profile, "urls"),
          "-c",
          path.join(profile, "cache.db"),
          "-x",
          "reload",
        ]);
      }
    },
    // Item fields as its Atom and RSS parsers store them: the title as text, the date to the
    // second (the item's published date, pubDate in RSS), the item's own author (it does not
    // fall back to the feed's), content:encoded or atom:content, else the description/summary.
    expected: (item) => ({
      id: item.id,
      title: item.title,
      date: Math.floor(item.published / 1000) * 1000,
      author: item.authors.join(", "),
      content: item.content ?? item.summary ?? "",
      enclosure: item.enclosure,
    }),
    keepsGoneItems: true,
    keepsFirstVersion: false,
    keepsOldVersions: false,
    async held(feedPath): Promise<HeldItem[]> {
      const url = `${baseUrl}${feedPath}`;
      const cache = await cacheOf(feedPath);
      return cache.items
        .filter((item) => item.feedurl === url && item.deleted === 0)
        .map((item) => ({
          id: item.guid,
          title: item.title,
          date: item.pubDate * 1000,
          author: item.author,
          content: item.content,
          enclosure: item.enclosure_url || undefined,
        }));
    },
    async validators(feedPath) {
      const url = `${baseUrl}${feedPath}`;
      const feed = (await cacheOf(feedPath)).feeds.find((row) => row.rssurl === url);
      return { etag: feed?.etag ?? "", lastModified: feed?.lastmodified ?? 0 };
    },
  };
}
