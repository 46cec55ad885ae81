// Watches the articles folder and hands changed file names on in batches. A file written to in
// place is held back until it settles (its size and times stop moving), so a file still being
// written is never read half-written; a file moved in whole (renamed into place, the way careful
// writers publish) or deleted is handed on at once; a file that fails to parse is tried again a
// few times before it is reported. Events the kernel dropped (its queue overflowed) are caught
// up by an audit of the folder: at once after an overflow, and every so often in case one went
// unnoticed (folder-audit.ts).
import { lstatSync, watch } from "node:fs";
import path from "node:path";
import { countFolderEvent, onEventQueueOverflow } from "./event-queue.js";
import { type FolderBaseline, FolderRecord } from "./folder-audit.js";

/**
 * Called with the names that changed, or "all" when the platform could not say which. Returns
 * the names that could not be read this time; `lastTry` is true on the final attempt.
 */
export type FolderChangeHandler = (names: string[] | "all", lastTry: boolean) => Promise<string[]>;

export interface WatchTiming {
  /**
   * Quiet time that closes a batch of events, in ms (2 unless given). The events of one file
   * renamed into place come together, and while a batch is read and built the next one grows on
   * its own, so a longer wait would only delay every change.
   */
  debounceMs: number;
  /** Delays before each retry of a file that failed to parse, in ms. */
  retryDelaysMs: readonly number[];
  /**
   * A file written to in place is read once its size, modification and change times have stayed
   * the same for this long, in ms (150 unless given); 0 hands every file on at once.
   */
  settleMs?: number;
  /** How often the folder itself is looked up, to notice it replaced or gone, in ms (1000). */
  folderCheckMs?: number;
  /**
   * How often the folder is listed and every file stat'ed, to catch changes whose events were
   * lost, in ms (30,000); stretched to 20 times the last audit's own time, so that auditing a large
   * folder takes at most a twentieth of one core. 0: only after an overflow.
   */
  auditMs?: number;
}

export const defaultWatchTiming: WatchTiming = {
  debounceMs: 2,
  retryDelaysMs: [100, 250, 500],
  settleMs: 150,
  folderCheckMs: 1_000,
  auditMs: 30_000,
};

/** An audit waits at least this many times its own last duration before the next. */
const auditSpacing = 20;

/**
 * Whether a batch may hand `file` on without waiting for it to settle: no write to it was seen
 * (only its name appeared or went, as a rename into place or a deletion does) and it is not
 * empty (a file just created, before its first write, is empty).
 */
function arrivedWhole(file: string, writtenTo: boolean): boolean {
  if (writtenTo) return false;
  try {
    const stats = lstatSync(file, { throwIfNoEntry: false });
    return stats === undefined || stats.size > 0;
  } catch {
    return false;
  }
}

/**
 * Hears which files are held back, still changing, and since when (performance.now()). The map is
 * the watcher's own, kept up to date: a listener reads it when asked and never changes it.
 */
export type SettlingListener = (files: ReadonlyMap<string, number>) => void;

/** Why an audit ran: the event queue overflowed, or the regular look at the folder. */
export type AuditCause = "overflow" | "regular";

export interface WatchHooks {
  onSettling?: SettlingListener;
  /** What the handler read before watching began; the first listing is compared with it. */
  baseline?: FolderBaseline;
  /** Hears how many changes an audit found that no event had named, and why it ran. */
  onMissed?: (count: number, cause: AuditCause) => void;
}

/** What a stat says of a file's bytes without reading them; "gone" once it is deleted. */
function fileVersion(file: string): string {
  try {
    const stats = lstatSync(file, { bigint: true, throwIfNoEntry: false });
    return stats === undefined ? "gone" : `${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch (error) {
    return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

interface Settling {
  version: string;
  /** When the file was first seen changing, and when its version was last taken. */
  since: number;
  lastLook: number;
}

/** Starts watching; the returned function stops it. Batches are handled one at a time. */
export function watchFolder(
  dir: string,
  onChange: FolderChangeHandler,
  onError: (error: Error) => void,
  timing: WatchTiming = defaultWatchTiming,
  hooks: WatchHooks = {},
): () => void {
  const settleMs = timing.settleMs ?? defaultWatchTiming.settleMs ?? 0;
  const auditMs = timing.auditMs ?? defaultWatchTiming.auditMs ?? 0;
  const record = new FolderRecord(dir);
  /** The names seen in this batch, each with whether a write to it was seen. */
  let pending = new Map<string, boolean>();
  let rescan = false;
  let debounce: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;

  const handle = (names: string[] | "all", attempt: number): void => {
    if (names !== "all") record.note(names);
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

  const settling = new Map<string, Settling>();
  /** Each held-back file's `since`, kept beside `settling` so telling costs nothing per file. */
  const settlingSince = new Map<string, number>();
  let settleTimer: NodeJS.Timeout | undefined;
  const tellSettling = () => hooks.onSettling?.(settlingSince);
  /** Hands on the files whose version held still for settleMs; looks again at the others. */
  const lookAgain = (): void => {
    settleTimer = undefined;
    const now = performance.now();
    const ready: string[] = [];
    for (const [name, entry] of settling) {
      if (now - entry.lastLook < settleMs) continue;
      const version = fileVersion(path.join(dir, name));
      if (version === entry.version) {
        settling.delete(name);
        settlingSince.delete(name);
        ready.push(name);
      } else {
        entry.version = version;
        entry.lastLook = now;
      }
    }
    if (ready.length > 0) handle(ready, 0);
    tellSettling();
    if (settling.size > 0 && !closed) settleTimer = setTimeout(lookAgain, settleMs);
  };
  const settle = (names: readonly string[]): void => {
    const now = performance.now();
    for (const name of names) {
      const version = fileVersion(path.join(dir, name));
      const entry = settling.get(name);
      if (entry === undefined) {
        settling.set(name, { version, since: now, lastLook: now });
        settlingSince.set(name, now);
      } else Object.assign(entry, { version, lastLook: now });
    }
    tellSettling();
    if (settleTimer === undefined) settleTimer = setTimeout(lookAgain, settleMs);
  };

  /** Hands on what changed: files that may be mid-write wait to settle first. */
  const settleOrHand = (names: string[]): void => {
    if (names.length === 0) return;
    if (settleMs === 0) handle(names, 0);
    else settle(names);
  };

  // Audits run one at a time; one asked for meanwhile runs after it, once for all who asked.
  let auditing: Promise<void> = Promise.resolve();
  let auditAsked: AuditCause | undefined;
  let auditTimer: NodeJS.Timeout | undefined;
  const busy = (name: string) => pending.has(name) || settling.has(name);
  const scheduleAudit = (lastBusyMs: number): void => {
    clearTimeout(auditTimer);
    if (auditMs === 0 || closed) return;
    auditTimer = setTimeout(
      () => askAudit("regular"),
      Math.max(auditMs, auditSpacing * lastBusyMs),
    );
    auditTimer.unref();
  };
  const askAudit = (cause: AuditCause): void => {
    if (auditAsked !== undefined) {
      if (cause === "overflow") auditAsked = cause;
      return;
    }
    auditAsked = cause;
    auditing = auditing
      .then(async () => {
        const asked = auditAsked ?? cause;
        auditAsked = undefined;
        if (closed) return;
        const { changed, busyMs } = await record.audit(busy);
        if (closed) return;
        if (changed.length > 0) hooks.onMissed?.(changed.length, asked);
        settleOrHand(changed);
        scheduleAudit(busyMs);
      })
      .catch((error: unknown) =>
        onError(error instanceof Error ? error : new Error(String(error))),
      );
  };
  // The first listing: what the handler read before watching began, compared with the folder.
  auditing = record
    .learn(hooks.baseline)
    .then(({ changed, busyMs }) => {
      if (closed) return;
      settleOrHand(changed);
      scheduleAudit(busyMs);
    })
    .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
  const stopHearingOverflow = onEventQueueOverflow(() => askAudit("overflow"));

  const flush = (): void => {
    debounce = undefined;
    const batch = pending;
    pending = new Map();
    if (rescan) handle("all", 0);
    else if (settleMs === 0) handle([...batch.keys()], 0);
    else {
      const whole: string[] = [];
      const written: string[] = [];
      for (const [name, writtenTo] of batch) {
        const ready = !settling.has(name) && arrivedWhole(path.join(dir, name), writtenTo);
        (ready ? whole : written).push(name);
      }
      if (whole.length > 0) handle(whole, 0);
      if (written.length > 0) settle(written);
    }
    rescan = false;
  };
  const watcher = watch(dir, { persistent: false }, (event, filename) => {
    countFolderEvent();
    if (filename === null) rescan = true;
    else {
      const name = filename.toString();
      pending.set(name, pending.get(name) === true || event === "change");
    }
    // One timer, pushed back by each event: a burst of 100,000 events makes no 100,000 timers.
    if (debounce === undefined) debounce = setTimeout(flush, timing.debounceMs);
    else debounce.refresh();
  });
  watcher.on("error", onError);

  return () => {
    closed = true;
    watcher.close();
    stopHearingOverflow();
    clearTimeout(debounce);
    clearTimeout(settleTimer);
    clearTimeout(auditTimer);
    for (const retry of retries) clearTimeout(retry);
    settling.clear();
    settlingSince.clear();
  };
}
