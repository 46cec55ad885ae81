// Small charts drawn on the server as inline SVG (no script, nothing fetched: they pass the strict
// CSP). Each takes plain numbers and returns escaped markup.
import { html, type SafeHtml } from "./html.js";

export interface ChartPoint {
  label: string;
  value: number;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Points scaled into a width × height box, left to right, the largest value at the top. */
function plot(values: readonly number[], width: number, height: number, pad: number): string {
  const top = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = values.length > 1 ? pad + index * step : width / 2;
      const y = height - pad - (value / top) * (height - 2 * pad);
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

/** One point "x,y" as a dot (a line of one day would draw nothing). */
function dot(point: string): SafeHtml {
  const [x, y] = point.split(",");
  return html`<circle cx="${x}" cy="${y}" r="4" fill="#0b5cad"/>`;
}

/** A line chart with its largest value, its first and last labels, and a described title. */
export function lineChart(points: readonly ChartPoint[], title: string): SafeHtml {
  const width = 640;
  const height = 180;
  const pad = 24;
  const values = points.map((point) => point.value);
  const top = Math.max(0, ...values);
  const first = points[0];
  const last = points.at(-1);
  const description =
    last === undefined ? `${title}: no figures yet` : `${title}: ${last.value} on ${last.label}`;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${description}" xmlns="http://www.w3.org/2000/svg">
<title>${description}</title>
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#999"/>
<text x="${pad + 4}" y="${pad - 6}" font-size="12" fill="#555">${top}</text>
${points.length > 1 ? html`<polyline fill="none" stroke="#0b5cad" stroke-width="2" points="${plot(values, width, height, pad)}"/>` : ""}
${points.length === 1 ? dot(plot(values, width, height, pad)) : ""}
${first === undefined ? "" : html`<text x="${pad}" y="${height - 6}" font-size="12" fill="#555">${first.label}</text>`}
${last === undefined || points.length < 2 ? "" : html`<text x="${width - pad}" y="${height - 6}" font-size="12" fill="#555" text-anchor="end">${last.label}</text>`}
</svg>`;
}

/** A word-sized line of values (oldest first). */
export function sparkline(values: readonly number[], label: string): SafeHtml {
  const width = 120;
  const height = 24;
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title>${values.length > 1 ? html`<polyline fill="none" stroke="#0b5cad" stroke-width="1.5" points="${plot(values, width, height, 2)}"/>` : ""}${values.length === 1 ? dot(plot(values, width, height, 2)) : ""}</svg>`;
}

/** A share from 0 to 1 as a filled bar, with the percentage beside it. */
export function shareBar(share: number, label: string): SafeHtml {
  const width = 80;
  const filled = round(Math.min(1, Math.max(0, share)) * width);
  const percent = `${Math.round(share * 100)}%`;
  return html`<svg class="bar" viewBox="0 0 ${width} 10" width="${width}" height="10" role="img" aria-label="${label}: ${percent}" xmlns="http://www.w3.org/2000/svg"><title>${label}: ${percent}</title><rect width="${width}" height="10" fill="#e6e6e6"/><rect width="${filled}" height="10" fill="#2e8540"/></svg> ${percent}`;
}

/**
 * The median polling interval against max-age: the bar is the interval, the mark is max-age
 * (a bar that stops short of the mark polls more often than the feed asks).
 */
export function intervalBar(medianSeconds: number | null, maxAgeSeconds: number): SafeHtml {
  if (medianSeconds === null) return html`—`;
  const width = 80;
  const scale = width / (Math.max(medianSeconds, maxAgeSeconds) * 1.1);
  const tooOften = medianSeconds < maxAgeSeconds;
  const label = `median ${formatSeconds(medianSeconds)}, max-age ${formatSeconds(maxAgeSeconds)}`;
  return html`<svg class="bar" viewBox="0 0 ${width} 10" width="${width}" height="10" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title><rect width="${round(medianSeconds * scale)}" height="10" fill="${tooOften ? "#c0392b" : "#2e8540"}"/><line x1="${round(maxAgeSeconds * scale)}" y1="0" x2="${round(maxAgeSeconds * scale)}" y2="10" stroke="#222" stroke-width="2"/></svg> ${formatSeconds(medianSeconds)}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}
