// `wirefeed stats` (npm run stats): prints the audience figures kept in STATE_DIR as tables, or
// as the same JSON as GET /api/stats with --json. Reads the files only, so it works while the
// server runs (today.json is replaced atomically) and after it has stopped.
import { parseArgs } from "node:util";
import { buildStatsReport, type StatsDay, type StatsReport } from "../audience/stats-report.js";
import { TallyFiles } from "../audience/tally-files.js";
import { resolveStateDir } from "../config.js";
import { formatSeconds } from "../pages/svg-charts.js";

export const statsUsage = `Usage: wirefeed stats [--days N] [--feed PATH] [--json] [--state-dir DIR]

Prints subscribers per day and, for the latest day, per feed, the aggregators' counts and the
polling table, from STATE_DIR/audience (STATE_DIR, default ./.wirefeed).
  --days N        the last N days (default 14)
  --feed PATH     only this feed (for example /rss.xml)
  --json          the report as JSON, as GET /api/stats answers it
  --state-dir DIR read the figures from DIR instead of STATE_DIR`;

export interface StatsOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Lines of a table: columns padded to their widest cell, numbers right-aligned. */
export function formatTable(
  header: readonly string[],
  rows: readonly (string | number)[][],
): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? "").length)),
  );
  const numeric = header.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === "number"),
  );
  return cells.map((row) =>
    row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd(),
  );
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function dayLines(day: StatsDay): string[] {
  const lines: string[] = [];
  lines.push("", `Feeds on ${day.day}`);
  lines.push(
    ...formatTable(
      ["feed", "subscribers", "aggregators", "direct readers"],
      day.feeds.map((feed) => [
        feed.path,
        feed.subscribers,
        feed.aggregatorSubscribers,
        feed.directReaders,
      ]),
    ),
  );
  const aggregators = day.feeds.flatMap((feed) =>
    feed.aggregators.map((row) => [
      feed.path,
      row.family,
      row.feedId ?? "",
      row.subscribers ?? "not reported (1)",
    ]),
  );
  if (aggregators.length > 0) {
    lines.push("", `Aggregators on ${day.day} (latest count)`);
    lines.push(...formatTable(["feed", "aggregator", "feed id", "subscribers"], aggregators));
  }
  const clients = day.feeds.flatMap((feed) =>
    feed.clients.map((client) => [
      feed.path,
      client.family,
      client.kind,
      client.requests,
      percent(client.conditionalShare),
      percent(client.notModifiedShare),
      client.refused,
      client.bytes,
      client.medianIntervalSeconds === null ? "-" : formatSeconds(client.medianIntervalSeconds),
      formatSeconds(client.maxAgeSeconds),
    ]),
  );
  if (clients.length > 0) {
    lines.push("", `Polling on ${day.day}`);
    lines.push(
      ...formatTable(
        [
          "feed",
          "client",
          "kind",
          "requests",
          "conditional",
          "304",
          "429",
          "bytes",
          "median interval",
          "max-age",
        ],
        clients,
      ),
    );
  }
  return lines;
}

/** The report as text tables. */
export function formatStatsReport(report: StatsReport): string[] {
  if (report.days.length === 0) return ["No audience figures yet."];
  const lines = ["Subscribers per day (UTC)"];
  lines.push(
    ...formatTable(
      ["day", "subscribers", "aggregators", "direct readers"],
      report.days.map((day) => [
        day.day,
        day.subscribers,
        day.aggregatorSubscribers,
        day.directReaders,
      ]),
    ),
  );
  const latest = report.days.at(-1);
  if (latest !== undefined) lines.push(...dayLines(latest));
  lines.push("", `Method: ${report.method}`);
  return lines;
}

export async function runStats(args: readonly string[], output: StatsOutput): Promise<number> {
  let values: {
    days?: string;
    feed?: string;
    json?: boolean;
    "state-dir"?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        days: { type: "string" },
        feed: { type: "string" },
        json: { type: "boolean" },
        "state-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    output.err(
      `wirefeed stats: ${error instanceof Error ? error.message : String(error)}\n\n${statsUsage}`,
    );
    return 2;
  }
  if (values.help) {
    output.out(statsUsage);
    return 0;
  }
  const days = values.days === undefined ? 14 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 10_000) {
    output.err(
      `wirefeed stats: --days: expected a whole number of days from 1 to 10000, got "${values.days}"`,
    );
    return 2;
  }
  const stateDir = values["state-dir"] ?? resolveStateDir(process.env, process.cwd());
  const files = new TallyFiles(stateDir);
  const stored = files.read();
  for (const problem of stored.problems) {
    output.err(
      `${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}: ${problem.message}`,
    );
  }
  const all = stored.current === undefined ? stored.days : [...stored.days, stored.current];
  let report = buildStatsReport(all, days);
  const only = values.feed;
  if (only !== undefined) {
    report = {
      ...report,
      days: report.days.map((day) => {
        const feeds = day.feeds.filter((feed) => feed.path === only);
        const aggregated = feeds.reduce((sum, feed) => sum + feed.aggregatorSubscribers, 0);
        const direct = feeds.reduce((sum, feed) => sum + feed.directReaders, 0);
        return {
          ...day,
          feeds,
          subscribers: aggregated + direct,
          aggregatorSubscribers: aggregated,
          directReaders: direct,
        };
      }),
    };
  }
  if (values.json) output.out(JSON.stringify(report, null, 2));
  else for (const line of formatStatsReport(report)) output.out(line);
  return 0;
}
