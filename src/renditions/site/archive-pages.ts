// The archive as pages: /archive/ lists the months, /archive/YYYY-MM/ every article published in
// that month, beside the month's RFC 5005 archive feeds that its autodiscovery links name. A later
// build looks again only at the months a change touched (all when months came or went, since
// every month page links its neighbours).
import type { CatalogChange, SiteCatalog } from "../../feeds/catalog.js";
import { archivePath } from "../../feeds/catalog.js";
import { renderArchiveIndexPage } from "../../pages/archive-page.js";
import { html } from "../../pages/html.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { monthLabel } from "../../pages/page-dates.js";
import { absoluteUrl } from "../../urls.js";
import { addListPage, addPage } from "./pages.js";
import { removePath } from "./reuse.js";
import { archiveIndexPath, siteChrome } from "./site-chrome.js";
import type { Build } from "./site-snapshot.js";

export function addArchivePages(
  build: Build,
  catalog: SiteCatalog,
  siteAlternates: readonly FeedAlternate[],
  opml: FeedAlternate,
  delta?: { change: CatalogChange; before: { months: readonly string[] } },
): void {
  const { site, siteUrl } = build.context;
  const months = catalog.months();
  const monthUrl = (month: string) => absoluteUrl(siteUrl, archivePath(month));
  const indexUrl = absoluteUrl(siteUrl, archiveIndexPath);
  const listed = months.map((month) => ({
    label: monthLabel(month),
    pageUrl: monthUrl(month),
    articleCount: catalog.monthSize(month),
  }));
  addPage(
    build,
    archiveIndexPath,
    listed.map((month) => `${month.pageUrl} ${month.articleCount}`),
    () => ({
      body: renderArchiveIndexPage(listed, {
        chrome: siteChrome(site, siteUrl),
        pageUrl: indexUrl,
        alternates: siteAlternates,
      }),
      lastModified: catalog.latestChange().toJSDate(),
    }),
    "on first request",
  );
  const change = delta?.change;
  // A loop, not a callback: a closure naming `build` would be kept by the lazy index page above
  // (closures of one scope share it), and with it this build's tables, by every later build.
  for (const [index, month] of months.entries()) {
    if (change !== undefined && !change.monthsChanged && !change.months.has(month)) continue;
    const newer = months[index - 1];
    const older = months[index + 1];
    const label = monthLabel(month);
    const neighbour = (word: string, other: string | undefined) =>
      other === undefined
        ? ""
        : html`${word}: <a href="${monthUrl(other)}">${monthLabel(other)}</a> · `;
    addListPage(
      build,
      {
        heading: `Archive: ${label}`,
        description: `Every article ${site.title} published in ${label} (UTC)`,
        basePath: archivePath(month),
        articles: catalog.monthArticles(month),
        after: html`<nav aria-label="Months" class="months"><p>${neighbour("Older", older)}${neighbour("Newer", newer)}<a href="${indexUrl}">Every month</a></p></nav>`,
      },
      [opml],
      "on first request",
    );
  }
  for (const month of delta?.before.months ?? [])
    if (!months.includes(month)) removePath(build, archivePath(month));
}
