// The page of one article: the items' links in every feed point here.
import type { Article } from "../model.js";
import { html, type SafeHtml, trusted } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export interface ArticlePageContext {
  siteTitle: string;
  language: string;
  homeUrl: string;
  articleUrl: string;
  /** Sanitized body whose URLs are already absolute. */
  bodyHtml: string;
  /** The lead image's URL made absolute, when it has one. */
  imageUrl?: string;
  alternates: readonly FeedAlternate[];
  /** JSON-LD and Open Graph / Twitter tags for <head>; left out when they failed the check. */
  head?: SafeHtml;
}

function leadFigure(article: Article, imageUrl: string | undefined): SafeHtml | undefined {
  const image = article.image;
  if (image === undefined) return undefined;
  const caption =
    image.caption === undefined ? "" : html`<figcaption>${image.caption}</figcaption>`;
  if (imageUrl === undefined) return html`<figure>${caption}</figure>`;
  return html`<figure><img src="${imageUrl}" alt="${image.alt ?? image.caption ?? ""}"${
    image.width === undefined ? "" : html` width="${image.width}"`
  }${image.height === undefined ? "" : html` height="${image.height}"`}>${caption}</figure>`;
}

export function renderArticlePage(article: Article, context: ArticlePageContext): string {
  const published = article.published.toUTC();
  const byline =
    article.authors.length === 0
      ? ""
      : html`<p class="byline">By ${article.authors.map((a) => a.name).join(", ")}</p>`;
  const main = html`<article>
<h1>${article.title}</h1>
<p><time datetime="${published.toISO({ suppressMilliseconds: true }) ?? ""}">${published.setLocale("en-GB").toFormat("cccc d LLLL yyyy")}</time></p>
${byline}
${leadFigure(article, context.imageUrl)}
${trusted(context.bodyHtml)}
${article.tags.length === 0 ? "" : html`<p class="tags">Tags: ${article.tags.join(", ")}</p>`}
</article>`;
  return renderPage(
    {
      language: article.language ?? context.language,
      title: `${article.title} | ${context.siteTitle}`,
      siteTitle: context.siteTitle,
      homeUrl: context.homeUrl,
      canonicalUrl: context.articleUrl,
      ...(article.summary === undefined ? {} : { description: article.summary }),
      alternates: context.alternates,
      ...(context.head === undefined ? {} : { head: context.head }),
    },
    main,
  );
}
