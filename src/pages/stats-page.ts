// The stats page a publisher looks at (GET /stats/, token): subscribers over time, per feed with
// a sparkline, the aggregators' counts, and the polling table with small bars, all drawn here as
// inline SVG so the page needs no script and passes the strict CSP.
import type { StatsReport } from "../audience/stats-report.js";
import { html, type SafeHtml } from "./html.js";
import { formatSeconds, intervalBar, lineChart, shareBar, sparkline } from "./svg-charts.js";

const style = `body{font:1rem/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .6rem;text-align:left;border-bottom:1px solid #ddd;vertical-align:middle;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}.method{color:#555;font-size:.9rem;max-width:48rem}
svg.chart{max-width:100%;height:auto}`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KiB`;
  return `${Math.round(bytes / (1024 * 102.4)) / 10} MiB`;
}

function feedTable(report: StatsReport): SafeHtml {
  const today = report.days.at(-1);
  if (today === undefined || today.feeds.length === 0)
    return html`<p>No feed has been read today.</p>`;
  const history = (path: string) =>
    report.days.map((day) => day.feeds.find((feed) => feed.path === path)?.subscribers ?? 0);
  return html`<table>
<thead><tr><th>feed</th><th>subscribers</th><th>aggregators</th><th>direct readers</th><th>over ${report.days.length} days</th></tr></thead>
<tbody>
${today.feeds.map(
  (
    feed,
  ) => html`<tr><td>${feed.path}</td><td class="n">${feed.subscribers}</td><td class="n">${feed.aggregatorSubscribers}</td><td class="n">${feed.directReaders}</td><td>${sparkline(history(feed.path), `subscribers of ${feed.path}`)}</td></tr>
`,
)}</tbody>
</table>`;
}

function aggregatorTable(report: StatsReport): SafeHtml {
  const rows = (report.days.at(-1)?.feeds ?? []).flatMap((feed) =>
    feed.aggregators.map((aggregator) => ({ path: feed.path, ...aggregator })),
  );
  if (rows.length === 0) return html`<p>No aggregator has fetched a feed today.</p>`;
  return html`<table>
<thead><tr><th>feed</th><th>aggregator</th><th>feed id</th><th>subscribers</th></tr></thead>
<tbody>
${rows.map(
  (
    row,
  ) => html`<tr><td>${row.path}</td><td>${row.family}</td><td>${row.feedId ?? ""}</td><td class="n">${row.subscribers ?? "not reported (1)"}</td></tr>
`,
)}</tbody>
</table>`;
}

function clientTable(report: StatsReport): SafeHtml {
  const rows = (report.days.at(-1)?.feeds ?? []).flatMap((feed) =>
    feed.clients.map((client) => ({ path: feed.path, ...client })),
  );
  if (rows.length === 0) return html`<p>No requests today.</p>`;
  return html`<table>
<thead><tr><th>feed</th><th>client</th><th>kind</th><th>requests</th><th>conditional</th><th>answered 304</th><th>refused (429)</th><th>bytes</th><th>median interval (mark: max-age)</th></tr></thead>
<tbody>
${rows.map(
  (
    row,
  ) => html`<tr><td>${row.path}</td><td>${row.family}</td><td>${row.kind}</td><td class="n">${row.requests}</td><td>${shareBar(row.conditionalShare, "conditional")}</td><td>${shareBar(row.notModifiedShare, "answered 304")}</td><td class="n">${row.refused}</td><td class="n">${formatBytes(row.bytes)}</td><td>${intervalBar(row.medianIntervalSeconds, row.maxAgeSeconds)} <small>max-age ${formatSeconds(row.maxAgeSeconds)}</small></td></tr>
`,
)}</tbody>
</table>`;
}

export function renderStatsPage(report: StatsReport): string {
  const today = report.days.at(-1);
  const totals = report.days.map((day) => ({ label: day.day, value: day.subscribers }));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Audience — wirefeed</title>
<style>${style}</style>
</head>
<body>
<h1>Audience</h1>
${
  today === undefined
    ? html`<p>No figures yet.</p>`
    : html`<p><strong>${today.subscribers}</strong> subscribers on ${today.day} (UTC): ${today.aggregatorSubscribers} through aggregators and ${today.directReaders} direct readers.</p>`
}
<h2>Subscribers per day</h2>
${lineChart(totals, "Subscribers per day")}
<h2>Feeds today</h2>
${feedTable(report)}
<h2>Aggregators today</h2>
${aggregatorTable(report)}
<h2>Polling today</h2>
${clientTable(report)}
<h2>How these are counted</h2>
<p class="method">${report.method}</p>
</body>
</html>
`.text;
}
