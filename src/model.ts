// Format-neutral types. Only these cross module boundaries; each format keeps its wire types private.
import type { DateTime } from "luxon";

export interface Author {
  name: string;
  url?: string;
  email?: string;
}

/** The lead image of an article. A scraped caption may exist without a known image URL. */
export interface LeadImage {
  /**
   * Absolute http(s) URL, or a site path. For an image of the images folder, set by the store
   * (/images/<version>/<stem>.<version><ext>) once it has read the file.
   */
  url?: string;
  /** The images folder file the front matter names; kept after the store has read it. */
  file?: string;
  caption?: string;
  alt?: string;
  width?: number;
  height?: number;
  type?: string;
}

/** A media file attached to an article: what RSS <enclosure>, Atom rel="enclosure" and JSON Feed attachments carry. */
export interface Enclosure {
  /** Absolute http(s) URL, or a site path (/media/...) that the feed builder makes absolute. */
  url: string;
  /** Media type, e.g. audio/mpeg. */
  type: string;
  /** Size in bytes. */
  length: number;
  /** Playing time in whole seconds, when known. */
  durationSeconds?: number;
}

/**
 * An enclosure named by a file in the media folder, as the front matter gives it. The store reads
 * the file (size, type, content hash, playing time) and sets the episode's `enclosure` from it.
 */
export interface MediaFileReference {
  /** File name inside the media folder. */
  file: string;
  /** As given in the front matter; each must agree with the file. */
  type?: string;
  length?: number;
  durationSeconds?: number;
}

export type EpisodeType = "full" | "trailer" | "bonus";

/** A transcript or captions file of an episode (podcast:transcript). */
export interface Transcript {
  /** Absolute URL, or a site path in an Article. */
  url: string;
  type: string;
  language?: string;
  /** "captions": the file has time codes (closed captions). */
  rel?: "captions";
}

/** The chapters file of an episode (podcast:chapters). */
export interface Chapters {
  /** Absolute URL, or a site path in an Article. */
  url: string;
  type: string;
}

/** What makes an article a podcast episode, besides its media file. */
export interface EpisodeDetails {
  /** itunes:episode: a positive integer. */
  number?: number;
  /** itunes:season: a positive integer. */
  season?: number;
  episodeType?: EpisodeType;
  explicit?: boolean;
  transcripts: Transcript[];
  chapters?: Chapters;
}

/**
 * An article's episode. Parsing sets `enclosure` (a file elsewhere) or `mediaFile` (a file in the
 * media folder); for the latter the store reads the file and sets `enclosure` too, before the
 * article is served.
 */
export interface Episode extends EpisodeDetails {
  /** The media file: given in the front matter, or read from the media folder by the store. */
  enclosure?: Enclosure;
  /** The media folder file the front matter names; kept after the store has read it. */
  mediaFile?: MediaFileReference;
}

/** A visible note telling readers what an update corrected. */
export interface Correction {
  date: DateTime;
  text: string;
}

/** Why and when an article was withdrawn by its publisher. */
export interface Retraction {
  reason: string;
  date: DateTime;
}

/** One stored article, as parsed from its file. Text is already free of characters XML forbids. */
export interface Article {
  /** Immutable identity: an absolute IRI (tag: or urn:), the same in every feed. */
  id: string;
  slug: string;
  title: string;
  /** When the article may first be shown: until then (an embargo) it is in no output. */
  published: DateTime;
  updated?: DateTime;
  /** When the article is withdrawn from every output, as if its file were deleted. */
  expires?: DateTime;
  /** Corrections, oldest first; each is shown in the content and moves `updated`. */
  corrections?: Correction[];
  /** Set when the publisher withdrew the article: it leaves every output and its URL answers 410. */
  retraction?: Retraction;
  /** "members": only member feeds carry its body and episode; public outputs show a teaser. */
  access?: "members";
  /** For a members article: the front matter's own summary, the only text public outputs show. */
  publicSummary?: string;
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
  /** Set when the article has an audio or video enclosure: it is a podcast episode. */
  episode?: Episode;
  /** Cosmetic faults cleaned when the file was read ("tags.2: empty; left out"), each naming its field. */
  warnings?: string[];
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
  /** The body as HTML; "" when it has no content (white space alone counts as none). */
  contentHtml: string;
  summary?: string;
  published: DateTime;
  updated: DateTime;
  authors: Author[];
  tags: string[];
  image?: LeadImage;
  language?: string;
  /** The item's media file and podcast details; every URL absolute. */
  episode?: FeedEpisode;
}

/** An item's episode as feeds carry it: the enclosure is known and every URL is absolute. */
export interface FeedEpisode extends EpisodeDetails {
  enclosure: Enclosure;
  /** itunes:image of the episode: the lead image, when it is a square Apple accepts. */
  image?: string;
}

/** A category from Apple's list, with one of its subcategories. */
export interface PodcastCategory {
  name: string;
  subcategory?: string;
}

/** A podcast:person: host (the default role), guest, producer ... */
export interface PodcastPerson {
  name: string;
  role?: string;
  group?: string;
  /** Absolute URL of a picture. */
  img?: string;
  /** Absolute URL of a page about the person. */
  href?: string;
}

/** A podcast:funding link. */
export interface PodcastFunding {
  url: string;
  text: string;
}

/** What a podcast feed's channel carries besides a feed's own title, description and language. */
export interface PodcastChannel {
  /** podcast:guid: a UUIDv5, kept for the life of the podcast. */
  guid: string;
  /** itunes:author */
  author: string;
  /** itunes:owner: who Apple and directories contact. */
  owner: { name: string; email: string };
  /** itunes:image: absolute URL of the artwork. */
  image: string;
  /** itunes:category, in order; Apple uses the first. */
  categories: PodcastCategory[];
  explicit: boolean;
  type: "episodic" | "serial";
  /** podcast:locked: other platforms must not import the feed; `owner.email` may unlock it. */
  locked: boolean;
  funding: PodcastFunding[];
  persons: PodcastPerson[];
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

/** An RFC 6721 tombstone: an entry the publisher removed, so readers can remove their copy. */
export interface DeletedEntry {
  /** The removed entry's id. */
  ref: string;
  /** When it was removed. */
  when: DateTime;
  /** Why, when the publisher said so (a retraction). */
  comment?: string;
  /** The URL the entry had (it now answers 410 Gone with the notice). */
  url: string;
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
  /** Set for the podcast feed: its channel carries the iTunes and Podcasting 2.0 elements. */
  podcast?: PodcastChannel;
  items: FeedItem[];
  /** Entries removed recently; Atom carries them as at:deleted-entry, the other formats cannot. */
  deletedEntries?: DeletedEntry[];
}
