// /feeds/: every feed the site offers, as an HTML page a person can read (the OPML file lists the
// same feeds for feed readers). Feed URLs themselves always answer with the feed.
import { html } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export interface FeedListing {
  title: string;
  description: string;
  pageUrl: string;
  rss: string;
  atom: string;
  json: string;
}

export function renderFeedsPage(
  feeds: readonly FeedListing[],
  context: {
    siteTitle: string;
    language: string;
    homeUrl: string;
    pageUrl: string;
    opmlUrl: string;
    alternates: readonly FeedAlternate[];
  },
): string {
  return renderPage(
    {
      language: context.language,
      title: `Feeds | ${context.siteTitle}`,
      siteTitle: context.siteTitle,
      homeUrl: context.homeUrl,
      canonicalUrl: context.pageUrl,
      description: `Every feed of ${context.siteTitle}`,
      alternates: context.alternates,
    },
    html`<h1>Feeds</h1>
<p>Paste a feed's address into your feed reader to subscribe. Every feed comes in three formats with
the same articles: RSS, Atom and JSON Feed. Readers that import lists can take
<a href="${context.opmlUrl}">all of them as OPML</a>.</p>
<ul class="articles">
${feeds.map(
  (feed) => html`<li><h2><a href="${feed.pageUrl}">${feed.title}</a></h2>
<p>${feed.description}</p>
<p><a href="${feed.rss}">RSS</a> · <a href="${feed.atom}">Atom</a> · <a href="${feed.json}">JSON Feed</a></p></li>
`,
)}</ul>`,
  );
}
