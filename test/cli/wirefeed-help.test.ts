// The `wirefeed` command as a real subprocess: every command answers --help with its usage
// (exit 0) and does nothing else: serve does not start, export does not write a folder named
// "--help"; an option a command does not know is refused with exit 2.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { repoRoot } from "../support/articles-dir.js";

const run = promisify(execFile);

async function wirefeed(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "src/cli/wirefeed.ts"), ...args],
      { cwd, env: { ...process.env, PORT: "0" }, timeout: 30_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("wirefeed <command> --help", () => {
  it.each(["serve", "validate", "export", "import", "members", "stats"])(
    "%s prints its usage under its own name, exit 0, and changes nothing",
    async (command) => {
      const cwd = await mkdtemp(path.join(tmpdir(), "wirefeed-help-"));
      onTestFinished(() => rm(cwd, { recursive: true, force: true }));
      const result = await wirefeed([command, "--help"], cwd);
      expect(result.code).toBe(0);
      expect(result.stdout.toLowerCase()).toContain(`usage: wirefeed ${command}`);
      expect(await readdir(cwd)).toEqual([]);
    },
    60_000,
  );

  it("serve and export refuse an argument they do not take, exit 2", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "wirefeed-help-"));
    onTestFinished(() => rm(cwd, { recursive: true, force: true }));
    expect((await wirefeed(["serve", "--port", "8080"], cwd)).code).toBe(2);
    expect((await wirefeed(["export", "--out"], cwd)).code).toBe(2);
    expect(await readdir(cwd)).toEqual([]);
  }, 60_000);
});
