// The server as a real process: configuration from the environment, start-up reports, SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
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
