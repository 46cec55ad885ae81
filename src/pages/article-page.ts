// The page of one article: the items' links in every feed point here. The article element carries
// the article's language and direction; the labels around it stay in the site's.
import type { Article } from "../model.js";
import { html, type SafeHtml, trusted } from "./html.js";
import { type FeedAlternate, languageAttributes, renderPage, type SiteChrome } from "./layout.js";
import { publicationDates } from "./page-dates.js";

export interface ArticlePageContext {
  chrome: SiteChrome;
  articleUrl: string;
  /** Sanitized body whose URLs are already absolute. */
  bodyHtml: string;
  /** The lead image's URL made absolute, when it has one. */
  imageUrl?: string;
  alternates: readonly FeedAlternate[];
  /** The page of a tag or an author named on the article. */
  sectionUrl(kind: "tag" | "author", name: string): string;
  /** JSON-LD and Open Graph / Twitter tags for <head>; left out when they failed the check. */
  head?: SafeHtml;
}

function leadFigure(article: Article, imageUrl: string | undefined): SafeHtml | undefined {
  const image = article.image;
  if (image === undefined || (imageUrl === undefined && image.caption === undefined))
    return undefined;
  const caption =
    image.caption === undefined ? "" : html`<figcaption>${image.caption}</figcaption>`;
  if (imageUrl === undefined) return html`<figure>${caption}</figure>`;
  return html`<figure><img src="${imageUrl}" alt="${image.alt ?? image.caption ?? ""}"${
    image.width === undefined ? "" : html` width="${image.width}"`
  }${image.height === undefined ? "" : html` height="${image.height}"`}>${caption}</figure>`;
}

/**
 * Code blocks and tables scroll sideways rather than widen the page; a region that scrolls must
 * take keyboard focus to be scrolled without a mouse. The sanitizer lets no attribute through on
 * either element, so every one of them opens exactly as `<pre>` or `<table>` in its output (text
 * that looks like one is escaped there).
 */
function focusableScrollRegions(sanitizedHtml: string): string {
  return sanitizedHtml.replace(/<(pre|table)>/g, '<$1 tabindex="0">');
}

/** Links to the pages of the article's authors or tags, each name in the article's language. */
function sectionLinks(
  names: readonly string[],
  kind: "tag" | "author",
  context: ArticlePageContext,
  nameLanguage: SafeHtml,
): SafeHtml[] {
  return names.map(
    (name, index) =>
      html`${index > 0 ? ", " : ""}<a href="${context.sectionUrl(kind, name)}"${nameLanguage}>${name}</a>`,
  );
}

export function renderArticlePage(article: Article, context: ArticlePageContext): string {
  const { chrome } = context;
  const language = article.language ?? chrome.language;
  // Inside the article: labels are in the site's language, names in the article's.
  const labels = languageAttributes(chrome.language, language);
  const names = languageAttributes(language, chrome.language);
  const authors = article.authors.map((author) => author.name);
  const byline =
    authors.length === 0
      ? ""
      : html`<p class="byline"${labels}>By ${sectionLinks(authors, "author", context, names)}</p>`;
  const tags =
    article.tags.length === 0
      ? ""
      : html`<p class="tags"${labels}>Tags: ${sectionLinks(article.tags, "tag", context, names)}</p>`;
  const main = html`<article${languageAttributes(language, chrome.language)}>
<h1>${article.title}</h1>
<p class="meta"${labels}>${publicationDates(article.published, article.updated, chrome.timeZone, "full")}</p>
${byline}
${leadFigure(article, context.imageUrl)}
${trusted(focusableScrollRegions(context.bodyHtml))}
${tags}
</article>`;
  return renderPage(
    chrome,
    {
      title: `${article.title} | ${chrome.siteTitle}`,
      canonicalUrl: context.articleUrl,
      ...(article.summary === undefined ? {} : { description: article.summary }),
      alternates: context.alternates,
      ...(context.head === undefined ? {} : { head: context.head }),
    },
    main,
  );
}
