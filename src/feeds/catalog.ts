// Which feeds exist and what is in each: the subscription feed and its RFC 5005 pages and monthly
// archives, and a feed per tag and per author. Every article keeps its one id in all of them.
// The catalog is kept in step with the articles change by change: an article added or removed
// takes its place in each order by binary search, and the change says which feeds it touched.

import { DateTime } from "luxon";
import type { Article } from "../model.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import { articlePath } from "../urls.js";
import type { FeedDefinition } from "./build-feed.js";
import { sectionSlug } from "./section-slug.js";
import { latestChangeFirst, newestPublishedFirst, SortedArticles } from "./sorted-articles.js";

/** A tag or an author, with its own feeds and page. */
export interface Section {
  kind: "tag" | "author";
  /** As written in the newest article that carries it. */
  name: string;
  slug: string;
  /** "/tags/<slug>/" or "/authors/<slug>/": the page and its feed files. */
  basePath: string;
  /** Its newest `feedSize` articles, newest first: what its page lists. */
  articles: Article[];
}

/** Which feeds one change touched: only these can have new documents. */
export interface CatalogChange {
  /** The first place in the subscription order that moved (Infinity: none did). */
  mainFrom: number;
  /**
   * The last place in the subscription order that may have moved: Infinity when the order grew
   * or shrank, since every place after the first then moved.
   */
  mainTo: number;
  /** The number of pages changed, so every page's links did. */
  pageCountChanged: boolean;
  /** Months gained or lost, so the archives' links (and the first page's) changed. */
  monthsChanged: boolean;
  /** Months of publication of the articles added or removed. */
  months: ReadonlySet<string>;
  /** Sections (kind:slug) of the articles added or removed. */
  sections: ReadonlySet<string>;
  /** Article page paths added or removed (an edit removes and adds the same path). */
  articlePaths: ReadonlySet<string>;
}

const epoch = DateTime.fromMillis(0, { zone: "utc" });

const dayMillis = 86_400_000;
/** "2026-01" by UTC day number: a store of any size spans a few thousand days. */
const monthsByDay = new Map<number, string>();

/** "2026-01" for an article published in January 2026 (UTC). */
export function monthOf(article: Article): string {
  const ms = article.published.toMillis();
  const day = Math.floor(ms / dayMillis);
  let month = monthsByDay.get(day);
  if (month === undefined) {
    month = new Date(day * dayMillis).toISOString().slice(0, 7);
    if (monthsByDay.size >= 100_000) monthsByDay.clear();
    monthsByDay.set(day, month);
  }
  return month;
}

export function archivePath(month: string): string {
  return `/archive/${month}/`;
}

export function pagePath(page: number): string {
  return page === 1 ? "/" : `/pages/${page}/`;
}

/** "/tags/<slug>/" or "/authors/<slug>/": a section's page and the folder of its feeds. */
export function sectionPath(kind: Section["kind"], slug: string): string {
  return `${kind === "tag" ? "/tags/" : "/authors/"}${slug}/`;
}

interface SectionEntry {
  kind: Section["kind"];
  slug: string;
  byPublished: SortedArticles;
  byChange: SortedArticles;
}

/** A section as an article names it: its key ("tag:<slug>", "author:<slug>"), kind and slug. */
interface SectionRef {
  key: string;
  kind: Section["kind"];
  slug: string;
}

/** Refs already made, by kind and name: a store of any size names a few thousand sections. */
const sectionRefs: Record<Section["kind"], Map<string, SectionRef>> = {
  tag: new Map(),
  author: new Map(),
};

function sectionRef(kind: Section["kind"], name: string): SectionRef {
  const refs = sectionRefs[kind];
  let ref = refs.get(name);
  if (ref === undefined) {
    const slug = sectionSlug(name);
    ref = { key: `${kind}:${slug}`, kind, slug };
    if (refs.size >= 100_000) refs.clear();
    refs.set(name, ref);
  }
  return ref;
}

/** The sections an article belongs to, each once (two spellings of one name are one section). */
function sectionsOf(article: Article): SectionRef[] {
  const found: SectionRef[] = [];
  const add = (ref: SectionRef) => {
    if (!found.some((other) => other.key === ref.key)) found.push(ref);
  };
  for (const tag of article.tags) add(sectionRef("tag", tag));
  for (const author of article.authors) add(sectionRef("author", author.name));
  return found;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SiteCatalog {
  readonly site: SiteMetadata;
  /** Newest publication first: the store's order, the home page's and the archives'. */
  readonly #byPublished: SortedArticles;
  /** Latest change first: the subscription feed and its pages. */
  readonly #byChange: SortedArticles;
  readonly #months = new Map<string, SortedArticles>();
  /** Each month's articles latest change first, so its latest change is at hand. */
  readonly #monthsByChange = new Map<string, SortedArticles>();
  readonly #sections = new Map<string, SectionEntry>();
  readonly #byPath = new Map<string, Article>();
  readonly #episodes: SortedArticles;

  /** Without sections (`{ sections: false }`), tags and authors are not catalogued. */
  readonly #withSections: boolean;

  constructor(
    articles: readonly Article[],
    site: SiteMetadata,
    options: { sections?: boolean } = {},
  ) {
    this.site = site;
    this.#withSections = options.sections ?? true;
    this.#byPublished = new SortedArticles(newestPublishedFirst, articles);
    this.#byChange = new SortedArticles(latestChangeFirst, articles);
    this.#episodes = new SortedArticles(
      newestPublishedFirst,
      articles.filter((article) => article.episode !== undefined),
    );
    for (const article of articles) this.#byPath.set(articlePath(article.slug), article);
    // Each month's and section's lists are picked out of the two whole orders in turn, so they
    // are in order as they are made: a sort of each would compare 800,000 pairs at 100,000.
    const months = {
      published: new Map<string, Article[]>(),
      change: new Map<string, Article[]>(),
    };
    const sections = {
      published: new Map<string, Article[]>(),
      change: new Map<string, Article[]>(),
    };
    const refs = new Map<string, SectionRef>();
    const pick = (
      whole: SortedArticles,
      into: typeof months.published,
      bySection: typeof sections.published,
    ) => {
      for (let at = 0; at < whole.length; at++) {
        const article = whole.at(at) as Article;
        const month = monthOf(article);
        const list = into.get(month);
        if (list === undefined) into.set(month, [article]);
        else list.push(article);
        for (const ref of this.#sectionsOf(article)) {
          if (!refs.has(ref.key)) refs.set(ref.key, ref);
          const members = bySection.get(ref.key);
          if (members === undefined) bySection.set(ref.key, [article]);
          else members.push(article);
        }
      }
    };
    pick(this.#byPublished, months.published, sections.published);
    pick(this.#byChange, months.change, sections.change);
    for (const [month, list] of months.published) {
      this.#months.set(month, SortedArticles.ofOrdered(newestPublishedFirst, list));
      this.#monthsByChange.set(
        month,
        SortedArticles.ofOrdered(latestChangeFirst, months.change.get(month) as Article[]),
      );
    }
    for (const [key, { kind, slug }] of refs)
      this.#sections.set(key, {
        kind,
        slug,
        byPublished: SortedArticles.ofOrdered(
          newestPublishedFirst,
          sections.published.get(key) as Article[],
        ),
        byChange: SortedArticles.ofOrdered(
          latestChangeFirst,
          sections.change.get(key) as Article[],
        ),
      });
  }

  /** Takes articles out and puts others in (an edit is both); says which feeds that touched. */
  change(removed: readonly Article[], added: readonly Article[]): CatalogChange {
    const pagesBefore = this.pageCount();
    const monthsBefore = this.months().join(" ");
    const touchedMonths = new Set<string>();
    const touchedSections = new Set<string>();
    const articlePaths = new Set<string>();
    let mainFrom = Number.POSITIVE_INFINITY;
    let mainLast = -1;
    const lengthBefore = this.#byChange.length;
    for (const article of removed) {
      const at = this.#byChange.remove(article);
      if (at < 0) continue;
      mainFrom = Math.min(mainFrom, at);
      mainLast = Math.max(mainLast, at);
      this.#byPublished.remove(article);
      if (article.episode !== undefined) this.#episodes.remove(article);
      const path = articlePath(article.slug);
      if (this.#byPath.get(path) === article) this.#byPath.delete(path);
      articlePaths.add(path);
      const month = monthOf(article);
      touchedMonths.add(month);
      const list = this.#months.get(month);
      list?.remove(article);
      this.#monthsByChange.get(month)?.remove(article);
      if (list?.length === 0) {
        this.#months.delete(month);
        this.#monthsByChange.delete(month);
      }
      for (const { key } of this.#sectionsOf(article)) {
        touchedSections.add(key);
        const entry = this.#sections.get(key);
        entry?.byPublished.remove(article);
        entry?.byChange.remove(article);
        if (entry?.byPublished.length === 0) this.#sections.delete(key);
      }
    }
    for (const article of added) {
      const at = this.#byChange.insert(article);
      mainFrom = Math.min(mainFrom, at);
      mainLast = Math.max(mainLast, at);
      this.#byPublished.insert(article);
      if (article.episode !== undefined) this.#episodes.insert(article);
      const path = articlePath(article.slug);
      this.#byPath.set(path, article);
      articlePaths.add(path);
      const month = monthOf(article);
      touchedMonths.add(month);
      let list = this.#months.get(month);
      let byChange = this.#monthsByChange.get(month);
      if (list === undefined || byChange === undefined) {
        list = new SortedArticles(newestPublishedFirst);
        byChange = new SortedArticles(latestChangeFirst);
        this.#months.set(month, list);
        this.#monthsByChange.set(month, byChange);
      }
      list.insert(article);
      byChange.insert(article);
      for (const { key, kind, slug } of this.#sectionsOf(article)) {
        touchedSections.add(key);
        let entry = this.#sections.get(key);
        if (entry === undefined) {
          entry = {
            kind,
            slug,
            byPublished: new SortedArticles(newestPublishedFirst),
            byChange: new SortedArticles(latestChangeFirst),
          };
          this.#sections.set(key, entry);
        }
        entry.byPublished.insert(article);
        entry.byChange.insert(article);
      }
    }
    // Each removal or insertion moves the places from its own to the end of the order only as far
    // as the other (a story updated takes its leave at one place and comes in at another): with
    // as many in as out, nothing past the last place either named, plus one per removal, moved.
    const mainTo =
      this.#byChange.length !== lengthBefore
        ? Number.POSITIVE_INFINITY
        : mainLast < 0
          ? -1
          : mainLast + removed.length;
    return {
      mainFrom,
      mainTo,
      pageCountChanged: this.pageCount() !== pagesBefore,
      monthsChanged: this.months().join(" ") !== monthsBefore,
      months: touchedMonths,
      sections: touchedSections,
      articlePaths,
    };
  }

  #sectionsOf(article: Article): SectionRef[] {
    return this.#withSections ? sectionsOf(article) : [];
  }

  get size(): number {
    return this.#byChange.length;
  }

  /** The newest `count` articles by publication (the home page). */
  newest(count: number): Article[] {
    return this.#byPublished.slice(0, count);
  }

  /** The article whose page is at `path`. */
  articleAt(path: string): Article | undefined {
    return this.#byPath.get(path);
  }

  articlePaths(): IterableIterator<string> {
    return this.#byPath.keys();
  }

  /** The newest date any article shows (the epoch when there is none). */
  latestChange(): DateTime {
    const newest = this.#byChange.at(0);
    return newest === undefined ? epoch : (newest.updated ?? newest.published);
  }

  /** Every episode, newest first. */
  episodes(): readonly Article[] {
    return this.#episodes.snapshot();
  }

  pageCount(): number {
    return Math.max(1, Math.ceil(this.#byChange.length / this.site.feedSize));
  }

  /** Months of publication, newest first. */
  months(): string[] {
    return [...this.#months.keys()].sort().reverse();
  }

  /** The articles of one month of publication, newest first. */
  monthArticles(month: string): readonly Article[] {
    return this.#months.get(month)?.snapshot() ?? [];
  }

  /** How many articles were published in one month. */
  monthSize(month: string): number {
    return this.#months.get(month)?.length ?? 0;
  }

  /** The latest change among one month's articles. */
  monthLatestChange(month: string): DateTime | undefined {
    const latest = this.#monthsByChange.get(month)?.at(0);
    return latest === undefined ? undefined : (latest.updated ?? latest.published);
  }

  /** Page `page` (from 1) of the subscription feed. */
  page(page: number, months: readonly string[] = this.months()): FeedDefinition {
    const { site } = this;
    const size = site.feedSize;
    const pageCount = this.pageCount();
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
    return {
      id: site.feedId,
      title: site.title,
      description: site.description,
      basePath: pagePath(page),
      articles: this.#byChange.slice((page - 1) * size, page * size),
      relations,
      archive: false,
      ...(next === undefined ? {} : { nextBasePath: next }),
      maxAgeSeconds: site.maxAgeSeconds,
      eager: page === 1,
      hubTopic: page === 1,
    };
  }

  /** The archive of one month; `months` newest first. */
  archive(month: string, months: readonly string[] = this.months()): FeedDefinition {
    const { site } = this;
    const index = months.indexOf(month);
    const older = months[index + 1];
    const newer = index > 0 ? months[index - 1] : undefined;
    const relations: FeedDefinition["relations"][number][] = [{ rel: "current", basePath: "/" }];
    if (older !== undefined) relations.push({ rel: "prev-archive", basePath: archivePath(older) });
    if (newer !== undefined) relations.push({ rel: "next-archive", basePath: archivePath(newer) });
    return {
      id: site.feedId,
      title: `${site.title}: archive ${month}`,
      description: site.description,
      basePath: archivePath(month),
      articles: this.monthArticles(month),
      relations,
      archive: true,
      ...(older === undefined ? {} : { nextBasePath: archivePath(older) }),
      maxAgeSeconds: site.archiveMaxAgeSeconds,
      eager: false,
      hubTopic: true,
    };
  }

  /** Every section: tags, then authors, each by slug. */
  sections(): Section[] {
    const keys = [...this.#sections.keys()];
    const tags = keys.filter((key) => key.startsWith("tag:")).sort(compareKeys);
    const authors = keys.filter((key) => key.startsWith("author:")).sort(compareKeys);
    return [...tags, ...authors].map((key) => this.section(key) as Section);
  }

  /** One section by its key ("tag:world"), if any article carries it. */
  section(key: string): Section | undefined {
    const entry = this.#sections.get(key);
    const newest = entry?.byPublished.at(0);
    if (entry === undefined || newest === undefined) return undefined;
    const names = entry.kind === "tag" ? newest.tags : newest.authors.map((author) => author.name);
    const name = names.find((candidate) => sectionSlug(candidate) === entry.slug) ?? entry.slug;
    return {
      kind: entry.kind,
      name,
      slug: entry.slug,
      basePath: sectionPath(entry.kind, entry.slug),
      articles: entry.byPublished.slice(0, this.site.feedSize),
    };
  }

  /** The feed of one section: its most recently changed articles. */
  sectionFeed(section: Section): FeedDefinition {
    const { site } = this;
    const what =
      section.kind === "tag" ? `Articles tagged ${section.name}` : `Articles by ${section.name}`;
    const entry = this.#sections.get(`${section.kind}:${section.slug}`);
    return {
      id: `${site.feedId}${section.basePath.slice(0, -1)}`,
      title: `${site.title}: ${section.name}`,
      description: `${what} in ${site.title}`,
      basePath: section.basePath,
      articles: entry?.byChange.slice(0, site.feedSize) ?? [],
      relations: [],
      archive: false,
      maxAgeSeconds: site.maxAgeSeconds,
      eager: false,
      hubTopic: true,
    };
  }
}

/** The subscription feed alone: the newest `feedSize` articles, as the site's first feed. */
export function subscriptionFeed(articles: readonly Article[], site: SiteMetadata): FeedDefinition {
  return new SiteCatalog(articles, site, { sections: false }).page(1);
}
