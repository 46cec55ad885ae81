// Which sitemaps the site has and what each lists: one per month of publication with every
// article of that month, a Google News sitemap of the newest articles, and the index of them all.
// Decided from the articles alone (no clock), so every replica serves the same bytes.
import type { DateTime } from "luxon";
import { latestChange } from "../feeds/build-feed.js";
import type { SiteCatalog } from "../feeds/catalog.js";
import type { Article } from "../model.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import { absoluteUrl, articlePath } from "../urls.js";
import type { NewsSitemapEntry, SitemapEntry } from "./sitemap-documents.js";

export const sitemapIndexPath = "/sitemap.xml";
export const newsSitemapPath = "/sitemaps/news.xml";
export const robotsPath = "/robots.txt";

export function monthSitemapPath(month: string): string {
  return `/sitemaps/${month}.xml`;
}

/** Google News reads articles of the last two days, at most 1,000 per sitemap. */
export const newsWindowHours = 48;
export const newsSitemapLimit = 1_000;

export interface MonthSitemap {
  month: string;
  path: string;
  /** The latest change among its articles. */
  lastmod: DateTime;
}

export interface SitemapPlan {
  months: readonly MonthSitemap[];
  /** Newest first; empty when there is no article. */
  news: readonly Article[];
}

/**
 * The news sitemap holds the articles published in the 48 hours up to the newest publication:
 * measured from the data, not the clock, so it does not change between two builds of the same
 * store. While the site publishes, the newest article is minutes old and the window is Google's.
 */
export function planSitemaps(catalog: SiteCatalog): SitemapPlan {
  const months = catalog.months().flatMap((month) => {
    const lastmod = catalog.monthLatestChange(month);
    return lastmod === undefined ? [] : [{ month, path: monthSitemapPath(month), lastmod }];
  });
  // The window is a run of the newest articles: the newest ones by publication hold it (in the
  // catalog's order, newest first and then by id, as every list of the site).
  const newest = catalog.newest(newsSitemapLimit);
  const newestMs = newest[0]?.published.toMillis();
  // Hours are of fixed length: the window is a difference of instants, in milliseconds.
  const windowMs = newsWindowHours * 3_600_000;
  const news =
    newestMs === undefined
      ? []
      : newest.filter((article) => newestMs - article.published.toMillis() <= windowMs);
  return { months, news };
}

/** The articles one month's sitemap lists, newest first (the catalog's order). */
export function monthSitemapArticles(catalog: SiteCatalog, month: string): readonly Article[] {
  return catalog.monthArticles(month);
}

/**
 * An article's language as the News schema spells it: the primary subtag in lowercase (en-GB →
 * en), except Chinese, which Google wants as zh-cn (Simplified) or zh-tw (Traditional).
 */
export function newsLanguage(tag: string): string {
  const [primary = "", ...rest] = tag.toLowerCase().split("-");
  if (primary !== "zh") return primary;
  const traditional = rest.some((part) => ["hant", "tw", "hk", "mo"].includes(part));
  return traditional ? "zh-tw" : "zh-cn";
}

export function articleSitemapEntry(article: Article, siteUrl: string): SitemapEntry {
  return {
    loc: absoluteUrl(siteUrl, articlePath(article.slug)),
    lastmod: article.updated ?? article.published,
  };
}

export function newsSitemapEntry(
  article: Article,
  site: SiteMetadata,
  siteUrl: string,
): NewsSitemapEntry {
  return {
    loc: absoluteUrl(siteUrl, articlePath(article.slug)),
    publicationName: site.title,
    language: newsLanguage(article.language ?? site.language),
    published: article.published,
    title: article.title,
  };
}

/** The index lists the news sitemap, then each month, newest first, with its latest change. */
export function sitemapIndexEntries(plan: SitemapPlan, siteUrl: string): SitemapEntry[] {
  const newsLastmod = latestChange(plan.news);
  return [
    ...(plan.news.length === 0
      ? []
      : [{ loc: absoluteUrl(siteUrl, newsSitemapPath), lastmod: newsLastmod }]),
    ...plan.months.map((month) => ({
      loc: absoluteUrl(siteUrl, month.path),
      lastmod: month.lastmod,
    })),
  ];
}

/** robots.txt: everything may be crawled but the publishing API; the sitemaps are named. */
export function renderRobotsTxt(plan: SitemapPlan, siteUrl: string): string {
  const sitemaps =
    plan.months.length === 0
      ? []
      : [sitemapIndexPath, ...(plan.news.length === 0 ? [] : [newsSitemapPath])];
  return [
    "User-agent: *",
    "Disallow: /api/",
    "",
    ...sitemaps.map((path) => `Sitemap: ${absoluteUrl(siteUrl, path)}`),
    "",
  ].join("\n");
}
