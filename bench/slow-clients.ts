// npm run bench:slow-clients: what clients that hold connections cost the real server process,
// on loopback with 50 generated articles (the main RSS feed about 280 KB):
// - 350 KB of pipelined `GET /rss.xml` (or of a 404 page) on one connection that never reads, with the pipelining
//   bound (HTTP_MAX_PIPELINED=16) and without it (a bound no flood reaches): the server's CPU
//   time, and the slowest answer another client got meanwhile;
// - SIGTERM with a busy keep-alive connection, an idle one, a preconnected one and one partway
//   through a request head: the time to exit.
// Bounded: each run lasts about 3 s; everything listens on 127.0.0.1.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateArticles } from "./generate-articles.js";

const root = path.resolve(import.meta.dirname, "..");
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / clockTicks) * 1000;
}

async function startServer(
  articlesDir: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ARTICLES_DIR: articlesDir, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        const match = /"address":"(http:\/\/[^"]+)"/.exec(line);
        if (match?.[1]) resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, baseUrl };
}

async function open(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on("error", () => {});
  await once(socket, "connect");
  return socket;
}

/** The slowest /rss.xml answer over `ms`, one request after another. */
async function slowestAnswer(baseUrl: string, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let slowest = 0;
  while (performance.now() < end) {
    const started = performance.now();
    await (await fetch(`${baseUrl}/rss.xml`)).arrayBuffer();
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return slowest;
}

async function flood(articlesDir: string, target: string, maxPipelined: number) {
  const { child, baseUrl } = await startServer(articlesDir, {
    HTTP_MAX_PIPELINED: String(maxPipelined),
  });
  try {
    const feedBytes = (await (await fetch(`${baseUrl}/rss.xml`)).arrayBuffer()).byteLength;
    const host = new URL(baseUrl).host;
    const one = `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
    const requests = Math.ceil((350 * 1024) / one.length);
    const attacker = await open(baseUrl);
    attacker.pause();
    const pid = child.pid ?? 0;
    const before = cpuMs(pid);
    attacker.write(one.repeat(requests));
    const slowest = await slowestAnswer(baseUrl, 3_000);
    const cpu = cpuMs(pid) - before;
    attacker.destroy();
    return {
      target,
      maxPipelined,
      requests,
      feedBytes,
      serverCpuMs: Math.round(cpu),
      slowestMs: Math.round(slowest),
    };
  } finally {
    child.kill("SIGKILL");
  }
}

async function shutdown(articlesDir: string) {
  const { child, baseUrl } = await startServer(articlesDir, {});
  const host = new URL(baseUrl).host;
  const idle = await open(baseUrl);
  idle.write(`GET /rss.xml HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  const preconnected = await open(baseUrl);
  const trickling = await open(baseUrl);
  trickling.write(`GET /rss.xml HTTP/1.1\r\nHost: ${host}\r\n`);
  const busy = await open(baseUrl);
  busy.on("data", () => busy.write(`GET /feed.json HTTP/1.1\r\nHost: ${host}\r\n\r\n`));
  busy.write(`GET /feed.json HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const signalled = performance.now();
  child.kill("SIGTERM");
  const [code] = await once(child, "exit");
  for (const socket of [idle, preconnected, trickling, busy]) socket.destroy();
  return { exitCode: code, exitMs: Math.round(performance.now() - signalled) };
}

const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-slow-clients-"));
try {
  generateArticles(dir, 50, 10);
  const floods = [];
  for (const target of ["/rss.xml", "/no-such-page"])
    for (const maxPipelined of [16, 1_000_000]) floods.push(await flood(dir, target, maxPipelined));
  const results = { floods, shutdown: await shutdown(dir) };
  console.log(JSON.stringify(results, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
