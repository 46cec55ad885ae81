// The worker threads from the compiled JavaScript, as a production install runs them: the
// sources are compiled into a temporary project folder whose node_modules holds the runtime
// dependencies alone (no tsx, no TypeScript), and `node dist/src/server.js` must find its worker
// thread, render bodies on it and refuse one that runs past RENDER_TIMEOUT_MS.
import { execFileSync, spawn } from "node:child_process";
import { copyFile, cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";

/**
 * A project folder as a production install leaves it: package.json, the schemas the validator
 * reads from src/, dist/ compiled from the sources, and node_modules with the runtime
 * dependencies alone, each linked from the checkout's.
 */
async function productionBuild(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-dist-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const outDir = path.join(dir, "dist");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], {
    cwd: repoRoot,
  });
  await copyFile(path.join(repoRoot, "package.json"), path.join(dir, "package.json"));
  const schemas = path.join("src", "validate", "schemas");
  await cp(path.join(repoRoot, schemas), path.join(dir, schemas), { recursive: true });
  await mkdir(path.join(dir, "node_modules"));
  const runtime = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  const modules = path.join(repoRoot, "node_modules");
  const topLevel = new Set<string>();
  for (const line of runtime.split("\n")) {
    const relative = path.relative(modules, line.trim());
    if (line.trim() === "" || relative.startsWith("..")) continue;
    const parts = relative.split(path.sep);
    const name = parts[0]?.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    if (name !== undefined && !name.includes("node_modules")) topLevel.add(name);
  }
  expect(topLevel.has("marked")).toBe(true);
  expect(topLevel.has("tsx")).toBe(false);
  for (const name of topLevel) {
    const target = path.join(dir, "node_modules", name);
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(path.join(modules, name), target);
  }
  return dir;
}

function listen(build: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [path.join(build, "dist", "src", "server.js")], {
    cwd: build,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      for (const line of output.split("\n")) {
        if (!line.includes('"wirefeed listening"')) continue;
        resolve(String((JSON.parse(line) as { address: string }).address));
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe("the compiled server", () => {
  it("renders bodies on its worker thread and refuses one past RENDER_TIMEOUT_MS", async () => {
    const build = await productionBuild();
    const articles = await makeArticlesDir({
      "a.md": markdownArticle({ title: "A", published: "2026-01-01T00:00:00Z" }, "*Rendered.*"),
      "slow.md": markdownArticle(
        { title: "Slow", published: "2026-01-02T00:00:00Z" },
        "_a".repeat(50_000),
      ),
    });
    const site = path.join(repoRoot, "site.json");
    const address = await listen(build, {
      ARTICLES_DIR: articles,
      SITE_CONFIG: site,
      STATE_DIR: path.join(build, "state"),
      MEDIA_DIR: path.join(build, "media"),
      RENDER_TIMEOUT_MS: "300",
      AUDIENCE: "off",
    });
    const health = (await (await fetch(`${address}/healthz`)).json()) as {
      articleProblems: unknown[];
    };
    expect(health.articleProblems).toEqual([
      { file: "slow.md", message: "body: not rendered within 300 ms (RENDER_TIMEOUT_MS); refused" },
    ]);
    const feed = (await (await fetch(`${address}/feed.json`)).json()) as {
      items: Array<{ title: string; content_html: string }>;
    };
    expect(feed.items.map((item) => [item.title, item.content_html])).toEqual([
      ["A", "<p><em>Rendered.</em></p>\n"],
    ]);
  }, 240_000);
});
