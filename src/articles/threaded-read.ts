// The first reading of a large folder on every core: the files are handed in batches to worker
// threads of a pool started for the reading (read-job.ts does the work), each batch bounded by
// the time one body may take to render, and the pool is closed when all are done.
import { availableParallelism } from "node:os";
import { WorkerPool } from "../workers/worker-pool.js";
import type { FileLimits } from "./article-file.js";
import type { ReadJob, ThreadRead } from "./read-job.js";

export interface ThreadedReading extends FileLimits {
  idPrefix: string;
  /** The longest one batch may take (RENDER_TIMEOUT_MS, the bound of one body). */
  timeoutMs: number;
  /** Threads to start; one per core unless given. */
  threads?: number;
}

/** Files per batch: tens of milliseconds of work, far within the time a batch is given. */
const batchSize = 64;

/**
 * Reads `names` inside `dir` on worker threads. `onBatch` hears each batch as it is done, in no
 * set order: its names and what each gave, or undefined for a batch that ran past its time or
 * lost its thread (whose files the caller reads itself). Gives the number of threads it started.
 */
export async function readOnThreads(
  dir: string,
  names: readonly string[],
  reading: ThreadedReading,
  onBatch: (names: readonly string[], reads: readonly ThreadRead[] | undefined) => void,
): Promise<number> {
  const pool = new WorkerPool({ size: reading.threads ?? availableParallelism() });
  const limits: FileLimits = {
    ...(reading.maxArticleBytes === undefined ? {} : { maxArticleBytes: reading.maxArticleBytes }),
    ...(reading.followSymlinks === undefined ? {} : { followSymlinks: reading.followSymlinks }),
  };
  try {
    const batches: Promise<void>[] = [];
    for (let start = 0; start < names.length; start += batchSize) {
      const batch = names.slice(start, start + batchSize);
      const job: ReadJob = {
        kind: "read-articles",
        dir,
        names: batch,
        idPrefix: reading.idPrefix,
        ...limits,
      };
      batches.push(
        pool.run(job, reading.timeoutMs).then(
          (reads) => onBatch(batch, reads),
          () => onBatch(batch, undefined),
        ),
      );
    }
    await Promise.all(batches);
    return pool.threadsStarted;
  } finally {
    await pool.close();
  }
}
