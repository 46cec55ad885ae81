// What a site build makes and what successive builds share: the snapshot served, the context
// it is built in, the gate's verdicts, and how a rendition's Last-Modified is decided.
import type { Withdrawal } from "../../articles/withdrawals.js";
import type { FeedFormat } from "../../formats/index.js";
import type { Article, StoreProblem } from "../../model.js";
import type { SiteMetadata } from "../../site/site-metadata.js";
import type { LastModifiedLedger } from "../../state/last-modified-ledger.js";
import type { SitemapKind } from "../../validate/index.js";
import type { RenditionOptions } from "../rendition.js";
import type { RenditionCache } from "../rendition-cache.js";
import type { RenditionTable } from "../rendition-table.js";

/** Checks a rendered feed; returns the problems found, none when it is valid. */
export type FeedValidator = (format: FeedFormat, text: string) => string[];

/** Checks a rendered sitemap or sitemap index; returns the problems found, none when it is valid. */
export type SitemapValidator = (kind: SitemapKind, text: string) => string[];

export interface InvalidFeed {
  path: string;
  problems: string[];
  /** Files of the articles that fail the check even when alone in the feed. */
  articles: string[];
}

export interface SiteContext {
  site: SiteMetadata;
  siteUrl: string;
  /** The gate: every rendered feed passes it before it can be served. */
  validate: FeedValidator;
  /** The gate for sitemaps (the sitemaps.org and Google News schemas unless a test gives its own). */
  validateSitemap?: SitemapValidator;
  /** Told about a feed that failed when it was built on first request (after the build). */
  onInvalidFeed?: (invalid: InvalidFeed) => void;
  /**
   * The feeds that failed, by path. Successive builds share it, so a feed built on first request
   * (maybe taken over by later builds) reports into the current state.
   */
  invalidFeeds?: Map<string, InvalidFeed>;
  /**
   * Where each path's Last-Modified is kept, so it moves whenever the bytes do. Without one, a
   * rendition's Last-Modified is the newest date its data shows.
   */
  lastModified?: LastModifiedLedger;
  /** The time of a change, in ms since the epoch (the system clock unless a test moves its own). */
  now?: () => number;
  /** Where renditions made on first request are kept; without one, each is kept for good. */
  renditionCache?: RenditionCache;
}

export interface SiteSnapshot {
  articles: readonly Article[];
  /** Article files that could not be read, each with its reason. */
  problems: readonly StoreProblem[];
  /**
   * Feeds whose latest build failed validation: served from their previous build, or 503. Feeds
   * built on first request add themselves here when they fail.
   */
  invalidFeeds: readonly InvalidFeed[];
  renditions: RenditionTable;
  /** What each rendition was made from, so the next build can take unchanged ones over. */
  inputs: ReadonlyMap<string, readonly unknown[]>;
  /** Paths of every feed document (for the validator). */
  readonly feedPaths: readonly string[];
  /** Paths of the feeds WebSub hubs are told about. */
  readonly hubTopicPaths: readonly string[];
  /**
   * What the build that made this snapshot knew changed since the one it was built from: every
   * path that may hold new bytes (or none), so comparing the two needs no pass over every path.
   */
  readonly changes?: {
    /** Held weakly: a snapshot must not keep the ones before it alive. */
    since: WeakRef<SiteSnapshot>;
    /** Paths rebuilt or removed: their bytes are compared. */
    compared: readonly string[];
    /** Article pages whose article changed: new bytes. */
    changed: readonly string[];
  };
  notFoundHtml: string;
  /** The 410 page of a withdrawn article's URL path, or undefined for any other path. */
  gonePage(path: string): string | undefined;
}

/** Articles no longer published that readers may hold. */
export interface WithdrawnArticles {
  /** Every one: each article URL answers 410 Gone with a notice. */
  gone: readonly Withdrawal[];
  /** Those withdrawn recently enough for the subscription feed to carry a tombstone. */
  tombstones: readonly Withdrawal[];
}

export const nothingWithdrawn: WithdrawnArticles = { gone: [], tombstones: [] };

/** What one build is making, and what it may take over from the previous build. */
export interface Build {
  context: SiteContext;
  /** A trial build only answers whether feeds would pass the gate; it is never served. */
  trial: boolean;
  previous: SiteSnapshot | undefined;
  renditions: RenditionTable;
  inputs: Map<string, readonly unknown[]>;
  invalidFeeds: Map<string, InvalidFeed>;
  /** When this build saw the articles it is made from: the time of any change it serves. */
  changedAtMs: number;
  /** Paths this build made, took over or removed: the only ones that can differ from before. */
  touched: Set<string>;
}

/**
 * How the rendition at `path` gets its Last-Modified from the newest date its data shows: through
 * the ledger when there is one, so new bytes always get a later date. A trial's renditions are
 * never served and leave the ledger alone. The rule holds no reference to the build: a lazy
 * rendition taken over by later builds must not keep its build (and its table) alive.
 */
export function lastModifiedRule(
  build: Pick<Build, "context" | "trial" | "changedAtMs">,
  path: string,
): (dataDate: Date) => RenditionOptions["lastModified"] {
  const ledger = build.context.lastModified;
  if (ledger === undefined || build.trial) return (dataDate) => dataDate;
  const { changedAtMs } = build;
  return (dataDate) => (etag) => ledger.lastModified(path, etag, dataDate, changedAtMs);
}

/**
 * The paths whose bytes differ between two snapshots, including ones added or removed. When
 * `after` was built from `before`, only the paths its build touched are compared.
 */
export function changedPaths(before: SiteSnapshot, after: SiteSnapshot): string[] {
  if (after.changes?.since.deref() === before) {
    const { compared, changed } = after.changes;
    const differing = compared.filter((path) =>
      after.renditions.differsAt(path, before.renditions),
    );
    return [...new Set([...differing, ...changed])].sort();
  }
  const paths = new Set([...before.renditions.keys(), ...after.renditions.keys()]);
  return [...paths].filter((path) => after.renditions.differsAt(path, before.renditions)).sort();
}
