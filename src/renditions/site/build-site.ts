import { feedLinks } from "../../feeds/build-feed.js";
import { catalogSite } from "../../feeds/catalog.js";
import type { Article, StoreProblem } from "../../model.js";
import { renderGonePage } from "../../pages/gone-page.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { renderNotFoundPage } from "../../pages/not-found-page.js";
import { absoluteUrl, articlePath } from "../../urls.js";
import { RenditionTable } from "../rendition-table.js";
import { renderCheckedArticlePage } from "./article-pages.js";
import { addFeed, addPodcastFeed, feedAlternates } from "./feed-assembly.js";
import { addFeedDirectory, opmlPath } from "./feed-directory.js";
import { addListPage, addPage, sectionListing } from "./pages.js";
import {
  type Build,
  nothingWithdrawn,
  type SiteContext,
  type SiteSnapshot,
  type WithdrawnArticles,
} from "./site-snapshot.js";
import { addSitemaps } from "./sitemaps.js";

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
    checkedPaths: new Set(),
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
    podcast === undefined ? [opml] : [podcast.alternate, opml],
    "now",
  );
  for (const section of catalog.sections)
    addListPage(build, sectionListing(section, site), [opml], "on first request");
  addFeedDirectory(build, catalog.sections, articles, opml, podcast?.outline);

  for (const article of articles) {
    const path = articlePath(article.slug);
    build.checkedPaths.add(path);
    // The lazy page must not hold the build (and through it every rendition of this snapshot).
    const checking = { context, invalidFeeds: build.invalidFeeds, trial: build.trial };
    addPage(
      build,
      path,
      [article],
      () => ({
        body: renderCheckedArticlePage(checking, article, alternates),
        lastModified: (article.updated ?? article.published).toJSDate(),
      }),
      "on first request",
    );
  }

  addSitemaps(build, articles);

  const feedPaths = new Set([...build.feedPaths, ...build.checkedPaths]);
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
