// A persistent index of parsed articles beside the folder (SQLite, in STATE_DIR), so a restart
// re-reads only the files that changed. Each file's entry is keyed by what a stat tells without
// reading it: size, modification time, change time and inode, all in nanoseconds or exact. A file
// rewritten, renamed over, restored by a backup or touched gets a new change time even when its
// size and mtime are set back, so it is parsed again. The article files stay the source of truth:
// bodies are never stored (they are read from the file when first shown), deleting the index
// loses nothing, and an index that cannot be read is set aside and built again.
import { type BigIntStats, renameSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { DateTime } from "luxon";
import type { Article } from "../model.js";
import {
  type BodySource,
  IndexedArticle,
  type SharedValues,
  type StoredFields,
} from "./indexed-article.js";

/**
 * Bump when the Article shape or what parsing makes of a file changes: an index of another format
 * is emptied and built again.
 */
const indexFormat = "3";

/**
 * What identifies one version of a file without reading it: size, mtime and ctime in nanoseconds,
 * and inode, as one string.
 */
export type FileIdentity = string;

export function fileIdentity(stats: BigIntStats): FileIdentity {
  return `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.ino}`;
}

/** An article as the index keeps it: every field but the body, dates as [ms, offset minutes]. */
type Stored = Record<string, unknown>;

type PathStep = string | number;

/**
 * Replaces every DateTime inside `value` by [ms, offset minutes] and notes where each was, so
 * decoding visits those places only instead of walking the whole record.
 */
function encodeValue(value: unknown, at: PathStep[], dates: PathStep[][]): unknown {
  if (value instanceof DateTime) {
    dates.push(at);
    return [value.toMillis(), value.offset];
  }
  if (Array.isArray(value)) return value.map((inner, i) => encodeValue(inner, [...at, i], dates));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value))
      out[key] = encodeValue(inner, [...at, key], dates);
    return out;
  }
  return value;
}

/** Turns the [ms, offset] at `at` inside `stored` back into a DateTime. */
function restoreDate(stored: Stored, at: readonly PathStep[], shared: SharedValues): void {
  let parent: Record<PathStep, unknown> = stored;
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<PathStep, unknown>;
  const last = at.at(-1) as PathStep;
  const [ms, offset] = parent[last] as [number, number];
  parent[last] = shared.dateAt(ms, offset);
}

/** Whether the article's summary is its own (front matter) rather than read from its body. */
function hasOwnSummary(article: Article): boolean {
  if (article instanceof IndexedArticle) return article.hasOwnSummary;
  return Object.getOwnPropertyDescriptor(article, "summary")?.get === undefined;
}

/**
 * The record kept for an article, or undefined for one that must always be read from its file
 * (an episode whose media file, or an article whose images folder image, the store reads each
 * time; an article with a date in no fixed offset, such as a date written without a time, read in
 * the process's zone, which [ms, offset] would bring back as a fixed offset, printed otherwise).
 */
export function encodeArticle(article: Article): string | undefined {
  if (article.episode?.mediaFile !== undefined || article.image?.file !== undefined)
    return undefined;
  const stored: Stored = {};
  const dates: PathStep[][] = [];
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(article))) {
    // Only plain values: the body (and a summary taken from it) are getters over the file.
    if (!("value" in descriptor) || descriptor.value === undefined) continue;
    stored[key] = encodeValue(descriptor.value, [key], dates);
  }
  for (const at of dates) {
    const date = at.reduce<unknown>(
      (value, step) => (value as Record<PathStep, unknown>)[step],
      article,
    ) as DateTime;
    if (date.zone.type !== "fixed") return undefined;
  }
  // An indexed article's own summary sits behind the same getter as one read from its body.
  if (article instanceof IndexedArticle && article.hasOwnSummary && article.summary !== undefined)
    stored.summary = article.summary;
  return JSON.stringify({ article: stored, dates, ownSummary: hasOwnSummary(article) });
}

/**
 * The article a record describes, in the compact shape of an indexed article; its body (and a
 * summary taken from the body) are read through `bodies` whenever asked for. Tags, authors and
 * date zones come from `shared`, one of each for the whole reading.
 */
export function decodeArticle(record: string, bodies: BodySource, shared: SharedValues): Article {
  const {
    article: stored,
    dates,
    ownSummary,
  } = JSON.parse(record) as {
    article: Stored;
    dates: PathStep[][];
    ownSummary: boolean;
  };
  for (const at of dates) restoreDate(stored, at, shared);
  const fields = stored as unknown as StoredFields;
  fields.tags = fields.tags.map((tag) => shared.string(tag));
  fields.authors = fields.authors.map((author) => shared.author(author));
  return new IndexedArticle(fields, ownSummary, bodies);
}

/** Index rows read in one call at start. */
const pageRows = 2_000;

/**
 * What records depend on besides the files: the id prefix, and that bodies were rendered within
 * the bound (off-thread-body.ts) before an article was recorded. An index made under another key
 * is read anew.
 */
export function indexParserKey(idPrefix: string): string {
  return `idPrefix=${idPrefix} bodies=bounded`;
}

/** Said when the index could not be used and was set aside or left alone. */
export type IndexWarning = (message: string, error: unknown) => void;

export class ArticleIndex {
  readonly file: string;
  #db: Database.Database | undefined;
  readonly #warn: IndexWarning;
  #upsert: Database.Statement | undefined;
  #delete: Database.Statement | undefined;

  private constructor(file: string, db: Database.Database, warn: IndexWarning) {
    this.file = file;
    this.#db = db;
    this.#warn = warn;
    this.#upsert = db.prepare(
      "INSERT OR REPLACE INTO files (name, identity, record) VALUES (?, ?, ?)",
    );
    this.#delete = db.prepare("DELETE FROM files WHERE name = ?");
  }

  /**
   * Opens the index at `file` for articles parsed with `parserKey` (what besides a file's text
   * decides its article, such as the id prefix). An index that cannot be read is renamed aside
   * (`.corrupt`) and a new one made; if even that fails, there is no index (undefined).
   */
  static open(file: string, parserKey: string, warn: IndexWarning): ArticleIndex | undefined {
    try {
      return new ArticleIndex(file, openDatabase(file, parserKey), warn);
    } catch (error) {
      warn("the article index could not be read; it is built again from the files", error);
      try {
        renameSync(file, `${file}.corrupt`);
        rmSync(`${file}-wal`, { force: true });
        rmSync(`${file}-shm`, { force: true });
        return new ArticleIndex(file, openDatabase(file, parserKey), warn);
      } catch (again) {
        warn("the article index cannot be made; every start reads every file", again);
        return undefined;
      }
    }
  }

  /**
   * Hands every entry to `visit`, a page of rows at a time, so a record can be decoded and let go
   * while it is young instead of all of them being held at once (100 MB at 100,000 articles, which
   * the garbage collector would copy twice). An index that fails midway is closed: the entries
   * not yet visited are read from the files.
   */
  visitEntries(visit: (name: string, identity: FileIdentity, record: string) => void): void {
    const db = this.#db;
    if (db === undefined) return;
    let rows: Array<[number, string, string, string]>;
    let after = -Infinity;
    try {
      // Rows as arrays, a page in one call: better-sqlite3 then makes no object with named
      // columns for each, and does not cross into JavaScript once per row as iterate() does.
      const page = db
        .prepare(
          "SELECT rowid, name, identity, record FROM files WHERE rowid > ? ORDER BY rowid LIMIT ?",
        )
        .raw();
      do {
        rows = page.all(after, pageRows) as typeof rows;
        for (const [rowid, name, identity, record] of rows) {
          after = rowid;
          visit(name, identity, record);
        }
      } while (rows.length === pageRows);
    } catch (error) {
      this.#fail("the article index could not be read; the files are read instead", error);
    }
  }

  /** Records (or, with undefined, forgets) the article read from `name` at `identity`. */
  save(name: string, identity: FileIdentity, record: string | undefined): void {
    if (record === undefined) {
      this.remove(name);
      return;
    }
    try {
      this.#upsert?.run(name, identity, record);
    } catch (error) {
      this.#fail("the article index could not be written; it is no longer used", error);
    }
  }

  remove(name: string): void {
    try {
      this.#delete?.run(name);
    } catch (error) {
      this.#fail("the article index could not be written; it is no longer used", error);
    }
  }

  /** Runs `task` as one transaction: thousands of saves at start cost one sync. */
  batch(task: () => void): void {
    const db = this.#db;
    if (db === undefined) {
      task();
      return;
    }
    db.transaction(task)();
  }

  /** The holders recorded in the index at `file`, opened read-only; none when it cannot be read. */
  static readHolders(file: string): Map<string, string> {
    const holders = new Map<string, string>();
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        readHolderRows(db, holders);
      } finally {
        db.close();
      }
    } catch {
      // No index, or one made before holders were recorded: the files' ages decide.
    }
    return holders;
  }

  /** Which file holds each claimed id and slug (name-holders.ts), by key. */
  holders(): Map<string, string> {
    const holders = new Map<string, string>();
    try {
      if (this.#db !== undefined) readHolderRows(this.#db, holders);
    } catch (error) {
      this.#fail("the article index could not be read; the files are read instead", error);
    }
    return holders;
  }

  saveHolders(changed: ReadonlyMap<string, string>, forgotten: readonly string[]): void {
    const db = this.#db;
    if (db === undefined) return;
    try {
      const upsert = db.prepare("INSERT OR REPLACE INTO holders (key, file) VALUES (?, ?)");
      const forget = db.prepare("DELETE FROM holders WHERE key = ?");
      db.transaction(() => {
        for (const [key, file] of changed) upsert.run(key, file);
        for (const key of forgotten) forget.run(key);
      })();
    } catch (error) {
      this.#fail("the article index could not be written; it is no longer used", error);
    }
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
    this.#upsert = undefined;
    this.#delete = undefined;
  }

  /** An index that failed once is closed: the store goes on from the files alone. */
  #fail(message: string, error: unknown): void {
    this.#warn(message, error);
    try {
      this.#db?.close();
    } catch {
      // already unusable
    }
    this.#db = undefined;
    this.#upsert = undefined;
    this.#delete = undefined;
  }
}

/**
 * Every recorded holder into `holders` (200,000 at 100,000 articles): rows as arrays, all in one
 * call (they are all kept, so there is nothing to gain from pages as `visitEntries` reads them).
 */
function readHolderRows(db: Database.Database, holders: Map<string, string>): void {
  const rows = db.prepare("SELECT key, file FROM holders").raw().all() as Array<[string, string]>;
  for (const [key, file] of rows) holders.set(key, file);
}

function openDatabase(file: string, parserKey: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    // A crash can lose the last changes, never corrupt the file; the files are the truth anyway.
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 1000");
    db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS files (
        name TEXT PRIMARY KEY, identity TEXT NOT NULL, record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS holders (key TEXT PRIMARY KEY, file TEXT NOT NULL)`);
    const key = `${indexFormat} ${parserKey}`;
    const row = db.prepare("SELECT value FROM meta WHERE key = 'key'").get() as
      | { value: string }
      | undefined;
    if (row?.value !== key) {
      db.transaction(() => {
        db.exec("DELETE FROM files");
        db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('key', ?)").run(key);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
