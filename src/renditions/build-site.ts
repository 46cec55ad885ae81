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
import { Rendition } from "./rendition.js";

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
  renditions: ReadonlyMap<string, Rendition>;
  notFoundHtml: string;
}

function feedAlternates(feed: Feed, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(feed.links),
  }));
}

function addFeedRenditions(
  feed: Feed,
  context: SiteContext,
  previous: SiteSnapshot | undefined,
  out: Map<string, Rendition>,
  invalid: InvalidFeed[],
): void {
  for (const format of feedFormats) {
    const selfUrl = format.selfUrl(feed.links);
    const path = new URL(selfUrl).pathname;
    const text = format.render(feed);
    const problems = context.validate?.(format, text) ?? [];
    if (problems.length > 0) {
      invalid.push({ path, problems });
      const kept = previous?.renditions.get(path);
      if (kept) out.set(path, kept);
      continue;
    }
    const rendition = new Rendition({
      path,
      mediaType: format.mediaType,
      body: text,
      lastModified: feed.updated.toJSDate(),
      maxAgeSeconds: context.site.maxAgeSeconds,
      kind: "feed",
      selfUrl,
    });
    out.set(path, rendition.precompress());
  }
}

/** The feeds the site offers: the main feed now; sections are added here. */
export function listFeedDefinitions(
  articles: readonly Article[],
  site: SiteMetadata,
): FeedDefinition[] {
  return [mainFeedDefinition(articles, site)];
}

export function buildSite(
  articles: readonly Article[],
  problems: readonly StoreProblem[],
  context: SiteContext,
  previous?: SiteSnapshot,
): SiteSnapshot {
  const { site, siteUrl } = context;
  const renditions = new Map<string, Rendition>();
  const invalidFeeds: InvalidFeed[] = [];
  const feeds = listFeedDefinitions(articles, site).map((definition) =>
    buildFeed(definition, site, siteUrl),
  );
  for (const feed of feeds) addFeedRenditions(feed, context, previous, renditions, invalidFeeds);

  const mainFeed = feeds[0] as Feed;
  const alternates = feedAlternates(mainFeed, site.title);
  const homeUrl = mainFeed.links.home;
  const pageRendition = (path: string, body: string, lastModified: Date) =>
    new Rendition({
      path,
      mediaType: htmlMediaType,
      body,
      lastModified,
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, path),
    });

  const home = renderHomePage(articles.slice(0, site.feedSize), {
    siteTitle: site.title,
    description: site.description,
    language: site.language,
    homeUrl,
    alternates,
    articleUrl: (article) => absoluteUrl(siteUrl, articlePath(article.slug)),
  });
  renditions.set("/", pageRendition("/", home, mainFeed.updated.toJSDate()));

  for (const article of articles) {
    const path = articlePath(article.slug);
    const articleUrl = absoluteUrl(siteUrl, path);
    const page = renderArticlePage(article, {
      siteTitle: site.title,
      language: site.language,
      homeUrl,
      articleUrl,
      bodyHtml: resolveRelativeUrls(article.bodyHtml, articleUrl),
      alternates,
    });
    renditions.set(
      path,
      pageRendition(path, page, (article.updated ?? article.published).toJSDate()),
    );
  }

  const notFoundHtml = renderNotFoundPage({
    siteTitle: site.title,
    language: site.language,
    homeUrl,
    alternates,
  });
  return { articles, problems, invalidFeeds, renditions, notFoundHtml };
}
