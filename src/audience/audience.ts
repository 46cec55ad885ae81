// Counts who reads the feeds, one UTC day at a time, from the requests themselves: the latest
// subscriber count each aggregator reports in its User-Agent, distinct direct readers (by a keyed
// hash that is never stored, see reader-key.ts), and how politely each client family polls. It
// can also refuse, with 429 and Retry-After, a client that keeps downloading an unchanged feed
// without a conditional request. What it keeps on disk is counts only (day-tally.ts), flushed
// every minute and when the server stops (tally-files.ts).
import type { IncomingMessage } from "node:http";
import type { Logger } from "../log.js";
import type { Rendition } from "../renditions/rendition.js";
import type { AudienceSettings } from "./audience-settings.js";
import {
  type ClientTally,
  type DayTally,
  type FeedTally,
  nextUtcMidnight,
  utcDay,
} from "./day-tally.js";
import { intervalBucket } from "./intervals.js";
import { clientAddress, ReaderKey } from "./reader-key.js";
import { type RecentDownloads, refetchWait } from "./refetch-rule.js";
import { TallyFiles } from "./tally-files.js";
import { identifyClient } from "./user-agents.js";

export const defaultRetentionDays = 400;
export const defaultFlushIntervalMs = 60_000;
/** Clients followed at once (across feeds); past it new ones are not told apart until midnight. */
const visitLimit = 200_000;
/** Aggregator feed ids kept per feed and day. */
const aggregatorLimit = 64;

export interface AudienceOptions {
  logger: Logger;
  /** STATE_DIR: where the tallies are kept; without it nothing is written. */
  stateDir?: string;
  /** Days kept (STATS_RETENTION_DAYS); older days are dropped. */
  retentionDays?: number;
  /**
   * REFETCH_LIMIT: how many times an hour one client may download an unchanged feed without a
   * conditional request before it gets 429. Undefined: never refused.
   */
  refetchLimit?: number;
  /** TRUST_PROXY: proxy hops whose X-Forwarded-For is believed (0: the socket's address). */
  trustedProxies?: number;
  flushIntervalMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/** One client of one feed today: when it last came, and (with REFETCH_LIMIT) its downloads. */
interface Visit {
  last: number;
  downloads: RecentDownloads;
}

interface LiveFeed {
  tally: FeedTally;
  /** Distinct direct readers counted by earlier runs of the server today. */
  earlierReaders: number;
  directReaders: number;
  visits: Map<string, Visit>;
}

function emptyClient(kind: ClientTally["kind"]): ClientTally {
  return { kind, requests: 0, conditional: 0, notModified: 0, refused: 0, bytes: 0, intervals: {} };
}

export class Audience {
  readonly #options: AudienceOptions;
  readonly #now: () => number;
  readonly #files: TallyFiles | undefined;
  readonly #key = new ReaderKey();
  readonly #retentionDays: number;
  #closedDays: DayTally[] = [];
  #day = "";
  #dayEnds = 0;
  #feeds = new Map<string, LiveFeed>();
  #siteReaders = new Set<string>();
  #earlierSiteReaders = 0;
  #visitCount = 0;
  #dirty = false;
  readonly #readerBySocket = new WeakMap<
    object,
    { userAgent: string; day: string; reader: string }
  >();
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(options: AudienceOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#retentionDays = options.retentionDays ?? defaultRetentionDays;
    this.#files = options.stateDir === undefined ? undefined : new TallyFiles(options.stateDir);
    this.#load();
    if (this.#files !== undefined) {
      this.#timer = setInterval(
        () => this.flush(),
        options.flushIntervalMs ?? defaultFlushIntervalMs,
      );
      this.#timer.unref();
    }
  }

  /**
   * Counts one request for a feed that is about to be answered `status` (200 or 304) with `bytes`
   * of body. Returns the seconds to put in Retry-After when the request must be refused with 429
   * instead (it is then counted as refused, not as a download).
   */
  observe(
    req: IncomingMessage,
    rendition: Rendition,
    status: 200 | 304,
    bytes: number,
  ): number | undefined {
    const now = this.#now();
    if (now >= this.#dayEnds) this.#startDay(now);
    this.#dirty = true;
    const userAgent = req.headers["user-agent"] ?? "";
    const identity = identifyClient(userAgent);
    const feed = this.#liveFeed(rendition);
    let client = feed.tally.clients[identity.family];
    if (client === undefined) {
      client = emptyClient(identity.kind);
      feed.tally.clients[identity.family] = client;
    }
    const conditional =
      req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
    client.requests += 1;
    if (conditional) client.conditional += 1;
    if (identity.kind === "aggregator" || identity.subscribers !== undefined) {
      this.#recordAggregator(
        feed.tally,
        identity.family,
        identity.subscribers,
        identity.feedId,
        now,
      );
    }

    const direct = identity.kind === "reader";
    const visitor =
      identity.feedId !== undefined
        ? `${identity.family}#${identity.feedId}`
        : this.#readerOf(req, userAgent);
    let visit = feed.visits.get(visitor);
    if (visit === undefined && this.#visitCount < visitLimit) {
      visit = { last: now, downloads: { digest: rendition.digest, times: [] } };
      feed.visits.set(visitor, visit);
      this.#visitCount += 1;
      if (direct) {
        feed.directReaders += 1;
        this.#siteReaders.add(visitor);
      }
    } else if (visit !== undefined) {
      const bucket = String(intervalBucket((now - visit.last) / 1000));
      client.intervals[bucket] = (client.intervals[bucket] ?? 0) + 1;
      visit.last = now;
    }

    const limit = this.#options.refetchLimit;
    if (limit !== undefined && status === 200 && !conditional && visit !== undefined) {
      const retryAfter =
        identity.kind === "hub"
          ? undefined
          : refetchWait(visit.downloads, rendition.digest, limit, now);
      if (retryAfter !== undefined) {
        client.refused += 1;
        return retryAfter;
      }
    }
    if (status === 304) client.notModified += 1;
    client.bytes += bytes;
    return undefined;
  }

  /** The current day and every kept day before it, oldest first. */
  days(): DayTally[] {
    return [...this.#closedDays, this.#snapshot()];
  }

  /** Writes the current day now (when anything changed since the last write). */
  flush(): void {
    if (this.#files === undefined || !this.#dirty) return;
    this.#dirty = false;
    try {
      this.#files.writeToday(this.#snapshot());
    } catch (error) {
      this.#dirty = true;
      this.#options.logger.error("audience figures could not be written; will retry", {
        file: this.#files.todayFile,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Stops the flush timer and writes the current day. */
  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.flush();
  }

  /**
   * The reader's keyed hash, computed once per connection and User-Agent (a keep-alive connection
   * polling several feeds hashes once); forgotten with the connection and at midnight.
   */
  #readerOf(req: IncomingMessage, userAgent: string): string {
    const trustedProxies = this.#options.trustedProxies ?? 0;
    const known = trustedProxies === 0 ? this.#readerBySocket.get(req.socket) : undefined;
    if (known !== undefined && known.userAgent === userAgent && known.day === this.#day) {
      return known.reader;
    }
    const reader = this.#key.readerOf(clientAddress(req, trustedProxies), userAgent);
    if (trustedProxies === 0)
      this.#readerBySocket.set(req.socket, { userAgent, day: this.#day, reader });
    return reader;
  }

  #recordAggregator(
    tally: FeedTally,
    family: string,
    subscribers: number | undefined,
    feedId: string | undefined,
    now: number,
  ): void {
    const key = `${family}#${feedId ?? ""}`;
    const known = tally.aggregators[key];
    if (known === undefined && Object.keys(tally.aggregators).length >= aggregatorLimit) return;
    tally.aggregators[key] = {
      family,
      ...(feedId === undefined ? {} : { feedId }),
      // A fetch without a count does not erase the count the same aggregator gave earlier.
      subscribers: subscribers ?? known?.subscribers ?? null,
      at: now,
    };
  }

  #liveFeed(rendition: Rendition): LiveFeed {
    let feed = this.#feeds.get(rendition.path);
    if (feed === undefined) {
      feed = {
        tally: {
          maxAgeSeconds: rendition.maxAgeSeconds,
          directReaders: 0,
          aggregators: {},
          clients: {},
        },
        earlierReaders: 0,
        directReaders: 0,
        visits: new Map(),
      };
      this.#feeds.set(rendition.path, feed);
    }
    feed.tally.maxAgeSeconds = rendition.maxAgeSeconds;
    return feed;
  }

  #snapshot(): DayTally {
    const feeds: DayTally["feeds"] = {};
    for (const [path, feed] of this.#feeds) {
      feeds[path] = {
        ...feed.tally,
        directReaders: Math.max(feed.earlierReaders, feed.directReaders),
      };
    }
    return {
      day: this.#day,
      directReaders: Math.max(this.#earlierSiteReaders, this.#siteReaders.size),
      feeds,
    };
  }

  /** Reads what earlier runs kept: today's figures continue, a day that ended is closed. */
  #load(): void {
    const now = this.#now();
    this.#day = utcDay(now);
    this.#dayEnds = nextUtcMidnight(now);
    if (this.#files === undefined) return;
    const stored = this.#files.read();
    for (const problem of stored.problems) {
      this.#options.logger.warn("audience figures skipped", { ...problem });
    }
    this.#closedDays = stored.days;
    if (stored.current !== undefined && stored.current.day === this.#day) {
      this.#resume(stored.current);
    } else if (stored.current !== undefined && stored.current.day < this.#day) {
      this.#closedDays.push(stored.current);
      this.#files.appendDay(stored.current);
    }
    this.#dropExpiredDays();
  }

  #resume(day: DayTally): void {
    this.#earlierSiteReaders = day.directReaders;
    for (const [path, tally] of Object.entries(day.feeds)) {
      this.#feeds.set(path, {
        tally,
        earlierReaders: tally.directReaders,
        directReaders: 0,
        visits: new Map(),
      });
    }
  }

  /** Midnight (UTC) passed: close the day, forget every hash and the key, start counting anew. */
  #startDay(now: number): void {
    const finished = this.#snapshot();
    const counted = Object.keys(finished.feeds).length > 0;
    if (counted) this.#closedDays.push(finished);
    this.#day = utcDay(now);
    this.#dayEnds = nextUtcMidnight(now);
    this.#feeds = new Map();
    this.#siteReaders = new Set();
    this.#earlierSiteReaders = 0;
    this.#visitCount = 0;
    this.#key.rotate();
    if (this.#files === undefined) return;
    try {
      if (counted) this.#files.appendDay(finished);
      this.#files.writeToday(this.#snapshot());
      this.#dropExpiredDays();
    } catch (error) {
      this.#options.logger.error("audience figures could not be written", {
        file: this.#files.daysFile,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  #dropExpiredDays(): void {
    const oldestKept = utcDay(
      Date.parse(`${this.#day}T00:00:00Z`) - (this.#retentionDays - 1) * 86_400_000,
    );
    const kept = this.#closedDays.filter((day) => day.day >= oldestKept);
    if (kept.length === this.#closedDays.length) return;
    this.#closedDays = kept;
    this.#files?.rewriteDays(kept);
  }
}

/** The counter a service runs with its settings, or undefined when AUDIENCE is off. */
export function openAudience(
  settings: Partial<AudienceSettings>,
  stateDir: string | undefined,
  logger: Logger,
  timing: Pick<AudienceOptions, "now" | "flushIntervalMs"> = {},
): Audience | undefined {
  if (settings.enabled === false) return undefined;
  return new Audience({
    logger,
    ...(stateDir === undefined ? {} : { stateDir }),
    ...(settings.retentionDays === undefined ? {} : { retentionDays: settings.retentionDays }),
    ...(settings.refetchLimit === undefined ? {} : { refetchLimit: settings.refetchLimit }),
    ...(settings.trustedProxies === undefined ? {} : { trustedProxies: settings.trustedProxies }),
    ...(settings.flushSeconds === undefined
      ? {}
      : { flushIntervalMs: settings.flushSeconds * 1000 }),
    ...timing,
  });
}
