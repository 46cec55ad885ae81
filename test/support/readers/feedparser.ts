// Debian's python3-feedparser, polling as an application built on it does: it keeps the ETag
// and Last-Modified of the last 200 and sends them with the next request. What it holds is the
// parse of the last 200.
import type { FeedReader, HeldItem } from "./held-item.js";
import { runPythonHelper } from "./python.js";
import { makeTempDir, type Teardown } from "./run-client.js";
import { withSortedAttributes } from "./served-items.js";

export const feedparserUserAgent = "feedparser (wirefeed reader matrix)";

export interface FeedparserEntry {
  id: string | null;
  title: string | null;
  /** The title as an application shows it: rendered to text when feedparser says it is HTML. */
  title_shown: string | null;
  title_type: string | null;
  published: number | null;
  updated: number | null;
  author: string | null;
  summary: string | null;
  content: string[];
  enclosures: string[];
}

export interface FeedparserParse {
  status: number | null;
  bozo: boolean;
  bozo_exception: string;
  etag: string;
  modified: string;
  feed_author: string | null;
  feed_publisher: string | null;
  /** The attributes of the feed's (last) at:deleted-entry, and its at:comment. */
  feed_deleted_entry: { ref?: string; when?: string } | null;
  feed_comment: string | null;
  entries: FeedparserEntry[];
}

export interface FeedparserReader extends FeedReader {
  /** The last full parse of a feed (a 304 keeps the previous one). */
  parse(feedPath: string): FeedparserParse;
}

export async function makeFeedparser(
  teardown: Teardown,
  baseUrl: string,
  feedPaths: string[],
): Promise<FeedparserReader> {
  const home = await makeTempDir(teardown, "feedparser");
  const parses = new Map<string, FeedparserParse>();
  const parseOf = (feedPath: string): FeedparserParse => {
    const parsed = parses.get(feedPath);
    if (parsed === undefined) throw new Error(`feedparser has not read ${feedPath}`);
    return parsed;
  };
  return {
    name: "feedparser",
    parse: parseOf,
    async poll() {
      for (const feedPath of feedPaths) {
        const last = parses.get(feedPath);
        const parsed = await runPythonHelper<FeedparserParse>(home, "feedparser-poll.py", [
          `${baseUrl}${feedPath}`,
          last?.etag ?? "",
          last?.modified ?? "",
          feedparserUserAgent,
        ]);
        if (parsed.status === 200) parses.set(feedPath, parsed);
        else if (parsed.status !== 304)
          throw new Error(
            `feedparser got ${parsed.status} for ${feedPath}: ${parsed.bozo_exception}`,
          );
      }
    },
    // feedparser gives the entry's author, or the feed's (the publisher); apps date an entry by
    // published_parsed; content[0] is content:encoded or atom:content.
    expected: (item, feed) => ({
      id: item.id,
      title: item.title,
      date: Math.floor(item.published / 1000) * 1000,
      author: item.authors[0] ?? feed.publisher,
      // feedparser strips the whitespace around element text.
      content: withSortedAttributes((item.content ?? item.summary ?? "").trim()),
      enclosure: item.enclosure,
    }),
    keepsGoneItems: false,
    firstVersionKey: undefined,
    keepsOldVersions: false,
    async held(feedPath): Promise<HeldItem[]> {
      const parsed = parseOf(feedPath);
      return parsed.entries.map((entry) => ({
        id: entry.id ?? "",
        title: entry.title_shown ?? "",
        date: entry.published ?? entry.updated ?? Number.NaN,
        author: entry.author ?? parsed.feed_author ?? "",
        content: withSortedAttributes(entry.content[0] ?? entry.summary ?? ""),
        enclosure: entry.enclosures[0],
      }));
    },
  };
}
