// The feeds of a site: each catalog feed (subscription, pages, archives, tags, authors) and the
// podcast feed in every format it has, with the autodiscovery links that point at them. After a
// change, only the feeds it touched are looked at again, and those it emptied are removed.
import { buildFeed, type FeedDefinition, feedLinks } from "../../feeds/build-feed.js";
import { buildPodcastFeed, podcastDefinition, podcastPath } from "../../feeds/build-podcast.js";
import {
  archivePath,
  type CatalogChange,
  pagePath,
  type Section,
  type SiteCatalog,
} from "../../feeds/catalog.js";
import { bareMediaType, feedFormat, feedFormats } from "../../formats/index.js";
import type { OpmlOutline } from "../../formats/opml.js";
import type { Article, Feed, FeedLinks } from "../../model.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { absoluteUrl, articlePath } from "../../urls.js";
import { addFeedDocument } from "./feed-gate.js";
import { feedInputs, removePath, unchangedSincePrevious } from "./reuse.js";
import type { Build, WithdrawnArticles } from "./site-snapshot.js";

export function feedAlternates(links: FeedLinks, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(links),
  }));
}

/** The URL paths of a feed's documents, one per format. */
export function feedDocumentPaths(siteUrl: string, basePath: string): string[] {
  const links = feedLinks(siteUrl, basePath);
  return feedFormats.map((format) => new URL(format.selfUrl(links)).pathname);
}

/** A feed the site no longer has: its documents leave the table. */
function removeFeed(build: Build, basePath: string): void {
  for (const path of feedDocumentPaths(build.context.siteUrl, basePath))
    removePath(build, path, `feed:${basePath}`);
}

export function addFeed(build: Build, definition: FeedDefinition): void {
  const { site, siteUrl } = build.context;
  const links = feedLinks(siteUrl, definition.basePath);
  const reuse = unchangedSincePrevious(
    build,
    `feed:${definition.basePath}`,
    feedInputs(definition),
  );
  let feed: Feed | undefined;
  const feedModel = () => {
    feed ??= buildFeed(definition, site, siteUrl);
    return feed;
  };
  for (const format of feedFormats)
    addFeedDocument(build, definition, format, format.selfUrl(links), feedModel, reuse);
}

/** The podcast feed as the home page advertises it and as the OPML lists it. */
export interface PodcastLinks {
  alternate: FeedAlternate;
  outline: OpmlOutline;
}

/**
 * /podcast.xml, RSS with the show's iTunes and Podcasting 2.0 data, when site.json has a podcast
 * block and some article is an episode. Returns its links, if there is one.
 */
export function addPodcastFeed(
  build: Build,
  articles: readonly Article[],
): PodcastLinks | undefined {
  const { site, siteUrl } = build.context;
  const definition = podcastDefinition(articles, site);
  if (definition === undefined) return undefined;
  const reuse = unchangedSincePrevious(build, `feed:${podcastPath}`, feedInputs(definition));
  let feed: Feed | undefined;
  const feedModel = () => {
    feed ??= buildPodcastFeed(definition, site, siteUrl);
    return feed;
  };
  const rss = feedFormat("rss");
  const href = absoluteUrl(siteUrl, podcastPath);
  addFeedDocument(build, definition, rss, href, feedModel, reuse);
  return {
    alternate: { mediaType: bareMediaType(rss), title: `${definition.title} (podcast)`, href },
    outline: {
      title: definition.title,
      description: definition.description,
      xmlUrl: href,
      htmlUrl: absoluteUrl(siteUrl, "/"),
    },
  };
}

/** What the feeds of a site are, to list every feed path without building any. */
export interface SiteShape {
  pageCount: number;
  months: readonly string[];
  sectionPaths: readonly string[];
  podcast: boolean;
}

/** The URL paths of the feeds WebSub hubs are told about: never the later pages, which shift. */
export function siteHubTopicPaths(siteUrl: string, shape: SiteShape): string[] {
  const podcast = shape.podcast ? [new URL(absoluteUrl(siteUrl, podcastPath)).pathname] : [];
  return [
    ...feedDocumentPaths(siteUrl, pagePath(1)),
    ...shape.months.flatMap((month) => feedDocumentPaths(siteUrl, archivePath(month))),
    ...shape.sectionPaths.flatMap((basePath) => feedDocumentPaths(siteUrl, basePath)),
    ...podcast,
  ];
}

/** The URL paths of every feed document of the site: the first page, the later ones, the rest. */
export function siteFeedPaths(siteUrl: string, shape: SiteShape): string[] {
  const topics = siteHubTopicPaths(siteUrl, shape);
  const later = Array.from({ length: shape.pageCount - 1 }, (_, i) =>
    feedDocumentPaths(siteUrl, pagePath(i + 2)),
  ).flat();
  // The first page's documents, one per format, lead the topics.
  const firstPage = feedFormats.length;
  return [...topics.slice(0, firstPage), ...later, ...topics.slice(firstPage)];
}

/** What a change did to the catalog, and how it looked before. */
export interface CatalogDelta {
  change: CatalogChange;
  before: { pages: number; months: readonly string[] };
}

function sectionBasePath(key: string): string {
  const [kind, ...slug] = key.split(":");
  return `${kind === "tag" ? "/tags/" : "/authors/"}${slug.join(":")}/`;
}

/**
 * Every feed of the site, or after a change (`delta`) the ones it touched: the subscription
 * feed's first page (with its tombstones; the later pages are LaterPageFamily's), the archives
 * of the months it touched (all when months came or went), the sections of the articles it
 * added or removed, and the podcast. Returns the podcast's links and the sections whose pages
 * need building.
 */
export function addSiteFeeds(
  build: Build,
  catalog: SiteCatalog,
  withdrawn: WithdrawnArticles,
  delta?: CatalogDelta,
): { podcast: PodcastLinks | undefined; sections: Section[] } {
  const { siteUrl } = build.context;
  const months = catalog.months();
  const subscription = catalog.page(1, months);
  if (withdrawn.tombstones.length > 0) {
    subscription.deletedEntries = withdrawn.tombstones.map((gone) => ({
      ref: gone.id,
      when: gone.when,
      url: absoluteUrl(siteUrl, articlePath(gone.slug)),
      ...(gone.reason === undefined ? {} : { comment: gone.reason }),
    }));
  }
  addFeed(build, subscription);
  const change = delta?.change;

  const archives =
    change === undefined || change.monthsChanged
      ? months
      : months.filter((month) => change.months.has(month));
  for (const month of archives) addFeed(build, catalog.archive(month, months));
  for (const month of delta?.before.months ?? []) {
    if (!months.includes(month)) removeFeed(build, archivePath(month));
  }

  const sections: Section[] = [];
  const keys = change === undefined ? undefined : [...change.sections];
  for (const section of keys === undefined
    ? catalog.sections()
    : keys.flatMap((key) => catalog.section(key) ?? [])) {
    addFeed(build, catalog.sectionFeed(section));
    sections.push(section);
  }
  for (const key of keys ?? []) {
    if (catalog.section(key) !== undefined) continue;
    removeFeed(build, sectionBasePath(key));
    removePath(build, sectionBasePath(key));
  }

  const podcast = addPodcastFeed(build, catalog.episodes());
  if (podcast === undefined)
    removePath(build, new URL(absoluteUrl(siteUrl, podcastPath)).pathname, `feed:${podcastPath}`);
  return { podcast, sections };
}
