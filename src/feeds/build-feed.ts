// Builds the format-neutral Feed for a set of articles: the choice of items, their absolute URLs
// and the dates, all from the data.
import { DateTime } from "luxon";
import { resolveRelativeUrls } from "../articles/html-body.js";
import { BoundedByBytes } from "../bounded-by-bytes.js";
import { feedFileNames } from "../formats/index.js";
import type {
  Article,
  DeletedEntry,
  Feed,
  FeedEpisode,
  FeedItem,
  FeedLinks,
  FeedRelation,
  LeadImage,
} from "../model.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import { absoluteUrl, articlePath } from "../urls.js";

/** What distinguishes one feed from another: its id, names, folder, items and links. */
export interface FeedDefinition {
  id: string;
  title: string;
  description: string;
  /** Folder of the feed files: "/", "/tags/world/", "/archive/2026-01/". */
  basePath: string;
  /** Exactly the items the feed shows, in order. */
  articles: readonly Article[];
  /** RFC 5005 links, to other feeds' folders. */
  relations: ReadonlyArray<{ rel: FeedRelation["rel"]; basePath: string }>;
  /** An RFC 5005 archive document. */
  archive: boolean;
  /** Folder of the feed that JSON Feed's next_url points to (older items). */
  nextBasePath?: string;
  /** Cache-Control max-age of this feed's documents. */
  maxAgeSeconds: number;
  /** Built with the site (the subscription feeds) or on first request (the many others). */
  eager: boolean;
  /**
   * Whether WebSub hubs hear about changes to it. Pages of the paged feed are not topics: they
   * shift whenever an article is added, and readers subscribe to the feed, not to its pages.
   */
  hubTopic: boolean;
  /** Recently removed entries, carried as RFC 6721 tombstones (the subscription feed only). */
  deletedEntries?: readonly DeletedEntry[];
}

const epoch = DateTime.fromMillis(0, { zone: "utc" });

/** Absolute URLs of the page and the three feed files in a feed's folder. */
export function feedLinks(siteUrl: string, basePath: string): FeedLinks {
  const fileUrl = (name: string) => absoluteUrl(siteUrl, `${basePath}${name}`);
  return {
    home: absoluteUrl(siteUrl, basePath),
    rss: fileUrl(feedFileNames.rss),
    atom: fileUrl(feedFileNames.atom),
    json: fileUrl(feedFileNames.json),
  };
}

function absoluteImage(image: LeadImage, base: string): LeadImage {
  return image.url === undefined ? image : { ...image, url: absoluteUrl(base, image.url) };
}

/** Apple's episode artwork: a square JPEG or PNG of 1400 to 3000 pixels a side. */
function isApplePodcastArtwork(image: LeadImage): boolean {
  const { width, height, type } = image;
  return (
    width !== undefined &&
    width === height &&
    width >= 1400 &&
    width <= 3000 &&
    (type === undefined || type === "image/jpeg" || type === "image/png")
  );
}

/** An article's episode with every URL absolute; the media file must have been read. */
function toFeedEpisode(article: Article, siteUrl: string): FeedEpisode | undefined {
  const episode = article.episode;
  if (episode === undefined) return undefined;
  const { enclosure } = episode;
  if (enclosure === undefined) {
    // The store reads every episode's media file before an article is served (load.ts).
    throw new Error(
      `${article.file}: the media file ${episode.mediaFile?.file ?? "(none)"} was never read`,
    );
  }
  const absolute = (url: string) => absoluteUrl(siteUrl, url);
  const feedEpisode: FeedEpisode = {
    enclosure: { ...enclosure, url: absolute(enclosure.url) },
    transcripts: episode.transcripts.map((transcript) => ({
      ...transcript,
      url: absolute(transcript.url),
    })),
  };
  if (episode.number !== undefined) feedEpisode.number = episode.number;
  if (episode.season !== undefined) feedEpisode.season = episode.season;
  if (episode.episodeType !== undefined) feedEpisode.episodeType = episode.episodeType;
  if (episode.explicit !== undefined) feedEpisode.explicit = episode.explicit;
  if (episode.chapters !== undefined)
    feedEpisode.chapters = { ...episode.chapters, url: absolute(episode.chapters.url) };
  const image = article.image;
  if (image?.url !== undefined && isApplePodcastArtwork(image))
    feedEpisode.image = absolute(image.url);
  return feedEpisode;
}

/**
 * The body as feed content, with URLs made absolute; "" for a body of white space alone (what a
 * comment, a script or a dropped image leaves), so that every format treats it as no content.
 */
function feedContentHtml(bodyHtml: string, url: string): string {
  return bodyHtml.trim() === "" ? "" : resolveRelativeUrls(bodyHtml, url);
}

/**
 * Feed items made lately, by article, so the feeds a change builds again (the first page above
 * all, whose items are but one the same articles as before) do not clean and resolve each body
 * again. Within 8 MiB of content (some 1,500 news stories), least recently used first out. An
 * item serves only the site and URL it was made for; an edited article is a new object.
 */
const recentItems = new BoundedByBytes<
  Article,
  { siteUrl: string; site: SiteMetadata; item: FeedItem }
>(8 * 2 ** 20);

/**
 * One article as a feed item: URLs made absolute against the article's own URL. The item is
 * shared by every feed that lists the article: it must not be changed.
 */
export function toFeedItem(article: Article, siteUrl: string, site: SiteMetadata): FeedItem {
  const recent = recentItems.get(article);
  if (recent !== undefined && recent.siteUrl === siteUrl && recent.site === site)
    return recent.item;
  const item = makeFeedItem(article, siteUrl, site);
  const bytes = 2 * (item.contentHtml.length + (item.summary?.length ?? 0) + item.title.length);
  recentItems.set(article, { siteUrl, site, item }, bytes);
  return item;
}

function makeFeedItem(article: Article, siteUrl: string, site: SiteMetadata): FeedItem {
  const url = absoluteUrl(siteUrl, articlePath(article.slug));
  const item: FeedItem = {
    id: article.id,
    url,
    title: article.title,
    contentHtml: feedContentHtml(article.bodyHtml, url),
    published: article.published,
    updated: article.updated ?? article.published,
    authors: article.authors,
    tags: article.tags,
    language: article.language ?? site.language,
  };
  if (article.summary !== undefined) item.summary = article.summary;
  if (article.image !== undefined) item.image = absoluteImage(article.image, siteUrl);
  const episode = toFeedEpisode(article, siteUrl);
  if (episode !== undefined) item.episode = episode;
  return item;
}

/** The newest `updated` (or `published`) among the articles, or the Unix epoch for none. */
export function latestChange(articles: readonly Article[]): DateTime {
  return DateTime.max(epoch, ...articles.map((article) => article.updated ?? article.published));
}

export function buildFeed(definition: FeedDefinition, site: SiteMetadata, siteUrl: string): Feed {
  const items = definition.articles.map((article) => toFeedItem(article, siteUrl, site));
  const deletedEntries = definition.deletedEntries ?? [];
  // A removal changes the feed as much as an edit does.
  const updated = DateTime.max(
    latestChange(definition.articles),
    ...deletedEntries.map((deleted) => deleted.when),
  );
  const feed: Feed = {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    language: site.language,
    links: feedLinks(siteUrl, definition.basePath),
    updated,
    authors: [site.publisher],
    ttlMinutes: Math.ceil(definition.maxAgeSeconds / 60),
    relations: definition.relations.map(({ rel, basePath }) => ({
      rel,
      href: feedLinks(siteUrl, basePath),
    })),
    archive: definition.archive,
    hubs: site.hubs,
    items,
  };
  if (deletedEntries.length > 0) feed.deletedEntries = [...deletedEntries];
  if (definition.nextBasePath !== undefined)
    feed.next = feedLinks(siteUrl, definition.nextBasePath);
  if (site.icon !== undefined) feed.icon = absoluteUrl(siteUrl, site.icon);
  return feed;
}
