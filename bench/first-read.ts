// The first reading of a store, in-process: opens the article store of BENCH_FIRST_DIR (or of a
// temporary folder filled by generate-articles.ts with BENCH_FIRST_COUNT articles, 100,000 by
// default) with an empty article index, as the server's first start does (bodies bounded on the
// worker pool), and prints how long reading took and how many articles it gave.
// Usage: BENCH_FIRST_DIR=/tmp/articles tsx bench/first-read.ts
// (node --cpu-prof --import tsx bench/first-read.ts writes a CPU profile of the main thread.)
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openIndexedStore } from "../src/articles/store-opening.js";
import { createLogger } from "../src/log.js";
import { defaultWorkBounds } from "../src/workers/work-bounds.js";
import { sharedWorkerPool } from "../src/workers/worker-pool.js";
import { generateArticles } from "./generate-articles.js";

const count = Number(process.env.BENCH_FIRST_COUNT ?? 100_000);
const given = process.env.BENCH_FIRST_DIR;
const work = await mkdtemp(path.join(tmpdir(), "wirefeed-first-"));
const dir = given ?? path.join(work, "articles");
try {
  if (given === undefined) generateArticles(dir, count);
  const pool = sharedWorkerPool();
  pool.warm();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const { store, articleIndex } = await openIndexedStore(
    {
      articlesDir: dir,
      idPrefix: "tag:news.example.com,2024:",
      followSymlinks: false,
      render: { pool, timeoutMs: defaultWorkBounds.renderTimeoutMs },
      stateDir: path.join(work, "state"),
    },
    createLogger("info"),
  );
  const view = store.view();
  const seconds = (performance.now() - started) / 1000;
  // The process's CPU time, every thread's: on a shared machine it moves less than the wall time.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `first reading: ${view.articles.length} articles, ${view.problems.length} problems in ${seconds.toFixed(1)} s, ${cpuSeconds.toFixed(1)} s of CPU (load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(", ")})`,
  );
  articleIndex?.close();
  await pool.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
