// What a worker thread does with a batch of article files at a first reading (threaded-read.ts):
// each file is stat'ed, read, parsed and its Markdown body rendered (so its body is known to render
// within the bound, as an index record requires), then encoded as the record the article index
// keeps. Only plain data goes back: records, problems, and the files the main thread must read
// itself because they need more than their text.
import path from "node:path";
import type { FileLimits } from "./article-file.js";
import { encodeArticle, type FileIdentity } from "./article-index.js";
import { identityOf } from "./indexed-read.js";
import { readArticle } from "./load.js";
import { renderForTimeBound } from "./markdown-body.js";
import { pendingMarkdownOf } from "./parse.js";

export interface ReadJob extends FileLimits {
  kind: "read-articles";
  dir: string;
  names: string[];
  idPrefix: string;
}

/** What one file gave, in the order of the job's names. */
export type ThreadRead =
  /** An article, as the index records it; the identity is its file's, taken before reading. */
  | { record: string; identity: FileIdentity | undefined }
  /** The file could not be read or parsed: why, as the store reports it. */
  | { problem: string }
  /** The file is gone. */
  | { gone: true }
  /**
   * The main thread reads this file itself: an episode's media file or a lead image in the
   * images folder is read from another folder, and a body that failed to render is reported as
   * the bounded renderer words it.
   */
  | { onMainThread: true };

function readOne(dir: string, name: string, job: ReadJob): ThreadRead {
  const identity = identityOf(path.join(dir, name));
  const result = readArticle(dir, name, job);
  if (result === undefined) return { gone: true };
  if ("message" in result) return { problem: result.message };
  if (result.episode?.mediaFile !== undefined || result.image?.file !== undefined)
    return { onMainThread: true };
  // Rendered here only to know that it renders, within the time the job is given; the main
  // thread renders it again from the file when it is first shown, as for any indexed article.
  const pending = pendingMarkdownOf(result);
  if (pending !== undefined) {
    try {
      renderForTimeBound(pending.markdown);
    } catch {
      return { onMainThread: true };
    }
  }
  const record = encodeArticle(result);
  return record === undefined ? { onMainThread: true } : { record, identity };
}

/** Reads the job's files, one result per name. */
export function readArticleBatch(job: ReadJob): ThreadRead[] {
  return job.names.map((name) => readOne(job.dir, name, job));
}
