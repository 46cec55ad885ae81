// The frame every HTML page shares: language, title, feed autodiscovery, a little CSS.
import { html, type SafeHtml } from "./html.js";

/** A feed offered for autodiscovery (RSS Autodiscovery; JSON Feed 1.1 "Discovery"). */
export interface FeedAlternate {
  mediaType: string;
  title: string;
  href: string;
}

export interface PageFrame {
  language: string;
  title: string;
  siteTitle: string;
  homeUrl: string;
  canonicalUrl: string;
  description?: string;
  alternates: readonly FeedAlternate[];
  /** More of <head>: an article's structured data and social card tags. */
  head?: SafeHtml;
}

const style = `body{font:1.05rem/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
a{color:#0b5cad}header,footer{color:#555}h1{line-height:1.25}time{color:#555}figure{margin:1.5rem 0}
figcaption{color:#555;font-size:.95rem}ul.articles{list-style:none;padding:0}ul.articles li{margin:0 0 1.5rem}
.tags a{margin-right:.5rem}`;

export function renderPage(frame: PageFrame, main: SafeHtml): string {
  const page = html`<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
${frame.description === undefined ? "" : html`<meta name="description" content="${frame.description}">`}
<link rel="canonical" href="${frame.canonicalUrl}">
${frame.head}${frame.alternates.map((alt) => html`<link rel="alternate" type="${alt.mediaType}" title="${alt.title}" href="${alt.href}">\n`)}<style>${style}</style>
</head>
<body>
<header><a href="${frame.homeUrl}">${frame.siteTitle}</a></header>
<main>
${main}
</main>
<footer>Feeds: ${frame.alternates.map((alt, index) => html`${index > 0 ? ", " : ""}<a href="${alt.href}">${alt.title}</a>`)}</footer>
</body>
</html>
`;
  return page.text;
}
