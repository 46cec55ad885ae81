// npm run bench: wirefeed against its peers on loopback, then store scale.
// Every load run is bounded (BENCH_SECONDS, default 5 s, 32 connections) and targets 127.0.0.1.
// Results are printed as tables and written to .bench/results.json.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { articleText, generateArticles } from "./generate-articles.js";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 32;
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
const siteUrl = "https://news.example.com";
/** Which parts to run, e.g. BENCH_PARTS=http or BENCH_PARTS=validate,scale; all by default. */
const parts = new Set((process.env.BENCH_PARTS ?? "validate,http,scale").split(","));

interface Running {
  child: ChildProcess;
  baseUrl: string;
  stderr: string[];
}

function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / clockTicks) * 1e6;
}

function residentMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => string | undefined,
): Promise<Running> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line === "") continue;
        stderr.push(line);
        const baseUrl = ready(line);
        if (baseUrl !== undefined) resolve({ child, baseUrl, stderr });
      }
    };
    child.stdout?.on("data", onLine);
    child.stderr?.on("data", onLine);
    child.once("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited with ${code}: ${stderr.join("\n")}`)),
    );
  });
}

function startWirefeed(articlesDir: string): Promise<Running> {
  return startProcess(
    ["dist/src/server.js"],
    { PORT: "0", HOST: "127.0.0.1", ARTICLES_DIR: articlesDir, SITE_URL: siteUrl },
    (line) => {
      const parsed = JSON.parse(line) as { message?: string; address?: string };
      return parsed.message === "wirefeed listening" ? parsed.address : undefined;
    },
  );
}

function startPeer(kind: string, dir: string): Promise<Running> {
  return startProcess(
    ["--import", "tsx", "bench/servers/peer-server.ts", kind, dir],
    {},
    (line) => {
      if (!line.startsWith("{")) return undefined;
      const parsed = JSON.parse(line) as { port?: number };
      return parsed.port === undefined ? undefined : `http://127.0.0.1:${parsed.port}`;
    },
  );
}

async function stop(running: Running): Promise<void> {
  running.child.removeAllListeners("exit");
  const exited = new Promise((resolve) => running.child.once("exit", resolve));
  running.child.kill("SIGTERM");
  await exited;
}

interface LoadResult {
  server: string;
  requests: number;
  reqPerSec: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  statuses: string;
  bytesPerResponse: number;
}

async function load(
  label: string,
  running: Running,
  headers: Record<string, string>,
  expectStatus: number,
): Promise<LoadResult> {
  const url = `${running.baseUrl}/rss.xml`;
  await autocannon({ url, connections, duration: 1, headers }); // warm-up
  const pid = running.child.pid as number;
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const cpu = cpuMicros(pid) - cpuBefore;
  const expected = expectStatus === 304 ? result["3xx"] : result["2xx"];
  if (expected !== result.requests.total || result.errors > 0) {
    throw new Error(
      `${label}: ${result.requests.total} requests, ${expected} with status ${expectStatus}, ${result.errors} errors`,
    );
  }
  return {
    server: label,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: Math.round(cpu / result.requests.total),
    statuses: `${expected}×${expectStatus}`,
    bytesPerResponse: Math.round(result.throughput.total / result.requests.total),
  };
}

async function etagOf(running: Running, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${running.baseUrl}/rss.xml`, { headers });
  await response.arrayBuffer();
  const etag = response.headers.get("etag");
  if (etag === null) throw new Error("no ETag");
  return etag;
}

function table(title: string, rows: LoadResult[]): void {
  console.log(`\n${title}`);
  console.log(
    "| server | req/s | p99 ms | CPU µs/request | ratio to wirefeed | responses | bytes/response |",
  );
  console.log("|---|---:|---:|---:|---:|---|---:|");
  const wirefeed = rows.find((row) => row.server === "wirefeed");
  for (const row of rows) {
    const ratio = wirefeed
      ? (row.cpuMicrosPerRequest / wirefeed.cpuMicrosPerRequest).toFixed(2)
      : "";
    console.log(
      `| ${row.server} | ${row.reqPerSec} | ${row.p99Ms} | ${row.cpuMicrosPerRequest} | ${ratio}× | ${row.statuses} | ${row.bytesPerResponse} |`,
    );
  }
}

async function httpBenchmarks(work: string) {
  const articlesDir = path.join(work, "articles-50");
  await generateArticles(articlesDir, 50, 10);
  const exportDir = path.join(work, "export");
  execFileSync(process.execPath, ["dist/src/cli/wirefeed.js", "export", exportDir], {
    cwd: root,
    env: { ...process.env, ARTICLES_DIR: articlesDir, SITE_URL: siteUrl },
    stdio: "ignore",
  });
  const feedBytes = (await readFile(path.join(exportDir, "rss.xml"))).length;
  console.log(`main RSS feed: 50 items, ${(feedBytes / 1024).toFixed(0)} KiB`);

  const results: Record<string, LoadResult[]> = { identity: [], gzip: [], br: [], notModified: [] };
  const wirefeed = await startWirefeed(articlesDir);
  const identity = { "accept-encoding": "identity" };
  results.identity?.push(await load("wirefeed", wirefeed, identity, 200));
  results.gzip?.push(await load("wirefeed", wirefeed, { "accept-encoding": "gzip" }, 200));
  results.br?.push(await load("wirefeed", wirefeed, { "accept-encoding": "br" }, 200));
  results.notModified?.push(
    await load(
      "wirefeed",
      wirefeed,
      { ...identity, "if-none-match": await etagOf(wirefeed, identity) },
      304,
    ),
  );
  await stop(wirefeed);

  for (const kind of ["static", "bare", "feed6"]) {
    const peer = await startPeer(kind, kind === "feed6" ? articlesDir : exportDir);
    const label = {
      static: "express.static",
      bare: "node:http constant Buffer",
      feed6: "express + feed@6 per request",
    }[kind] as string;
    results.identity?.push(await load(label, peer, identity, 200));
    if (kind === "static") {
      results.notModified?.push(
        await load(
          label,
          peer,
          { ...identity, "if-none-match": await etagOf(peer, identity) },
          304,
        ),
      );
    }
    await stop(peer);
  }
  const compressing = await startPeer("compression", exportDir);
  results.gzip?.push(
    await load("express + compression", compressing, { "accept-encoding": "gzip" }, 200),
  );
  results.br?.push(
    await load("express + compression", compressing, { "accept-encoding": "br" }, 200),
  );
  await stop(compressing);

  table("GET /rss.xml, identity", results.identity ?? []);
  table("GET /rss.xml, Accept-Encoding: gzip", results.gzip ?? []);
  table("GET /rss.xml, Accept-Encoding: br", results.br ?? []);
  table("GET /rss.xml, matching If-None-Match (304)", results.notModified ?? []);
  return { feedBytes, results };
}

async function firstFeed(baseUrl: string): Promise<{ etag: string }> {
  const response = await fetch(`${baseUrl}/rss.xml`);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`first feed answered ${response.status}`);
  return { etag: response.headers.get("etag") ?? "" };
}

async function scale(work: string, count: number, measureUpdate: boolean) {
  const dir = path.join(work, `articles-${count}`);
  const generated = Date.now();
  await generateArticles(dir, count, 4);
  const generateMs = Date.now() - generated;
  const started = performance.now();
  const wirefeed = await startWirefeed(dir);
  const { etag } = await firstFeed(wirefeed.baseUrl);
  const coldStartMs = Math.round(performance.now() - started);
  const memory = residentMiB(wirefeed.child.pid as number);
  const row: Record<string, number | string> = {
    articles: count,
    generateMs,
    coldStartMs,
    rssMiB: Math.round(memory.rss),
    peakMiB: Math.round(memory.peak),
  };
  if (measureUpdate) {
    const newest = `story-${String(count - 1).padStart(6, "0")}.md`;
    const samples: number[] = [];
    let previous = etag;
    for (let round = 1; round <= 5; round++) {
      const text = articleText(count - 1, 4).replace(/title: "[^"]*"/, `title: "Edited ${round}"`);
      const changedAt = performance.now();
      await writeFile(path.join(dir, newest), text);
      for (;;) {
        const response = await fetch(`${wirefeed.baseUrl}/rss.xml`, { method: "HEAD" });
        const now = response.headers.get("etag") ?? "";
        if (now !== previous) {
          previous = now;
          break;
        }
        if (performance.now() - changedAt > 10_000)
          throw new Error("update not published within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      samples.push(performance.now() - changedAt);
    }
    const published = wirefeed.stderr
      .map((line) => JSON.parse(line) as { message?: string; buildMs?: number })
      .filter((line) => line.message === "published" && line.buildMs !== undefined)
      .map((line) => line.buildMs as number);
    row.updateMsMedian = Math.round(samples.sort((a, b) => a - b)[2] ?? 0);
    row.updateMsMax = Math.round(Math.max(...samples));
    row.rebuildMsMedian = published.sort((a, b) => a - b)[Math.floor(published.length / 2)] ?? "";
  }
  await stop(wirefeed);
  await rm(dir, { recursive: true, force: true });
  return row;
}

/**
 * What the validation gate costs per feed: the 50-item subscription feeds of ~280 KB rendered
 * in-process and validated, first call (schemas compiled) and the median of 20 after.
 */
async function validationCost(work: string) {
  const dir = path.join(work, "articles-validate");
  await generateArticles(dir, 50, 10);
  const { loadArticles } = await import("../src/articles/load.js");
  const { buildFeed } = await import("../src/feeds/build-feed.js");
  const { subscriptionFeed } = await import("../src/feeds/catalog.js");
  const { feedFormats } = await import("../src/formats/index.js");
  const { validateFeedText } = await import("../src/validate/index.js");
  const { loadConfig } = await import("../src/config.js");
  const { site } = loadConfig({}, root);
  const { articles } = await loadArticles(dir, { idPrefix: site.idPrefix });
  const feed = buildFeed(subscriptionFeed(articles, site), site, siteUrl);
  const rows = [];
  for (const format of feedFormats) {
    const text = format.render(feed);
    const timed = () => {
      const started = performance.now();
      const problems = validateFeedText(format.name, text);
      if (problems.length > 0) throw new Error(`${format.name}: ${JSON.stringify(problems)}`);
      return performance.now() - started;
    };
    const first = timed();
    const runs = Array.from({ length: 20 }, timed).sort((a, b) => a - b);
    rows.push({
      format: format.name,
      kib: Math.round(Buffer.byteLength(text) / 1024),
      firstCallMs: Number(first.toFixed(1)),
      medianMs: Number((runs[10] ?? 0).toFixed(2)),
    });
  }
  console.log("\nValidation gate, per feed (50 items, in-process)");
  console.table(rows);
  return rows;
}

const work = await mkdtemp(path.join(tmpdir(), "wirefeed-bench-"));
try {
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log(
    `load: autocannon, ${connections} connections, ${seconds} s per run after 1 s warm-up, 127.0.0.1`,
  );
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  const validation = parts.has("validate") ? await validationCost(work) : undefined;
  const http = parts.has("http") ? await httpBenchmarks(work) : undefined;
  const scaleRows = [];
  if (parts.has("scale")) {
    for (const [count, update] of [
      [10_000, true],
      [100_000, false],
    ] as const) {
      scaleRows.push(await scale(work, count, update));
    }
  }
  if (scaleRows.length > 0) {
    console.log(
      "\nStore scale (cold start = process spawn to first 200 on /rss.xml; update = file written to new ETag served)",
    );
    console.table(scaleRows);
  }
  await mkdir(path.join(root, ".bench"), { recursive: true });
  await writeFile(
    path.join(root, ".bench/results.json"),
    `${JSON.stringify({ seconds, connections, validation, http, scale: scaleRows }, null, 2)}\n`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
