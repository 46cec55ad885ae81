// Which feeds exist, built from the store: the subscription feed and its RFC 5005 pages and monthly
// archives, and a feed per tag and per author. Every article keeps its one id in all of them.

import type { Article } from "../model.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import type { FeedDefinition } from "./build-feed.js";
import { sectionSlug } from "./section-slug.js";

/** A tag or an author, with its own feeds and page. */
export interface Section {
  kind: "tag" | "author";
  /** As written in the newest article that carries it. */
  name: string;
  slug: string;
  /** "/tags/<slug>/" or "/authors/<slug>/": the page and its feed files. */
  basePath: string;
  /** Newest first. */
  articles: Article[];
}

export interface SiteCatalog {
  feeds: FeedDefinition[];
  sections: Section[];
}

function latestChangeMillis(article: Article): number {
  return (article.updated ?? article.published).toMillis();
}

/**
 * Subscription documents list the most recently changed articles first, so an edit to an article
 * that already sits in an archive shows up again where subscribers look (RFC 5005 §4).
 */
function byLatestChange(articles: readonly Article[]): Article[] {
  // Keys are computed once per article, not once per comparison.
  return articles
    .map((article) => ({ article, changed: latestChangeMillis(article) }))
    .sort((a, b) => b.changed - a.changed || (a.article.id < b.article.id ? -1 : 1))
    .map(({ article }) => article);
}

const months = new WeakMap<Article, string>();

/** "2026-01" for an article published in January 2026 (UTC); kept per (immutable) article. */
export function monthOf(article: Article): string {
  let month = months.get(article);
  if (month === undefined) {
    month = new Date(article.published.toMillis()).toISOString().slice(0, 7);
    months.set(article, month);
  }
  return month;
}

/** The articles of each month of publication ("2026-01"), in the order given. */
export function articlesByMonth(articles: readonly Article[]): Map<string, Article[]> {
  const byMonth = new Map<string, Article[]>();
  for (const article of articles) {
    const month = monthOf(article);
    const list = byMonth.get(month);
    if (list === undefined) byMonth.set(month, [article]);
    else list.push(article);
  }
  return byMonth;
}

export function archivePath(month: string): string {
  return `/archive/${month}/`;
}

export function pagePath(page: number): string {
  return page === 1 ? "/" : `/pages/${page}/`;
}

function groupSections(articles: readonly Article[], kind: Section["kind"]): Section[] {
  const sections = new Map<string, Section>();
  const prefix = kind === "tag" ? "/tags/" : "/authors/";
  for (const article of articles) {
    const names = kind === "tag" ? article.tags : article.authors.map((author) => author.name);
    for (const name of names) {
      const slug = sectionSlug(name);
      let section = sections.get(slug);
      if (section === undefined) {
        section = { kind, name, slug, basePath: `${prefix}${slug}/`, articles: [] };
        sections.set(slug, section);
      }
      // An article naming the same section twice (in two spellings) is listed once.
      if (section.articles.at(-1) !== article) section.articles.push(article);
    }
  }
  return [...sections.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The subscription feed, its pages and its monthly archives. */
function mainFeeds(articles: readonly Article[], site: SiteMetadata): FeedDefinition[] {
  const size = site.feedSize;
  const recent = byLatestChange(articles);
  const pageCount = Math.max(1, Math.ceil(recent.length / size));
  const byMonth = articlesByMonth(articles);
  const months = [...byMonth.keys()].sort().reverse();
  const base = { id: site.feedId, title: site.title, description: site.description };

  const pages: FeedDefinition[] = [];
  for (let page = 1; page <= pageCount; page++) {
    const relations: FeedDefinition["relations"][number][] = [];
    if (page === 1 && months[0] !== undefined)
      relations.push({ rel: "prev-archive", basePath: archivePath(months[0]) });
    if (pageCount > 1) {
      relations.push({ rel: "first", basePath: pagePath(1) });
      if (page > 1) relations.push({ rel: "previous", basePath: pagePath(page - 1) });
      if (page < pageCount) relations.push({ rel: "next", basePath: pagePath(page + 1) });
      relations.push({ rel: "last", basePath: pagePath(pageCount) });
    }
    // JSON Feed has one next_url: the subscription document follows the archives (complete),
    // later pages the next page.
    const next =
      page === 1
        ? months[0] === undefined
          ? undefined
          : archivePath(months[0])
        : page < pageCount
          ? pagePath(page + 1)
          : undefined;
    pages.push({
      ...base,
      basePath: pagePath(page),
      articles: recent.slice((page - 1) * size, page * size),
      relations,
      archive: false,
      ...(next === undefined ? {} : { nextBasePath: next }),
      maxAgeSeconds: site.maxAgeSeconds,
      eager: page === 1,
      hubTopic: page === 1,
    });
  }

  const archives = months.map((month, index): FeedDefinition => {
    const older = months[index + 1];
    const newer = months[index - 1];
    const relations: FeedDefinition["relations"][number][] = [{ rel: "current", basePath: "/" }];
    if (older !== undefined) relations.push({ rel: "prev-archive", basePath: archivePath(older) });
    if (newer !== undefined) relations.push({ rel: "next-archive", basePath: archivePath(newer) });
    return {
      ...base,
      title: `${site.title}: archive ${month}`,
      basePath: archivePath(month),
      articles: byMonth.get(month) ?? [],
      relations,
      archive: true,
      ...(older === undefined ? {} : { nextBasePath: archivePath(older) }),
      maxAgeSeconds: site.archiveMaxAgeSeconds,
      eager: false,
      hubTopic: true,
    };
  });
  return [...pages, ...archives];
}

function sectionFeed(section: Section, site: SiteMetadata): FeedDefinition {
  const what =
    section.kind === "tag" ? `Articles tagged ${section.name}` : `Articles by ${section.name}`;
  return {
    id: `${site.feedId}${section.basePath.slice(0, -1)}`,
    title: `${site.title}: ${section.name}`,
    description: `${what} in ${site.title}`,
    basePath: section.basePath,
    articles: byLatestChange(section.articles).slice(0, site.feedSize),
    relations: [],
    archive: false,
    maxAgeSeconds: site.maxAgeSeconds,
    eager: false,
    hubTopic: true,
  };
}

/** The subscription feed alone: the newest `feedSize` articles, as the site's first feed. */
export function subscriptionFeed(articles: readonly Article[], site: SiteMetadata): FeedDefinition {
  return mainFeeds(articles, site)[0] as FeedDefinition;
}

/** Every feed the site offers, and the sections (tags, authors) that have their own. */
export function catalogSite(articles: readonly Article[], site: SiteMetadata): SiteCatalog {
  const sections = [...groupSections(articles, "tag"), ...groupSections(articles, "author")];
  return {
    feeds: [...mainFeeds(articles, site), ...sections.map((section) => sectionFeed(section, site))],
    sections,
  };
}
