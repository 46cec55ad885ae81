// The articles in memory, kept in step with the folder. Re-reading a file that no longer parses
// keeps its last good article in service and reports the problem beside it; re-reading a file
// that gives the same article keeps the old Article object, so nothing downstream is rebuilt.
// With an article index (article-index.ts), a start reads only the files that changed since the
// index learnt them. The kept articles stay sorted newest first between changes, and each re-read
// tells which of them left and came, so a change costs the files it touches, not the store.
import { readdir } from "node:fs/promises";
import { newestPublishedFirst, SortedArticles } from "../feeds/sorted-articles.js";
import type { Article, StoreProblem } from "../model.js";
import type { ArticleIndex } from "./article-index.js";
import { HeldNames } from "./held-names.js";
import { readsBodyFromFile } from "./indexed-article.js";
import {
  type ReadProgress,
  readAndRecord,
  readArticleFilesWithIndex,
  type Threading,
} from "./indexed-read.js";
import {
  isArticleFile,
  type LoadedArticles,
  type ReadOptions,
  readArticleAndMedia,
  readArticleFiles,
  sortNewestFirst,
  warningsOf,
} from "./load.js";
import { MemoryHolderRecord, modifiedAt, StoredHolderRecord } from "./name-holders.js";

interface FileState {
  article?: Article;
  problem?: StoreProblem;
}

export interface RereadOutcome {
  /** Whether anything a reader can see changed. */
  changed: boolean;
  /** Files that exist but could not be parsed this time. */
  failed: string[];
  /** The cosmetic faults cleaned in the articles this re-read put in service. */
  warnings: StoreProblem[];
  /** The kept articles that left and came (an edit is both); removed ones before the re-read. */
  delta: ArticleDelta;
}

/** How a set of articles changed: the objects that left it and those that came. */
export interface ArticleDelta {
  removed: Article[];
  added: Article[];
}

export interface StoreIndexing {
  index: ArticleIndex;
  /** Hears how far the first reading of the folder has come, every 10,000 files and at the end. */
  onProgress?: (progress: ReadProgress) => void;
  /** When that reading parses files on worker threads, and on how many. */
  threading?: Threading;
}

/** The fields an article holds as plain values, as one string (accessors are left out). */
function plainFields(article: Article): string {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(article)) {
    const descriptor = Object.getOwnPropertyDescriptor(article, key);
    if (descriptor !== undefined && "value" in descriptor) fields[key] = descriptor.value;
  }
  return JSON.stringify(fields);
}

/**
 * Whether two reads of a file give the same article, field by field (dates by their ISO text, the
 * episode's media facts included). The body and a derived summary are compared last: they may
 * have to be rendered from Markdown first. An article taken from the index is never the same.
 */
function sameArticle(a: Article, b: Article): boolean {
  // An indexed article reads its body from the file as it is now: the body it was served with is
  // not known, so a re-read of it is taken as a change (the build compares the bytes anyway).
  if (readsBodyFromFile(a)) return false;
  return plainFields(a) === plainFields(b) && a.bodyHtml === b.bodyHtml && a.summary === b.summary;
}

export class ArticleStore {
  readonly dir: string;
  readonly #options: ReadOptions;
  readonly #index: ArticleIndex | undefined;
  readonly #files = new Map<string, FileState>();
  /** Who holds each id and slug: recorded in the index, so a restart keeps the same holders. */
  readonly #held: HeldNames;
  /** The articles in service, newest first, and which file each came from. */
  #kept = new SortedArticles(newestPublishedFirst);
  readonly #keptByFile = new Map<string, Article>();
  /** Files changed since the kept articles were last brought in step. */
  readonly #unsettled = new Set<string>();
  /** Files whose state holds a problem, and files whose kept article carries warnings. */
  readonly #problemFiles = new Set<string>();
  readonly #warnedFiles = new Set<string>();
  #findings: Omit<LoadedArticles, "articles"> | undefined;
  /** The last view given, given again while nothing in it changed. */
  #view: LoadedArticles | undefined;

  private constructor(dir: string, options: ReadOptions, index: ArticleIndex | undefined) {
    this.dir = dir;
    this.#options = options;
    this.#index = index;
    this.#held = new HeldNames({
      record: index === undefined ? new MemoryHolderRecord() : new StoredHolderRecord(index),
      modifiedAt: modifiedAt(dir),
    });
  }

  /** Reads every article file in `dir` (through the index, when there is one). */
  static async open(
    dir: string,
    options: ReadOptions,
    indexing?: StoreIndexing,
  ): Promise<ArticleStore> {
    const store = new ArticleStore(dir, options, indexing?.index);
    const read =
      indexing === undefined
        ? await readArticleFiles(dir, options)
        : await readArticleFilesWithIndex(
            dir,
            options,
            indexing.index,
            indexing.onProgress,
            indexing.threading,
          );
    for (const [name, result] of read) {
      store.#put(name, "message" in result ? { problem: result } : { article: result });
    }
    store.#settle();
    return store;
  }

  /** Sets what a file gives now (undefined: the file is gone), and tells the held names. */
  #put(name: string, state: FileState | undefined): void {
    if (state === undefined) this.#files.delete(name);
    else this.#files.set(name, state);
    this.#held.change(name, state?.article);
    this.#unsettled.add(name);
    if (state?.problem === undefined) this.#problemFiles.delete(name);
    else this.#problemFiles.add(name);
  }

  /** Decides the held names the changes touched and brings the kept articles in step. */
  #settle(): ArticleDelta {
    const delta: ArticleDelta = { removed: [], added: [] };
    if (this.#unsettled.size === 0) return delta;
    const files = this.#held.settle();
    for (const name of this.#unsettled) files.add(name);
    this.#unsettled.clear();
    // From nothing (the first reading), the articles are sorted once instead of inserted in turn.
    const fromNothing = this.#keptByFile.size === 0;
    for (const name of files) {
      const article = this.#files.get(name)?.article;
      const keep = article !== undefined && !this.#held.refuses(name) ? article : undefined;
      const before = this.#keptByFile.get(name);
      if (before === keep) continue;
      if (before !== undefined) {
        this.#kept.remove(before);
        this.#keptByFile.delete(name);
        this.#warnedFiles.delete(name);
        delta.removed.push(before);
      }
      if (keep !== undefined) {
        if (!fromNothing) this.#kept.insert(keep);
        this.#keptByFile.set(name, keep);
        if (keep.warnings !== undefined && keep.warnings.length > 0) this.#warnedFiles.add(name);
        delta.added.push(keep);
      }
    }
    if (fromNothing)
      this.#kept = new SortedArticles(newestPublishedFirst, sortNewestFirst(delta.added));
    if (delta.removed.length > 0 || delta.added.length > 0) this.#findings = undefined;
    return delta;
  }

  /**
   * Articles newest first (each id and slug kept by its holder), the problems of files in
   * file-name order and then the refused claimants; the articles are copied once per change and
   * the problems worked out again only after a change.
   */
  view(): LoadedArticles {
    const articles = this.articles();
    const { problems, warnings } = this.findings();
    const view = this.#view;
    if (view?.articles !== articles || view.problems !== problems || view.warnings !== warnings)
      this.#view = { articles, problems, warnings };
    return this.#view as LoadedArticles;
  }

  /** The kept articles, newest first, as a copy later changes leave alone. */
  articles(): readonly Article[] {
    this.#settle();
    return this.#kept.snapshot();
  }

  /** How many articles are kept. */
  get articleCount(): number {
    this.#settle();
    return this.#kept.length;
  }

  /** The view's problems and warnings, without the articles. */
  findings(): Omit<LoadedArticles, "articles"> {
    this.#settle();
    if (this.#findings === undefined) {
      // Only the few files with a problem or a warning are sorted by name.
      const problems = [...this.#problemFiles]
        .sort()
        .map((name) => this.#files.get(name)?.problem as StoreProblem);
      problems.push(...this.#held.problems());
      const warned = [...this.#warnedFiles].sort().map((name) => this.#keptByFile.get(name));
      const warnings = warningsOf(warned as Article[]);
      this.#findings = { problems, warnings };
    }
    return this.#findings;
  }

  /**
   * The files to read again when the media folder changes: episodes that name a media file, and
   * files that could not be read (one may have named a file that was missing).
   */
  namesUsingMedia(): string[] {
    const names: string[] = [];
    for (const [name, state] of this.#files) {
      if (state.problem !== undefined || state.article?.episode?.mediaFile !== undefined)
        names.push(name);
    }
    return names;
  }

  /** The files to read again when the images folder changes: articles whose lead image is a file of it. */
  namesUsingImages(): string[] {
    const names: string[] = [];
    for (const [name, state] of this.#files) {
      if (state.article?.image?.file !== undefined) names.push(name);
    }
    return names;
  }

  /** The names of the files read, those that gave an article and those that gave a problem. */
  heldNames(): IterableIterator<string> {
    return this.#files.keys();
  }

  /** Re-reads every file the folder holds now or held before. */
  async rereadAll(): Promise<RereadOutcome> {
    const listed = (await readdir(this.dir)).filter(isArticleFile);
    return this.reread([...new Set([...this.#files.keys(), ...listed])]);
  }

  /** Re-reads the named files (a missing file is a deletion). */
  async reread(names: readonly string[]): Promise<RereadOutcome> {
    let changed = false;
    const failed: string[] = [];
    const stored: Article[] = [];
    for (const name of new Set(names)) {
      if (!isArticleFile(name)) continue;
      const before = this.#files.get(name);
      const result =
        this.#index === undefined
          ? await readArticleAndMedia(this.dir, name, this.#options)
          : await readAndRecord(this.dir, name, this.#options, this.#index);
      if (result === undefined) {
        if (before) {
          this.#put(name, undefined);
          changed = true;
        }
        continue;
      }
      if ("message" in result) {
        failed.push(name);
        const kept = before?.article;
        const problem = kept
          ? { file: name, message: `${result.message} (the last good version stays published)` }
          : result;
        if (before?.problem?.message !== problem.message) changed = true;
        this.#put(name, kept ? { article: kept, problem } : { problem });
        continue;
      }
      if (before?.article !== undefined && sameArticle(before.article, result)) {
        // A no-op re-read: only a problem it clears is a change.
        if (before.problem !== undefined) changed = true;
        this.#put(name, { article: before.article });
        continue;
      }
      this.#put(name, { article: result });
      stored.push(result);
      changed = true;
    }
    const delta = this.#settle();
    if (changed) this.#findings = undefined;
    return { changed, failed, warnings: warningsOf(stored), delta };
  }
}
