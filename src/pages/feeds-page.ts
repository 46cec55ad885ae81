// /feeds/: every feed the site offers, as an HTML page a person can read: what a feed address is
// for, each address with a button that copies it, and links that open it in common readers (the
// OPML file lists the same feeds for feed readers). Feed URLs themselves always answer with the feed.
import { html, type SafeHtml } from "./html.js";
import { type FeedAlternate, renderPage, type SiteChrome } from "./layout.js";

export interface FeedListing {
  title: string;
  description: string;
  pageUrl: string;
  rss: string;
  atom: string;
  json: string;
}

/** Web readers' subscribe addresses and the feed: scheme that hands a feed to a reader app. */
export function readerLinks(feedUrl: string): { label: string; href: string }[] {
  const encoded = encodeURIComponent(feedUrl);
  return [
    { label: "a reader app", href: `feed:${feedUrl}` },
    { label: "Feedly", href: `https://feedly.com/i/subscription/feed/${encoded}` },
    { label: "Inoreader", href: `https://www.inoreader.com/?add_feed=${encoded}` },
  ];
}

/** Visible text, and for screen readers the feed it belongs to: no two links sound alike. */
function named(visible: string, hidden: string): SafeHtml {
  return html`${visible}<span class="visually-hidden"> ${hidden}</span>`;
}

function feedSection(feed: FeedListing, index: number): SafeHtml {
  const id = `feed-${index + 1}`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}"><a href="${feed.pageUrl}">${feed.title}</a></h2>
<p>${feed.description}</p>
<p class="feed-address"><code>${feed.rss}</code> <button type="button" data-copy="${feed.rss}" hidden>${named("Copy", `the address of ${feed.title} (RSS)`)}</button> <span class="copy-status" role="status"></span></p>
<p>Open in ${readerLinks(feed.rss).map((reader, i) => html`${i > 0 ? " · " : ""}<a href="${reader.href}">${named(reader.label, `with ${feed.title}`)}</a>`)}</p>
<p>The feed: <a href="${feed.rss}">${named("RSS", `of ${feed.title}`)}</a> · <a href="${feed.atom}">${named("Atom", `of ${feed.title}`)}</a> · <a href="${feed.json}">${named("JSON Feed", `of ${feed.title}`)}</a></p>
</section>
`;
}

export function renderFeedsPage(
  feeds: readonly FeedListing[],
  context: {
    chrome: SiteChrome;
    pageUrl: string;
    opmlUrl: string;
    alternates: readonly FeedAlternate[];
    /** The script that makes the copy buttons work; without it they stay hidden. */
    copyScriptUrl: string;
  },
): string {
  const { chrome } = context;
  return renderPage(
    chrome,
    {
      title: `Feeds | ${chrome.siteTitle}`,
      canonicalUrl: context.pageUrl,
      description: `Every feed of ${chrome.siteTitle}, and how to follow one`,
      alternates: context.alternates,
      scripts: [context.copyScriptUrl],
    },
    html`<h1>Feeds</h1>
<p>A feed is an address that a feed reader checks for you: an app or a website such as Feedly,
Inoreader, NetNewsWire or Thunderbird shows each new article of ${chrome.siteTitle} as it is
published, without an account here or an e-mail address. To follow one, copy its address and paste
it where your reader says “Add feed” or “Subscribe”, or open it in a reader with one of its links.</p>
<p>Opened in a browser, a feed address shows the feed's code: that is what readers read. Every feed
comes in three formats with the same articles: RSS, which every reader takes, Atom and JSON Feed.
Readers that import a list can take <a href="${context.opmlUrl}">all of them as one OPML file</a>.</p>
${feeds.map(feedSection)}`,
  );
}
