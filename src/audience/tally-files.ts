// Keeps the daily tallies on disk under STATE_DIR/audience/:
//   today.json   the current day, replaced atomically (temporary file, fsync, rename, fsync of
//                the folder) at every flush, so a kill -9 leaves the last flushed version;
//   days.jsonl   closed days, one JSON line each, appended and fsynced when a day ends; rewritten
//                atomically (same steps) to drop days past the retention.
// Reading tolerates a torn or damaged last line (a crash while appending): it is reported by
// file and line and skipped; every other day is kept.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import type { DayTally } from "./day-tally.js";

export interface TallyProblem {
  file: string;
  line?: number;
  message: string;
}

export interface StoredTallies {
  /** Closed days, oldest first, one per day. */
  days: DayTally[];
  /** The day that was being counted when the files were last written. */
  current?: DayTally;
  problems: TallyProblem[];
}

function isDayTally(value: unknown): value is DayTally {
  if (typeof value !== "object" || value === null) return false;
  const day = value as Partial<DayTally>;
  return (
    typeof day.day === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(day.day) &&
    typeof day.directReaders === "number" &&
    typeof day.feeds === "object" &&
    day.feeds !== null
  );
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `file` with `text` so that a crash leaves either the old or the new version. */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  syncFolder(path.dirname(file));
}

export class TallyFiles {
  readonly dir: string;
  readonly todayFile: string;
  readonly daysFile: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, "audience");
    this.todayFile = path.join(this.dir, "today.json");
    this.daysFile = path.join(this.dir, "days.jsonl");
  }

  read(): StoredTallies {
    const problems: TallyProblem[] = [];
    const byDay = new Map<string, DayTally>();
    const daysText = readText(this.daysFile);
    if (daysText !== undefined) {
      daysText.split("\n").forEach((line, index) => {
        if (line.trim() === "") return;
        try {
          const parsed: unknown = JSON.parse(line);
          if (!isDayTally(parsed)) throw new Error("not a day's tally");
          byDay.set(parsed.day, parsed);
        } catch (error) {
          problems.push({
            file: this.daysFile,
            line: index + 1,
            message: `skipped: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      });
    }
    let current: DayTally | undefined;
    const todayText = readText(this.todayFile);
    if (todayText !== undefined) {
      try {
        const parsed: unknown = JSON.parse(todayText);
        if (!isDayTally(parsed)) throw new Error("not a day's tally");
        current = parsed;
      } catch (error) {
        problems.push({
          file: this.todayFile,
          message: `skipped: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    // A crash between closing a day and starting the next leaves it in both files.
    if (current !== undefined) byDay.delete(current.day);
    const days = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
    return { days, ...(current === undefined ? {} : { current }), problems };
  }

  /** Writes the current day's tally (atomically). */
  writeToday(day: DayTally): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    replaceFile(this.todayFile, JSON.stringify(day));
  }

  /** Appends a finished day to days.jsonl and makes it durable. */
  appendDay(day: DayTally): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const fd = openSync(this.daysFile, "a", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(day)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Rewrites days.jsonl with only `days` (atomically): how old days are dropped. */
  rewriteDays(days: readonly DayTally[]): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    replaceFile(this.daysFile, days.map((day) => `${JSON.stringify(day)}\n`).join(""));
  }
}
