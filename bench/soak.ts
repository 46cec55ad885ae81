// npm run soak: the built server under a bounded mixed load on loopback while articles are being
// written through the publishing API. Fails (exit 1) on any connection error, any status other
// than 200/304 for reads or 200/201 for writes, any feed version that does not validate, any feed
// response whose bytes were not validated, or a degraded /healthz at the end.
//
// SOAK_SECONDS (default 60) and SOAK_CONNECTIONS (default 64) bound the load; SOAK_ARTICLES
// (default 500) sizes the folder; SOAK_WRITE_INTERVAL_MS (default 1100: under the API's default
// limit of 60 requests a minute) paces the writer. Everything runs on 127.0.0.1 in a temporary
// folder with its own site.json (no hubs, nothing leaves the machine). Memory is reported, not
// judged: the server's RSS every 5 s, and its live heap after each full collection (--trace-gc).
// Results: stdout and .bench/soak.json.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { describeProblem, type FeedKind, validateFeedText } from "../src/validate/index.js";
import { articleSlug, generateArticles } from "./generate-articles.js";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 64);
const articleCount = Number(process.env.SOAK_ARTICLES ?? 500);
const writeIntervalMs = Number(process.env.SOAK_WRITE_INTERVAL_MS ?? 1100);
const token = "soak-token-0123456789abcdef0123456789";
const feeds: ReadonlyArray<[string, FeedKind]> = [
  ["/rss.xml", "rss"],
  ["/atom.xml", "atom"],
  ["/feed.json", "json"],
];
const encodings = ["identity", "gzip", "br"] as const;

interface FullGc {
  /** Date.now() when the line was read. */
  at: number;
  /** Live heap after the collection. */
  heapMiB: number;
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function startServer(
  articlesDir: string,
  siteConfig: string,
): Promise<{ child: ChildProcess; baseUrl: string; log: string[]; fullGcs: FullGc[] }> {
  // --trace-gc prints every collection on stdout: the live heap after each full (mark-compact)
  // collection is the leak signal; RSS alone also moves with lazy GC and allocator caches.
  const child = spawn(process.execPath, ["--trace-gc", "dist/src/server.js"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      ARTICLES_DIR: articlesDir,
      SITE_CONFIG: siteConfig,
      SITE_URL: "https://news.example.com",
      API_TOKEN: token,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const fullGcs: FullGc[] = [];
  let gcPending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    gcPending += chunk.toString("utf8");
    const lines = gcPending.split("\n");
    gcPending = lines.pop() ?? "";
    for (const line of lines) {
      const match = /(\d+) ms: Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (match) fullGcs.push({ at: Date.now(), heapMiB: Number(match[2]) });
    }
  });
  return new Promise((resolve, reject) => {
    let pending = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        log.push(line);
        const address = /"message":"wirefeed listening".*"address":"([^"]+)"/.exec(line)?.[1];
        if (address !== undefined) resolve({ child, baseUrl: address, log, fullGcs });
      }
    });
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code}: ${log.join("\n")}`)),
    );
  });
}

/**
 * Fetches every feed in every coding and validates each distinct version once. ETags are hashes
 * of the bytes, so an ETag seen here stands for bytes that were checked.
 */
class Sampler {
  readonly validEtags = new Set<string>();
  readonly latestEtag = new Map<string, string>();
  readonly invalid: string[] = [];
  readonly failures: string[] = [];
  readonly #checkedTexts = new Map<string, string[]>();
  versions = 0;
  samples = 0;

  constructor(readonly baseUrl: string) {}

  async checkFeed(feed: string, kind: FeedKind, encoding: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}${feed}`, {
      headers: { "accept-encoding": encoding },
    });
    const text = await response.text(); // fetch decodes gzip and br
    this.samples++;
    const etag = response.headers.get("etag") ?? "";
    if (response.status !== 200) {
      this.failures.push(`${feed} (${encoding}): ${response.status}`);
      return;
    }
    const digest = createHash("sha256").update(text).digest("hex");
    let problems = this.#checkedTexts.get(digest);
    if (problems === undefined) {
      problems = validateFeedText(kind, text).map(describeProblem);
      this.#checkedTexts.set(digest, problems);
      this.versions++;
      if (problems.length > 0) this.invalid.push(`${feed} ${etag}: ${problems.join("; ")}`);
    }
    if (problems.length === 0) this.validEtags.add(etag);
    this.latestEtag.set(`${feed} ${encoding}`, etag);
  }

  async checkPage(page: string, mustContain?: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}${page}`);
    const html = await response.text();
    this.samples++;
    if (response.status !== 200 || !html.trimEnd().endsWith("</html>"))
      this.failures.push(`${page}: ${response.status}, ${html.length} characters`);
    else if (mustContain !== undefined && !html.includes(mustContain))
      this.failures.push(`${page}: does not show "${mustContain}"`);
  }

  async checkAll(): Promise<void> {
    await Promise.all([
      ...feeds.flatMap(([feed, kind]) =>
        encodings.map((encoding) => this.checkFeed(feed, kind, encoding)),
      ),
      this.checkPage("/"),
    ]);
  }
}

/** Creates and edits articles through the API, one request at a time, until stopped. */
async function writeArticles(
  baseUrl: string,
  sampler: Sampler,
  stop: { now: boolean },
): Promise<{ writes: number; failed: string[]; latencyMs: number[]; checkMs: number[] }> {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const created: string[] = [];
  const failed: string[] = [];
  let writes = 0;
  const latencyMs: number[] = [];
  const checkMs: number[] = [];
  for (let n = 0; !stop.now; n++) {
    const started = Date.now();
    const edit = n % 2 === 1 && created.length > 0;
    const slug = edit ? (created[n % created.length] as string) : `soak-${n}`;
    const title = edit ? `Soak ${n}: edited <&> "again"` : `Soak ${n}: new & noteworthy`;
    const response = await fetch(`${baseUrl}/api/articles${edit ? `/${slug}` : ""}`, {
      method: edit ? "PUT" : "POST",
      headers,
      body: JSON.stringify({
        title,
        ...(edit ? { updated: new Date().toISOString().replace(/\.\d+Z$/, "Z") } : { slug }),
        tags: ["Soak", `Round ${n % 5}`],
        body: `Paragraph **${n}** with [a link](/articles/${slug}) & <em>markup</em>.\n\n${"Text. ".repeat(200)}`,
      }),
    });
    await response.arrayBuffer();
    latencyMs.push(Date.now() - started);
    if (response.status === (edit ? 200 : 201)) {
      writes++;
      if (!edit) created.push(slug);
      // The API answers after the change is published: check the new versions now.
      const checking = Date.now();
      await Promise.all([sampler.checkAll(), sampler.checkPage(`/articles/${slug}`, `Soak ${n}`)]);
      checkMs.push(Date.now() - checking);
    } else {
      failed.push(`${edit ? "PUT" : "POST"} ${slug}: ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, writeIntervalMs - (Date.now() - started)));
  }
  return { writes, failed, latencyMs, checkMs };
}

function summarize(values: number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
}

async function main(): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), "wirefeed-soak-"));
  const articlesDir = path.join(work, "articles");
  const siteConfig = path.join(work, "site.json");
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    generateArticles(articlesDir, articleCount, 4);
    await writeFile(
      siteConfig,
      JSON.stringify({
        title: "Soak News",
        description: "wirefeed under load",
        language: "en",
        publisher: { name: "Soak News" },
        idPrefix: "tag:news.example.com,2026:soak/",
        feedId: "tag:news.example.com,2026:soak-feed",
        feedSize: 50,
      }),
    );
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
    server = await startServer(articlesDir, siteConfig);
    const pid = server.child.pid as number;
    const { baseUrl } = server;
    const sampler = new Sampler(baseUrl);
    await sampler.checkAll();

    const rss: Array<[number, number]> = [[0, residentMiB(pid)]];
    const startedAt = Date.now();
    const memory = setInterval(
      () => rss.push([Math.round((Date.now() - startedAt) / 1000), residentMiB(pid)]),
      5000,
    );
    const stop = { now: false };
    const polling = (async () => {
      while (!stop.now) {
        await sampler.checkAll();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const writer = writeArticles(baseUrl, sampler, stop);

    const seenEtags = new Set<string>();
    const badStatuses = new Map<string, number>();
    /** autocannon hands over the raw header names ("ETag"), so they are matched ignoring case. */
    const record =
      (label: string) =>
      (
        status: number,
        _body: string,
        _context: object,
        headers: IncomingHttpHeaders | undefined,
      ) => {
        const etag = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "etag");
        if (status === 200 && typeof etag?.[1] === "string" && label.startsWith("feed"))
          seenEtags.add(etag[1]);
        if (status !== 200 && status !== 304)
          badStatuses.set(`${label} ${status}`, (badStatuses.get(`${label} ${status}`) ?? 0) + 1);
      };
    const conditional = (feed: string, encoding: string) => (request: autocannon.Request) => ({
      ...request,
      headers: {
        ...request.headers,
        "if-none-match": sampler.latestEtag.get(`${feed} ${encoding}`) ?? '"none"',
      },
    });
    const slugs = Array.from({ length: articleCount }, (_, i) => articleSlug(i));
    let pick = 0;
    const result = await autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          path: "/rss.xml",
          headers: { "accept-encoding": "identity" },
          onResponse: record("feed rss identity"),
        },
        {
          path: "/atom.xml",
          headers: { "accept-encoding": "gzip" },
          onResponse: record("feed atom gzip"),
        },
        {
          path: "/feed.json",
          headers: { "accept-encoding": "br" },
          onResponse: record("feed json br"),
        },
        {
          path: "/rss.xml",
          headers: { "accept-encoding": "gzip" },
          setupRequest: conditional("/rss.xml", "gzip"),
          onResponse: record("feed rss gzip if-none-match"),
        },
        {
          path: "/atom.xml",
          headers: { "accept-encoding": "identity" },
          setupRequest: conditional("/atom.xml", "identity"),
          onResponse: record("feed atom identity if-none-match"),
        },
        { path: "/", headers: { "accept-encoding": "gzip" }, onResponse: record("page home gzip") },
        {
          path: `/articles/${articleSlug(0)}`,
          headers: { "accept-encoding": "identity" },
          setupRequest: (request: autocannon.Request) => {
            pick = (pick + 7919) % slugs.length;
            return { ...request, path: `/articles/${slugs[pick]}` };
          },
          onResponse: record("page article"),
        },
        {
          path: "/feed.json",
          headers: { "accept-encoding": "identity" },
          onResponse: record("feed json identity"),
        },
      ],
    });
    stop.now = true;
    clearInterval(memory);
    const written = await writer;
    await polling;
    rss.push([Math.round((Date.now() - startedAt) / 1000), residentMiB(pid)]);

    await sampler.checkAll();
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
      status: string;
      articles: number;
    };
    // Live heap after each full collection during the load; the last third against the first
    // settled one (a third of the way in, once every page has been built at least once).
    const liveHeap = server.fullGcs
      .filter((gc) => gc.at >= startedAt)
      .map(({ at, heapMiB }): [number, number] => [Math.round((at - startedAt) / 1000), heapMiB]);
    const settled = liveHeap.filter(([at]) => at >= seconds / 3).map(([, mib]) => mib);
    const heapGrowthMiB =
      settled.length >= 2 ? (settled.at(-1) as number) - (settled[0] as number) : undefined;
    const unverified = [...seenEtags].filter((etag) => !sampler.validEtags.has(etag));
    const serverErrors = server.log.filter((line) => /"level":"(error|warn)"/.test(line));

    const figures = {
      command: `SOAK_SECONDS=${seconds} SOAK_CONNECTIONS=${connections} npm run soak`,
      machine: `${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`,
      seconds,
      connections,
      articlesAtStart: articleCount,
      articlesAtEnd: health.articles,
      requests: result.requests.total,
      reqPerSec: Math.round(result.requests.average),
      latencyMs: {
        p50: result.latency.p50,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      statuses: {
        "200": result["2xx"],
        "304": result["3xx"],
        "4xx": result["4xx"],
        "5xx": result["5xx"],
      },
      errors: result.errors,
      timeouts: result.timeouts,
      unexpectedStatuses: Object.fromEntries(badStatuses),
      apiWrites: written.writes,
      apiWriteFailures: written.failed,
      apiWriteLatencyMs: summarize(written.latencyMs),
      checkAfterWriteMs: summarize(written.checkMs),
      feedVersionsValidated: sampler.versions,
      sampledResponses: sampler.samples,
      invalidBodies: sampler.invalid,
      sampleFailures: sampler.failures,
      feedEtagsSeenUnderLoad: seenEtags.size,
      feedEtagsNotValidated: unverified,
      rssMiB: rss.map(([at, mib]) => [at, Math.round(mib * 10) / 10]),
      liveHeapAfterFullGcMiB: liveHeap,
      liveHeapGrowthAfterFirstThirdMiB: heapGrowthMiB,
      serverWarningsAndErrors: serverErrors,
      health: health.status,
    };
    console.log(JSON.stringify(figures, null, 2));
    const mib = rss.map(([, value]) => value);
    console.log(
      [
        "| s | connections | requests | req/s | p50 ms | p99 ms | max ms | 200 | 304 | 4xx+5xx | errors | API writes | feed versions validated | invalid bodies | RSS MiB start → end (max) | live heap MiB after full GC, ⅓ → end |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
        `| ${seconds} | ${connections} | ${result.requests.total} | ${figures.reqPerSec} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result["2xx"]} | ${result["3xx"]} | ${result["4xx"] + result["5xx"]} | ${result.errors} | ${written.writes} | ${sampler.versions} | ${sampler.invalid.length} | ${mib[0]?.toFixed(0)} → ${mib.at(-1)?.toFixed(0)} (${Math.max(...mib).toFixed(0)}) | ${settled[0]?.toFixed(1) ?? "?"} → ${settled.at(-1)?.toFixed(1) ?? "?"} |`,
      ].join("\n"),
    );
    await mkdir(path.join(root, ".bench"), { recursive: true });
    await writeFile(path.join(root, ".bench/soak.json"), `${JSON.stringify(figures, null, 2)}\n`);

    const failures = [
      result.errors > 0 && `${result.errors} connection errors`,
      result["4xx"] + result["5xx"] > 0 && `${result["4xx"]} 4xx and ${result["5xx"]} 5xx`,
      written.failed.length > 0 && `${written.failed.length} failed writes`,
      written.writes === 0 && "no article was written",
      sampler.invalid.length > 0 && `${sampler.invalid.length} invalid feed bodies`,
      sampler.failures.length > 0 && `${sampler.failures.length} failed samples`,
      unverified.length > 0 && `${unverified.length} feed ETags served but never validated`,
      serverErrors.length > 0 && `${serverErrors.length} warnings or errors in the server log`,
      health.status !== "ok" && `/healthz says ${health.status}`,
    ].filter((failure) => failure !== false);
    console.log(failures.length === 0 ? "soak: held" : `soak: FAILED: ${failures.join("; ")}`);
    // Reported, not judged: under load V8 compacts lazily, so this is a trend to read, not a
    // test. test/reliability/memory.test.ts measures the same after forced full collections.
    console.log(
      `memory: RSS ${mib[0]?.toFixed(0)} → ${mib.at(-1)?.toFixed(0)} MiB; live heap after full GC ${heapGrowthMiB === undefined ? "not measured" : `${heapGrowthMiB >= 0 ? "+" : ""}${heapGrowthMiB.toFixed(1)} MiB`} from a third of the way to the end`,
    );
    return failures.length === 0 ? 0 : 1;
  } finally {
    if (server) {
      server.child.removeAllListeners("exit");
      const exited = new Promise((resolve) => server?.child.once("exit", resolve));
      server.child.kill("SIGTERM");
      await exited;
    }
    await rm(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
