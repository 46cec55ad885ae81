// newsboat, driven as `newsboat -x reload`, one profile (its own HOME with config, urls file,
// cache and podcast queue) per feed: its cache keys items by guid alone, so an item in two
// subscribed feeds would be stored once. What it holds is read from its SQLite cache. It puts
// every enclosure it finds in its podcast queue (podcast-auto-enqueue), for podboat.
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FeedReader, HeldItem } from "./held-item.js";
import { readPodcastQueue } from "./podboat.js";
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
  /** The profile folder (HOME) of a feed: config, cache.db and .newsboat/queue, for podboat. */
  profile(feedPath: string): string;
  /**
   * Puts each enclosure URL newsboat holds that is not in the podcast queue yet into it, as the
   * `enqueue` key (`e`) on the item does: newsboat auto-enqueues an item's enclosure once, when it
   * first sees the item, not when the item's enclosure URL changes. Returns the URLs added.
   */
  enqueueNewEnclosures(feedPath: string): Promise<string[]>;
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
        "podcast-auto-enqueue yes",
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
  const heldBy = async (feedPath: string): Promise<HeldItem[]> => {
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
  };
  return {
    name: "newsboat",
    profile: profileOf,
    async poll() {
      for (const profile of profiles.values()) {
        await runClient(profile, "newsboat", [
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
    // Item fields as its Atom and RSS parsers store them: the title's text as it is (an RSS
    // title's markup-like text stays HTML-escaped, see the README's reader table), the date to the
    // second (the item's published date, pubDate in RSS), the item's own author (it does not
    // fall back to the feed's), content:encoded or atom:content, else the description/summary.
    expected: (item) => ({
      id: item.id,
      title: item.titleText,
      date: Math.floor(item.published / 1000) * 1000,
      author: item.authors.join(", "),
      content: item.content ?? item.summary ?? "",
      enclosure: item.enclosure,
    }),
    keepsGoneItems: true,
    firstVersionKey: undefined,
    keepsOldVersions: false,
    held: heldBy,
    async enqueueNewEnclosures(feedPath) {
      const profile = profileOf(feedPath);
      const queued = new Set((await readPodcastQueue(profile)).map((episode) => episode.url));
      const added = [];
      for (const item of await heldBy(feedPath)) {
        if (item.enclosure === undefined || queued.has(item.enclosure)) continue;
        const file = path.join(
          profile,
          "downloads",
          path.basename(new URL(item.enclosure).pathname),
        );
        await appendFile(path.join(profile, ".newsboat", "queue"), `${item.enclosure} "${file}"\n`);
        added.push(item.enclosure);
      }
      return added;
    },
    async validators(feedPath) {
      const url = `${baseUrl}${feedPath}`;
      const feed = (await cacheOf(feedPath)).feeds.find((row) => row.rssurl === url);
      return { etag: feed?.etag ?? "", lastModified: feed?.lastmodified ?? 0 };
    },
  };
}
