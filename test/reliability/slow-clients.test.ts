// Clients that hold connections: a request head or body sent a byte at a time, idle keep-alive
// connections, downloads never read, floods of pipelined requests never read, and a shutdown
// while connections are open. Each is cut off by its bound while everyone else is served, and a
// shutdown ends as soon as no request is left. Real server, raw sockets on 127.0.0.1.
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { RequestListener, Server } from "node:http";
import { connect, type Socket } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import type { HttpLimits } from "../../src/config.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";

const token = "slow-client-token-0123456789abcdef";

// Half an hour of 8 kHz audio: 16 MB, more than the socket buffers of a client that does not read
// hold (the sender's up to 4 MiB, the receiver's window stays small when nothing is read).
const longAudio = wavBytes({ seconds: 2_000 });
const longAudioPath = `/media/${createHash("sha256").update(longAudio).digest("hex").slice(0, 16)}/long.wav`;

const quick: Partial<HttpLimits> = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 1_500,
  keepAliveTimeoutMs: 300,
  idleTimeoutMs: 800,
};

async function slowClientServer(
  limits: Partial<HttpLimits> = quick,
  wrapHandler?: (handler: RequestListener) => RequestListener,
) {
  const dir = await makeArticlesDir(
    {
      // An episode, so that /media serves its file (only published episodes' files are served).
      "first.md": markdownArticle({
        title: "First",
        published: "2026-01-01T00:00:00Z",
        enclosure: { file: "long.wav" },
      }),
    },
    { withSeed: true },
  );
  const mediaDir = await makeMediaDir({ "long.wav": longAudio });
  const server = await startTestServer(dir, {
    apiToken: token,
    mediaDir,
    httpLimits: limits,
    ...(wrapHandler ? { wrapHandler } : {}),
  });
  return { ...server, mediaDir };
}

interface OpenSocket {
  socket: Socket;
  received: () => Buffer;
  /** Resolves with the ms from opening until the server closed its end. */
  closed: Promise<number>;
}

/**
 * A connection to `server`. Its close is watched on the server's side: a client that does not
 * read would not see the server's FIN until it did.
 */
async function openSocket(baseUrl: string, server: Server): Promise<OpenSocket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  onTestFinished(() => {
    socket.destroy();
  });
  const accepted = new Promise<Socket>((resolve) => {
    const onConnection = (serverSide: Socket) => {
      if (serverSide.remotePort !== socket.localPort) return;
      server.off("connection", onConnection);
      resolve(serverSide);
    };
    server.on("connection", onConnection);
  });
  await once(socket, "connect");
  const opened = performance.now();
  const serverSide = await accepted;
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) =>
    serverSide.once("close", () => resolve(performance.now() - opened)),
  );
  return { socket, received: () => Buffer.concat(chunks), closed };
}

/** Reads what the server sent until the client sees the end of it. */
async function readToEnd(open: OpenSocket): Promise<Buffer> {
  open.socket.resume();
  if (!open.socket.readableEnded) await once(open.socket, "end");
  return open.received();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Fetches `/rss.xml` one request after another until `until` settles, expecting each to be the
 * whole feed; returns how many were answered. How long they take is measured by
 * `npm run bench:slow-clients` (a timed bound here would fail on a busy machine, not on a bug).
 */
async function answersWhile(baseUrl: string, until: Promise<unknown>): Promise<number> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  let answers = 0;
  while (!done || answers === 0) {
    const response = await fetch(`${baseUrl}/rss.xml`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("</rss>");
    answers += 1;
    await sleep(20);
  }
  return answers;
}

describe("slow clients", () => {
  it("a request head sent a line at a time is answered 408 and closed at headersTimeout, while others are served", async () => {
    const { baseUrl, http } = await slowClientServer();
    const trickle = await openSocket(baseUrl, http.server);
    trickle.socket.write(`GET /rss.xml HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\n`);
    const timer = setInterval(() => trickle.socket.write("X-Trickle: 1\r\n"), 50);
    onTestFinished(() => clearInterval(timer));
    const answers = await answersWhile(baseUrl, trickle.closed);
    const heldMs = await trickle.closed;
    clearInterval(timer);
    expect(heldMs).toBeGreaterThanOrEqual(950);
    expect(heldMs).toBeLessThan(3_000);
    expect((await readToEnd(trickle)).toString("latin1")).toMatch(/^HTTP\/1\.1 408 /);
    expect(answers).toBeGreaterThan(0);
  });

  it("a request body sent a byte at a time is cut off at requestTimeout and writes nothing", async () => {
    const { baseUrl, service, http } = await slowClientServer();
    const before = service.snapshot().articles.length;
    const trickle = await openSocket(baseUrl, http.server);
    const body = JSON.stringify({ title: "Trickled in", body: "x".repeat(500) });
    trickle.socket.write(
      [
        "POST /api/articles HTTP/1.1",
        `Host: ${new URL(baseUrl).host}`,
        `Authorization: Bearer ${token}`,
        "Content-Type: application/json",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "",
        "",
      ].join("\r\n"),
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length) trickle.socket.write(body[sent++] ?? "");
    }, 20);
    onTestFinished(() => clearInterval(timer));
    const heldMs = await trickle.closed;
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length);
    expect(heldMs).toBeGreaterThanOrEqual(1_450);
    expect(heldMs).toBeLessThan(3_500);
    expect(service.snapshot().articles.length).toBe(before);
  });

  it("an idle keep-alive connection is closed after keepAliveTimeout", async () => {
    const { baseUrl, http } = await slowClientServer();
    const client = await openSocket(baseUrl, http.server);
    client.socket.write(`GET /feed.json HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\n\r\n`);
    const heldMs = await client.closed;
    expect((await readToEnd(client)).toString("latin1")).toMatch(/^HTTP\/1\.1 200 /);
    expect(heldMs).toBeGreaterThanOrEqual(250);
    expect(heldMs).toBeLessThan(2_000);
  });

  it("a download that is never read is closed after idleTimeout", async () => {
    const { baseUrl, http } = await slowClientServer();
    const client = await openSocket(baseUrl, http.server);
    client.socket.pause();
    client.socket.write(`GET ${longAudioPath} HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\n\r\n`);
    const answers = await answersWhile(baseUrl, client.closed);
    const heldMs = await client.closed;
    expect(heldMs).toBeGreaterThanOrEqual(750);
    expect(heldMs).toBeLessThan(3_000);
    expect(answers).toBeGreaterThan(0);
  });
});

describe("pipelined requests", () => {
  it("are answered in order up to maxPipelinedRequests", async () => {
    const { baseUrl, http } = await slowClientServer({ ...quick, maxPipelinedRequests: 16 });
    const client = await openSocket(baseUrl, http.server);
    const host = new URL(baseUrl).host;
    const paths = ["/rss.xml", "/atom.xml", "/feed.json", "/", "/feeds.opml", "/healthz"];
    const requests = Array.from({ length: 12 }, (_, i) => paths[i % paths.length]);
    client.socket.write(
      requests.map((path) => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`).join("") +
        `HEAD /rss.xml HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    await client.closed;
    const text = (await readToEnd(client)).toString("latin1");
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
    expect(statuses).toEqual(Array(13).fill("200"));
  });

  it("350 KB of them never read cost at most maxPipelinedRequests handled requests while others are served", async () => {
    let handled = 0;
    const { baseUrl, http } = await slowClientServer(
      // The production timeouts but a short idle one: a head timeout of 0.5 s could also cut off
      // the measuring client's fresh connection on a machine too busy to read it in time.
      { maxPipelinedRequests: 16, idleTimeoutMs: 1_500 },
      (handler) => (req, res) => {
        if (req.headers["x-flood"] !== undefined) handled += 1;
        handler(req, res);
      },
    );
    const host = new URL(baseUrl).host;
    const one = `GET /rss.xml HTTP/1.1\r\nHost: ${host}\r\nX-Flood: 1\r\n\r\n`;
    const flood = Buffer.from(one.repeat(Math.ceil((350 * 1024) / one.length)), "latin1");
    expect(flood.length).toBeGreaterThanOrEqual(350 * 1024);
    const attacker = await openSocket(baseUrl, http.server);
    attacker.socket.pause();
    attacker.socket.write(flood);
    const answers = await answersWhile(baseUrl, attacker.closed);
    const heldMs = await attacker.closed;
    expect(handled).toBeLessThanOrEqual(16);
    expect(handled).toBeGreaterThan(0);
    expect(answers).toBeGreaterThan(0);
    expect(heldMs).toBeLessThan(5_000);
  });

  it("past the bound get 503 with Connection: close after the answers before it", async () => {
    const { baseUrl, http } = await slowClientServer({ ...quick, maxPipelinedRequests: 4 });
    const client = await openSocket(baseUrl, http.server);
    const host = new URL(baseUrl).host;
    client.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`.repeat(10));
    await client.closed;
    const text = (await readToEnd(client)).toString("latin1");
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]);
    expect(statuses).toEqual(["200", "200", "200", "200", "503"]);
    expect(text).toMatch(/503 Service Unavailable\r\n(?:[^\r]+\r\n)*Connection: close\r\n/i);
    expect(text).toContain("Retry-After: 1");
  });
});

describe("a shutdown", () => {
  it("ends as soon as the requests in flight are answered, with idle and trickling connections open", async () => {
    const { baseUrl, http } = await slowClientServer({
      ...quick,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
      idleTimeoutMs: 10_000,
    });
    const host = new URL(baseUrl).host;
    // An idle keep-alive connection.
    const idle = await openSocket(baseUrl, http.server);
    idle.socket.write(`GET /rss.xml HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    while (!idle.received().includes("</rss>")) await sleep(10);
    // A connection partway through its request head.
    const trickle = await openSocket(baseUrl, http.server);
    trickle.socket.write(`GET /rss.xml HTTP/1.1\r\nHost: ${host}\r\n`);
    // A download in flight, read slowly.
    const download = await openSocket(baseUrl, http.server);
    download.socket.pause();
    download.socket.write(`GET ${longAudioPath} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    await sleep(100);
    const started = performance.now();
    const drained = http.drain();
    await sleep(100);
    download.socket.resume();
    expect(await drained).toBe("drained");
    const drainMs = performance.now() - started;
    expect(drainMs).toBeLessThan(2_000);
    await Promise.all([idle.closed, trickle.closed, download.closed]);
    const answer = await readToEnd(download);
    const headEnd = answer.indexOf("\r\n\r\n");
    expect(answer.subarray(0, headEnd).toString("latin1")).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.subarray(headEnd + 4).equals(longAudio)).toBe(true);
  });
});
