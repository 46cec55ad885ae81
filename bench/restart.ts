// A restart in-process: opens the service on BENCH_RESTART_DIR (a folder filled once by
// generate-articles.ts) with the article index in BENCH_RESTART_STATE, and times it to the first
// /rss.xml answered, then reports the memory it holds while serving. When the state folder has no
// index yet, a first start fills it (untimed) and the service is opened again. Without a folder
// one of BENCH_RESTART_COUNT (100,000) articles is made in a temporary folder and removed after.
// Usage: node --expose-gc --import tsx bench/restart.ts (gc exposed: the heap is measured live)
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PassThrough } from "node:stream";
import { getHeapStatistics } from "node:v8";
import { loadConfig } from "../src/config.js";
import { consoleLogger } from "../src/log.js";
import { openService, type Service } from "../src/service.js";
import { generateArticles } from "./generate-articles.js";

const count = Number(process.env.BENCH_RESTART_COUNT ?? 100_000);
const givenDir = process.env.BENCH_RESTART_DIR;
const work = await mkdtemp(path.join(tmpdir(), "wirefeed-restart-"));
const articlesDir = givenDir ?? path.join(work, "articles");
const stateDir = process.env.BENCH_RESTART_STATE ?? path.join(work, "state");

/** Asks the service for /rss.xml as a client would, and resolves with the status and byte count. */
async function fetchFeed(service: Service): Promise<{ status: number; bytes: number }> {
  const { IncomingMessage, ServerResponse } = await import("node:http");
  const socket = new PassThrough();
  const request = new IncomingMessage(socket as never);
  request.method = "GET";
  request.url = "/rss.xml";
  request.headers = { host: "127.0.0.1" };
  const response = new ServerResponse(request);
  let bytes = 0;
  const done = new Promise<void>((resolve) => {
    response.assignSocket(socket as never);
    socket.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    response.on("finish", () => resolve());
  });
  service.handleRequest(request, response);
  request.push(null);
  await done;
  return { status: response.statusCode, bytes };
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

try {
  if (givenDir === undefined) generateArticles(articlesDir, count);
  mkdirSync(stateDir, { recursive: true });
  const config = loadConfig(
    {
      ARTICLES_DIR: articlesDir,
      STATE_DIR: stateDir,
      SITE_URL: "https://news.example.com",
      AUDIENCE: "off",
      LOG_LEVEL: "warn",
    },
    process.cwd(),
  );
  const hasIndex = readdirSync(stateDir).some((name) => name.startsWith("article-index-"));
  if (!hasIndex || !existsSync(articlesDir)) {
    const started = performance.now();
    const first = await openService(config, consoleLogger);
    first.close();
    console.log(
      `first start (index filled): ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  const service = await openService(config, consoleLogger);
  const opened = performance.now();
  const feed = await fetchFeed(service);
  const answered = performance.now();
  collectGarbage();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      articles: service.snapshot().articles.length,
      openServiceMs: Math.round(opened - started),
      firstFeedMs: Math.round(answered - started),
      feedStatus: feed.status,
      feedBytes: feed.bytes,
      heapUsedMiB: mib(after.heapUsed),
      heapUsedGrowthMiB: mib(after.heapUsed - before.heapUsed),
      heapTotalMiB: mib(after.heapTotal),
      mallocedMiB: mib(getHeapStatistics().malloced_memory),
      peakMallocedMiB: mib(getHeapStatistics().peak_malloced_memory),
      externalMiB: mib(after.external),
      rssMiB: mib(after.rss),
    }),
  );
  if (process.env.BENCH_RESTART_HOLD === "1") {
    // Hold the service so a heap snapshot can be taken (kill -USR2 with --heapsnapshot-signal).
    console.log(`holding; pid ${process.pid}`);
    await new Promise((resolve) => setTimeout(resolve, 600_000));
  }
  service.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
