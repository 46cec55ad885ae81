// The 404 page: a real HTML page with the site's frame, never a bare string. It stands for no
// address, so it names no canonical URL and asks not to be indexed.
import { html } from "./html.js";
import { type FeedAlternate, renderPage, type SiteChrome } from "./layout.js";

export function renderNotFoundPage(context: {
  chrome: SiteChrome;
  alternates: readonly FeedAlternate[];
}): string {
  const { chrome } = context;
  return renderPage(
    chrome,
    { title: `Not found | ${chrome.siteTitle}`, alternates: context.alternates, noindex: true },
    html`<h1>Not found</h1>
<p>There is nothing at this address. The <a href="${chrome.homeUrl}">home page</a> lists the newest
articles and the <a href="${chrome.archiveUrl}">archive</a> every one.</p>`,
  );
}
