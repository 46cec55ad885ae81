// The five Debian clients the real-reader matrices drive, each subscribed to the same feeds.
import { makeFeed2exec } from "./feed2exec.js";
import { type FeedparserReader, makeFeedparser } from "./feedparser.js";
import type { FeedReader } from "./held-item.js";
import { makeNewsboat, type NewsboatReader } from "./newsboat.js";
import { makeRss2email } from "./rss2email.js";
import type { Teardown } from "./run-client.js";
import { makeSfeed } from "./sfeed.js";

export const readerNames = ["newsboat", "rss2email", "feedparser", "sfeed", "feed2exec"] as const;
export type ReaderName = (typeof readerNames)[number];

export interface EveryReader {
  readers: Map<ReaderName, FeedReader>;
  /** The two whose own kinds of state the matrices read beyond what FeedReader gives. */
  newsboat: NewsboatReader;
  feedparser: FeedparserReader;
}

/** Makes every client, subscribed to `paths` on `baseUrl`; each is stopped by `teardown`. */
export async function subscribeEveryReader(
  teardown: Teardown,
  baseUrl: string,
  paths: string[],
): Promise<EveryReader> {
  const newsboat = await makeNewsboat(teardown, baseUrl, paths);
  const feedparser = await makeFeedparser(teardown, baseUrl, paths);
  const readers = new Map<ReaderName, FeedReader>([
    ["newsboat", newsboat],
    ["rss2email", await makeRss2email(teardown, baseUrl, paths)],
    ["feedparser", feedparser],
    ["sfeed", await makeSfeed(teardown, baseUrl, paths)],
    ["feed2exec", await makeFeed2exec(teardown, baseUrl, paths)],
  ]);
  return { readers, newsboat, feedparser };
}
