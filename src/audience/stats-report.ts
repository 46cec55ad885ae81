// Turns the daily tallies into the figures a publisher reads: subscribers per feed and in total
// (with the method), and the polling table per client family. One shape for GET /api/stats, the
// stats page and `wirefeed stats`.
import { aggregatorSubscribers, type DayTally } from "./day-tally.js";
import { medianInterval } from "./intervals.js";

export const subscriberMethod =
  "subscribers = aggregator subscribers + direct readers, per feed and UTC day. Aggregator " +
  "subscribers: the latest count each hosted aggregator (Feedly, Inoreader, NewsBlur, Feedbin, The " +
  "Old Reader, BazQux, Feedspot, Newsify, podcast services ...) reported in its User-Agent that day, " +
  "one per aggregator feed id, an aggregator that reports no count counting 1; the counts are the " +
  "aggregators' own claims. Direct readers: distinct pairs of client address and User-Agent among " +
  "readers that fetch for themselves (newsboat, NetNewsWire, Miniflux, podcast apps, browsers, " +
  "unknown clients), told apart by a keyed hash whose key changes every UTC midnight and is never " +
  "stored; readers behind one address with the same software count once. A restart starts a new " +
  "key, so readers cannot be matched across it: the day's figure is then the larger of the counts " +
  "before and after (a lower bound). The total adds each feed's aggregator subscribers to the " +
  "distinct direct readers of all feeds together (a person reading two feeds directly counts " +
  "once). WebSub subscriptions are held by the hub and are not seen here.";

export interface ClientRow {
  family: string;
  kind: string;
  requests: number;
  /** Share of requests with If-None-Match or If-Modified-Since, 0..1. */
  conditionalShare: number;
  /** Share of requests answered 304, 0..1. */
  notModifiedShare: number;
  refused: number;
  bytes: number;
  /** Median time between one client's successive requests, seconds (null: one request each). */
  medianIntervalSeconds: number | null;
  maxAgeSeconds: number;
}

export interface AggregatorRow {
  family: string;
  feedId?: string;
  /** null: no count reported (counted as 1). */
  subscribers: number | null;
}

export interface FeedDay {
  path: string;
  subscribers: number;
  aggregatorSubscribers: number;
  directReaders: number;
  aggregators: AggregatorRow[];
  clients: ClientRow[];
}

export interface StatsDay {
  day: string;
  subscribers: number;
  aggregatorSubscribers: number;
  directReaders: number;
  feeds: FeedDay[];
}

export interface StatsReport {
  method: string;
  days: StatsDay[];
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

function feedDay(path: string, tally: DayTally["feeds"][string]): FeedDay {
  const aggregated = aggregatorSubscribers(tally);
  const clients = Object.entries(tally.clients)
    .map(([family, client]) => ({
      family,
      kind: client.kind,
      requests: client.requests,
      conditionalShare: share(client.conditional, client.requests),
      notModifiedShare: share(client.notModified, client.requests),
      refused: client.refused,
      bytes: client.bytes,
      medianIntervalSeconds: medianInterval(client.intervals) ?? null,
      maxAgeSeconds: tally.maxAgeSeconds,
    }))
    .sort((a, b) => b.requests - a.requests || a.family.localeCompare(b.family));
  const aggregators = Object.values(tally.aggregators)
    .map((report) => ({
      family: report.family,
      ...(report.feedId === undefined ? {} : { feedId: report.feedId }),
      subscribers: report.subscribers,
    }))
    .sort(
      (a, b) => (b.subscribers ?? 1) - (a.subscribers ?? 1) || a.family.localeCompare(b.family),
    );
  return {
    path,
    subscribers: aggregated + tally.directReaders,
    aggregatorSubscribers: aggregated,
    directReaders: tally.directReaders,
    aggregators,
    clients,
  };
}

/** The report for `days` (oldest first), optionally only the last `lastDays` of them. */
export function buildStatsReport(days: readonly DayTally[], lastDays?: number): StatsReport {
  const chosen = lastDays === undefined ? days : days.slice(Math.max(0, days.length - lastDays));
  return {
    method: subscriberMethod,
    days: chosen.map((day) => {
      const feeds = Object.entries(day.feeds)
        .map(([path, tally]) => feedDay(path, tally))
        .sort((a, b) => b.subscribers - a.subscribers || a.path.localeCompare(b.path));
      const aggregated = feeds.reduce((sum, feed) => sum + feed.aggregatorSubscribers, 0);
      return {
        day: day.day,
        subscribers: aggregated + day.directReaders,
        aggregatorSubscribers: aggregated,
        directReaders: day.directReaders,
        feeds,
      };
    }),
  };
}
