// The server as a real process: configuration from the environment, start-up reports, SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { Agent, request } from "node:http";
import { type AddressInfo, connect, createServer } from "node:net";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle, repoRoot } from "./support/articles-dir.js";

interface Started {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  listening: Promise<string>;
}

function startServerProcess(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/server.ts")], {
    cwd: repoRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = "";
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const part of parts) {
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.message === "wirefeed listening") resolve(String(line.address));
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  listening.catch(() => {});
  return { child, lines, listening };
}

describe("the server process", () => {
  it("serves the good articles, reports the broken one by name and stops cleanly on SIGTERM", async () => {
    const dir = await makeArticlesDir(
      {
        "good.md": markdownArticle({ title: "Good", published: "2026-01-01T00:00:00Z" }),
        "broken.md": "---\ntitle: Broken\npublished: yesterday\n---\n",
      },
      { withSeed: true },
    );
    const server = startServerProcess({ ARTICLES_DIR: dir, SITE_URL: "https://news.example.com" });
    const address = await server.listening;
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "article skipped",
        file: "broken.md",
        reason: expect.stringMatching(/^published: expected an ISO 8601 date-time/),
      }),
    );
    const feed = (await (await fetch(`${address}/feed.json`)).json()) as {
      feed_url: string;
      items: Array<{ title: string }>;
    };
    expect(feed.feed_url).toBe("https://news.example.com/feed.json");
    expect(feed.items.map((item) => item.title)).toEqual([
      "Good",
      "Russia to continue backing Iraqi, Syrian governments: Lavrov",
    ]);
    server.child.kill("SIGTERM");
    const [code] = await once(server.child, "exit");
    expect(code).toBe(0);
    expect(server.lines).toContainEqual(
      expect.objectContaining({ message: "shutting down", signal: "SIGTERM" }),
    );
  });

  it("on SIGTERM answers the requests in flight and exits as soon as they are, with busy, idle, preconnected and trickling connections open", async () => {
    const dir = await makeArticlesDir({}, { withSeed: true });
    const server = startServerProcess({
      ARTICLES_DIR: dir,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "30000",
      HTTP_DRAIN_TIMEOUT_MS: "20000",
    });
    const address = await server.listening;
    // One connection kept busy with request after request, one left idle.
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    onTestFinished(() => agent.destroy());
    const get = () =>
      new Promise<{ status: number; connection: string | undefined; bytes: number }>(
        (resolve, reject) => {
          const req = request(`${address}/rss.xml`, { agent }, (res) => {
            let bytes = 0;
            res.on("data", (chunk: Buffer) => {
              bytes += chunk.length;
            });
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, bytes }),
            );
          });
          req.on("error", reject);
          req.end();
        },
      );
    await Promise.all([get(), get()]);
    // A connection opened ahead of need (as browsers do) and one partway through a request head.
    const { hostname, port } = new URL(address);
    const preconnected = connect({ host: hostname, port: Number(port) });
    const trickling = connect({ host: hostname, port: Number(port) });
    for (const socket of [preconnected, trickling]) {
      socket.on("error", () => {});
      onTestFinished(() => {
        socket.destroy();
      });
      await once(socket, "connect");
    }
    trickling.write(`GET /rss.xml HTTP/1.1\r\nHost: ${hostname}\r\n`);
    const answers: Array<Awaited<ReturnType<typeof get>>> = [];
    let refused = 0;
    let stopped = false;
    const busy = (async () => {
      while (!stopped) {
        try {
          answers.push(await get());
        } catch {
          refused += 1;
          return;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = performance.now();
    server.child.kill("SIGTERM");
    const [code] = await once(server.child, "exit");
    const exitMs = performance.now() - signalled;
    stopped = true;
    await busy;
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(3_000);
    expect(answers.length).toBeGreaterThan(0);
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(refused).toBeLessThanOrEqual(1);
    expect(server.lines).toContainEqual(expect.objectContaining({ message: "stopped" }));
  });

  it("refuses to start on an address in use, saying so, and collects the start's garbage once listening", async () => {
    const taken = createServer();
    taken.listen(0, "127.0.0.1");
    await once(taken, "listening");
    onTestFinished(() => {
      taken.close();
    });
    const { port } = taken.address() as AddressInfo;
    const dir = await makeArticlesDir({}, { withSeed: true });
    const refused = startServerProcess({ ARTICLES_DIR: dir, PORT: String(port) });
    const [code] = await once(refused.child, "exit");
    expect(code).toBe(1);
    expect(refused.lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: `cannot listen on 127.0.0.1:${port}: the address is in use (another server on that port?)`,
      }),
    );

    const started = startServerProcess({ ARTICLES_DIR: dir });
    await started.listening;
    await expect
      .poll(() => started.lines.map((line) => line.message))
      .toContain("start's garbage collected");
    const collected = started.lines.find((line) => line.message === "start's garbage collected");
    expect(collected).toEqual(
      expect.objectContaining({ ms: expect.any(Number), heapUsedMiB: expect.any(Number) }),
    );
    expect(started.lines).not.toContainEqual(expect.objectContaining({ level: "error" }));
    started.child.kill("SIGTERM");
    await once(started.child, "exit");
  });

  it("refuses to start with a bad setting and names it", async () => {
    const server = startServerProcess({ SITE_URL: "not a url" });
    const [code] = await once(server.child, "exit");
    expect(code).toBe(1);
    expect(server.lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: expect.stringMatching(/^SITE_URL: expected an absolute URL/),
      }),
    );
  });
});
