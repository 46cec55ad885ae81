// A page listing articles, newest first, linking to their pages, with a thumbnail when an article
// has an image and feed autodiscovery: the home page, each tag's and author's page, and each
// month of the archive.
import type { Article } from "../model.js";
import { html, type SafeHtml } from "./html.js";
import { type FeedAlternate, languageAttributes, renderPage, type SiteChrome } from "./layout.js";
import { publicationDates } from "./page-dates.js";

export interface ArticleListPageContext {
  chrome: SiteChrome;
  /** The page's own heading and <title>; the site's title on the home page. */
  heading: string;
  description: string;
  pageUrl: string;
  alternates: readonly FeedAlternate[];
  articleUrl(article: Article): string;
  /** The lead image's absolute URL, when the article has one. */
  imageUrl(article: Article): string | undefined;
  /** More after the list: a link to older articles. */
  after?: SafeHtml;
}

function thumbnail(article: Article, url: string | undefined): SafeHtml | undefined {
  if (url === undefined) return undefined;
  const { width, height } = article.image ?? {};
  // The headline beside it names the article: the thumbnail itself is decoration.
  return html`<img class="thumb" src="${url}" alt="" loading="lazy"${
    width === undefined ? "" : html` width="${width}"`
  }${height === undefined ? "" : html` height="${height}"`}>`;
}

function listItem(article: Article, context: ArticleListPageContext): SafeHtml {
  const { chrome } = context;
  const language = languageAttributes(article.language ?? chrome.language, chrome.language);
  return html`<li><div class="text"><h2${language}><a href="${context.articleUrl(article)}">${article.title}</a></h2>
<p class="meta">${publicationDates(article.published, article.updated, chrome.timeZone, "short")}</p>
${article.summary === undefined ? "" : html`<p${language}>${article.summary}</p>`}</div>${thumbnail(article, context.imageUrl(article))}</li>
`;
}

export function renderArticleListPage(
  articles: readonly Article[],
  context: ArticleListPageContext,
): string {
  const { chrome } = context;
  const list =
    articles.length === 0
      ? html`<p>No articles yet.</p>`
      : html`<ul class="articles">
${articles.map((article) => listItem(article, context))}</ul>`;
  const feeds = context.alternates.filter((alternate) => alternate.mediaType !== "text/x-opml");
  return renderPage(
    chrome,
    {
      title:
        context.heading === chrome.siteTitle
          ? chrome.siteTitle
          : `${context.heading} | ${chrome.siteTitle}`,
      canonicalUrl: context.pageUrl,
      description: context.description,
      alternates: context.alternates,
    },
    // On the home page the masthead already shows the site's name.
    html`<h1${context.heading === chrome.siteTitle ? html` class="visually-hidden"` : ""}>${context.heading}</h1>
<p>${context.description}</p>
<p class="subscribe">Subscribe: ${feeds.map((feed, index) => html`${index > 0 ? " · " : ""}<a href="${feed.href}">${feed.title}</a>`)} (<a href="${chrome.feedsUrl}">what is this?</a>)</p>
${list}
${context.after}`,
  );
}
