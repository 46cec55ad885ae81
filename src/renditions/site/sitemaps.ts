// The sitemaps of a site (an index, the Google News sitemap and monthly sitemaps), each rendered,
// checked by the sitemap gate and served like a feed, or not served when it fails.
import { latestChange } from "../../feeds/build-feed.js";
import type { CatalogChange, SiteCatalog } from "../../feeds/catalog.js";
import {
  renderNewsSitemap,
  renderSitemapIndex,
  renderUrlSet,
} from "../../sitemaps/sitemap-documents.js";
import {
  articleSitemapEntry,
  monthSitemapArticles,
  monthSitemapPath,
  newsSitemapEntry,
  newsSitemapPath,
  planSitemaps,
  renderRobotsTxt,
  robotsPath,
  sitemapIndexEntries,
  sitemapIndexPath,
} from "../../sitemaps/sitemap-plan.js";
import { absoluteUrl } from "../../urls.js";
import { type SitemapKind, validateRenderedSitemap } from "../../validate/index.js";
import { Rendition } from "../rendition.js";
import { removePath, takeOverFromPrevious, unchangedSincePrevious } from "./reuse.js";
import { type Build, lastModifiedRule } from "./site-snapshot.js";

const sitemapMediaType = "application/xml; charset=utf-8";

interface SitemapDocument {
  path: string;
  kind: SitemapKind;
  inputs: readonly unknown[];
  render: () => string;
  lastModified: Date;
  maxAgeSeconds: number;
}

/**
 * One sitemap, rendered on first request and checked by the sitemap gate: one that fails keeps
 * its previous good rendition (or none, and its URL answers 503) and is reported like a feed.
 */
function addSitemapDocument(build: Build, document: SitemapDocument): void {
  const { path } = document;
  build.touched.add(path);
  if (unchangedSincePrevious(build, path, document.inputs)) {
    takeOverFromPrevious(build, path);
    return;
  }
  const validate = build.context.validateSitemap ?? validateRenderedSitemap;
  const previous = build.previous?.renditions.entry(path);
  const fallback = previous instanceof Rendition ? previous : undefined;
  const lastModified = lastModifiedRule(build, path);
  const selfUrl = absoluteUrl(build.context.siteUrl, path);
  const { invalidFeeds, trial } = build;
  const report = build.context.onInvalidFeed;
  build.renditions.setLazy(path, () => {
    const text = document.render();
    const problems = validate(document.kind, text);
    if (problems.length > 0) {
      const invalid = { path, problems, articles: [] };
      invalidFeeds.set(path, invalid);
      if (!trial) report?.(invalid);
      return fallback;
    }
    invalidFeeds.delete(path);
    return new Rendition({
      path,
      mediaType: sitemapMediaType,
      body: text,
      lastModified: lastModified(document.lastModified),
      maxAgeSeconds: document.maxAgeSeconds,
      kind: "feed",
      selfUrl,
      hubs: [],
    });
  });
}

/**
 * /sitemap.xml (the index), /sitemaps/news.xml, /sitemaps/YYYY-MM.xml and /robots.txt. After a
 * change only the months it touched are looked at again (the others cannot have changed), and
 * the sitemap of a month that has no article left is removed.
 */
export function addSitemaps(
  build: Build,
  catalog: SiteCatalog,
  delta?: { change: CatalogChange; before: { months: readonly string[] } },
): void {
  const { site, siteUrl } = build.context;
  const plan = planSitemaps(catalog);
  const months =
    delta === undefined || delta.change.monthsChanged ? undefined : delta.change.months;
  if (plan.news.length > 0) {
    addSitemapDocument(build, {
      path: newsSitemapPath,
      kind: "urlset",
      inputs: plan.news,
      render: () =>
        renderNewsSitemap(plan.news.map((article) => newsSitemapEntry(article, site, siteUrl))),
      lastModified: latestChange(plan.news).toJSDate(),
      maxAgeSeconds: site.maxAgeSeconds,
    });
  } else removePath(build, newsSitemapPath);
  for (const month of plan.months) {
    if (months !== undefined && !months.has(month.month)) continue;
    const articles = monthSitemapArticles(catalog, month.month);
    addSitemapDocument(build, {
      path: month.path,
      kind: "urlset",
      inputs: articles,
      render: () => renderUrlSet(articles.map((article) => articleSitemapEntry(article, siteUrl))),
      lastModified: month.lastmod.toJSDate(),
      maxAgeSeconds: site.archiveMaxAgeSeconds,
    });
  }
  const planned = new Set(plan.months.map((month) => month.path));
  for (const month of delta?.before.months ?? []) {
    const path = monthSitemapPath(month);
    if (!planned.has(path)) removePath(build, path);
  }
  const latest = catalog.latestChange().toJSDate();
  if (plan.months.length > 0) {
    const entries = sitemapIndexEntries(plan, siteUrl);
    addSitemapDocument(build, {
      path: sitemapIndexPath,
      kind: "sitemapindex",
      inputs: entries.map((entry) => `${entry.loc} ${entry.lastmod.toMillis()}`),
      render: () => renderSitemapIndex(entries),
      lastModified: latest,
      maxAgeSeconds: site.maxAgeSeconds,
    });
  } else removePath(build, sitemapIndexPath);
  const robots = renderRobotsTxt(plan, siteUrl);
  build.touched.add(robotsPath);
  if (unchangedSincePrevious(build, robotsPath, [robots])) {
    takeOverFromPrevious(build, robotsPath);
    return;
  }
  build.renditions.set(
    robotsPath,
    new Rendition({
      path: robotsPath,
      mediaType: "text/plain; charset=utf-8",
      body: robots,
      lastModified: lastModifiedRule(build, robotsPath)(latest),
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, robotsPath),
      hubs: [],
    }),
  );
}
