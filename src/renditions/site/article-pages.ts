// Article pages with their structured data: NewsArticle JSON-LD, Open Graph and Twitter tags made
// from the article's feed item and checked before the page is served.
import { resolveRelativeUrls } from "../../articles/html-body.js";
import { toFeedItem } from "../../feeds/build-feed.js";
import { type SiteCatalog, sectionPath } from "../../feeds/catalog.js";
import { sectionSlug } from "../../feeds/section-slug.js";
import { formatRfc3339 } from "../../formats/dates.js";
import type { Article } from "../../model.js";
import { renderArticlePage } from "../../pages/article-page.js";
import { html, type SafeHtml } from "../../pages/html.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { jsonLdScript, newsArticleData, socialMetaTags } from "../../pages/structured-data.js";
import { absoluteUrl } from "../../urls.js";
import { checkArticlePage } from "../../validate/news-article.js";
import { Rendition } from "../rendition.js";
import type { RenditionCache } from "../rendition-cache.js";
import {
  type Entry,
  type LazyRendition,
  lazyRendition,
  type RenditionFamily,
} from "../rendition-table.js";
import { htmlMediaType } from "./pages.js";
import { siteChrome } from "./site-chrome.js";
import { type Build, lastModifiedRule } from "./site-snapshot.js";

/**
 * An article page. The structured data passes the check (Google's properties, agreement with the
 * feeds) or is left out, and the failure is reported like a feed's: a page never carries data the
 * check refused.
 */
export function renderCheckedArticlePage(
  build: Pick<Build, "context" | "invalidFeeds" | "trial">,
  article: Article,
  alternates: readonly FeedAlternate[],
): string {
  const { site, siteUrl } = build.context;
  const item = toFeedItem(article, siteUrl, site);
  const articleUrl = item.url;
  const page = (head?: SafeHtml) =>
    renderArticlePage(article, {
      chrome: siteChrome(site, siteUrl),
      articleUrl,
      bodyHtml: resolveRelativeUrls(article.bodyHtml, articleUrl),
      ...(article.image?.url === undefined
        ? {}
        : { imageUrl: absoluteUrl(siteUrl, article.image.url) }),
      alternates,
      sectionUrl: (kind, name) => absoluteUrl(siteUrl, sectionPath(kind, sectionSlug(name))),
      ...(head === undefined ? {} : { head }),
    });
  const publisher = {
    name: site.publisher.name,
    ...(site.publisher.url === undefined ? {} : { url: site.publisher.url }),
    ...(site.icon === undefined ? {} : { logoUrl: absoluteUrl(siteUrl, site.icon) }),
  };
  const corrections = article.corrections ?? [];
  const data = newsArticleData(item, publisher, article.access !== "members", corrections);
  const language = item.language ?? site.language;
  const withData = page(html`${jsonLdScript(data)}\n${socialMetaTags(item, site.title, language)}`);
  const problems = checkArticlePage(withData, {
    url: item.url,
    title: item.title,
    published: formatRfc3339(item.published),
    updated: formatRfc3339(item.updated),
    ...(item.image?.url === undefined ? {} : { imageUrl: item.image.url }),
    corrections: corrections.map((correction) => ({
      text: correction.text,
      date: formatRfc3339(correction.date),
    })),
  });
  const path = new URL(articleUrl).pathname;
  if (problems.length === 0) {
    build.invalidFeeds.delete(path);
    return withData;
  }
  const invalid = { path, problems, articles: [article.file] };
  build.invalidFeeds.set(path, invalid);
  if (!build.trial) build.context.onInvalidFeed?.(invalid);
  return page();
}

/**
 * Every article's page, answered from the catalog without an entry per article: a page is made
 * on its first request (and again after the cache let it go), and stays the same entry while its
 * article is the same object. Builds tell it when an article changed, for the page's date.
 */
export class ArticlePageFamily implements RenditionFamily {
  readonly #catalog: SiteCatalog;
  readonly #checking: Pick<Build, "context" | "invalidFeeds" | "trial">;
  readonly #alternates: readonly FeedAlternate[];
  readonly #cache: RenditionCache | undefined;
  readonly #made = new Map<string, { article: Article; entry: LazyRendition }>();
  /** When each article last changed as builds saw it (ms), for the Last-Modified ledger. */
  readonly #changedAt = new Map<string, number>();

  constructor(
    catalog: SiteCatalog,
    checking: Pick<Build, "context" | "invalidFeeds" | "trial">,
    alternates: readonly FeedAlternate[],
    cache: RenditionCache | undefined,
  ) {
    this.#catalog = catalog;
    this.#checking = checking;
    this.#alternates = alternates;
    this.#cache = cache;
  }

  /** A build saw the articles at these paths change at `changedAtMs`. */
  changed(paths: Iterable<string>, changedAtMs: number): void {
    for (const path of paths) {
      this.#made.delete(path);
      this.#changedAt.set(path, changedAtMs);
    }
  }

  get size(): number {
    return this.#catalog.size;
  }

  paths(): Iterable<string> {
    return this.#catalog.articlePaths();
  }

  entry(path: string): Entry | undefined {
    const article = this.#catalog.articleAt(path);
    if (article === undefined) return undefined;
    const made = this.#made.get(path);
    if (made?.article === article) return made.entry;
    const { context, trial } = this.#checking;
    const changedAtMs = this.#changedAt.get(path) ?? (context.now ?? Date.now)();
    const lastModified = lastModifiedRule({ context, trial, changedAtMs }, path);
    const entry = lazyRendition(
      () =>
        new Rendition({
          path,
          mediaType: htmlMediaType,
          maxAgeSeconds: context.site.maxAgeSeconds,
          kind: "page",
          selfUrl: absoluteUrl(context.siteUrl, path),
          hubs: [],
          body: renderCheckedArticlePage(this.#checking, article, this.#alternates),
          lastModified: lastModified((article.updated ?? article.published).toJSDate()),
        }),
      this.#cache,
    );
    this.#made.set(path, { article, entry });
    return entry;
  }
}
