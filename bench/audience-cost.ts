// What counting the audience costs the server per request, measured so that a shared, busy
// machine blurs it as little as it can: three built servers run side by side on the same articles, two
// with AUDIENCE=off and one with AUDIENCE=on, and answer the same requests in many short rounds.
// Each round loads the three in turn, the order turning one place each round, so a slow drift
// of the machine's speed falls on all three alike. A server's CPU time is read
// from /proc/<pid>/task/*/schedstat (nanoseconds on a CPU, every thread), so a round needs no
// more than about a second. Per round: on ÷ the mean of the two offs, and, as the measurement's
// own noise floor, the second off ÷ the first. Reported: the median of those ratios and their
// quartiles. The servers and the load generator are pinned to different CPUs with taskset when
// the machine has two or more (BENCH_PIN=off leaves scheduling to the kernel). Beside it, the
// counter's own time per request, timed in process where other work cannot blur it, as a share
// of what the off server spends on the request.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { cpus } from "node:os";
import autocannon from "autocannon";
import { Audience } from "../src/audience/audience.js";
import { silentLogger } from "../src/log.js";
import { Rendition } from "../src/renditions/rendition.js";

export interface BenchServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface AudienceCostOptions {
  /** Starts the built server on the bench's articles with these extra environment variables. */
  start(env: Record<string, string>): Promise<BenchServer>;
  /** The ETag /rss.xml is served with for these request headers. */
  etagOf(server: BenchServer, headers: Record<string, string>): Promise<string>;
}

/** Rounds per kind of request (BENCH_AUDIENCE_ROUNDS). */
const rounds = Number(process.env.BENCH_AUDIENCE_ROUNDS ?? 36);
/** About how long one server is loaded in one round (BENCH_AUDIENCE_ROUND_S). */
const roundSeconds = Number(process.env.BENCH_AUDIENCE_ROUND_S ?? 0.5);
const connections = 16;
const pin = process.env.BENCH_PIN !== "off" && cpus().length >= 2;

/** Nanoseconds every thread of a process has spent on a CPU (threads that exited are not seen). */
export function cpuNanos(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read: its time is no longer counted anywhere
    }
  }
  return total;
}

/** Every thread of `pid` (and the threads it starts later) on CPU `cpu`. */
function pinTo(pid: number, cpu: number): void {
  execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
}

interface RequestKind {
  name: string;
  headers: Record<string, string>;
  status: 200 | 304;
}

const reader = { "user-agent": "Newsboat/2.30.1 (Linux x86_64)" };
const kinds: RequestKind[] = [
  {
    name: "matching If-None-Match (304)",
    headers: { ...reader, "accept-encoding": "identity" },
    status: 304,
  },
  {
    name: "GET, Accept-Encoding: br (200)",
    headers: { ...reader, "accept-encoding": "br" },
    status: 200,
  },
  {
    name: "GET, identity (200)",
    headers: { ...reader, "accept-encoding": "identity" },
    status: 200,
  },
];

async function loadOnce(
  server: BenchServer,
  headers: Record<string, string>,
  status: number,
  options: { amount?: number; duration?: number },
): Promise<{ requests: number; nanosPerRequest: number; perSecond: number }> {
  const before = cpuNanos(server.pid);
  const result = await autocannon({
    url: `${server.baseUrl}/rss.xml`,
    connections,
    headers,
    ...options,
  });
  const nanos = cpuNanos(server.pid) - before;
  const expected = status === 304 ? result["3xx"] : result["2xx"];
  if (expected !== result.requests.total || result.errors > 0 || result.requests.total === 0) {
    throw new Error(
      `audience bench: ${result.requests.total} requests, ${expected} answered ${status}, ${result.errors} errors`,
    );
  }
  return {
    requests: result.requests.total,
    nanosPerRequest: nanos / result.requests.total,
    perSecond: result.requests.average,
  };
}

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (
    (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low)
  );
}

const percent = (ratio: number) => Number(((ratio - 1) * 100).toFixed(1));

/**
 * The counter's own CPU time per request, in process: Audience.observe on a known connection
 * (the reader's hash already taken), the median of 9 batches of 200,000 calls, in ns.
 */
function counterNanos(kind: RequestKind): number {
  const audience = new Audience({ logger: silentLogger });
  const rendition = new Rendition({
    path: "/rss.xml",
    mediaType: "application/rss+xml; charset=utf-8",
    body: "<rss/>",
    lastModified: new Date(0),
    maxAgeSeconds: 300,
    kind: "feed",
    selfUrl: "https://news.example.com/rss.xml",
    hubs: [],
  });
  const socket = { remoteAddress: "127.0.0.1" };
  const headers: Record<string, string> =
    kind.status === 304 ? { ...kind.headers, "if-none-match": '"x"' } : kind.headers;
  // Fresh header objects, as every request brings its own.
  const requests = Array.from(
    { length: 1024 },
    () => ({ method: "GET", headers: { ...headers }, socket }) as unknown as IncomingMessage,
  );
  const bytes = kind.status === 304 ? 0 : 280_000;
  const calls = 200_000;
  const batches: number[] = [];
  for (let batch = 0; batch < 9; batch += 1) {
    const started = process.cpuUsage();
    for (let call = 0; call < calls; call += 1) {
      audience.observe(requests[call & 1023] as IncomingMessage, rendition, kind.status, bytes);
    }
    const used = process.cpuUsage(started);
    batches.push(((used.user + used.system) * 1000) / calls);
  }
  audience.close();
  return quantile(batches, 0.5);
}

export interface AudienceCostRow {
  request: string;
  offMicros: number;
  onMicros: number;
  /** Median over rounds of on ÷ mean(off, off), as a percentage more. */
  overheadPercent: number;
  overheadQuartiles: [number, number];
  /** Median over rounds of off ÷ off: what the method reads where there is nothing to find. */
  controlPercent: number;
  controlQuartiles: [number, number];
  /** The counter's own time per request in process (counterNanos), in ns. */
  counterNanos: number;
  /** counterNanos as a share of the off server's CPU per request, in percent. */
  counterPercent: number;
  rounds: number;
  requestsPerRound: number;
}

async function measureKind(
  kind: RequestKind,
  servers: { first: BenchServer; on: BenchServer; second: BenchServer },
  options: AudienceCostOptions,
): Promise<AudienceCostRow> {
  const headersOf = new Map<BenchServer, Record<string, string>>();
  for (const server of [servers.first, servers.on, servers.second]) {
    headersOf.set(
      server,
      kind.status === 304
        ? { ...kind.headers, "if-none-match": await options.etagOf(server, kind.headers) }
        : kind.headers,
    );
  }
  const headers = (server: BenchServer) => headersOf.get(server) as Record<string, string>;
  // Warm every server (JIT, caches, buffers) and size the rounds from the off server's rate.
  let perSecond = 0;
  for (const server of [servers.first, servers.on, servers.second]) {
    const warm = await loadOnce(server, headers(server), kind.status, { duration: 1 });
    if (server === servers.first) perSecond = warm.perSecond;
  }
  const amount = Math.max(100, Math.round(perSecond * roundSeconds));
  const off: number[] = [];
  const on: number[] = [];
  const overhead: number[] = [];
  const control: number[] = [];
  const cost = async (server: BenchServer) =>
    (await loadOnce(server, headers(server), kind.status, { amount })).nanosPerRequest;
  // The order turns one place each round (first, on, second; on, second, first; second, first,
  // on; ...): each server takes each place equally often, so a drift of the machine's speed falls
  // on all three alike, and no server is loaded twice in a row (a server that follows itself
  // finds its data still in the CPU's caches and looks cheaper).
  const order = [servers.first, servers.on, servers.second];
  for (let round = 0; round < rounds; round += 1) {
    const costs = new Map<BenchServer, number>();
    for (let place = 0; place < order.length; place += 1) {
      const server = order[(round + place) % order.length] as BenchServer;
      costs.set(server, await cost(server));
    }
    const firstOff = costs.get(servers.first) as number;
    const secondOff = costs.get(servers.second) as number;
    const counted = costs.get(servers.on) as number;
    off.push(firstOff, secondOff);
    on.push(counted);
    overhead.push(counted / ((firstOff + secondOff) / 2));
    control.push(secondOff / firstOff);
  }
  const ownNanos = counterNanos(kind);
  return {
    request: kind.name,
    counterNanos: Math.round(ownNanos),
    counterPercent: Number(((ownNanos / quantile(off, 0.5)) * 100).toFixed(2)),
    offMicros: Number((quantile(off, 0.5) / 1000).toFixed(1)),
    onMicros: Number((quantile(on, 0.5) / 1000).toFixed(1)),
    overheadPercent: percent(quantile(overhead, 0.5)),
    overheadQuartiles: [percent(quantile(overhead, 0.25)), percent(quantile(overhead, 0.75))],
    controlPercent: percent(quantile(control, 0.5)),
    controlQuartiles: [percent(quantile(control, 0.25)), percent(quantile(control, 0.75))],
    rounds,
    requestsPerRound: amount,
  };
}

export async function audienceCost(options: AudienceCostOptions): Promise<AudienceCostRow[]> {
  const first = await options.start({ AUDIENCE: "off" });
  const on = await options.start({ AUDIENCE: "on" });
  const second = await options.start({ AUDIENCE: "off" });
  const rows: AudienceCostRow[] = [];
  try {
    if (pin) {
      pinTo(process.pid, 0);
      for (const server of [first, on, second]) pinTo(server.pid, 1);
    }
    for (const kind of kinds) rows.push(await measureKind(kind, { first, on, second }, options));
  } finally {
    if (pin)
      execFileSync("taskset", ["-a", "-p", "-c", `0-${cpus().length - 1}`, String(process.pid)], {
        stdio: "ignore",
      });
    for (const server of [first, on, second]) await server.stop();
  }
  console.log(
    `\nAudience counting: server CPU per request, AUDIENCE=on vs off (goal: at most 5% more); ${rounds} rounds of the three servers in turn per row, ${connections} connections, ${pin ? "servers on CPU 1, load generator on CPU 0" : "not pinned"}; quartiles in brackets; control = off vs off`,
  );
  console.log(
    "| request | off µs CPU/request | on | on vs off, median [quartiles] | off vs off (control) | counter's own ns/request (share of off) | requests/round |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    const signed = (value: number) => `${value > 0 ? "+" : ""}${value}%`;
    console.log(
      `| ${row.request} | ${row.offMicros} | ${row.onMicros} | ${signed(row.overheadPercent)} [${signed(row.overheadQuartiles[0])}, ${signed(row.overheadQuartiles[1])}] | ${signed(row.controlPercent)} [${signed(row.controlQuartiles[0])}, ${signed(row.controlQuartiles[1])}] | ${row.counterNanos} (${row.counterPercent}%) | ${row.requestsPerRound} |`,
    );
  }
  return rows;
}
