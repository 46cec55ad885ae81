// What the watcher last handed on of each file in a folder, and the audit that finds what changed
// without an event being heard: the folder listed, each file stat'ed, and every file whose size,
// times or inode differ from those last handed on (or that came or went) named. Events are lost
// when the kernel's event queue overflows (event-queue.ts); the audit is how the watcher catches
// up. It runs in slices of a few thousand files, so serving goes on between them.
import { lstatSync, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Files stat'ed between two turns of the event loop. */
const sliceSize = 2_000;

/**
 * A file's size, modification and change times and inode, mixed into one number (52 bits): one
 * number a file keeps the memory small at a million files. A rewrite, a rename over the file or a
 * touch moves its change time, which no tool can set back.
 */
function versionOf(stats: Stats): number {
  versionFields[0] = stats.size;
  versionFields[1] = stats.mtimeMs;
  versionFields[2] = stats.ctimeMs;
  versionFields[3] = stats.ino;
  let low = 0x811c9dc5;
  let high = 0x9e3779b9;
  for (let i = 0; i < versionWords.length; i++) {
    const word = versionWords[i] as number;
    low = Math.imul(low ^ word, 0x01000193);
    high = Math.imul(high ^ word, 0x5bd1e995) ^ (high >>> 13);
  }
  return (low >>> 0) + (high >>> 12) * 2 ** 32;
}

/** The four fields as doubles, read back as eight 32-bit words: shared, made once. */
const versionFields = new Float64Array(4);
const versionWords = new Uint32Array(versionFields.buffer);

function statOf(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** What the handler already holds when watching starts, to compare the first listing with. */
export interface FolderBaseline {
  /** The names the handler read from the folder. */
  held: () => Iterable<string>;
  /**
   * When the handler began reading the folder (ms since the epoch): a file changed since then may
   * have changed after it was read.
   */
  readSince: number;
}

export interface AuditResult {
  /** The names that came, went or changed since they were last handed on. */
  changed: string[];
  /** The audit's own time, in ms: listing the folder and the slices of stat calls. */
  busyMs: number;
}

/** Change times this close before `readSince` count as after it: the kernel's clock is coarse. */
const coarseClockMs = 1_000;

export class FolderRecord {
  readonly #dir: string;
  /** Each name's version when it was last handed on (or first listed). */
  readonly #versions = new Map<string, number>();
  /** Names handed on while an audit runs: the audit leaves them to the events that named them. */
  #handedDuringAudit: Set<string> | undefined;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Records the versions of files being handed on now. */
  note(names: readonly string[]): void {
    for (const name of names) {
      const stats = statOf(path.join(this.#dir, name));
      if (stats === undefined) this.#versions.delete(name);
      else this.#versions.set(name, versionOf(stats));
      this.#handedDuringAudit?.add(name);
    }
  }

  /**
   * Lists the folder and records every file's version. With a baseline, names the handler does
   * not hold, names it holds that are gone, and files changed since it began reading are changed.
   */
  async learn(baseline?: FolderBaseline): Promise<AuditResult> {
    const held = baseline === undefined ? undefined : new Set(baseline.held());
    const changedSince = baseline === undefined ? undefined : baseline.readSince - coarseClockMs;
    try {
      const result = await this.#walk((name, stats) => {
        // Gone since the listing: still held, so the sweep below names it.
        if (stats === undefined) return false;
        this.#versions.set(name, versionOf(stats));
        const wasHeld = held?.delete(name) ?? true;
        return !wasHeld || (changedSince !== undefined && stats.ctimeMs >= changedSince);
      });
      if (result === undefined) return { changed: [], busyMs: 0 };
      // Held but not listed (nor handed on meanwhile): deleted while the handler was reading.
      for (const name of held ?? []) if (!result.handed.has(name)) result.changed.push(name);
      return result;
    } finally {
      this.#handedDuringAudit = undefined;
    }
  }

  /** The names that changed since they were last handed on, leaving out those `busy` holds. */
  async audit(busy: (name: string) => boolean): Promise<AuditResult> {
    try {
      const result = await this.#walk(
        (name, stats) =>
          !busy(name) &&
          this.#versions.get(name) !== (stats === undefined ? undefined : versionOf(stats)),
      );
      if (result === undefined) return { changed: [], busyMs: 0 };
      return this.#sweep(result, busy);
    } finally {
      this.#handedDuringAudit = undefined;
    }
  }

  /** Adds to an audit the recorded names its listing lacks: deletions whose events were lost. */
  #sweep(
    result: AuditResult & { listed: string[]; handed: Set<string> },
    busy: (name: string) => boolean,
  ): AuditResult {
    const { listed, handed, changed } = result;
    const sweepBegan = performance.now();
    // Recorded names the listing lacks are deletions. Counting first spares a set of every name
    // when, as usual, there are none.
    let recorded = 0;
    for (const name of listed) if (!handed.has(name) && this.#versions.has(name)) recorded += 1;
    for (const name of handed) if (this.#versions.has(name)) recorded += 1;
    if (recorded < this.#versions.size) {
      const present = new Set(listed);
      for (const name of this.#versions.keys())
        if (!present.has(name) && !handed.has(name) && !busy(name)) changed.push(name);
    }
    result.busyMs += performance.now() - sweepBegan;
    return result;
  }

  /**
   * Lists the folder and stats every file in slices, naming those `differs` says changed and the
   * recorded ones gone since the listing. Names handed on meanwhile are left to their events.
   */
  async #walk(
    differs: (name: string, stats: Stats | undefined) => boolean,
  ): Promise<(AuditResult & { listed: string[]; handed: Set<string> }) | undefined> {
    const listingBegan = performance.now();
    let listed: string[];
    try {
      listed = await readdir(this.#dir);
    } catch {
      // The folder gone or unreadable: folder-swap.ts reports it, and reads it again once back.
      return undefined;
    }
    let busyMs = performance.now() - listingBegan;
    const handed = new Set<string>();
    this.#handedDuringAudit = handed;
    const changed: string[] = [];
    const prefix = this.#dir + path.sep;
    for (let start = 0; start < listed.length; start += sliceSize) {
      const sliceBegan = performance.now();
      for (const name of listed.slice(start, start + sliceSize)) {
        if (handed.has(name)) continue;
        const stats = statOf(prefix + name);
        if (differs(name, stats)) changed.push(name);
      }
      busyMs += performance.now() - sliceBegan;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { changed, busyMs, listed, handed };
  }
}
