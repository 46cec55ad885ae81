// A clock the test moves by hand: the service's embargo and expiry timers fire when the test sets
// the time past them, never by waiting.
import type { Clock } from "../../src/articles/schedule.js";

export interface ManualClock extends Clock {
  /** Sets the time and runs every wait that is due by then. */
  set(ms: number): void;
}

export function manualClock(startMs: number): ManualClock {
  let now = startMs;
  const waits = new Set<{ at: number; task: () => void }>();
  return {
    now: () => now,
    after(ms, task) {
      const wait = { at: now + ms, task };
      waits.add(wait);
      return () => waits.delete(wait);
    },
    set(ms) {
      now = ms;
      for (const wait of [...waits]) {
        if (wait.at > now) continue;
        waits.delete(wait);
        wait.task();
      }
    },
  };
}
