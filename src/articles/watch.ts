// Watches the articles folder and hands changed file names on in batches. A file that fails to
// parse is tried again a few times (it may have been caught half-written) before it is reported.
import { watch } from "node:fs";

/**
 * Called with the names that changed, or "all" when the platform could not say which. Returns
 * the names that could not be read this time; `lastTry` is true on the final attempt.
 */
export type FolderChangeHandler = (names: string[] | "all", lastTry: boolean) => Promise<string[]>;

export interface WatchTiming {
  /** Quiet time that closes a batch of events, in ms. */
  debounceMs: number;
  /** Delays before each retry of a file that failed to parse, in ms. */
  retryDelaysMs: readonly number[];
}

export const defaultWatchTiming: WatchTiming = { debounceMs: 10, retryDelaysMs: [100, 250, 500] };

/** Starts watching; the returned function stops it. Batches are handled one at a time. */
export function watchFolder(
  dir: string,
  onChange: FolderChangeHandler,
  onError: (error: Error) => void,
  timing: WatchTiming = defaultWatchTiming,
): () => void {
  let pending = new Set<string>();
  let rescan = false;
  let debounce: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;

  const handle = (names: string[] | "all", attempt: number): void => {
    queue = queue
      .then(async () => {
        if (closed) return;
        const lastTry = attempt >= timing.retryDelaysMs.length;
        const failed = await onChange(names, lastTry);
        if (failed.length === 0 || lastTry || closed) return;
        const retry = setTimeout(() => {
          retries.delete(retry);
          handle(failed, attempt + 1);
        }, timing.retryDelaysMs[attempt]);
        retries.add(retry);
      })
      .catch((error: unknown) =>
        onError(error instanceof Error ? error : new Error(String(error))),
      );
  };

  const watcher = watch(dir, { persistent: false }, (_event, filename) => {
    if (filename === null) rescan = true;
    else pending.add(filename.toString());
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      const names = rescan ? "all" : [...pending];
      pending = new Set();
      rescan = false;
      handle(names, 0);
    }, timing.debounceMs);
  });
  watcher.on("error", onError);

  return () => {
    closed = true;
    watcher.close();
    clearTimeout(debounce);
    for (const retry of retries) clearTimeout(retry);
  };
}
