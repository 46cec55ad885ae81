// Format-neutral types. Only these cross module boundaries; each format keeps its wire types private.
import type { DateTime } from "luxon";

export interface Author {
  name: string;
  url?: string;
  email?: string;
}

/** The lead image of an article. A scraped caption may exist without a known image URL. */
export interface LeadImage {
  url?: string;
  caption?: string;
  alt?: string;
  width?: number;
  height?: number;
  type?: string;
}

/** One stored article, as parsed from its file. Text is already free of characters XML forbids. */
export interface Article {
  /** Immutable identity: an absolute IRI (tag: or urn:), the same in every feed. */
  id: string;
  slug: string;
  title: string;
  published: DateTime;
  updated?: DateTime;
  authors: Author[];
  tags: string[];
  summary?: string;
  /** The body as HTML. URLs inside may be relative; feeds resolve them against the article URL. */
  bodyHtml: string;
  image?: LeadImage;
  source?: string;
  language?: string;
  /** The file the article came from, relative to the articles folder. */
  file: string;
}

/** A problem found while reading the store, naming the file and the reason. */
export interface StoreProblem {
  file: string;
  message: string;
}

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  contentHtml: string;
  summary?: string;
  published: DateTime;
  updated: DateTime;
  authors: Author[];
  tags: string[];
  image?: LeadImage;
  language?: string;
}

/** Absolute URLs of one feed's representations and the page it describes. */
export interface FeedLinks {
  home: string;
  rss: string;
  atom: string;
  json: string;
}

/**
 * A link from one feed document to another (RFC 5005 archives and pages), given in each format so
 * every renderer links to its own kind.
 */
export interface FeedRelation {
  rel: "current" | "prev-archive" | "next-archive" | "first" | "previous" | "next" | "last";
  href: FeedLinks;
}

/** Everything a renderer needs; renderers read nothing else (no clock, no env, no files). */
export interface Feed {
  /** Absolute IRI, independent of the site URL. */
  id: string;
  title: string;
  description: string;
  language: string;
  links: FeedLinks;
  /** From the data: the newest item change, or the Unix epoch for an empty feed. */
  updated: DateTime;
  /** Feed-level authors: the publisher, used by formats that need an author for every entry. */
  authors: Author[];
  /** RSS <ttl> in minutes, consistent with the HTTP max-age. */
  ttlMinutes: number;
  icon?: string;
  /** RFC 5005 links to archive and paged documents. */
  relations: FeedRelation[];
  /** This document is an RFC 5005 archive: its set of entries does not change. */
  archive: boolean;
  /** The JSON Feed next_url: the next document of older items, if any (never the feed itself). */
  next?: FeedLinks;
  /** WebSub hubs that are told when this feed changes. */
  hubs: string[];
  items: FeedItem[];
}
