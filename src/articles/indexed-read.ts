// Reads the articles folder through the article index: a file whose size, times and inode are
// those the index recorded is taken from the index (its body read from the file when first shown);
// every other file is read and parsed, and the index learns it. Many files to parse (a first
// start) are parsed on a thread per core, and taken back as a restart takes them from the index.
import { lstatSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Article, StoreProblem } from "../model.js";
import {
  type ArticleIndex,
  decodeArticle,
  encodeArticle,
  type FileIdentity,
  fileIdentity,
} from "./article-index.js";
import { BodySource, SharedValues } from "./indexed-article.js";
import { isArticleFile, type ReadOptions, readArticle, readArticleAndMedia } from "./load.js";
import type { ThreadRead } from "./read-job.js";
import { readOnThreads } from "./threaded-read.js";

export interface ReadProgress {
  /** Files looked at so far, of `total`. */
  done: number;
  total: number;
  /** Of those, taken from the index and read and parsed. */
  fromIndex: number;
  parsed: number;
  /** The worker threads the files were parsed on, when they were (a large first reading). */
  threads?: number;
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
 * The bodies of the articles taken from the index, read from their files. A file that can no
 * longer be read gives an empty body for the moment: the watcher reads it again and reports the
 * problem.
 */
function bodySource(dir: string, options: ReadOptions): BodySource {
  return new BodySource((name) => {
    const result = readArticle(dir, name, options);
    if (result === undefined || "message" in result) return { bodyHtml: "", summary: undefined };
    return { bodyHtml: result.bodyHtml, summary: result.summary };
  }, options.bodyCacheBytes);
}

/** An article taken from the index, or undefined when its record cannot be decoded. */
function articleFromIndex(
  record: string,
  bodies: BodySource,
  shared: SharedValues,
): Article | undefined {
  try {
    return decodeArticle(record, bodies, shared);
  } catch {
    return undefined;
  }
}

/** What reading one file gave, and what the index is to learn of it. */
interface FileRead {
  /** The article, the problem, or undefined for a file that is gone. */
  result: Article | StoreProblem | undefined;
  /** The file's identity, taken before it was read. */
  identity: FileIdentity | undefined;
  /** The record the index keeps of the article; undefined when it keeps none. */
  record: string | undefined;
}

/** Reads one file on this thread; the stat comes first, so a file changed meanwhile is read again next time. */
async function readOnMainThread(
  dir: string,
  name: string,
  options: ReadOptions,
): Promise<FileRead> {
  const identity = identityOf(path.join(dir, name));
  const result = await readArticleAndMedia(dir, name, options);
  const record = result === undefined || "message" in result ? undefined : encodeArticle(result);
  return { result, identity, record };
}

/** Reads one file and tells the index what it holds. */
export async function readAndRecord(
  dir: string,
  name: string,
  options: ReadOptions,
  index: ArticleIndex,
): Promise<Article | StoreProblem | undefined> {
  const { result, identity, record } = await readOnMainThread(dir, name, options);
  if (record === undefined || identity === undefined) index.remove(name);
  else index.save(name, identity, record);
  return result;
}

/**
 * What a worker thread gave for one file (read-job.ts), as the main thread keeps it: an article
 * is taken from its record as a restart takes it from the index. Undefined when the main thread
 * must read the file itself.
 */
function fromThread(
  name: string,
  read: ThreadRead,
  fromRecord: (record: string) => Article | undefined,
): FileRead | undefined {
  if ("gone" in read) return { result: undefined, identity: undefined, record: undefined };
  if ("problem" in read)
    return {
      result: { file: name, message: read.problem },
      identity: undefined,
      record: undefined,
    };
  if ("onMainThread" in read) return undefined;
  const article = fromRecord(read.record);
  if (article === undefined) return undefined;
  return { result: article, identity: read.identity, record: read.record };
}

/** How many parsed files are recorded in one transaction. */
const batchSize = 2_000;

/** When files are parsed on threads (threaded-read.ts), and on how many. */
export interface Threading {
  /**
   * From this many files to parse, with bodies bounded (`options.render`), they are parsed on
   * threads: 500 by default, since starting the threads costs more than a few files.
   */
  from?: number;
  /** Threads to start; one per core unless given. */
  threads?: number;
}

/**
 * Reads and parses `names` (in file-name order), on worker threads when there are many of them
 * and bodies are bounded (`options.render`), else one by one. `onRead` hears each file's read in
 * no set order, and `flush` is called after every batch of them. Gives the number of threads
 * started, or undefined when the files were read on the main thread.
 */
async function parseFiles(
  dir: string,
  names: readonly string[],
  options: ReadOptions,
  fromRecord: (record: string) => Article | undefined,
  onRead: (name: string, read: FileRead) => void,
  flush: () => void,
  threading: Threading,
): Promise<number | undefined> {
  const render = options.render;
  if (render === undefined || names.length === 0 || names.length < (threading.from ?? 500)) {
    for (const [i, name] of names.entries()) {
      onRead(name, await readOnMainThread(dir, name, options));
      if ((i + 1) % batchSize === 0) flush();
    }
    flush();
    return undefined;
  }
  const onMain: string[] = [];
  const threads = await readOnThreads(
    dir,
    names,
    {
      idPrefix: options.idPrefix,
      timeoutMs: render.timeoutMs,
      ...(options.maxArticleBytes === undefined
        ? {}
        : { maxArticleBytes: options.maxArticleBytes }),
      ...(options.followSymlinks === undefined ? {} : { followSymlinks: options.followSymlinks }),
      ...(threading.threads === undefined ? {} : { threads: threading.threads }),
    },
    (batch, reads) => {
      batch.forEach((name, i) => {
        const read = reads?.[i];
        const file = read === undefined ? undefined : fromThread(name, read, fromRecord);
        if (file === undefined) onMain.push(name);
        else onRead(name, file);
      });
      flush();
    },
  );
  // A batch past its time, or a file a thread could not finish: each is read alone, as always.
  onMain.sort();
  for (const name of onMain) onRead(name, await readOnMainThread(dir, name, options));
  flush();
  return threads;
}

/**
 * Every article file directly inside `dir`, in file-name order, through the index. Entries of
 * files that are gone are dropped from it. `onProgress` hears of every 10,000 files.
 */
export async function readArticleFilesWithIndex(
  dir: string,
  options: ReadOptions,
  index: ArticleIndex,
  onProgress?: (progress: ReadProgress) => void,
  threading: Threading = {},
): Promise<Map<string, Article | StoreProblem>> {
  const names = (await readdir(dir)).filter(isArticleFile).sort();
  const results = new Map<string, Article | StoreProblem | undefined>();
  // Every name holds its place, so the results stay in file-name order.
  for (const name of names) results.set(name, undefined);
  const progress: ReadProgress = { done: 0, total: names.length, fromIndex: 0, parsed: 0 };
  const bodies = bodySource(dir, options);
  const shared = new SharedValues();
  const lookedAt = () => {
    progress.done += 1;
    if (onProgress !== undefined && progress.done % 10_000 === 0 && progress.done < progress.total)
      onProgress({ ...progress });
  };
  /** Files the index has an entry for, and entries of files that are gone. */
  const indexed = new Set<string>();
  const gone: string[] = [];
  index.visitEntries((name, identity, record) => {
    if (!results.has(name)) {
      gone.push(name);
      return;
    }
    indexed.add(name);
    if (identityOf(path.join(dir, name)) !== identity) return;
    const article = articleFromIndex(record, bodies, shared);
    if (article === undefined) return;
    results.set(name, article);
    progress.fromIndex += 1;
    lookedAt();
  });
  // A file the index does not know is stat'ed when it is read (a first start: only then).
  const toParse = names.filter((name) => results.get(name) === undefined);
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
  const onRead = (name: string, { result, identity, record }: FileRead) => {
    progress.parsed += 1;
    lookedAt();
    results.set(name, result);
    if (record !== undefined || indexed.has(name))
      pending.push({
        name,
        ...(identity === undefined ? {} : { identity }),
        ...(record === undefined ? {} : { record }),
      });
  };
  const fromRecord = (record: string) => articleFromIndex(record, bodies, shared);
  const threads = await parseFiles(dir, toParse, options, fromRecord, onRead, flush, threading);
  if (threads !== undefined) progress.threads = threads;
  for (const name of gone) pending.push({ name });
  flush();
  if (onProgress !== undefined) onProgress({ ...progress });
  const files = new Map<string, Article | StoreProblem>();
  // A file deleted between listing and reading is simply not there.
  for (const [name, result] of results) if (result !== undefined) files.set(name, result);
  return files;
}
