// Whether publishing keeps up, told by /healthz: degraded whenever an article file is refused, a
// feed fails its check, a file has waited past a bound to settle, the store's queue does not
// drain, the last build failed after a change, or the articles folder is gone. Each new cause is
// logged once, with its file when it has one. Reports are capped so that no file can make the
// answer large: every message is cut to a bound and lists are cut with a count of the rest.
import type { Logger } from "./log.js";
import type { StoreProblem } from "./model.js";
import type { InvalidFeed } from "./renditions/site/site-snapshot.js";

export interface HealthBounds {
  /** How long a file may go on changing, or a change wait in the store's queue, in ms. */
  stalledAfterMs: number;
  /** Longest message listed, in characters. */
  messageChars: number;
  /** Most entries listed in each list of /healthz. */
  listed: number;
}

export const defaultHealthBounds: HealthBounds = {
  stalledAfterMs: 30_000,
  messageChars: 500,
  listed: 100,
};

/** What the site holds now, read from the snapshot in service. */
export interface HealthInputs {
  articles: number;
  problems: readonly StoreProblem[];
  warnings: readonly StoreProblem[];
  invalidFeeds: readonly InvalidFeed[];
  hubQueue: number;
}

/** A cause of degraded health: one line, and the file it concerns when there is one. */
interface Cause {
  reason: string;
  file?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  /** Why publishing is degraded, one line each (empty when ok). */
  reasons: string[];
  articles: number;
  /** When changed bytes last went into service (ISO 8601), null before any change. */
  lastPublish: string | null;
  /** When the store last saw a change to the articles (ISO 8601), null before any. */
  lastChange: string | null;
  queue: { store: number; hubs: number };
  articleProblems: StoreProblem[];
  articleProblemsNotListed: number;
  articleWarnings: StoreProblem[];
  articleWarningsNotListed: number;
  invalidFeeds: InvalidFeed[];
  invalidFeedsNotListed: number;
}

function cut(text: string, chars: number): string {
  return text.length <= chars
    ? text
    : `${text.slice(0, chars)}… (${(text.length - chars).toLocaleString("en")} more characters)`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

export class PublishingHealth {
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #bounds: HealthBounds;
  /** The monotonic clock waits are measured on (performance.now() unless a test moves its own). */
  readonly #elapsed: () => number;
  /** When each waiting or running store turn was queued (performance.now()). */
  readonly #turns = new Set<{ since: number }>();
  /** Files waiting to settle (still being written), and since when. */
  #settling: ReadonlyMap<string, number> = new Map();
  #folderFault: string | undefined;
  #lastPublish: number | undefined;
  #lastChange: number | undefined;
  /** Changes seen so far, and how many of them the last successful build had seen. */
  #changes = 0;
  #changesBuilt = 0;
  #buildFailure: string | undefined;
  /** Causes already logged, by their text, so each is said once while it lasts. */
  #logged = new Set<string>();

  constructor(
    logger: Logger,
    now: () => number,
    bounds: Partial<HealthBounds> = {},
    elapsed: () => number = () => performance.now(),
  ) {
    this.#logger = logger;
    this.#now = now;
    this.#bounds = { ...defaultHealthBounds, ...bounds };
    this.#elapsed = elapsed;
  }

  /** Runs `task` as one store turn, so a turn that does not end is seen. */
  async turn<T>(task: () => Promise<T>): Promise<T> {
    const entry = { since: this.#elapsed() };
    this.#turns.add(entry);
    try {
      return await task();
    } finally {
      this.#turns.delete(entry);
    }
  }

  get queueLength(): number {
    return this.#turns.size;
  }

  /**
   * The files the watcher holds back until they stop changing, with when each began
   * (performance.now()). The watcher keeps the map up to date and it is read only when health is
   * asked: no copy per change, which with 100,000 files settling would cost 100,000 per batch.
   */
  settling(files: ReadonlyMap<string, number>): void {
    this.#settling = files;
  }

  /** The articles folder is gone or could not be watched (undefined: it is fine again). */
  folderFault(reason: string | undefined): void {
    this.#folderFault = reason;
    this.check();
  }

  /** The store's articles changed: a build must follow. */
  changed(): void {
    this.#lastChange = this.#now();
    this.#changes += 1;
  }

  /** A build finished; `published` when it put changed bytes in service. */
  built(published: boolean): void {
    const now = this.#now();
    this.#changesBuilt = this.#changes;
    this.#buildFailure = undefined;
    if (published) this.#lastPublish = now;
  }

  /** A build after a change threw: what is served is older than the articles. */
  buildFailed(error: unknown): void {
    this.#buildFailure = error instanceof Error ? error.message : String(error);
    this.check();
  }

  /** The causes of stalled or late publishing now (not the refused files and failed feeds). */
  #stalls(): Cause[] {
    // Waits are measured on the monotonic clock; the service's clock only dates the report.
    const now = this.#elapsed();
    const bound = this.#bounds.stalledAfterMs;
    const causes: Cause[] = [];
    if (this.#folderFault !== undefined) causes.push({ reason: this.#folderFault });
    for (const [file, since] of this.#settling) {
      if (now - since > bound)
        causes.push({
          file,
          reason: `${file}: still being written after ${seconds(now - since)}; not published until it stops changing`,
        });
    }
    const oldest = Math.min(...[...this.#turns].map((entry) => entry.since));
    if (now - oldest > bound)
      causes.push({
        reason: `the store's queue is not draining: a change has waited ${seconds(now - oldest)} (${this.#turns.size} in the queue)`,
      });
    if (this.#changesBuilt < this.#changes) {
      const failure = this.#buildFailure === undefined ? "" : `: ${this.#buildFailure}`;
      causes.push({
        reason: `the last successful build is older than the last change to the articles${failure}`,
      });
    }
    return causes;
  }

  /** Logs each cause of a stall once, when it is first seen; called on a timer and per report. */
  check(): void {
    const causes = this.#stalls();
    const now = new Set(causes.map((cause) => cause.reason.replace(/\d+ s\b/g, "")));
    for (const cause of causes) {
      const key = cause.reason.replace(/\d+ s\b/g, "");
      if (this.#logged.has(key)) continue;
      this.#logger.warn("publishing is degraded", {
        cause: cut(cause.reason, this.#bounds.messageChars),
        ...(cause.file === undefined ? {} : { file: cause.file }),
      });
    }
    this.#logged = now;
  }

  report(inputs: HealthInputs): HealthReport {
    this.check();
    const { listed, messageChars } = this.#bounds;
    const capped = (entries: readonly StoreProblem[]) =>
      entries.slice(0, listed).map((entry) => ({
        file: cut(entry.file, messageChars),
        message: cut(entry.message, messageChars),
      }));
    const reasons = this.#stalls().map((cause) => cut(cause.reason, messageChars));
    if (inputs.problems.length > 0)
      reasons.push(`${inputs.problems.length.toLocaleString("en")} article file(s) not published`);
    if (inputs.invalidFeeds.length > 0)
      reasons.push(`${inputs.invalidFeeds.length.toLocaleString("en")} feed(s) failed validation`);
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      status: reasons.length === 0 ? "ok" : "degraded",
      reasons,
      articles: inputs.articles,
      lastPublish: iso(this.#lastPublish),
      lastChange: iso(this.#lastChange),
      queue: { store: this.#turns.size, hubs: inputs.hubQueue },
      articleProblems: capped(inputs.problems),
      articleProblemsNotListed: Math.max(0, inputs.problems.length - listed),
      articleWarnings: capped(inputs.warnings),
      articleWarningsNotListed: Math.max(0, inputs.warnings.length - listed),
      invalidFeeds: inputs.invalidFeeds.slice(0, listed).map((feed) => ({
        path: feed.path,
        problems: feed.problems.slice(0, 10).map((problem) => cut(problem, messageChars)),
        articles: feed.articles.slice(0, 10),
      })),
      invalidFeedsNotListed: Math.max(0, inputs.invalidFeeds.length - listed),
    };
  }
}
