// Reads the articles folder through the article index: a file whose size, times and inode are
// those the index recorded is taken from the index (its body read from the file when first shown);
// every other file is read and parsed, and the index learns it.
import { lstatSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Article, StoreProblem } from "../model.js";
import {
  type ArticleBody,
  ArticleIndex,
  decodeArticle,
  encodeArticle,
  type FileIdentity,
  fileIdentity,
} from "./article-index.js";
import { isArticleFile, type ReadOptions, readArticle, readArticleAndMedia } from "./load.js";

export interface ReadProgress {
  /** Files looked at so far, of `total`. */
  done: number;
  total: number;
  /** Of those, taken from the index and read and parsed. */
  fromIndex: number;
  parsed: number;
}

/** The identity of the file at `file` as a stat sees it, or undefined when it cannot be stat'ed. */
export function identityOf(file: string): FileIdentity | undefined {
  try {
    // lstat: a symbolic link is never taken from the index; reading it applies the link rules.
    const stats = lstatSync(file, { bigint: true, throwIfNoEntry: false });
    return stats?.isFile() ? fileIdentity(stats) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body of an article taken from the index, read from its file. A file that can no longer be
 * read gives an empty body for the moment: the watcher reads it again and reports the problem.
 */
function bodyReader(dir: string, name: string, options: ReadOptions): () => ArticleBody {
  return () => {
    const result = readArticle(dir, name, options);
    if (result === undefined || "message" in result) return { bodyHtml: "", summary: undefined };
    return { bodyHtml: result.bodyHtml, summary: result.summary };
  };
}

/** An article taken from the index, or undefined when its record cannot be decoded. */
export function articleFromIndex(
  record: string,
  dir: string,
  name: string,
  options: ReadOptions,
): Article | undefined {
  try {
    return decodeArticle(record, bodyReader(dir, name, options));
  } catch {
    return undefined;
  }
}

/** Reads one file and tells the index what it holds; the stat comes first, so a file changed meanwhile is read again next time. */
export async function readAndRecord(
  dir: string,
  name: string,
  options: ReadOptions,
  index: ArticleIndex,
): Promise<Article | StoreProblem | undefined> {
  const identity = identityOf(path.join(dir, name));
  const result = await readArticleAndMedia(dir, name, options);
  if (result === undefined || "message" in result || identity === undefined) index.remove(name);
  else index.save(name, identity, encodeArticle(result));
  return result;
}

/** How many parsed files are recorded in one transaction. */
const batchSize = 2_000;

/**
 * Every article file directly inside `dir`, in file-name order, through the index. Entries of
 * files that are gone are dropped from it. `onProgress` hears of every 10,000 files.
 */
export async function readArticleFilesWithIndex(
  dir: string,
  options: ReadOptions,
  index: ArticleIndex,
  onProgress?: (progress: ReadProgress) => void,
): Promise<Map<string, Article | StoreProblem>> {
  const names = (await readdir(dir)).filter(isArticleFile).sort();
  const entries = index.entries();
  const files = new Map<string, Article | StoreProblem>();
  const progress: ReadProgress = { done: 0, total: names.length, fromIndex: 0, parsed: 0 };
  let pending: Array<{ name: string; identity?: FileIdentity; record?: string }> = [];
  const flush = () => {
    const saving = pending;
    pending = [];
    index.batch(() => {
      for (const { name, identity, record } of saving) {
        if (identity === undefined || record === undefined) index.remove(name);
        else index.save(name, identity, record);
      }
    });
  };
  for (const name of names) {
    progress.done += 1;
    if (onProgress !== undefined && progress.done % 10_000 === 0 && progress.done < progress.total)
      onProgress({ ...progress });
    const identity = identityOf(path.join(dir, name));
    const entry = entries.get(name);
    if (identity !== undefined && ArticleIndex.matches(entry, identity)) {
      const article = articleFromIndex(entry.record, dir, name, options);
      if (article !== undefined) {
        files.set(name, article);
        progress.fromIndex += 1;
        continue;
      }
    }
    const result = await readArticleAndMedia(dir, name, options);
    progress.parsed += 1;
    // A file deleted between listing and reading is simply not there.
    if (result !== undefined) files.set(name, result);
    const record = result === undefined || "message" in result ? undefined : encodeArticle(result);
    if (record !== undefined || entry !== undefined)
      pending.push({
        name,
        ...(identity === undefined ? {} : { identity }),
        ...(record === undefined ? {} : { record }),
      });
    if (pending.length >= batchSize) flush();
  }
  const listed = new Set(names);
  for (const name of entries.keys()) if (!listed.has(name)) pending.push({ name });
  flush();
  if (onProgress !== undefined) onProgress({ ...progress });
  return files;
}
