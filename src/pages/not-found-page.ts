// The 404 page: a real HTML page with the site's frame, never a bare string.
import { html } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export function renderNotFoundPage(context: {
  siteTitle: string;
  language: string;
  homeUrl: string;
  alternates: readonly FeedAlternate[];
}): string {
  return renderPage(
    { ...context, title: `Not found | ${context.siteTitle}`, canonicalUrl: context.homeUrl },
    html`<h1>Not found</h1>
<p>There is nothing at this address. The <a href="${context.homeUrl}">home page</a> lists every article.</p>`,
  );
}
