// Memory across rebuilds: each change replaces the site's snapshot, and the old one must become
// garbage. memory-probe.ts publishes 60 changes while reading feeds and pages in every coding, in
// a child process with --expose-gc, and reports the live heap after full collections.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/articles-dir.js";

const run = promisify(execFile);

type Figures = { beforeMiB: number; settledMiB: number; endMiB: number };

/** The probe's figures, measured once for both tests below (their order is shuffled). */
let measured: Promise<Figures> | undefined;
function measure() {
  measured ??= run(
    process.execPath,
    ["--expose-gc", "--import", "tsx", "test/reliability/memory-probe.ts", "60"],
    { cwd: repoRoot, timeout: 110_000 },
  ).then(({ stdout }) => JSON.parse(stdout) as Figures);
  return measured;
}

describe("memory across rebuilds", () => {
  // Measured with 200 articles: 43 MiB before the service opens, 54 MiB after the first six
  // changes. The site's first build (every rendition, the gate's grammars) costs about 11 MiB.
  it("holds one site snapshot: the service's live heap stays under 20 MiB", async () => {
    const { beforeMiB, settledMiB } = await measure();
    expect(settledMiB - beforeMiB).toBeLessThan(20);
  }, 120_000);

  // Each build drops its link to the previous snapshot once it has taken over what it reuses,
  // so old snapshots become garbage (measured: +1.6 MiB over 54 further changes).
  it("keeps the live heap flat over 60 changes (no snapshot kept alive by the next)", async () => {
    const { settledMiB, endMiB } = await measure();
    expect(endMiB - settledMiB).toBeLessThan(5);
  }, 120_000);
});

describe("memory across rebuilds with renditions left lazy", () => {
  // A lazy feed or page taken over by every later build must not hold the build that made it:
  // that kept every build's tables (full copies) alive. Measured with 1,000 articles over 90
  // builds: +8.0 MiB and all 100 tables alive before, +0.7 MiB and one table after.
  it("keeps only the last build's table alive and the live heap flat over 100 builds", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "test/reliability/rebuild-memory-probe.ts", "100"],
      { cwd: repoRoot, timeout: 110_000 },
    );
    const { settledMiB, endMiB, tablesAlive } = JSON.parse(stdout) as Figures & {
      tablesAlive: number;
    };
    expect(tablesAlive).toBe(1);
    expect(endMiB - settledMiB).toBeLessThan(3);
  }, 120_000);
});
