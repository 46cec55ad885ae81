// kill -9 on the real server process: the figures written before the crash (every
// STATS_FLUSH_SECONDS) are there after a restart; only the requests since the last write are lost.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { repoRoot } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { articlesForAudience, fetchStats, getFrom, statsToken } from "./audience-server.js";

function startServer(env: Record<string, string>): {
  child: ChildProcess;
  address: Promise<string>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/server.ts")], {
    cwd: repoRoot,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", STATS_TOKEN: statsToken, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  let buffered = "";
  const address = new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const parsed = JSON.parse(line) as { message?: string; address?: string };
        if (parsed.message === "wirefeed listening") resolve(String(parsed.address));
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, address };
}

describe("a crash", () => {
  test("after kill -9 the restarted server has the figures written before it", async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-crash-"));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const env = {
      ARTICLES_DIR: await articlesForAudience(),
      STATE_DIR: stateDir,
      STATS_FLUSH_SECONDS: "1",
    };
    const first = startServer(env);
    const url = await first.address;
    for (let reader = 2; reader < 7; reader += 1) {
      await getFrom(
        `${url}/rss.xml`,
        { "user-agent": "Newsboat/2.30.1 (Linux x86_64)" },
        `127.0.0.${reader}`,
      );
    }
    // Wait for a write (at most one flush interval), then kill without warning.
    await pollUntil(
      () => readFile(path.join(stateDir, "audience", "today.json"), "utf8").catch(() => ""),
      (text) => text.includes('"directReaders":5'),
      10_000,
    );
    first.child.kill("SIGKILL");
    await once(first.child, "exit");

    const second = startServer(env);
    const report = await fetchStats(await second.address);
    const feed = report.days.at(-1)?.feeds.find((candidate) => candidate.path === "/rss.xml");
    expect(feed?.directReaders).toBe(5);
    expect(feed?.clients).toEqual([expect.objectContaining({ family: "Newsboat", requests: 5 })]);
  });
});
