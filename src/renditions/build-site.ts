// Builds every response the site serves from the articles: feeds in each format, the home page
// and the article pages. Feeds are validated here, once per build, never per request; a feed
// that fails keeps its previous good rendition (or none), and the failure is recorded.
import { resolveRelativeUrls } from "../articles/html-body.js";
import type { SiteMetadata } from "../config.js";
import { buildFeed, type FeedDefinition, mainFeedDefinition } from "../feeds/build-feed.js";
import { bareMediaType, type FeedFormat, feedFormats } from "../formats/index.js";
import type { Article, Feed, StoreProblem } from "../model.js";
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
}

export interface SiteContext {
  site: SiteMetadata;
  siteUrl: string;
  validate?: FeedValidator;
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

function feedAlternates(feed: Feed, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(feed.links),
  }));
}

/** What one build is making, and what it may take over from the previous build. */
interface Build {
  context: SiteContext;
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

function addFeedRenditions(build: Build, definition: FeedDefinition): Feed {
  const { site, siteUrl } = build.context;
  const feed = buildFeed(definition, site, siteUrl);
  const reuse = unchangedSincePrevious(
    build,
    `feed:${definition.basePath}`,
    definition.articles.slice(0, site.feedSize),
  );
  for (const format of feedFormats) {
    const selfUrl = format.selfUrl(feed.links);
    const path = new URL(selfUrl).pathname;
    if (reuse) {
      takeOverFromPrevious(build, path);
      continue;
    }
    const text = format.render(feed);
    const problems = build.context.validate?.(format, text) ?? [];
    if (problems.length > 0) {
      build.invalidFeeds.push({ path, problems });
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
    rendition.precompress().catch(() => {});
    build.renditions.set(path, rendition);
  }
  return feed;
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
): SiteSnapshot {
  const { site, siteUrl } = context;
  const build: Build = {
    context,
    previous,
    renditions: new RenditionTable(),
    inputs: new Map(),
    invalidFeeds: [],
  };
  const feeds = listFeedDefinitions(articles, site).map((definition) =>
    addFeedRenditions(build, definition),
  );

  const mainFeed = feeds[0] as Feed;
  const alternates = feedAlternates(mainFeed, site.title);
  const homeUrl = mainFeed.links.home;
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
      lastModified: mainFeed.updated.toJSDate(),
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
