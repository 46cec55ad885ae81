// A small pool of worker threads that runs jobs (jobs.ts) off the main event loop, each bounded in
// time: a job's clock starts when a thread takes it, not when it is queued, and a thread whose
// job runs past its time is terminated and replaced. A thread that dies (out of memory, say) fails
// its job and is replaced too. Idle threads do not keep the process alive.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Job, JobResults } from "./jobs.js";
import type { JobMessage, ThreadMessage } from "./worker-thread.js";

/** A job that was still running when its time was up; its thread was terminated. */
export class WorkTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`not done within ${timeoutMs.toLocaleString("en")} ms`);
    this.name = "WorkTimeoutError";
  }
}

/** A job that threw, or whose thread died under it; the message says why. */
export class WorkFailedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "WorkFailedError";
  }
}

interface Task {
  id: number;
  job: Job;
  timeoutMs: number;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export interface PoolOptions {
  /** Threads at most; one fewer than the cores, at least one, unless given. */
  size?: number;
  /** Heap of each thread in MiB: a job needing more fails instead of growing the process. */
  heapMb?: number;
}

/**
 * Starts a thread on worker-thread.js beside this module; from the TypeScript sources (tsx,
 * vitest) on worker-thread.ts, with tsx's loader registered inside the thread first.
 */
function startThread(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./worker-thread.js", import.meta.url), { resourceLimits });
  }
  const entry = JSON.stringify(new URL("./worker-thread.ts", import.meta.url).href);
  return new Worker(
    `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`,
    { eval: true, resourceLimits },
  );
}

export class WorkerPool {
  readonly size: number;
  readonly #heapMb: number;
  readonly #threads = new Set<Thread>();
  readonly #queue: Task[] = [];
  #nextId = 1;
  #started = 0;
  #closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, availableParallelism() - 1));
    this.#heapMb = options.heapMb ?? 256;
  }

  /** Threads started so far, replacements included. */
  get threadsStarted(): number {
    return this.#started;
  }

  /** Jobs waiting for a thread. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Starts a thread now, if none is running, so the first job does not wait for one to load. */
  warm(): void {
    if (!this.#closed && this.#threads.size === 0) this.#start();
  }

  /** Runs a job on a thread; rejects with WorkTimeoutError or WorkFailedError. */
  run<Kind extends Job["kind"]>(
    job: Extract<Job, { kind: Kind }>,
    timeoutMs: number,
  ): Promise<JobResults[Kind]> {
    if (this.#closed) return Promise.reject(new WorkFailedError("the worker pool is closed"));
    return new Promise<JobResults[Kind]>((resolve, reject) => {
      this.#queue.push({
        id: this.#nextId++,
        job,
        timeoutMs,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      this.#dispatch();
    });
  }

  /** Terminates every thread; queued and running jobs fail. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new WorkFailedError("the pool closed"));
    const threads = [...this.#threads];
    for (const thread of threads) this.#retire(thread, new WorkFailedError("the pool closed"));
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const idle = [...this.#threads].find((thread) => thread.ready && thread.task === undefined);
      if (idle === undefined) {
        const starting = [...this.#threads].some((thread) => !thread.ready);
        if (!starting && this.#threads.size < this.size) this.#start();
        return;
      }
      const task = this.#queue.shift() as Task;
      idle.task = task;
      idle.worker.ref();
      idle.timer = setTimeout(() => {
        this.#retire(idle, new WorkTimeoutError(task.timeoutMs));
        void idle.worker.terminate();
        this.#dispatch();
      }, task.timeoutMs);
      idle.worker.postMessage({ id: task.id, job: task.job } satisfies JobMessage);
    }
  }

  #start(): void {
    const thread: Thread = { worker: startThread(this.#heapMb), ready: false };
    this.#started += 1;
    this.#threads.add(thread);
    thread.worker.on("message", (message: ThreadMessage) => {
      if ("ready" in message) {
        thread.ready = true;
      } else if (thread.task?.id === message.id) {
        const { task } = thread;
        clearTimeout(thread.timer);
        thread.task = undefined;
        if ("error" in message) task.reject(new WorkFailedError(message.error));
        else task.resolve(message.result);
      }
      if (thread.task === undefined) thread.worker.unref();
      this.#dispatch();
    });
    const died = (reason: string, cause?: unknown) => {
      if (!this.#threads.has(thread)) return;
      const error = new WorkFailedError(reason, { cause });
      this.#retire(thread, error);
      // A thread that cannot even start would fail again: the waiting jobs fail with it.
      if (!thread.ready) for (const task of this.#queue.splice(0)) task.reject(error);
      this.#dispatch();
    };
    thread.worker.on("error", (error) => died(`${error.name}: ${error.message}`, error));
    thread.worker.on("exit", (code) => died(`the worker thread exited (${code})`));
  }

  /** Takes a thread out of the pool, failing its job with `error`. */
  #retire(thread: Thread, error: Error): void {
    this.#threads.delete(thread);
    clearTimeout(thread.timer);
    thread.task?.reject(error);
    thread.task = undefined;
  }
}

let shared: WorkerPool | undefined;

/** The process's one pool, started on first use. */
export function sharedWorkerPool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}
