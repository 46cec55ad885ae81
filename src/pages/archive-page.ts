// /archive/: every month that has articles, newest first, each linking to its page, which lists
// every article published that month.
import { html } from "./html.js";
import { type FeedAlternate, renderPage, type SiteChrome } from "./layout.js";

export interface ArchiveMonth {
  label: string;
  pageUrl: string;
  articleCount: number;
}

export function renderArchiveIndexPage(
  months: readonly ArchiveMonth[],
  context: { chrome: SiteChrome; pageUrl: string; alternates: readonly FeedAlternate[] },
): string {
  const { chrome } = context;
  const list =
    months.length === 0
      ? html`<p>No articles yet.</p>`
      : html`<ul class="months">
${months.map(
  (month) =>
    html`<li><a href="${month.pageUrl}">${month.label}</a>: ${month.articleCount} ${month.articleCount === 1 ? "article" : "articles"}</li>\n`,
)}</ul>`;
  return renderPage(
    chrome,
    {
      title: `Archive | ${chrome.siteTitle}`,
      canonicalUrl: context.pageUrl,
      description: `Every article of ${chrome.siteTitle}, month by month`,
      alternates: context.alternates,
    },
    html`<h1>Archive</h1>
<p>Every article of ${chrome.siteTitle}, month by month (months in UTC).</p>
${list}`,
  );
}
