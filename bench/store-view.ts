// The store's view after one change, in-process: opens an ArticleStore on BENCH_VIEW_DIR (or a
// temporary folder filled by generate-articles.ts with BENCH_VIEW_COUNT articles, 100,000 by
// default), then edits BENCH_VIEW_EDITS files (10) one at a time, re-reads each and times the
// view that follows (ids and slugs held, problems listed, articles sorted). Prints the median and
// the slowest. Usage: tsx bench/store-view.ts
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ArticleStore } from "../src/articles/store.js";
import { articleFileName, articleText, generateArticles } from "./generate-articles.js";

const count = Number(process.env.BENCH_VIEW_COUNT ?? 100_000);
const edits = Number(process.env.BENCH_VIEW_EDITS ?? 10);
const given = process.env.BENCH_VIEW_DIR;
const dir = given ?? (await mkdtemp(path.join(tmpdir(), "wirefeed-view-")));
try {
  if (given === undefined) generateArticles(dir, count);
  const opened = performance.now();
  const store = await ArticleStore.open(dir, { idPrefix: "tag:news.example.com,2024:" });
  store.view();
  console.log(
    `opened ${count} articles and made the first view in ${((performance.now() - opened) / 1000).toFixed(1)} s`,
  );
  const times: number[] = [];
  for (let edit = 0; edit < edits; edit++) {
    const index = Math.floor(((edit + 0.5) * count) / edits);
    writeFileSync(
      path.join(dir, articleFileName(index)),
      articleText(index, undefined, { title: `Edit ${edit} at ${Date.now()}` }),
    );
    await store.reread([articleFileName(index)]);
    const start = performance.now();
    store.view();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(
    `view after one edit: median ${median.toFixed(0)} ms, slowest ${(times.at(-1) as number).toFixed(0)} ms (${edits} edits)`,
  );
} finally {
  if (given === undefined) await rm(dir, { recursive: true, force: true });
}
