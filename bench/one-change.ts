// One change at a time, in-process: opens the service on BENCH_CHANGE_DIR (or a temporary folder
// filled by generate-articles.ts with BENCH_CHANGE_COUNT articles, 100,000 by default) with its own
// state folder, then makes BENCH_CHANGE_EDITS changes (20) in turn, as the scale bench does — a
// story added, edited, removed, an old story given a newer `updated` — and times each from the
// file written to a new /rss.xml made: the re-read, the publication rules, the site build and the
// page-1 feed through the gate. Prints the median, p99, each change and each rebuild's own time.
// BENCH_CHANGE_STATE keeps the state folder (the article index) for the next run;
// BENCH_CHANGE_KINDS (0,1,2,3) makes only the kinds listed. Run as
// `node --cpu-prof --import tsx bench/one-change.ts`, the profile shows where a change's time goes.
// Usage: npx tsx bench/one-change.ts
import { mkdtemp, rename, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config.js";
import type { Logger } from "../src/log.js";
import { openService } from "../src/service.js";
import {
  articleFileName,
  articleText,
  generateArticles,
  publishedAt,
} from "./generate-articles.js";

const count = Number(process.env.BENCH_CHANGE_COUNT ?? 100_000);
const edits = Number(process.env.BENCH_CHANGE_EDITS ?? 20);
/** Which kinds of change to make in turn (0 add, 1 edit, 2 remove, 3 an old story updated). */
const kinds = (process.env.BENCH_CHANGE_KINDS ?? "0,1,2,3").split(",").map(Number);
const given = process.env.BENCH_CHANGE_DIR;
const work = await mkdtemp(path.join(tmpdir(), "wirefeed-change-"));
const dir = given ?? path.join(work, "articles");
const root = path.resolve(import.meta.dirname, "..");

async function place(name: string, text: string): Promise<void> {
  const temporary = path.join(dir, `.${name}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path.join(dir, name));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

try {
  if (given === undefined) generateArticles(dir, count);
  const config = loadConfig(
    {
      ARTICLES_DIR: dir,
      STATE_DIR: process.env.BENCH_CHANGE_STATE ?? path.join(work, "state"),
      SITE_URL: "https://news.example.com",
    },
    root,
  );
  // The service's own time for each rebuild, from its "published" log line.
  const buildTimes: number[] = [];
  const logger: Logger = {
    info(message, fields) {
      if (message === "published" && typeof fields?.buildMs === "number")
        buildTimes.push(fields.buildMs);
    },
    warn() {},
    error() {},
  };
  const opened = performance.now();
  const service = await openService(config, logger);
  service.snapshot().renditions.get("/rss.xml");
  console.log(`opened ${count} articles in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
  const times: number[] = [];
  const added = count;
  for (let round = 0; round < edits; round++) {
    const kind = kinds[round % kinds.length];
    let name = articleFileName(added);
    const started = performance.now();
    if (kind === 0) await place(name, articleText(added));
    else if (kind === 1)
      await place(name, articleText(added, undefined, { title: `Edit ${round}` }));
    else if (kind === 2) await unlink(path.join(dir, name));
    else {
      const old = Math.floor((round * 7919) % count);
      name = articleFileName(old);
      await place(
        name,
        articleText(old, undefined, {
          updated: publishedAt(count + round),
          title: `Updated ${round} at ${Date.now()}`,
        }),
      );
    }
    const changed = await service.refresh([name]);
    if (!changed.includes("/rss.xml")) throw new Error(`change ${round} did not change /rss.xml`);
    service.snapshot().renditions.get("/rss.xml");
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${edits} changes at ${count} articles: median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
  );
  console.log(`each: ${times.map((ms) => ms.toFixed(0)).join(" ")}`);
  const builds = buildTimes.slice(-edits);
  console.log(`rebuilds: ${builds.map((ms) => ms.toFixed(0)).join(" ")}`);
  service.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
process.exit(0);
