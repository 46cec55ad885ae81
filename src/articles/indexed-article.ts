// An article taken from the article index: every field held in one fixed shape (an absent field
// is undefined), the body and a summary taken from it read from the file each time they are asked
// for. A store of 100,000 articles holds 100,000 of these for as long as it serves, so they share
// what they can: one body reader per folder, one luxon Locale per time zone offset, one string
// for each tag and one object for each author, and no closure of their own.
import { DateTime, FixedOffsetZone, type Zone } from "luxon";
import { BoundedByBytes } from "../bounded-by-bytes.js";
import type { Article, Author, Correction, Episode, LeadImage, Retraction } from "../model.js";

export interface ArticleBody {
  bodyHtml: string;
  summary: string | undefined;
}

/**
 * Reads the bodies of one folder's indexed articles, keeping the most recently asked for within
 * a budget of bytes (the body and its summary as UTF-16), so the articles of the first pages and
 * of feeds rebuilt on every change are not read and rendered again each time; the least recently
 * asked for go first. (A file read again after a change is an article holding its own body.)
 */
export class BodySource {
  readonly #read: (file: string) => ArticleBody;
  readonly #kept: BoundedByBytes<string, ArticleBody>;

  constructor(read: (file: string) => ArticleBody, budgetBytes: number = bodyBudgetBytes) {
    this.#read = read;
    this.#kept = new BoundedByBytes(budgetBytes);
  }

  body(file: string): ArticleBody {
    const known = this.#kept.get(file);
    if (known !== undefined) return known;
    const body = this.#read(file);
    this.#kept.set(file, body, 2 * (body.bodyHtml.length + (body.summary?.length ?? 0)));
    return body;
  }

  /** The bytes of the bodies kept. */
  get keptBytes(): number {
    return this.#kept.bytes;
  }
}

/** The bytes of bodies a BodySource keeps unless told (BODY_CACHE_MB): 16 MiB, some 3,000 news stories. */
export const bodyBudgetBytes = 16 * 2 ** 20;

/** Marks a summary that is the body's first paragraph, read with the body. */
const fromBody = Symbol("summary from the body");

/** The fields an index record holds (everything but the body), dates already restored. */
export type StoredFields = Omit<Article, "bodyHtml">;

export class IndexedArticle implements Article {
  id: string;
  slug: string;
  title: string;
  published: DateTime;
  updated: DateTime | undefined;
  expires: DateTime | undefined;
  corrections: Correction[] | undefined;
  retraction: Retraction | undefined;
  access: "members" | undefined;
  publicSummary: string | undefined;
  authors: Author[];
  tags: string[];
  image: LeadImage | undefined;
  source: string | undefined;
  language: string | undefined;
  file: string;
  episode: Episode | undefined;
  warnings: string[] | undefined;
  readonly #bodies: BodySource;
  readonly #summary: string | undefined | typeof fromBody;

  constructor(fields: StoredFields, ownSummary: boolean, bodies: BodySource) {
    this.id = fields.id;
    this.slug = fields.slug;
    this.title = fields.title;
    this.published = fields.published;
    this.updated = fields.updated;
    this.expires = fields.expires;
    this.corrections = fields.corrections;
    this.retraction = fields.retraction;
    this.access = fields.access;
    this.publicSummary = fields.publicSummary;
    this.authors = fields.authors;
    this.tags = fields.tags;
    this.image = fields.image;
    this.source = fields.source;
    this.language = fields.language;
    this.file = fields.file;
    this.episode = fields.episode;
    this.warnings = fields.warnings;
    this.#bodies = bodies;
    this.#summary = ownSummary ? fields.summary : fromBody;
  }

  get bodyHtml(): string {
    return this.#bodies.body(this.file).bodyHtml;
  }

  /** Whether the summary is the front matter's own rather than read from the body. */
  get hasOwnSummary(): boolean {
    return this.#summary !== fromBody;
  }

  get summary(): string | undefined {
    return this.#summary === fromBody ? this.#bodies.body(this.file).summary : this.#summary;
  }
}

/** Whether the article's body is read from its file whenever asked for (an indexed article). */
export function readsBodyFromFile(article: Article): boolean {
  return article instanceof IndexedArticle;
}

/** The shared parts of one reading of the index: zones and locales, tag strings, authors. */
export class SharedValues {
  readonly #dates = new Map<number, { zone: Zone; template: DateTime }>();
  readonly #strings = new Map<string, string>();
  readonly #authors = new Map<string, Author>();

  /**
   * The DateTime at `ms` in the fixed zone `offset` minutes from UTC, as DateTime.fromMillis
   * makes it (the same instant, zone and locale), but sharing one Locale per zone: fromMillis
   * makes a new Locale (eight objects) for every date.
   */
  dateAt(ms: number, offset: number): DateTime {
    let shared = this.#dates.get(offset);
    if (shared === undefined) {
      const zone = FixedOffsetZone.instance(offset);
      shared = { zone, template: DateTime.fromMillis(0, { zone }) };
      this.#dates.set(offset, shared);
    }
    return makeDateTime({ ts: ms, zone: shared.zone, loc: localeOf(shared.template) });
  }

  /** One string for each distinct text (tags). */
  string(text: string): string {
    const known = this.#strings.get(text);
    if (known !== undefined) return known;
    this.#strings.set(text, text);
    return text;
  }

  /** One object for each distinct author (authors are never changed once read). */
  author(author: Author): Author {
    const key = `${author.name}\n${author.url ?? ""}\n${author.email ?? ""}\n${Object.keys(author).join(" ")}`;
    const known = this.#authors.get(key);
    if (known !== undefined) return known;
    this.#authors.set(key, author);
    return author;
  }
}

/**
 * luxon's DateTime constructor, which its types mark private: DateTime.fromMillis calls it with
 * the same three values, and a new Locale. The test of the index holds the two to equal dates.
 */
const makeDateTime = (config: { ts: number; zone: Zone; loc: unknown }): DateTime =>
  new (DateTime as unknown as new (config: { ts: number; zone: Zone; loc: unknown }) => DateTime)(
    config,
  );

function localeOf(date: DateTime): unknown {
  return (date as unknown as { loc: unknown }).loc;
}
