// Who keeps an id or a slug that two files claim: the file that held it first. A newcomer that
// reuses an existing article's id (or slug) is refused and reported, whatever the order of the
// file names. "Held" is recorded (in the article index, so it lasts across restarts); among
// claimants none of which is recorded, the file modified longest ago holds, then the first name.
import { lstatSync } from "node:fs";
import path from "node:path";
import type { Article, StoreProblem } from "../model.js";

/** A field whose names are held: no two kept articles share an id, or a slug. */
export type HeldField = "id" | "slug";

/** The key a holder is recorded under: "id <id>", "slug <slug>". */
export function holderKey(field: HeldField, name: string): string {
  return `${field} ${name}`;
}

/** The field and name a holder key was made of (`holderKey`). */
export function holderKeyParts(key: string): { field: string; name: string } {
  const space = key.indexOf(" ");
  return { field: key.slice(0, space), name: key.slice(space + 1) };
}

/**
 * The record of which file holds each id and slug, by key (`holderKey`). The store's held names
 * (held-names.ts) read it in their first settling only, and then only update it.
 */
export interface HolderRecord {
  holderOf(key: string): string | undefined;
  /** Every key recorded. */
  keys(): Iterable<string>;
  /** Records the holders that changed and forgets the keys no file claims any more. */
  update(changed: ReadonlyMap<string, string>, forgotten: readonly string[]): void;
  /** Said once the first settling is over: what was read for it may be let go. */
  firstSettlingDone?(): void;
}

/** A record kept in memory only (no STATE_DIR): it lasts as long as the process. */
export class MemoryHolderRecord implements HolderRecord {
  readonly #holders: Map<string, string>;

  /** Keeps `holders` itself (not a copy): at 100,000 articles a copy costs 0.4 s at start. */
  constructor(holders: Map<string, string> = new Map()) {
    this.#holders = holders;
  }

  holderOf(key: string): string | undefined {
    return this.#holders.get(key);
  }

  keys(): Iterable<string> {
    return this.#holders.keys();
  }

  update(changed: ReadonlyMap<string, string>, forgotten: readonly string[]): void {
    for (const key of forgotten) this.#holders.delete(key);
    for (const [key, file] of changed) this.#holders.set(key, file);
  }
}

/** Where holders are stored durably (the article index). */
export interface HolderStorage {
  holders(): Map<string, string>;
  saveHolders(changed: ReadonlyMap<string, string>, forgotten: readonly string[]): void;
}

/**
 * A record in durable storage, written with only what changed. It is read whole when made, before
 * the folder is read (a failed index write there closes the index, and the record must not be
 * lost with it), and let go after the first settling (200,000 holders at 100,000 articles, some
 * 20 MiB); asked again after that, it reads the storage again.
 */
export class StoredHolderRecord implements HolderRecord {
  readonly #storage: HolderStorage;
  #read: MemoryHolderRecord | undefined;

  constructor(storage: HolderStorage) {
    this.#storage = storage;
    this.#read = new MemoryHolderRecord(storage.holders());
  }

  #holders(): MemoryHolderRecord {
    this.#read ??= new MemoryHolderRecord(this.#storage.holders());
    return this.#read;
  }

  holderOf(key: string): string | undefined {
    return this.#holders().holderOf(key);
  }

  keys(): Iterable<string> {
    return this.#holders().keys();
  }

  update(changed: ReadonlyMap<string, string>, forgotten: readonly string[]): void {
    this.#storage.saveHolders(changed, forgotten);
    this.#read?.update(changed, forgotten);
  }

  firstSettlingDone(): void {
    this.#read = undefined;
  }
}

/** How long ago each file was modified, to order claimants no record names (older first). */
export function modifiedAt(dir: string): (file: string) => number {
  return (file) => {
    try {
      return lstatSync(path.join(dir, file), { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
    } catch {
      return Infinity;
    }
  };
}

export interface HoldingRules {
  record: HolderRecord;
  modifiedAt: (file: string) => number;
}

/**
 * The claimant that holds a name: the `recorded` holder, else the oldest file, else the first.
 * `claimants` must be in file-name order.
 */
export function holderAmong(
  claimants: readonly Article[],
  recorded: string | undefined,
  modifiedAt: (file: string) => number,
): Article {
  const held = claimants.find((article) => article.file === recorded);
  if (held !== undefined) return held;
  let oldest = claimants[0] as Article;
  for (const article of claimants.slice(1)) {
    if (modifiedAt(article.file) < modifiedAt(oldest.file)) oldest = article;
  }
  return oldest;
}

/**
 * Keeps one article for each id, then for each slug: the holder; every other claimant is a
 * problem naming the holder's file. `articles` must be in file-name order. Without rules, the
 * first in file-name order holds. For tools that read a folder once: it records nothing, and it
 * passes over every article (the store keeps its holders change by change: held-names.ts).
 */
export function keepHolders(
  articles: readonly Article[],
  problems: StoreProblem[],
  rules?: HoldingRules,
): Article[] {
  let kept = [...articles];
  for (const field of ["id", "slug"] as const) {
    const claims = new Map<string, Article[]>();
    for (const article of kept) {
      const claimants = claims.get(article[field]);
      if (claimants === undefined) claims.set(article[field], [article]);
      else claimants.push(article);
    }
    const refused = new Set<Article>();
    for (const [name, claimants] of claims) {
      const key = holderKey(field, name);
      const holder =
        claimants.length === 1 || rules === undefined
          ? (claimants[0] as Article)
          : holderAmong(claimants, rules.record.holderOf(key), rules.modifiedAt);
      for (const article of claimants) {
        if (article === holder) continue;
        refused.add(article);
        problems.push({
          file: article.file,
          message: `${field}: "${name}" is already used by ${holder.file}`,
        });
      }
    }
    kept = kept.filter((article) => !refused.has(article));
  }
  return kept;
}
