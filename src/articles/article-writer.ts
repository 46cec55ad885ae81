// The one way articles are written: the publishing API and `wirefeed import` both go through it.
// It holds the rules a new article follows (its slug from the title, its permanent id from the
// slug, its publication date), checks a write exactly as the store will read the file (the
// front matter schema, the body rendered, the episode's media file, the feed gate) before
// anything touches the disk, runs writes one at a time, and writes atomically. A refused write
// throws one of the errors of write-errors.ts and leaves the folder as it was.
import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import type { ImageFolder } from "../media/image-folder.js";
import type { MediaFolder } from "../media/media-folder.js";
import type { Article } from "../model.js";
import { readEpisodeMedia } from "./episode-media.js";
import { readLeadImage } from "./lead-image.js";
import { readArticle, sortNewestFirst } from "./load.js";
import { type RenderBound, renderBodyOffThread } from "./off-thread-body.js";
import { ArticleError, parseArticle, splitFrontMatter } from "./parse.js";
import { slugFromTitle } from "./slug.js";
import { articleFileText, removeFile, writeFileAtomic, writeNewFileAtomic } from "./write.js";
import {
  ArticleChangedError,
  ArticleConflictError,
  ArticleNotFoundError,
  InvalidArticleError,
  StorageFullError,
} from "./write-errors.js";

/** Front matter fields and the body of an article to write. */
export interface ArticleDraft {
  fields: Record<string, unknown>;
  body: string;
}

/** An article as stored: what the store made of it, its file's text and that text's ETag. */
export interface StoredArticle {
  article: Article;
  fileText: string;
  etag: string;
}

export interface NewArticleOptions {
  /** `.md` (Markdown, the default) or `.txt` (scraped text). */
  extension?: ".md" | ".txt";
  /** The title the slug is made from when the fields give no slug; the fields' title otherwise. */
  titleForSlug?: string;
  /** The publication date when the fields give none (ISO 8601 with an offset). */
  published?: string;
}

export interface ArticleWriterOptions {
  dir: string;
  /** Prefix of new articles' ids (site.json's idPrefix). */
  idPrefix: string;
  /** Where episodes' media files are read, as the store reads them. */
  media?: MediaFolder;
  /** Renders bodies off the main thread, bounded in time, as the store does; here without it. */
  render?: RenderBound;
  /** Where lead images of the images folder are read, as the store reads them. */
  images?: ImageFolder;
  /** Every article the store holds (in publication or not). */
  storedArticles(): readonly Article[];
  /** The feed gate: its problems ("/rss.xml: …") if the store held exactly these articles. */
  checkFeeds?(articles: readonly Article[]): readonly string[];
  /** Reads the named files again and publishes them; resolves once they are served. */
  refresh(names: readonly string[]): Promise<unknown>;
  now(): DateTime;
}

/** Slugs name files: lowercase letters, digits and hyphens, nothing that could leave the folder. */
const slugPattern = /^[a-z0-9][a-z0-9-]*$/;

/** The permanent id of a new article that gives none: the site's prefix and its slug. */
export function newArticleId(idPrefix: string, slug: string): string {
  return `${idPrefix}${slug}`;
}

/** The ETag of an article file's text. */
export function etagOfFileText(fileText: string): string {
  return `"${createHash("sha256").update(fileText).digest("base64url").slice(0, 27)}"`;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** A full disk or quota becomes StorageFullError; anything else is passed on. */
function storageError(error: unknown): unknown {
  const code = errorCode(error);
  if (code !== "ENOSPC" && code !== "EDQUOT") return error;
  return new StorageFullError(
    `The article could not be stored: no space left on the server's disk (${code}); nothing was changed`,
    [],
    { cause: error },
  );
}

export class ArticleWriter {
  readonly #options: ArticleWriterOptions;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ArticleWriterOptions) {
    this.#options = options;
  }

  /** Runs writes one at a time, so a read-check-write sequence cannot interleave with another. */
  #inTurn<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => {});
    return result;
  }

  /** The stored article with this slug, read from its file now. */
  async read(slug: string): Promise<StoredArticle> {
    const article = this.#options.storedArticles().find((stored) => stored.slug === slug);
    if (article === undefined) throw new ArticleNotFoundError(`No article with slug "${slug}"`);
    let fileText: string;
    try {
      fileText = await readFile(path.join(this.#options.dir, article.file), "utf8");
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      // Removed behind the store's back, before the watcher said so: catch up now.
      await this.#options.refresh([article.file]);
      throw new ArticleNotFoundError(`No article with slug "${slug}": its file was removed`, [], {
        cause: error,
      });
    }
    try {
      splitFrontMatter(article.file, fileText);
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      throw new ArticleConflictError(
        `The file ${article.file} was changed and cannot be read; its last good version stays published`,
        error.problems.map((problem) => `${article.file}: ${problem}`),
        { cause: error },
      );
    }
    return { article, fileText, etag: etagOfFileText(fileText) };
  }

  /** Writes a new article file; refuses one whose file, slug or id is taken. */
  create(draft: ArticleDraft, options: NewArticleOptions = {}): Promise<StoredArticle> {
    return this.#inTurn(async () => {
      const slug = this.#newSlug(draft.fields, options.titleForSlug);
      const file = `${slug}${options.extension ?? ".md"}`;
      await this.#refuseTakenFile(file, slug);
      const fileText = articleFileText(
        {
          ...draft.fields,
          id: draft.fields.id ?? newArticleId(this.#options.idPrefix, slug),
          slug,
          published: draft.fields.published ?? options.published ?? this.#nowIso(),
        },
        draft.body,
      );
      await this.#check(file, fileText);
      try {
        await writeNewFileAtomic(this.#options.dir, file, fileText);
      } catch (error) {
        if (errorCode(error) === "EEXIST") {
          throw new ArticleConflictError(
            "An article file with this name exists",
            [`slug: "${slug}" is used by ${file}`],
            { cause: error },
          );
        }
        throw storageError(error);
      }
      return this.#published(file);
    });
  }

  /**
   * Replaces the article's front matter and body in its file. Its id and publication date cannot
   * change. With `ifMatch` (ETags, or "*"), only if the file is still the one read.
   */
  replace(slug: string, draft: ArticleDraft, ifMatch?: readonly string[]): Promise<StoredArticle> {
    return this.#inTurn(async () => {
      const stored = await this.read(slug);
      this.#checkUnchanged(stored, ifMatch);
      this.#refuseUnreadEdit(stored, ifMatch);
      const current = stored.article;
      const problems: string[] = [];
      if (draft.fields.id !== undefined && draft.fields.id !== current.id)
        problems.push("id: cannot change; it is the article's permanent identity");
      const published = draft.fields.published;
      if (typeof published === "string") {
        const given = DateTime.fromISO(published);
        if (given.isValid && given.toMillis() !== current.published.toMillis())
          problems.push("published: cannot move; set updated instead");
      }
      if (problems.length > 0) throw new InvalidArticleError("The article is not valid", problems);
      // The date as the file wrote it, or, when a hand edit spoiled it, as the store holds it.
      const written = splitFrontMatter(current.file, stored.fileText).frontMatter.published;
      const kept =
        typeof written === "string" && DateTime.fromISO(written).isValid
          ? written
          : current.published.toISO({ suppressMilliseconds: true });
      const fileText = articleFileText(
        { ...draft.fields, id: current.id, published: published ?? kept },
        draft.body,
      );
      await this.#check(current.file, fileText, current);
      try {
        await writeFileAtomic(this.#options.dir, current.file, fileText);
      } catch (error) {
        throw storageError(error);
      }
      return this.#published(current.file);
    });
  }

  /** Removes the article's file. With `ifMatch`, only if the file is still the one read. */
  remove(slug: string, ifMatch?: readonly string[]): Promise<void> {
    return this.#inTurn(async () => {
      const stored = await this.read(slug);
      this.#checkUnchanged(stored, ifMatch);
      await removeFile(this.#options.dir, stored.article.file);
      await this.#options.refresh([stored.article.file]);
    });
  }

  #nowIso(): string {
    return (
      this.#options.now().toUTC().startOf("second").toISO({ suppressMilliseconds: true }) ?? ""
    );
  }

  /** The slug the fields give, or one made from the title; refused unless it is a plain name. */
  #newSlug(fields: Record<string, unknown>, titleForSlug: string | undefined): string {
    // A title with no letters or digits to spare still gets a file: its problems are reported
    // by the schema, together with any other.
    const slug =
      typeof fields.slug === "string"
        ? fields.slug
        : slugFromTitle(titleForSlug ?? String(fields.title ?? "")) ||
          `article-${this.#options.now().toMillis().toString(36)}`;
    if (!slugPattern.test(slug)) {
      throw new InvalidArticleError("The article is not valid", [
        "slug: expected lowercase letters, digits and hyphens, such as my-story",
      ]);
    }
    return slug;
  }

  /** A file of that name, readable or not (a draft being written by hand), is never replaced. */
  async #refuseTakenFile(file: string, slug: string): Promise<void> {
    const existing = await lstat(path.join(this.#options.dir, file)).catch(() => undefined);
    if (existing === undefined) return;
    const stored = this.#options.storedArticles().some((article) => article.file === file);
    // Not an article the store holds: say why, reading it as the store would (only a plain file:
    // a FIFO would block the read).
    const reason = stored
      ? undefined
      : existing.isFile()
        ? readArticle(this.#options.dir, file, { idPrefix: this.#options.idPrefix })
        : { file, message: "it is not a regular file" };
    if (reason === undefined || !("message" in reason)) {
      throw new ArticleConflictError("An article file with this name exists", [
        `slug: "${slug}" is used by ${file}`,
      ]);
    }
    throw new ArticleConflictError(
      `The file ${file} exists and cannot be read as an article; it was left as it is`,
      [`slug: "${slug}" is the file ${file}, which cannot be read: ${reason.message}`],
    );
  }

  /**
   * A file edited (by hand) into something that does not parse holds work the store has not
   * seen: it is replaced only by a caller that read that very text (If-Match with its ETag).
   */
  #refuseUnreadEdit(stored: StoredArticle, ifMatch: readonly string[] | undefined): void {
    if (ifMatch?.includes(stored.etag)) return;
    const file = stored.article.file;
    try {
      parseArticle(file, stored.fileText, { idPrefix: this.#options.idPrefix });
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      throw new ArticleConflictError(
        `The file ${file} was changed and does not parse; read it and send If-Match with its ETag to replace it`,
        error.problems.map((problem) => `${file}: ${problem}`),
        { cause: error },
      );
    }
  }

  #checkUnchanged(stored: StoredArticle, ifMatch: readonly string[] | undefined): void {
    if (ifMatch === undefined || ifMatch.includes("*") || ifMatch.includes(stored.etag)) return;
    throw new ArticleChangedError(
      "The article changed since you read it (If-Match does not match); read it again",
      stored.etag,
    );
  }

  /**
   * Reads the would-be file exactly as the store will (its body rendered within the same bound),
   * then asks the feed gate about the site with it.
   */
  async #check(file: string, fileText: string, replacing?: Article): Promise<void> {
    let article: Article;
    try {
      article = parseArticle(file, fileText, { idPrefix: this.#options.idPrefix });
      // A file would be published cleaned of these; a writer is told to send it clean instead.
      if (article.warnings !== undefined) throw new ArticleError(file, article.warnings);
      if (this.#options.render) await renderBodyOffThread(article, this.#options.render);
      article = await readEpisodeMedia(article, this.#options.media);
      article = await readLeadImage(article, this.#options.images);
    } catch (error) {
      if (!(error instanceof ArticleError)) throw error;
      throw new InvalidArticleError("The article is not valid", error.problems, { cause: error });
    }
    try {
      // Rendered already when off the main thread; here otherwise.
      void article.bodyHtml;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new InvalidArticleError(
        "The article is not valid",
        [`body: cannot be rendered (${reason})`],
        { cause: error },
      );
    }
    const others = this.#options.storedArticles().filter((existing) => existing !== replacing);
    const clash = others.find(
      (existing) => existing.slug === article.slug || existing.id === article.id,
    );
    if (clash) {
      const field = clash.slug === article.slug ? "slug" : "id";
      throw new ArticleConflictError(`Another article already has this ${field}`, [
        `${field}: "${field === "slug" ? article.slug : article.id}" is used by ${clash.file}`,
      ]);
    }
    const feedProblems = this.#options.checkFeeds?.(sortNewestFirst([...others, article])) ?? [];
    if (feedProblems.length > 0) {
      throw new InvalidArticleError("The feeds would not be valid with this article", [
        ...feedProblems,
      ]);
    }
  }

  /** After a write: publishes the file and gives the article the store made of it. */
  async #published(file: string): Promise<StoredArticle> {
    await this.#options.refresh([file]);
    const slug = this.#options.storedArticles().find((article) => article.file === file)?.slug;
    if (slug === undefined) throw new Error(`the written file ${file} was not published`);
    return this.read(slug);
  }
}
