// What a reader holds for one item after a poll, in the terms every reader shares, and what it
// should hold for an item the server serves, so that each reader can be compared with the server.
import type { ServedItem } from "./served-items.js";

export interface HeldItem {
  /** The item's id as the reader keys it (guid, atom:id). */
  id: string;
  /** The title as the reader shows it. */
  title: string;
  /** The date the reader gives the item, in milliseconds since the epoch. */
  date: number;
  /** The author the reader names ("" when it names nobody). */
  author: string;
  /** The body the reader keeps or mails. */
  content: string;
  /** The enclosure URL it holds, if any. */
  enclosure: string | undefined;
}

/** The feed an item is served in, as far as readers use it. */
export interface ServedFeed {
  format: "rss" | "atom";
  /** The feed's title (rss2email puts it in the From name). */
  title: string;
  /** The publisher the site names, whom a reader should name for an item without an author. */
  publisher: string;
}

/** A HeldItem whose fields may be vitest asymmetric matchers (expect.stringMatching ...). */
export type ExpectedItem = { [Field in keyof HeldItem]: unknown };

/** A reader of Debian's, set up in its own home folder with its own configuration. */
export interface FeedReader {
  name: string;
  /** Polls every feed it is subscribed to, as its own scheduler would. */
  poll(): Promise<void>;
  /** What it holds for the feed at this path. */
  held(feedPath: string): Promise<HeldItem[]>;
  /** What it should hold for a served item: the served text through its documented handling. */
  expected(item: ServedItem, feed: ServedFeed): ExpectedItem;
  /**
   * Whether it keeps an item the feed no longer lists (a mail stays delivered; sfeed merges its
   * TSV), or holds only what the last poll gave.
   */
  keepsGoneItems: boolean;
  /**
   * For a reader that keeps an item as it first read it, what it keys items by: feed2exec mails
   * an id once, never again; sfeed keeps the first line for an id, title and link. Undefined for
   * a reader that replaces an item with its new version.
   */
  firstVersionKey: ((item: ServedItem) => string) | undefined;
  /**
   * Whether an edit adds a record beside the old one (sfeed keys its TSV lines by id, title and
   * link: a corrected title is a new line, the old one stays).
   */
  keepsOldVersions: boolean;
}
