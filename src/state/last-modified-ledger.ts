// Last-Modified that moves with the bytes and never goes backwards. For every URL path the ledger
// remembers the identity of the bytes last made there (their ETag) and the Last-Modified they were
// given. The same bytes again (a rebuild, a restart) get the same date. New bytes get the newest of
// the date their data shows, the time of the change, and one second past the previous date: a
// poller comparing dates (If-Modified-Since, libcurl's -z) then sees every change. The ledger is a
// journal under the state folder, so a restart knows what it answered before.
import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { siteStateFile } from "./state-files.js";

/** One journal line: path, ETag (unquoted) and Last-Modified in whole seconds since the epoch. */
interface LedgerLine {
  path: string;
  etag: string;
  seconds: number;
}

interface Entry {
  etag: string;
  seconds: number;
}

export interface LedgerOptions {
  /** Without a state folder the ledger lives in memory only: a restart forgets it. */
  stateDir?: string;
  /** Told when the journal cannot be written; the dates given stay right until a restart. */
  onWriteError?: (error: Error) => void;
}

/** HTTP dates have whole seconds. */
function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function isLedgerLine(value: unknown): value is LedgerLine {
  if (typeof value !== "object" || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.path === "string" &&
    typeof line.etag === "string" &&
    typeof line.seconds === "number" &&
    Number.isSafeInteger(line.seconds)
  );
}

export class LastModifiedLedger {
  readonly #file: string | undefined;
  readonly #entries = new Map<string, Entry>();
  readonly #onWriteError: ((error: Error) => void) | undefined;

  constructor(articlesDir: string, options: LedgerOptions = {}) {
    this.#onWriteError = options.onWriteError;
    if (options.stateDir === undefined) return;
    this.#file = siteStateFile(options.stateDir, articlesDir, "last-modified", "jsonl");
    let text = "";
    try {
      text = readFileSync(this.#file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    let lines = 0;
    // A line cut short by a crash is the last one: it and any other unreadable line are skipped.
    for (const raw of text.split("\n")) {
      if (raw === "") continue;
      lines += 1;
      let line: unknown;
      try {
        line = JSON.parse(raw);
      } catch {
        continue;
      }
      if (isLedgerLine(line))
        this.#entries.set(line.path, { etag: line.etag, seconds: line.seconds });
    }
    mkdirSync(options.stateDir, { recursive: true });
    // Each change appends; the journal is rewritten with one line per path once it has grown to
    // twice that, so it stays in proportion to the site, not to its history.
    if (lines > 2 * this.#entries.size + 64) this.#compact();
  }

  /** How many paths the ledger holds. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The Last-Modified of the bytes identified by `etag` at `urlPath`. `dataDate` is the newest date
   * the content shows; `changedAtMs` is when the change that made these bytes was seen.
   */
  lastModified(urlPath: string, etag: string, dataDate: Date, changedAtMs: number): Date {
    const before = this.#entries.get(urlPath);
    if (before?.etag === etag) return new Date(before.seconds * 1000);
    const fromData = wholeSeconds(dataDate.getTime());
    // A path never answered before has nothing to move past: its date is its data's alone, so
    // replicas starting from the same files agree.
    const seconds =
      before === undefined
        ? fromData
        : Math.max(fromData, wholeSeconds(changedAtMs), before.seconds + 1);
    this.#entries.set(urlPath, { etag, seconds });
    this.#append({ path: urlPath, etag, seconds });
    return new Date(seconds * 1000);
  }

  #append(line: LedgerLine): void {
    if (this.#file === undefined) return;
    try {
      appendFileSync(this.#file, `${JSON.stringify(line)}\n`);
    } catch (error) {
      this.#onWriteError?.(error as Error);
    }
  }

  #compact(): void {
    const file = this.#file as string;
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
    const text = [...this.#entries]
      .map(([urlPath, entry]) => `${JSON.stringify({ path: urlPath, ...entry })}\n`)
      .join("");
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
}
