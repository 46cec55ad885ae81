// The folder watcher under load, in-process, without parsing: (1) what one audit of a large folder
// costs (listing, a stat per file, the comparison), on BENCH_AUDIT_DIR or a temporary folder of
// BENCH_AUDIT_COUNT small files (100,000); (2) a burst of BENCH_BURST files (100,000) written in
// place into a watched folder at once, timed from the end of the burst to every name handed on,
// with the watcher's CPU. Usage: tsx bench/watch-burst.ts
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { FolderRecord } from "../src/articles/folder-audit.js";
import { watchFolder } from "../src/articles/watch.js";

const auditCount = Number(process.env.BENCH_AUDIT_COUNT ?? 100_000);
const burst = Number(process.env.BENCH_BURST ?? 100_000);
const given = process.env.BENCH_AUDIT_DIR;

const ms = (value: number) => `${Math.round(value).toLocaleString("en")} ms`;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function measureAudit(): Promise<void> {
  const dir = given ?? (await mkdtemp(path.join(tmpdir(), "wirefeed-audit-")));
  try {
    if (given === undefined)
      for (let i = 0; i < auditCount; i++) writeFileSync(path.join(dir, `s${i}.md`), "x");
    const heapBefore = process.memoryUsage().heapUsed;
    const record = new FolderRecord(dir);
    const learnt = await record.learn();
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(`learnt the folder: ${ms(learnt.busyMs)} of its own time`);
    for (let run = 1; run <= 3; run++) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const cpu = process.cpuUsage();
      const began = performance.now();
      const { changed, busyMs } = await record.audit(() => false);
      delay.disable();
      console.log(
        `audit ${run}: ${changed.length} changed; ${ms(performance.now() - began)} wall, ` +
          `${ms(busyMs)} own time, ${ms(cpuMs(cpu))} CPU (threads included), ` +
          `longest event-loop stall ${ms(delay.max / 1e6)}`,
      );
    }
    if (global.gc !== undefined)
      console.log(`record of the folder: ${Math.round((heapAfter - heapBefore) / 2 ** 20)} MiB`);
  } finally {
    if (given === undefined) await rm(dir, { recursive: true, force: true });
  }
}

async function measureBurst(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-burst-"));
  mkdirSync(dir, { recursive: true });
  const handed = new Set<string>();
  const stop = watchFolder(
    dir,
    async (names) => {
      if (names !== "all") for (const name of names) handed.add(name);
      return [];
    },
    (error) => console.error(error),
    { debounceMs: 10, retryDelaysMs: [], settleMs: 150, auditMs: 0 },
    { onSettling: () => {} },
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = performance.now();
    // Written in place in slices, so the watcher hears the events and holds the files to settle.
    for (let start = 0; start < burst; start += 1_000) {
      for (let i = start; i < Math.min(burst, start + 1_000); i++) {
        const fd = openSync(path.join(dir, `w${i}.md`), "w");
        writeSync(fd, "---\ntitle: x\n---\n");
        closeSync(fd);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const written = performance.now();
    const cpu = process.cpuUsage();
    while (handed.size < burst) await new Promise((resolve) => setTimeout(resolve, 20));
    console.log(
      `burst of ${burst.toLocaleString("en")} files written in place in ${ms(written - began)}; ` +
        `all handed on ${ms(performance.now() - written)} later, ${ms(cpuMs(cpu))} CPU meanwhile`,
    );
  } finally {
    stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await measureAudit();
await measureBurst();
