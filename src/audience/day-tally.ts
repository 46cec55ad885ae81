// What is kept of one UTC day: counts only. Per feed, the latest subscriber count each
// aggregator reported, the number of distinct direct readers, and per client family the polling
// figures. No address, User-Agent or reader hash is part of it.
import type { ClientKind } from "./user-agents.js";

/** Polling of one feed by one client family in one day. */
export interface ClientTally {
  kind: ClientKind;
  requests: number;
  /** Requests that carried If-None-Match or If-Modified-Since. */
  conditional: number;
  /** Requests answered 304. */
  notModified: number;
  /** Requests refused with 429 (unconditional re-downloads of an unchanged feed). */
  refused: number;
  /** Body bytes sent. */
  bytes: number;
  /** Intervals between one client's successive requests: bucket index → count (intervals.ts). */
  intervals: Record<string, number>;
}

/** The latest subscriber count one aggregator reported for one feed (one per feed id). */
export interface AggregatorTally {
  family: string;
  feedId?: string;
  /** null: the aggregator fetched but reported no count (counted as 1). */
  subscribers: number | null;
  /** When it was reported, milliseconds since the epoch. */
  at: number;
}

export interface FeedTally {
  /** Cache-Control max-age the feed was served with (the polling interval readers should keep). */
  maxAgeSeconds: number;
  /** Distinct direct readers: the largest count of any run of the server that day. */
  directReaders: number;
  aggregators: Record<string, AggregatorTally>;
  clients: Record<string, ClientTally>;
}

export interface DayTally {
  /** YYYY-MM-DD, UTC. */
  day: string;
  /** Distinct direct readers of any feed (a person reading two feeds counts once). */
  directReaders: number;
  feeds: Record<string, FeedTally>;
}

export function emptyDay(day: string): DayTally {
  return { day, directReaders: 0, feeds: {} };
}

/** YYYY-MM-DD of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first millisecond of the UTC day after the one `ms` falls in. */
export function nextUtcMidnight(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/** A day's aggregator subscribers: each report's count, 1 for an aggregator that gave none. */
export function aggregatorSubscribers(feed: FeedTally): number {
  let total = 0;
  for (const report of Object.values(feed.aggregators)) total += report.subscribers ?? 1;
  return total;
}
