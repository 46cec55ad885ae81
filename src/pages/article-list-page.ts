// A page listing articles, newest first, linking to their pages, with feed autodiscovery: the
// home page, and the page of each tag and author.
import type { Article } from "../model.js";
import { html } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export interface ArticleListPageContext {
  siteTitle: string;
  /** The page's own heading and <title>; the site's title on the home page. */
  heading: string;
  description: string;
  language: string;
  homeUrl: string;
  pageUrl: string;
  alternates: readonly FeedAlternate[];
  articleUrl(article: Article): string;
}

export function renderArticleListPage(
  articles: readonly Article[],
  context: ArticleListPageContext,
): string {
  const list =
    articles.length === 0
      ? html`<p>No articles yet.</p>`
      : html`<ul class="articles">
${articles.map((article) => {
  const published = article.published.toUTC();
  return html`<li><h2><a href="${context.articleUrl(article)}">${article.title}</a></h2>
<time datetime="${published.toISO({ suppressMilliseconds: true }) ?? ""}">${published.setLocale("en-GB").toFormat("d LLLL yyyy")}</time>
${article.summary === undefined ? "" : html`<p>${article.summary}</p>`}</li>
`;
})}</ul>`;
  const feeds = context.alternates.filter((alternate) => alternate.mediaType !== "text/x-opml");
  return renderPage(
    {
      language: context.language,
      title:
        context.heading === context.siteTitle
          ? context.siteTitle
          : `${context.heading} | ${context.siteTitle}`,
      siteTitle: context.siteTitle,
      homeUrl: context.homeUrl,
      canonicalUrl: context.pageUrl,
      description: context.description,
      alternates: context.alternates,
    },
    html`<h1>${context.heading}</h1>
<p>${context.description}</p>
<p class="subscribe">Subscribe: ${feeds.map((feed, index) => html`${index > 0 ? " · " : ""}<a href="${feed.href}">${feed.title}</a>`)}</p>
${list}`,
  );
}
