// The page a withdrawn article's URL answers with (410 Gone): what was there, since when, and why
// when the publisher gave a reason.
import type { DateTime } from "luxon";
import { html } from "./html.js";
import { type FeedAlternate, renderPage, type SiteChrome } from "./layout.js";
import { pageDate } from "./page-dates.js";

export function renderGonePage(context: {
  chrome: SiteChrome;
  articleUrl: string;
  alternates: readonly FeedAlternate[];
  title: string;
  when: DateTime;
  reason?: string;
}): string {
  const { chrome } = context;
  const date = pageDate(context.when, chrome.timeZone, "day");
  const notice =
    context.reason === undefined
      ? html`<p>This article was removed on ${date}.</p>`
      : html`<p>This article was retracted on ${date}: ${context.reason}</p>`;
  return renderPage(
    chrome,
    {
      title: `Removed: ${context.title} | ${chrome.siteTitle}`,
      canonicalUrl: context.articleUrl,
      alternates: context.alternates,
    },
    html`<h1>${context.title}</h1>
${notice}
<p>The <a href="${chrome.homeUrl}">home page</a> lists every article.</p>`,
  );
}
