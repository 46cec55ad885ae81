// The feeds of a site: each catalog feed (subscription, pages, archives, tags, authors) and the
// podcast feed in every format it has, with the autodiscovery links that point at them.
import { buildFeed, type FeedDefinition, feedLinks } from "../../feeds/build-feed.js";
import { buildPodcastFeed, podcastDefinition, podcastPath } from "../../feeds/build-podcast.js";
import { bareMediaType, feedFormat, feedFormats } from "../../formats/index.js";
import type { OpmlOutline } from "../../formats/opml.js";
import type { Article, Feed, FeedLinks } from "../../model.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { absoluteUrl } from "../../urls.js";
import { addFeedDocument } from "./feed-gate.js";
import { feedInputs, unchangedSincePrevious } from "./reuse.js";
import type { Build } from "./site-snapshot.js";

export function feedAlternates(links: FeedLinks, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(links),
  }));
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
