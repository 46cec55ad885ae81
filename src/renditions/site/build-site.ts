// Puts a snapshot of the site together. The first build catalogs every article; each later one
// takes the catalog over from the snapshot before, tells it which articles left and came, and
// looks again only at the feeds, pages and sitemaps that change touched, so one changed article
// costs its own page, the feeds that list it and the pages of the feed it shifts.

import type { ArticleDelta } from "../../articles/store.js";
import { feedLinks } from "../../feeds/build-feed.js";
import { type CatalogChange, SiteCatalog } from "../../feeds/catalog.js";
import type { Article, StoreProblem } from "../../model.js";
import { renderGonePage } from "../../pages/gone-page.js";
import { html } from "../../pages/html.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { renderNotFoundPage } from "../../pages/not-found-page.js";
import { absoluteUrl, articlePath } from "../../urls.js";
import { RenditionTable } from "../rendition-table.js";
import { addArchivePages } from "./archive-pages.js";
import { ArticlePageFamily } from "./article-pages.js";
import { addSiteFeeds, feedAlternates, siteFeedPaths, siteHubTopicPaths } from "./feed-assembly.js";
import { addFeedDirectory, opmlPath } from "./feed-directory.js";
import { LaterPageFamily, laterPagesMoved } from "./later-pages.js";
import { addListPage, sectionListing } from "./pages.js";
import { addSiteAssets } from "./site-assets.js";
import { siteChrome } from "./site-chrome.js";
import {
  type Build,
  type InvalidFeed,
  nothingWithdrawn,
  type SiteContext,
  type SiteSnapshot,
  type WithdrawnArticles,
} from "./site-snapshot.js";
import { addSitemaps } from "./sitemaps.js";

/** What a serving snapshot hands to the build after it: whoever builds next owns it. */
interface Handover {
  catalog: SiteCatalog;
  articles: readonly Article[];
  pages: ArticlePageFamily;
  laterPages: LaterPageFamily;
  invalidFeeds: Map<string, InvalidFeed>;
}

const handovers = new WeakMap<SiteSnapshot, Handover>();

/** The articles in `after` that are not in `before` and the other way round (same objects). */
function articleDifference(before: readonly Article[], after: readonly Article[]) {
  const had = new Set(before);
  const has = new Set(after);
  return {
    removed: before.filter((article) => !has.has(article)),
    added: after.filter((article) => !had.has(article)),
  };
}

/**
 * The articles of `after` that are not in `before` and the other way round: `told` when it adds
 * up (the caller knows what changed, so the lists need not be compared), else found by comparing.
 */
function changeBetween(
  before: readonly Article[],
  after: readonly Article[],
  told: ArticleDelta | undefined,
): ArticleDelta {
  if (
    told !== undefined &&
    before.length - told.removed.length + told.added.length === after.length
  )
    return told;
  return articleDifference(before, after);
}

/**
 * Builds the site from `articles` (newest first). With `previous`, what its inputs show unchanged
 * is taken over instead of rendered again. A trial build answers only what `examine` asks of it
 * (feeds built on first request are built then) and leaves `previous` as it was. `delta`, when
 * the caller knows it, is how `articles` differ from the articles `previous` was built from.
 */
export function buildSite(
  articles: readonly Article[],
  problems: readonly StoreProblem[],
  context: SiteContext,
  previous?: SiteSnapshot,
  purpose: "serve" | "trial" = "serve",
  withdrawn: WithdrawnArticles = nothingWithdrawn,
  examine?: (snapshot: SiteSnapshot) => void,
  delta?: ArticleDelta,
): SiteSnapshot {
  const trial = purpose === "trial";
  const handover = previous === undefined ? undefined : handovers.get(previous);
  if (handover === undefined) {
    const catalog = new SiteCatalog(articles, context.site);
    const snapshot = assemble(articles, problems, context, previous, trial, withdrawn, catalog);
    examine?.(snapshot);
    return snapshot;
  }
  const { removed, added } = changeBetween(handover.articles, articles, delta);
  const before = { pages: handover.catalog.pageCount(), months: handover.catalog.months() };
  const change = handover.catalog.change(removed, added);
  try {
    const snapshot = assemble(
      articles,
      problems,
      context,
      previous,
      trial,
      withdrawn,
      handover.catalog,
      { change, before, handover },
    );
    examine?.(snapshot);
    if (!trial && previous !== undefined) handovers.delete(previous);
    return snapshot;
  } catch (error) {
    // The catalog and the article pages may hold part of the change: the next build after a
    // failed one catalogs from scratch (it still takes unchanged renditions over).
    if (!trial && previous !== undefined) handovers.delete(previous);
    throw error;
  } finally {
    // A trial gives the catalog back as it found it.
    if (trial) handover.catalog.change(added, removed);
  }
}

interface Increment {
  change: CatalogChange;
  before: { pages: number; months: readonly string[] };
  handover: Handover;
}

function assemble(
  articles: readonly Article[],
  problems: readonly StoreProblem[],
  context: SiteContext,
  previous: SiteSnapshot | undefined,
  trial: boolean,
  withdrawn: WithdrawnArticles,
  catalog: SiteCatalog,
  increment?: Increment,
): SiteSnapshot {
  const { site, siteUrl } = context;
  // A trial must not change what the service reports: it works on a copy.
  const sharedInvalid = context.invalidFeeds ?? increment?.handover.invalidFeeds ?? new Map();
  const invalidFeeds = trial ? new Map(sharedInvalid) : sharedInvalid;
  const mainLinks = feedLinks(siteUrl, "/");
  const opml: FeedAlternate = {
    mediaType: "text/x-opml",
    title: `${site.title}: all feeds (OPML)`,
    href: absoluteUrl(siteUrl, opmlPath),
  };
  const alternates = [...feedAlternates(mainLinks, site.title), opml];
  const cache = trial ? undefined : context.renditionCache;
  // The lazy pages must not hold the build (and through it every rendition of this snapshot).
  const checking = { context, invalidFeeds, trial };
  const handedOver = !trial && increment !== undefined ? increment.handover : undefined;
  const pages = handedOver?.pages ?? new ArticlePageFamily(catalog, checking, alternates, cache);
  const laterPages = handedOver?.laterPages ?? new LaterPageFamily(catalog, checking, cache);
  const tableOptions = { families: [pages, laterPages], ...(cache === undefined ? {} : { cache }) };
  const renditions =
    increment !== undefined && previous !== undefined
      ? previous.renditions.derive(tableOptions)
      : new RenditionTable(tableOptions);
  const build: Build = {
    context,
    trial,
    previous,
    renditions,
    inputs:
      increment !== undefined && previous !== undefined ? new Map(previous.inputs) : new Map(),
    invalidFeeds,
    changedAtMs: (context.now ?? Date.now)(),
    touched: new Set(),
  };
  const feeds = addSiteFeeds(build, catalog, withdrawn, increment);

  const chrome = siteChrome(site, siteUrl);
  addListPage(
    build,
    {
      heading: site.title,
      description: site.description,
      basePath: "/",
      articles: catalog.newest(site.feedSize),
      after: html`<p>Every article, month by month, is in the <a href="${chrome.archiveUrl}">archive</a>.</p>`,
    },
    feeds.podcast === undefined ? [opml] : [feeds.podcast.alternate, opml],
    "now",
  );
  for (const section of feeds.sections)
    addListPage(build, sectionListing(section, site), [opml], "on first request");
  addArchivePages(build, catalog, alternates, opml, increment);
  const sections = catalog.sections();
  addFeedDirectory(build, sections, catalog.latestChange(), opml, feeds.podcast?.outline);
  addSiteAssets(build);
  addSitemaps(build, catalog, increment);
  // The later pages that moved have new bytes; a trial does not try them, since every article
  // they carry is an item of its month's archive, which is tried in every format.
  const movedPages: string[] = [];
  if (!trial && increment !== undefined) {
    pages.changed(increment.change.articlePaths, build.changedAtMs);
    const pageCount = catalog.pageCount();
    const { from, to } = laterPagesMoved(increment.change, site.feedSize, pageCount);
    laterPages.moved(from, to, build.changedAtMs);
    movedPages.push(...laterPages.pathsOf(from, to));
    // Pages the feed no longer has are gone.
    movedPages.push(...laterPages.pathsOf(Math.max(2, pageCount + 1), increment.before.pages));
  }

  const shape = {
    pageCount: catalog.pageCount(),
    months: catalog.months(),
    sectionPaths: sections.map((section) => section.basePath),
    podcast: feeds.podcast !== undefined,
  };
  let paths: string[] | undefined;
  const feedPaths = () => {
    paths ??= siteFeedPaths(siteUrl, shape);
    return paths;
  };
  let topicPaths: string[] | undefined;
  if (invalidFeeds.size > 0) {
    const known = new Set(feedPaths());
    for (const path of invalidFeeds.keys())
      if (!known.has(path) && !renditions.has(path)) invalidFeeds.delete(path);
  }

  const notFoundHtml = previous?.notFoundHtml ?? renderNotFoundPage({ chrome, alternates });
  const goneByPath = new Map(withdrawn.gone.map((gone) => [articlePath(gone.slug), gone]));
  const gonePages = new Map<string, string>();
  // Lazy renditions keep `build` alive; they must not keep every earlier snapshot alive with it.
  build.previous = undefined;
  const snapshot: SiteSnapshot = {
    articles,
    problems,
    get invalidFeeds() {
      return [...invalidFeeds.values()];
    },
    renditions,
    inputs: build.inputs,
    get feedPaths() {
      return feedPaths();
    },
    get hubTopicPaths() {
      topicPaths ??= siteHubTopicPaths(siteUrl, shape);
      return topicPaths;
    },
    ...(increment === undefined || previous === undefined
      ? {}
      : {
          changes: {
            since: new WeakRef(previous),
            compared: [...build.touched],
            changed: [...increment.change.articlePaths, ...movedPages],
          },
        }),
    notFoundHtml,
    gonePage(path) {
      const gone = goneByPath.get(path);
      if (gone === undefined) return undefined;
      let page = gonePages.get(path);
      if (page === undefined) {
        page = renderGonePage({
          chrome,
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
  if (!trial) handovers.set(snapshot, { catalog, articles, pages, laterPages, invalidFeeds });
  return snapshot;
}
