// Notices when the kernel's queue of folder events has likely overflowed. On Linux every folder
// watch of the process shares one inotify queue, which holds max_queued_events events (16,384 by
// default); past it the kernel drops the rest and queues one overflow event, which Node never
// passes on. The queue is read in full whenever the event loop polls, so a turn of the loop that
// hears as many events as the queue holds found it full: some events after them were lost.
import { readFileSync } from "node:fs";

/** Where Linux tells how many events one inotify queue holds. */
const queueLimitFile = "/proc/sys/fs/inotify/max_queued_events";

/** The events one queue holds on this machine, or undefined where that cannot be read (not Linux). */
export function eventQueueLimit(): number | undefined {
  try {
    const limit = Number.parseInt(readFileSync(queueLimitFile, "utf8"), 10);
    return Number.isSafeInteger(limit) && limit > 0 ? limit : undefined;
  } catch {
    return undefined;
  }
}

const limit = eventQueueLimit();
const overflowListeners = new Set<() => void>();
let heardThisTurn = 0;
/** Whether the end of this turn is already awaited. */
let turnEnding = false;

/** Counts one event heard from a folder watch; call it for every event of every watch. */
export function countFolderEvent(): void {
  heardThisTurn += 1;
  // Immediates run once the loop has finished polling: the count is what one poll read.
  if (turnEnding) return;
  turnEnding = true;
  setImmediate(() => {
    const full = limit !== undefined && heardThisTurn >= limit;
    heardThisTurn = 0;
    turnEnding = false;
    if (full) for (const listener of overflowListeners) listener();
  });
}

/** Calls `listener` whenever a turn heard a full queue; returns the function that stops it. */
export function onEventQueueOverflow(listener: () => void): () => void {
  overflowListeners.add(listener);
  return () => {
    overflowListeners.delete(listener);
  };
}
