// The home page: the newest articles, linking to their pages, with feed autodiscovery.
import type { Article } from "../model.js";
import { html } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export interface HomePageContext {
  siteTitle: string;
  description: string;
  language: string;
  homeUrl: string;
  alternates: readonly FeedAlternate[];
  articleUrl(article: Article): string;
}

export function renderHomePage(articles: readonly Article[], context: HomePageContext): string {
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
  return renderPage(
    {
      language: context.language,
      title: context.siteTitle,
      siteTitle: context.siteTitle,
      homeUrl: context.homeUrl,
      canonicalUrl: context.homeUrl,
      description: context.description,
      alternates: context.alternates,
    },
    html`<h1>${context.siteTitle}</h1>
<p>${context.description}</p>
${list}`,
  );
}
