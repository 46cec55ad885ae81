// npm run bench: wirefeed against its peers on loopback, then store scale.
// Every load run is bounded (BENCH_SECONDS, default 5 s, 32 connections) and targets 127.0.0.1.
// Results are printed as tables and written to .bench/results.json.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { audienceCost } from "./audience-cost.js";
import {
  articleFileName,
  articleText,
  generateArticles,
  publishedAt,
} from "./generate-articles.js";
import { startNginx } from "./servers/nginx-peer.js";
import { sustainedPublishing } from "./sustained.js";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 32;
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
const siteUrl = "https://news.example.com";
/** Which parts to run, e.g. BENCH_PARTS=http or BENCH_PARTS=validate,scale; all by default. */
const parts = new Set((process.env.BENCH_PARTS ?? "validate,http,audience,scale").split(","));

interface Running {
  child: ChildProcess;
  baseUrl: string;
  stderr: string[];
}

/** CPU time of a process and its children (nginx's worker is the master's child), in µs. */
function cpuMicros(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
    .split(" ")
    .filter((child) => child.trim() !== "")
    .map(Number);
  let ticks = 0;
  for (const one of [pid, ...children]) {
    const fields = readFileSync(`/proc/${one}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks / clockTicks) * 1e6;
}

function residentMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
}

interface Starting {
  child: ChildProcess;
  /** Resolves once the process says where it listens; rejects if it exits first. */
  ready: Promise<Running>;
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: (line: string) => string | undefined,
): Starting {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  const listening = new Promise<Running>((resolve, reject) => {
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
      reject(new Error(`${args.join(" ")} exited with ${code}: ${stderr.slice(-5).join("\n")}`)),
    );
  });
  return { child, ready: listening };
}

function startWirefeed(
  articlesDir: string,
  stateDir: string,
  env: Record<string, string> = {},
): Starting {
  return startProcess(
    ["dist/src/server.js"],
    {
      PORT: "0",
      HOST: "127.0.0.1",
      ARTICLES_DIR: articlesDir,
      SITE_URL: siteUrl,
      STATE_DIR: stateDir,
      ...env,
    },
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
  ).ready;
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

async function etagOf(
  running: { baseUrl: string },
  headers: Record<string, string>,
): Promise<string> {
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
  generateArticles(articlesDir, 50);
  const exportDir = path.join(work, "export");
  execFileSync(process.execPath, ["dist/src/cli/wirefeed.js", "export", exportDir], {
    cwd: root,
    env: {
      ...process.env,
      ARTICLES_DIR: articlesDir,
      SITE_URL: siteUrl,
      STATE_DIR: path.join(work, "state-export"),
    },
    stdio: "ignore",
  });
  const feedBytes = (await readFile(path.join(exportDir, "rss.xml"))).length;
  console.log(`main RSS feed: 50 items, ${(feedBytes / 1024).toFixed(0)} KiB`);

  const results: Record<string, LoadResult[]> = { identity: [], gzip: [], br: [], notModified: [] };
  const wirefeed = await startWirefeed(articlesDir, path.join(work, "state-http")).ready;
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

  const nginx = await startNginx(exportDir, path.join(work, "nginx"));
  const nginxLabel = "nginx (sendfile, gzip_static)";
  results.identity?.push(await load(nginxLabel, nginx, identity, 200));
  results.gzip?.push(await load(nginxLabel, nginx, { "accept-encoding": "gzip" }, 200));
  // nginx-light has no brotli module: it answers a br-only request with the identity bytes.
  results.br?.push(
    await load("nginx (no brotli module: identity bytes)", nginx, { "accept-encoding": "br" }, 200),
  );
  results.notModified?.push(
    await load(
      nginxLabel,
      nginx,
      { ...identity, "if-none-match": await etagOf(nginx, identity) },
      304,
    ),
  );
  await stop(nginx);

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

/** Store sizes the scale part runs, e.g. BENCH_SCALE_COUNTS=10000,100000,1000000. */
const scaleCounts = (process.env.BENCH_SCALE_COUNTS ?? "10000,100000").split(",").map(Number);
/** Changes timed per store size (each: file renamed into place → new /rss.xml ETag served). */
const scaleEdits = Number(process.env.BENCH_EDITS ?? 30);
/** A server whose resident memory passes this is stopped and the size reported as over it. */
const maxResidentMiB = Number(process.env.BENCH_MAX_RSS_MIB ?? 8192);
const startTimeoutMs = Number(process.env.BENCH_START_TIMEOUT_S ?? 900) * 1000;

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * Starts the built server on `dir` and times spawn → first 200 on /rss.xml, watching its
 * resident memory meanwhile: past maxResidentMiB it is stopped and the start reported as failed.
 */
async function timedStart(dir: string, stateDir: string) {
  const started = performance.now();
  const starting = startWirefeed(dir, stateDir);
  let peakMiB = 0;
  const watcher = setInterval(() => {
    const pid = starting.child.pid;
    if (pid === undefined) return;
    try {
      peakMiB = Math.max(peakMiB, residentMiB(pid).rss);
    } catch {
      return;
    }
    if (peakMiB > maxResidentMiB || performance.now() - started > startTimeoutMs) {
      starting.child.kill("SIGKILL");
    }
  }, 250);
  try {
    const running = await starting.ready;
    const { etag } = await firstFeed(running.baseUrl);
    return { running, etag, ms: Math.round(performance.now() - started) };
  } catch (error) {
    throw new Error(
      `no first feed (resident ${Math.round(peakMiB)} MiB, limit ${maxResidentMiB} MiB; ${Math.round((performance.now() - started) / 1000)} s)`,
      { cause: error },
    );
  } finally {
    clearInterval(watcher);
  }
}

/** Writes a file the way careful editors and the API do: a temporary file renamed over it. */
async function placeFile(dir: string, name: string, text: string): Promise<void> {
  const temporary = path.join(dir, `.${name}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path.join(dir, name));
}

/**
 * Times `scaleEdits` changes in turn: a story added, that story edited, removed again, and an old
 * story edited with a newer `updated` (which brings it to the top). Each is timed from the file
 * landing to the first HEAD /rss.xml with a new ETag.
 */
async function timeChanges(dir: string, running: Running, count: number, firstEtag: string) {
  const samples: number[] = [];
  let previous = firstEtag;
  const added = count;
  for (let round = 0; round < scaleEdits; round++) {
    const kind = round % 4;
    const changedAt = performance.now();
    if (kind === 0) await placeFile(dir, articleFileName(added), articleText(added));
    else if (kind === 1)
      await placeFile(
        dir,
        articleFileName(added),
        articleText(added, undefined, { title: `Edited ${round}` }),
      );
    else if (kind === 2) await unlink(path.join(dir, articleFileName(added)));
    else {
      const old = Math.floor((round * 7919) % count);
      const updated = publishedAt(count + round);
      await placeFile(dir, articleFileName(old), articleText(old, undefined, { updated }));
    }
    for (;;) {
      const response = await fetch(`${running.baseUrl}/rss.xml`, { method: "HEAD" });
      const now = response.headers.get("etag") ?? "";
      if (now !== previous) {
        previous = now;
        break;
      }
      if (performance.now() - changedAt > 30_000)
        throw new Error("a change not served within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    samples.push(performance.now() - changedAt);
    // Let the watcher's trailing events settle so each change is timed alone.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const rebuilds = running.stderr
    .map((line) => JSON.parse(line) as { message?: string; buildMs?: number })
    .filter((line) => line.message === "published" && line.buildMs !== undefined)
    .map((line) => line.buildMs as number);
  return {
    changeMsMedian: Math.round(percentile(samples, 50)),
    changeMsP99: Math.round(percentile(samples, 99)),
    rebuildMsMedian: rebuilds.length === 0 ? "" : Math.round(percentile(rebuilds, 50)),
  };
}

async function scale(work: string, count: number) {
  const dir = path.join(work, `articles-${count}`);
  const stateDir = path.join(work, `state-${count}`);
  const generated = performance.now();
  generateArticles(dir, count, undefined, (written) => {
    if (written % 100_000 === 0) console.log(`generated ${written} articles`);
  });
  const generateMs = Math.round(performance.now() - generated);
  const row: Record<string, number | string> = { articles: count, generateMs };
  try {
    const first = await timedStart(dir, stateDir);
    row.firstStartMs = first.ms;
    await stop(first.running);
    const restart = await timedStart(dir, stateDir);
    row.restartMs = restart.ms;
    const pid = restart.running.child.pid as number;
    row.rssMiB = Math.round(residentMiB(pid).rss);
    // Serving: two seconds on, past the one full collection the server makes once it listens.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    row.rssServingMiB = Math.round(residentMiB(pid).rss);
    Object.assign(row, await timeChanges(dir, restart.running, count, restart.etag));
    const memory = residentMiB(pid);
    row.rssAfterChangesMiB = Math.round(memory.rss);
    row.peakMiB = Math.round(memory.peak);
    await stop(restart.running);
  } catch (error) {
    row.failed = error instanceof Error ? error.message : String(error);
  }
  await rm(dir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
  return row;
}

/**
 * What the validation gate costs per feed: the 50-item subscription feeds of ~280 KB rendered
 * in-process and validated, first call (schemas compiled) and the median of 20 after.
 */
async function validationCost(work: string) {
  const dir = path.join(work, "articles-validate");
  generateArticles(dir, 50);
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

/** The audience part (bench/audience-cost.ts) on 50 generated articles of 10 paragraphs. */
async function audienceBenchmark(work: string) {
  const articlesDir = path.join(work, "audience-articles");
  generateArticles(articlesDir, 50, 10);
  let started = 0;
  return audienceCost({
    start: async (env) => {
      started += 1;
      const stateDir = path.join(work, `audience-state-${started}`);
      const running = await startWirefeed(articlesDir, stateDir, env).ready;
      return {
        pid: running.child.pid as number,
        baseUrl: running.baseUrl,
        stop: () => stop(running),
      };
    },
    etagOf,
  });
}

const work = await mkdtemp(path.join(tmpdir(), "wirefeed-bench-"));
// nginx started as root serves as `nobody`, which must be able to read the exported files.
await chmod(work, 0o755);
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
  const audience = parts.has("audience") ? await audienceBenchmark(work) : undefined;
  const scaleRows = [];
  if (parts.has("scale")) {
    for (const count of scaleCounts) {
      scaleRows.push(await scale(work, count));
      console.table(scaleRows.slice(-1));
    }
  }
  const sustained = parts.has("sustained")
    ? await sustainedPublishing(work, {
        start: async (dir, stateDir) => (await timedStart(dir, stateDir)).running,
        stop,
        placeFile,
        percentile,
      })
    : undefined;
  if (sustained !== undefined) {
    console.log("\nSustained publishing (story file renamed into place → listed in /rss.xml)");
    console.table([sustained]);
  }
  if (scaleRows.length > 0) {
    console.log(
      "\nStore scale (start = process spawn to first 200 on /rss.xml, first with an empty STATE_DIR, then a restart; change = file renamed into place to new ETag served)",
    );
    console.table(scaleRows);
  }
  await mkdir(path.join(root, ".bench"), { recursive: true });
  await writeFile(
    path.join(root, ".bench/results.json"),
    `${JSON.stringify({ seconds, connections, validation, http, audience, scale: scaleRows, sustained }, null, 2)}\n`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
