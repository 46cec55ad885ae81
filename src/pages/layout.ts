// The frame every HTML page shares: language and direction, title, favicon, feed autodiscovery,
// the masthead, the stylesheet, and a footer that leads to /feeds/ from every page.
import { html, type SafeHtml } from "./html.js";
import { pageStyle } from "./page-style.js";
import { textDirection } from "./text-direction.js";

/** A feed offered for autodiscovery (RSS Autodiscovery; JSON Feed 1.1 "Discovery"). */
export interface FeedAlternate {
  mediaType: string;
  title: string;
  href: string;
}

/** What every page of a site shows the same way: its name, language, time zone and main links. */
export interface SiteChrome {
  siteTitle: string;
  /** The site's language tag; pages are in it, an article in another language says so itself. */
  language: string;
  /** IANA time zone that dates on pages are shown in. */
  timeZone: string;
  homeUrl: string;
  feedsUrl: string;
  archiveUrl: string;
  faviconUrl: string;
}

export interface PageFrame {
  title: string;
  /** The page's canonical URL; none for pages that stand for no address (the 404 page). */
  canonicalUrl?: string;
  description?: string;
  alternates: readonly FeedAlternate[];
  /** More of <head>: an article's structured data and social card tags. */
  head?: SafeHtml;
  /** Same-origin scripts the page loads, deferred (the CSP allows script-src 'self' only). */
  scripts?: readonly string[];
  /** Tells search engines not to index the page. */
  noindex?: boolean;
}

/** ` lang="…" dir="…"` for text in `language` inside a page in `pageLanguage`; "" when they agree. */
export function languageAttributes(language: string, pageLanguage: string): SafeHtml {
  if (language.toLowerCase() === pageLanguage.toLowerCase()) return html``;
  const direction = textDirection(language);
  return direction === textDirection(pageLanguage)
    ? html` lang="${language}"`
    : html` lang="${language}" dir="${direction}"`;
}

export function renderPage(chrome: SiteChrome, frame: PageFrame, main: SafeHtml): string {
  const direction = textDirection(chrome.language);
  const page = html`<!doctype html>
<html lang="${chrome.language}"${direction === "rtl" ? html` dir="rtl"` : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
${frame.description === undefined ? "" : html`<meta name="description" content="${frame.description}">\n`}${frame.noindex === true ? html`<meta name="robots" content="noindex">\n` : ""}${frame.canonicalUrl === undefined ? "" : html`<link rel="canonical" href="${frame.canonicalUrl}">\n`}<link rel="icon" type="image/svg+xml" href="${chrome.faviconUrl}">
${frame.head}${frame.alternates.map((alt) => html`<link rel="alternate" type="${alt.mediaType}" title="${alt.title}" href="${alt.href}">\n`)}${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>\n`)}<style>${pageStyle}</style>
</head>
<body>
<header class="masthead">
<a class="site-name" href="${chrome.homeUrl}">${chrome.siteTitle}</a>
<nav aria-label="Sections"><a href="${chrome.homeUrl}">Latest</a> <a href="${chrome.archiveUrl}">Archive</a> <a href="${chrome.feedsUrl}">Feeds</a></nav>
</header>
<main>
${main}
</main>
<footer>
<p><a href="${chrome.feedsUrl}">Follow ${chrome.siteTitle} in a feed reader</a>: every feed, and how to use one.</p>
<p>This page's feeds: ${frame.alternates.map((alt, index) => html`${index > 0 ? " · " : ""}<a href="${alt.href}">${alt.title}</a>`)}</p>
</footer>
</body>
</html>
`;
  return page.text;
}
