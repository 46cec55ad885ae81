// Article pages with their structured data: NewsArticle JSON-LD, Open Graph and Twitter tags made
// from the article's feed item and checked before the page is served.
import { resolveRelativeUrls } from "../../articles/html-body.js";
import { toFeedItem } from "../../feeds/build-feed.js";
import { formatRfc3339 } from "../../formats/dates.js";
import type { Article } from "../../model.js";
import { renderArticlePage } from "../../pages/article-page.js";
import { html, type SafeHtml } from "../../pages/html.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { jsonLdScript, newsArticleData, socialMetaTags } from "../../pages/structured-data.js";
import { absoluteUrl } from "../../urls.js";
import { checkArticlePage } from "../../validate/news-article.js";
import type { Build } from "./site-snapshot.js";

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
      siteTitle: site.title,
      language: site.language,
      homeUrl: absoluteUrl(siteUrl, "/"),
      articleUrl,
      bodyHtml: resolveRelativeUrls(article.bodyHtml, articleUrl),
      ...(article.image?.url === undefined
        ? {}
        : { imageUrl: absoluteUrl(siteUrl, article.image.url) }),
      alternates,
      ...(head === undefined ? {} : { head }),
    });
  const publisher = {
    name: site.publisher.name,
    ...(site.publisher.url === undefined ? {} : { url: site.publisher.url }),
    ...(site.icon === undefined ? {} : { logoUrl: absoluteUrl(siteUrl, site.icon) }),
  };
  const data = newsArticleData(item, publisher, article.access !== "members");
  const language = item.language ?? site.language;
  const withData = page(html`${jsonLdScript(data)}\n${socialMetaTags(item, site.title, language)}`);
  const problems = checkArticlePage(withData, {
    url: item.url,
    title: item.title,
    published: formatRfc3339(item.published),
    updated: formatRfc3339(item.updated),
    ...(item.image?.url === undefined ? {} : { imageUrl: item.image.url }),
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
