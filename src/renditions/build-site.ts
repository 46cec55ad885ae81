// Builds every response the site serves from the articles: feeds in each format (subscription,
// pages, monthly archives, tags, authors), the OPML list, and the HTML pages. Each feed is
// validated when it is built, never per request: the subscription feeds (and the podcast feed)
// with the site, the many others on their first request. A feed that fails keeps its previous good rendition (or none,
// and its URL answers 503), and the failure is recorded.
import { resolveRelativeUrls } from "../articles/html-body.js";
import type { Withdrawal } from "../articles/withdrawals.js";
import { buildFeed, type FeedDefinition, feedLinks, latestChange } from "../feeds/build-feed.js";
import { buildPodcastFeed, podcastDefinition, podcastPath } from "../feeds/build-podcast.js";
import { catalogSite, type Section } from "../feeds/catalog.js";
import { bareMediaType, type FeedFormat, feedFormat, feedFormats } from "../formats/index.js";
import { opmlMediaType, renderOpml } from "../formats/opml.js";
import type { Article, Feed, FeedLinks, StoreProblem } from "../model.js";
import { renderArticleListPage } from "../pages/article-list-page.js";
import { renderArticlePage } from "../pages/article-page.js";
import { renderFeedsPage } from "../pages/feeds-page.js";
import { renderGonePage } from "../pages/gone-page.js";
import type { FeedAlternate } from "../pages/layout.js";
import { renderNotFoundPage } from "../pages/not-found-page.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import {
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlSet,
} from "../sitemaps/sitemap-documents.js";
import {
  articleSitemapEntry,
  newsSitemapEntry,
  newsSitemapPath,
  planSitemaps,
  renderRobotsTxt,
  robotsPath,
  sitemapIndexEntries,
  sitemapIndexPath,
} from "../sitemaps/sitemap-plan.js";
import type { LastModifiedLedger } from "../state/last-modified-ledger.js";
import { absoluteUrl, articlePath } from "../urls.js";
import { type SitemapKind, validateRenderedSitemap } from "../validate/index.js";
import { Rendition, type RenditionOptions } from "./rendition.js";
import { lazyRendition, RenditionTable } from "./rendition-table.js";

const htmlMediaType = "text/html; charset=utf-8";
export const opmlPath = "/feeds.opml";
export const feedsPagePath = "/feeds/";

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
  feedPaths: readonly string[];
  /** Paths of the feeds WebSub hubs are told about. */
  hubTopicPaths: readonly string[];
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

const nothingWithdrawn: WithdrawnArticles = { gone: [], tombstones: [] };

/** What one build is making, and what it may take over from the previous build. */
interface Build {
  context: SiteContext;
  /** A trial build only answers whether feeds would pass the gate; it is never served. */
  trial: boolean;
  previous: SiteSnapshot | undefined;
  renditions: RenditionTable;
  inputs: Map<string, readonly unknown[]>;
  invalidFeeds: Map<string, InvalidFeed>;
  feedPaths: string[];
  hubTopicPaths: string[];
  /** Paths of the sitemaps, which report into invalidFeeds like feeds. */
  sitemapPaths: Set<string>;
  /** When this build saw the articles it is made from: the time of any change it serves. */
  changedAtMs: number;
}

/**
 * How the rendition at `path` gets its Last-Modified from the newest date its data shows: through
 * the ledger when there is one, so new bytes always get a later date. A trial's renditions are
 * never served and leave the ledger alone. The rule holds no reference to the build: a lazy
 * rendition taken over by later builds must not keep its build (and its table) alive.
 */
function lastModifiedRule(
  build: Build,
  path: string,
): (dataDate: Date) => RenditionOptions["lastModified"] {
  const ledger = build.context.lastModified;
  if (ledger === undefined || build.trial) return (dataDate) => dataDate;
  const { changedAtMs } = build;
  return (dataDate) => (etag) => ledger.lastModified(path, etag, dataDate, changedAtMs);
}

function feedAlternates(links: FeedLinks, title: string): FeedAlternate[] {
  return feedFormats.map((format) => ({
    mediaType: bareMediaType(format),
    title: `${title} (${format.label})`,
    href: format.selfUrl(links),
  }));
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
}

/** What a feed's documents are made from: its items and every link it carries. */
function feedInputs(definition: FeedDefinition): unknown[] {
  return [
    ...definition.articles,
    ...definition.relations.map((relation) => `${relation.rel} ${relation.basePath}`),
    `next ${definition.nextBasePath ?? ""}`,
    ...(definition.deletedEntries ?? []).map(
      (deleted) => `deleted ${deleted.ref} ${deleted.when.toMillis()} ${deleted.comment ?? ""}`,
    ),
  ];
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

/** One feed document in one format: rendered, checked by the gate, then served or not. */
function addFeedDocument(
  build: Build,
  definition: FeedDefinition,
  format: FeedFormat,
  selfUrl: string,
  feedModel: () => Feed,
  reuse: boolean,
): void {
  const { site } = build.context;
  const path = new URL(selfUrl).pathname;
  build.feedPaths.push(path);
  if (definition.hubTopic) build.hubTopicPaths.push(path);
  if (reuse) {
    takeOverFromPrevious(build, path);
    return;
  }
  // Only a rendition that was served can stand in for a failed one: a lazy one never was.
  const previous = build.previous?.renditions.entry(path);
  const fallback = previous instanceof Rendition ? previous : undefined;
  const lastModified = lastModifiedRule(build, path);
  const make = (): Rendition | undefined => {
    const model = feedModel();
    const text = format.render(model);
    const problems = build.context.validate(format, text);
    if (problems.length > 0) {
      const invalid = {
        path,
        problems,
        articles: articlesBreaking(build, format, model, definition),
      };
      build.invalidFeeds.set(path, invalid);
      // A trial's failures are the caller's answer, not something to report.
      if (!definition.eager && !build.trial) build.context.onInvalidFeed?.(invalid);
      return fallback;
    }
    build.invalidFeeds.delete(path);
    const rendition = new Rendition({
      path,
      mediaType: format.mediaType,
      body: text,
      lastModified: lastModified(model.updated.toJSDate()),
      maxAgeSeconds: definition.maxAgeSeconds,
      kind: "feed",
      selfUrl,
      hubs: site.hubs,
    });
    // Compressed copies are made off the event loop; a request that comes first compresses its own.
    if (!build.trial) rendition.precompress().catch(() => {});
    return rendition;
  };
  if (definition.eager) {
    const made = make();
    if (made) build.renditions.set(path, made);
  } else {
    build.renditions.set(path, lazyRendition(make));
  }
}

function addFeed(build: Build, definition: FeedDefinition): void {
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

/**
 * /podcast.xml, RSS with the show's iTunes and Podcasting 2.0 data, when site.json has a podcast
 * block and some article is an episode. Returns its autodiscovery link, if there is one.
 */
function addPodcastFeed(build: Build, articles: readonly Article[]): FeedAlternate | undefined {
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
  return { mediaType: bareMediaType(rss), title: `${definition.title} (podcast)`, href };
}

/** A page's bytes and the newest date its data shows. */
interface PageContent {
  body: string;
  lastModified: Date;
}

function addPage(
  build: Build,
  path: string,
  inputs: readonly unknown[],
  render: () => PageContent,
  when: "now" | "on first request",
): void {
  if (unchangedSincePrevious(build, path, inputs)) {
    takeOverFromPrevious(build, path);
    return;
  }
  const { site, siteUrl } = build.context;
  const lastModifiedFor = lastModifiedRule(build, path);
  const make = () => {
    const { body, lastModified } = render();
    return new Rendition({
      path,
      mediaType: htmlMediaType,
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, path),
      hubs: [],
      body,
      lastModified: lastModifiedFor(lastModified),
    });
  };
  build.renditions.set(path, when === "now" ? make() : lazyRendition(make));
}

interface Listing {
  heading: string;
  description: string;
  basePath: string;
  articles: readonly Article[];
}

/** A list page; `extraAlternates` follow its own three feeds in its autodiscovery links. */
function addListPage(
  build: Build,
  listing: Listing,
  extraAlternates: readonly FeedAlternate[],
  when: "now" | "on first request",
): void {
  const { site, siteUrl } = build.context;
  const links = feedLinks(siteUrl, listing.basePath);
  const shown = listing.articles.slice(0, site.feedSize);
  addPage(
    build,
    listing.basePath,
    [...shown, ...extraAlternates.map((alternate) => alternate.href)],
    () => ({
      body: renderArticleListPage(shown, {
        siteTitle: site.title,
        heading: listing.heading,
        description: listing.description,
        language: site.language,
        homeUrl: absoluteUrl(siteUrl, "/"),
        pageUrl: links.home,
        alternates: [...feedAlternates(links, listing.heading), ...extraAlternates],
        articleUrl: (article) => absoluteUrl(siteUrl, articlePath(article.slug)),
      }),
      lastModified: latestChange(shown).toJSDate(),
    }),
    when,
  );
}

function sectionListing(section: Section, site: SiteMetadata): Listing {
  const heading = section.kind === "tag" ? `Tag: ${section.name}` : `By ${section.name}`;
  const description =
    section.kind === "tag"
      ? `Articles tagged ${section.name} in ${site.title}`
      : `Articles by ${section.name} in ${site.title}`;
  return { heading, description, basePath: section.basePath, articles: section.articles };
}

function addFeedDirectory(
  build: Build,
  sections: readonly Section[],
  articles: readonly Article[],
  opml: FeedAlternate,
): void {
  const { site, siteUrl } = build.context;
  const listings = [
    { title: site.title, description: site.description, basePath: "/" },
    ...sections.map((section) => {
      const listing = sectionListing(section, site);
      return {
        title: listing.heading,
        description: listing.description,
        basePath: section.basePath,
      };
    }),
  ].map((listing) => ({ ...listing, ...feedLinks(siteUrl, listing.basePath) }));
  const inputs = listings.map((listing) => `${listing.basePath} ${listing.title}`);
  const updated = latestChange(articles).toJSDate();
  const homeUrl = absoluteUrl(siteUrl, "/");
  addPage(
    build,
    feedsPagePath,
    inputs,
    () => ({
      body: renderFeedsPage(
        listings.map((listing) => ({ ...listing, pageUrl: listing.home })),
        {
          siteTitle: site.title,
          language: site.language,
          homeUrl,
          pageUrl: absoluteUrl(siteUrl, feedsPagePath),
          opmlUrl: opml.href,
          alternates: [...feedAlternates(feedLinks(siteUrl, "/"), site.title), opml],
        },
      ),
      lastModified: updated,
    }),
    "on first request",
  );
  // The OPML carries the date of the newest change too (dateModified).
  if (unchangedSincePrevious(build, opmlPath, [...inputs, updated.getTime()])) {
    takeOverFromPrevious(build, opmlPath);
    return;
  }
  const opmlLastModified = lastModifiedRule(build, opmlPath);
  build.renditions.set(
    opmlPath,
    lazyRendition(
      () =>
        new Rendition({
          path: opmlPath,
          mediaType: opmlMediaType,
          body: renderOpml({
            title: `${site.title}: all feeds`,
            dateModified: latestChange(articles),
            ownerName: site.publisher.name,
            outlines: listings.map((listing) => ({
              title: listing.title,
              description: listing.description,
              xmlUrl: listing.rss,
              htmlUrl: listing.home,
            })),
          }),
          lastModified: opmlLastModified(updated),
          maxAgeSeconds: site.maxAgeSeconds,
          kind: "feed",
          selfUrl: opml.href,
          hubs: [],
        }),
    ),
  );
}

const sitemapMediaType = "application/xml; charset=utf-8";

interface SitemapDocument {
  path: string;
  kind: SitemapKind;
  inputs: readonly unknown[];
  render: () => string;
  lastModified: Date;
  maxAgeSeconds: number;
}

/**
 * One sitemap, rendered on first request and checked by the sitemap gate: one that fails keeps
 * its previous good rendition (or none, and its URL answers 503) and is reported like a feed.
 */
function addSitemapDocument(build: Build, document: SitemapDocument): void {
  const { path } = document;
  build.sitemapPaths.add(path);
  if (unchangedSincePrevious(build, path, document.inputs)) {
    takeOverFromPrevious(build, path);
    return;
  }
  const validate = build.context.validateSitemap ?? validateRenderedSitemap;
  const previous = build.previous?.renditions.entry(path);
  const fallback = previous instanceof Rendition ? previous : undefined;
  const lastModified = lastModifiedRule(build, path);
  const selfUrl = absoluteUrl(build.context.siteUrl, path);
  const { invalidFeeds, trial } = build;
  const report = build.context.onInvalidFeed;
  build.renditions.set(
    path,
    lazyRendition(() => {
      const text = document.render();
      const problems = validate(document.kind, text);
      if (problems.length > 0) {
        const invalid = { path, problems, articles: [] };
        invalidFeeds.set(path, invalid);
        if (!trial) report?.(invalid);
        return fallback;
      }
      invalidFeeds.delete(path);
      return new Rendition({
        path,
        mediaType: sitemapMediaType,
        body: text,
        lastModified: lastModified(document.lastModified),
        maxAgeSeconds: document.maxAgeSeconds,
        kind: "feed",
        selfUrl,
        hubs: [],
      });
    }),
  );
}

/** /sitemap.xml (the index), /sitemaps/news.xml, /sitemaps/YYYY-MM.xml and /robots.txt. */
function addSitemaps(build: Build, articles: readonly Article[]): void {
  const { site, siteUrl } = build.context;
  const plan = planSitemaps(articles);
  if (plan.news.length > 0) {
    addSitemapDocument(build, {
      path: newsSitemapPath,
      kind: "urlset",
      inputs: plan.news,
      render: () =>
        renderNewsSitemap(plan.news.map((article) => newsSitemapEntry(article, site, siteUrl))),
      lastModified: latestChange(plan.news).toJSDate(),
      maxAgeSeconds: site.maxAgeSeconds,
    });
  }
  for (const month of plan.months) {
    addSitemapDocument(build, {
      path: month.path,
      kind: "urlset",
      inputs: month.articles,
      render: () =>
        renderUrlSet(month.articles.map((article) => articleSitemapEntry(article, siteUrl))),
      lastModified: latestChange(month.articles).toJSDate(),
      maxAgeSeconds: site.archiveMaxAgeSeconds,
    });
  }
  if (plan.months.length > 0) {
    const entries = sitemapIndexEntries(plan, siteUrl);
    addSitemapDocument(build, {
      path: sitemapIndexPath,
      kind: "sitemapindex",
      inputs: entries.map((entry) => `${entry.loc} ${entry.lastmod.toMillis()}`),
      render: () => renderSitemapIndex(entries),
      lastModified: latestChange(articles).toJSDate(),
      maxAgeSeconds: site.maxAgeSeconds,
    });
  }
  const robots = renderRobotsTxt(plan, siteUrl);
  if (unchangedSincePrevious(build, robotsPath, [robots])) {
    takeOverFromPrevious(build, robotsPath);
    return;
  }
  build.renditions.set(
    robotsPath,
    new Rendition({
      path: robotsPath,
      mediaType: "text/plain; charset=utf-8",
      body: robots,
      lastModified: lastModifiedRule(build, robotsPath)(latestChange(articles).toJSDate()),
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, robotsPath),
      hubs: [],
    }),
  );
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
  withdrawn: WithdrawnArticles = nothingWithdrawn,
): SiteSnapshot {
  const { site, siteUrl } = context;
  const build: Build = {
    context,
    trial: purpose === "trial",
    previous,
    renditions: new RenditionTable(),
    inputs: new Map(),
    // A trial must not change what the service reports: it works on a copy.
    invalidFeeds:
      purpose === "trial"
        ? new Map(context.invalidFeeds ?? [])
        : (context.invalidFeeds ?? new Map()),
    feedPaths: [],
    hubTopicPaths: [],
    sitemapPaths: new Set(),
    changedAtMs: (context.now ?? Date.now)(),
  };
  const catalog = catalogSite(articles, site);
  const [subscription] = catalog.feeds;
  if (subscription !== undefined && withdrawn.tombstones.length > 0) {
    subscription.deletedEntries = withdrawn.tombstones.map((gone) => ({
      ref: gone.id,
      when: gone.when,
      url: absoluteUrl(siteUrl, articlePath(gone.slug)),
      ...(gone.reason === undefined ? {} : { comment: gone.reason }),
    }));
  }
  for (const definition of catalog.feeds) addFeed(build, definition);
  const podcast = addPodcastFeed(build, articles);

  const mainLinks = feedLinks(siteUrl, "/");
  const opml: FeedAlternate = {
    mediaType: "text/x-opml",
    title: `${site.title}: all feeds (OPML)`,
    href: absoluteUrl(siteUrl, opmlPath),
  };
  const alternates = [...feedAlternates(mainLinks, site.title), opml];
  const homeUrl = mainLinks.home;
  addListPage(
    build,
    { heading: site.title, description: site.description, basePath: "/", articles },
    podcast === undefined ? [opml] : [podcast, opml],
    "now",
  );
  for (const section of catalog.sections)
    addListPage(build, sectionListing(section, site), [opml], "on first request");
  addFeedDirectory(build, catalog.sections, articles, opml);

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
            ...(article.image?.url === undefined
              ? {}
              : { imageUrl: absoluteUrl(siteUrl, article.image.url) }),
            alternates,
          }),
          lastModified: (article.updated ?? article.published).toJSDate(),
        };
      },
      "on first request",
    );
  }

  addSitemaps(build, articles);

  const feedPaths = new Set([...build.feedPaths, ...build.sitemapPaths]);
  for (const path of build.invalidFeeds.keys())
    if (!feedPaths.has(path)) build.invalidFeeds.delete(path);

  const notFoundHtml =
    previous?.notFoundHtml ??
    renderNotFoundPage({ siteTitle: site.title, language: site.language, homeUrl, alternates });
  const invalidFeeds = build.invalidFeeds;
  const goneByPath = new Map(withdrawn.gone.map((gone) => [articlePath(gone.slug), gone]));
  const gonePages = new Map<string, string>();
  // Lazy renditions keep `build` alive; they must not keep every earlier snapshot alive with it.
  build.previous = undefined;
  return {
    articles,
    problems,
    get invalidFeeds() {
      return [...invalidFeeds.values()];
    },
    renditions: build.renditions,
    inputs: build.inputs,
    feedPaths: build.feedPaths,
    hubTopicPaths: build.hubTopicPaths,
    notFoundHtml,
    gonePage(path) {
      const gone = goneByPath.get(path);
      if (gone === undefined) return undefined;
      let page = gonePages.get(path);
      if (page === undefined) {
        page = renderGonePage({
          siteTitle: site.title,
          language: site.language,
          homeUrl,
          articleUrl: absoluteUrl(siteUrl, path),
          alternates,
          title: gone.title,
          when: gone.when,
          ...(gone.reason === undefined ? {} : { reason: gone.reason }),
        });
        gonePages.set(path, page);
      }
      return page;
    },
  };
}

/** The paths whose bytes differ between two snapshots, including ones added or removed. */
export function changedPaths(before: SiteSnapshot, after: SiteSnapshot): string[] {
  const paths = new Set([...before.renditions.keys(), ...after.renditions.keys()]);
  return [...paths].filter((path) => after.renditions.differsAt(path, before.renditions)).sort();
}
