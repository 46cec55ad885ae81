// Builds every response the site serves from the articles: feeds in each format, the home page
// and the article pages. Feeds are validated here, once per build, never per request; a feed
// that fails keeps its previous good rendition (or none), and the failure is recorded.
import { resolveRelativeUrls } from "../articles/html-body.js";
import type { SiteMetadata } from "../config.js";
import {
  buildFeed,
  type FeedDefinition,
  feedLinks,
  latestChange,
  mainFeedDefinition,
} from "../feeds/build-feed.js";
import { bareMediaType, type FeedFormat, feedFormats } from "../formats/index.js";
import type { Article, Feed, FeedLinks, StoreProblem } from "../model.js";
import { renderArticlePage } from "../pages/article-page.js";
import { renderHomePage } from "../pages/home-page.js";
import type { FeedAlternate } from "../pages/layout.js";
import { renderNotFoundPage } from "../pages/not-found-page.js";
import { absoluteUrl, articlePath } from "../urls.js";
import { Rendition, type RenditionOptions } from "./rendition.js";
import { lazyRendition, RenditionTable } from "./rendition-table.js";

const htmlMediaType = "text/html; charset=utf-8";

/** Checks a rendered feed; returns the problems found, none when it is valid. */
export type FeedValidator = (format: FeedFormat, text: string) => string[];

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
}

export interface SiteSnapshot {
  articles: readonly Article[];
  /** Article files that could not be read, each with its reason. */
  problems: readonly StoreProblem[];
  /** Feeds whose latest build failed validation: served from their previous build, or 503. */
  invalidFeeds: readonly InvalidFeed[];
  renditions: RenditionTable;
  /** What each rendition was made from, so the next build can take unchanged ones over. */
  inputs: ReadonlyMap<string, readonly unknown[]>;
  notFoundHtml: string;
}

function feedAlternates(links: FeedLinks, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(links),
  }));
}

/** What one build is making, and what it may take over from the previous build. */
interface Build {
  context: SiteContext;
  /** A trial build only answers whether feeds would pass the gate; it is never served. */
  trial: boolean;
  previous: SiteSnapshot | undefined;
  renditions: RenditionTable;
  inputs: Map<string, readonly unknown[]>;
  invalidFeeds: InvalidFeed[];
}

/**
 * Records what a rendition is made from and tells whether the previous build made it from the
 * very same inputs (the same immutable Article objects), so its bytes can be taken over.
 */
function unchangedSincePrevious(build: Build, key: string, inputs: readonly unknown[]): boolean {
  build.inputs.set(key, inputs);
  const before = build.previous?.inputs.get(key);
  return (
    before !== undefined &&
    before.length === inputs.length &&
    before.every((value, i) => value === inputs[i])
  );
}

function takeOverFromPrevious(build: Build, path: string): void {
  const kept = build.previous?.renditions.entry(path);
  if (kept) build.renditions.set(path, kept);
  const invalid = build.previous?.invalidFeeds.find((entry) => entry.path === path);
  if (invalid) build.invalidFeeds.push(invalid);
}

function addFeedRenditions(build: Build, definition: FeedDefinition): void {
  const { site, siteUrl } = build.context;
  const links = feedLinks(siteUrl, definition.basePath);
  const reuse = unchangedSincePrevious(
    build,
    `feed:${definition.basePath}`,
    definition.articles.slice(0, site.feedSize),
  );
  let feed: Feed | undefined;
  for (const format of feedFormats) {
    const selfUrl = format.selfUrl(links);
    const path = new URL(selfUrl).pathname;
    if (reuse) {
      takeOverFromPrevious(build, path);
      continue;
    }
    feed ??= buildFeed(definition, site, siteUrl);
    const text = format.render(feed);
    const problems = build.context.validate(format, text);
    if (problems.length > 0) {
      build.invalidFeeds.push({
        path,
        problems,
        articles: articlesBreaking(build, format, feed, definition),
      });
      // The last valid rendition stays in service; with none, the path answers 503.
      const kept = build.previous?.renditions.entry(path);
      if (kept) build.renditions.set(path, kept);
      continue;
    }
    const rendition = new Rendition({
      path,
      mediaType: format.mediaType,
      body: text,
      lastModified: feed.updated.toJSDate(),
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "feed",
      selfUrl,
    });
    // Compressed copies are made off the event loop; a request that comes first compresses its own.
    if (!build.trial) rendition.precompress().catch(() => {});
    build.renditions.set(path, rendition);
  }
}

/**
 * Which articles make a feed fail: each item is rendered alone in the same feed and checked.
 * Runs only when a feed has failed, to name the files to fix.
 */
function articlesBreaking(
  build: Build,
  format: FeedFormat,
  feed: Feed,
  definition: FeedDefinition,
): string[] {
  const fileOf = new Map(definition.articles.map((article) => [article.id, article.file]));
  return feed.items
    .filter(
      (item) =>
        build.context.validate(format, format.render({ ...feed, items: [item] })).length > 0,
    )
    .map((item) => fileOf.get(item.id) ?? item.id);
}

function addPage(
  build: Build,
  path: string,
  inputs: readonly unknown[],
  render: () => Omit<RenditionOptions, "path" | "mediaType" | "maxAgeSeconds" | "kind" | "selfUrl">,
  when: "now" | "on first request",
): void {
  if (unchangedSincePrevious(build, path, inputs)) {
    takeOverFromPrevious(build, path);
    return;
  }
  const { site, siteUrl } = build.context;
  const make = () =>
    new Rendition({
      path,
      mediaType: htmlMediaType,
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, path),
      ...render(),
    });
  build.renditions.set(path, when === "now" ? make() : lazyRendition(make));
}

/** The feeds the site offers: the main feed now; sections are added here. */
export function listFeedDefinitions(
  articles: readonly Article[],
  site: SiteMetadata,
): FeedDefinition[] {
  return [mainFeedDefinition(articles, site)];
}

/**
 * Builds the site. With `previous`, every rendition whose inputs are the same objects as last time
 * is taken over instead of rendered again, so one changed article costs its own page and the
 * feeds that list it.
 */
export function buildSite(
  articles: readonly Article[],
  problems: readonly StoreProblem[],
  context: SiteContext,
  previous?: SiteSnapshot,
  purpose: "serve" | "trial" = "serve",
): SiteSnapshot {
  const { site, siteUrl } = context;
  const build: Build = {
    context,
    trial: purpose === "trial",
    previous,
    renditions: new RenditionTable(),
    inputs: new Map(),
    invalidFeeds: [],
  };
  for (const definition of listFeedDefinitions(articles, site))
    addFeedRenditions(build, definition);

  const mainLinks = feedLinks(siteUrl, "/");
  const alternates = feedAlternates(mainLinks, site.title);
  const homeUrl = mainLinks.home;
  const newest = articles.slice(0, site.feedSize);
  addPage(
    build,
    "/",
    newest,
    () => ({
      body: renderHomePage(newest, {
        siteTitle: site.title,
        description: site.description,
        language: site.language,
        homeUrl,
        alternates,
        articleUrl: (article) => absoluteUrl(siteUrl, articlePath(article.slug)),
      }),
      lastModified: latestChange(newest).toJSDate(),
    }),
    "now",
  );

  for (const article of articles) {
    const path = articlePath(article.slug);
    addPage(
      build,
      path,
      [article],
      () => {
        const articleUrl = absoluteUrl(siteUrl, path);
        return {
          body: renderArticlePage(article, {
            siteTitle: site.title,
            language: site.language,
            homeUrl,
            articleUrl,
            bodyHtml: resolveRelativeUrls(article.bodyHtml, articleUrl),
            alternates,
          }),
          lastModified: (article.updated ?? article.published).toJSDate(),
        };
      },
      "on first request",
    );
  }

  const notFoundHtml =
    previous?.notFoundHtml ??
    renderNotFoundPage({ siteTitle: site.title, language: site.language, homeUrl, alternates });
  return {
    articles,
    problems,
    invalidFeeds: build.invalidFeeds,
    renditions: build.renditions,
    inputs: build.inputs,
    notFoundHtml,
  };
}

/** The paths whose bytes differ between two snapshots, including ones added or removed. */
export function changedPaths(before: SiteSnapshot, after: SiteSnapshot): string[] {
  const paths = new Set([...before.renditions.keys(), ...after.renditions.keys()]);
  return [...paths].filter((path) => after.renditions.differsAt(path, before.renditions)).sort();
}
