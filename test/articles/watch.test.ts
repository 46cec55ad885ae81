import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventQueueLimit } from "../../src/articles/event-queue.js";
import { FolderRecord } from "../../src/articles/folder-audit.js";
import { type WatchHooks, watchFolder } from "../../src/articles/watch.js";

/** A settle time far longer than any test waits: a file held back to settle is never handed on. */
const neverSettles = { debounceMs: 10, retryDelaysMs: [], settleMs: 600_000 };

const stops: Array<() => void> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-watch-"));
  dirs.push(dir);
  return dir;
}

/** Watches `dir`, settling files for 20 ms, and gathers every name handed on. */
function handedNames(dir: string, hooks: WatchHooks = {}): Set<string> {
  const names = new Set<string>();
  stops.push(
    watchFolder(
      dir,
      async (changed) => {
        for (const name of changed === "all" ? ["*"] : changed) names.add(name);
        return [];
      },
      (error) => {
        throw error;
      },
      { debounceMs: 10, retryDelaysMs: [], settleMs: 20, auditMs: 0 },
      hooks,
    ),
  );
  return names;
}

async function watched(): Promise<{ dir: string; batches: string[][] }> {
  const dir = await tempDir();
  const batches: string[][] = [];
  stops.push(
    watchFolder(
      dir,
      async (names) => {
        batches.push(names === "all" ? ["*"] : [...names].sort());
        return [];
      },
      (error) => {
        throw error;
      },
      neverSettles,
    ),
  );
  return { dir, batches };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the folder watcher", () => {
  it("hands on a file renamed into place, and a deletion, without waiting for it to settle", async () => {
    const { dir, batches } = await watched();
    const outside = await mkdtemp(path.join(tmpdir(), "wirefeed-watch-out-"));
    dirs.push(outside);
    await writeFile(path.join(outside, "a.md"), "---\ntitle: A\n---\n");
    await rename(path.join(outside, "a.md"), path.join(dir, "a.md"));
    await until(() => batches.flat().includes("a.md"));
    await rm(path.join(dir, "a.md"));
    await until(() => batches.filter((batch) => batch.includes("a.md")).length === 2);
    expect(batches).toEqual([["a.md"], ["a.md"]]);
  });

  it("holds back a file written to in place until it settles", async () => {
    const { dir, batches } = await watched();
    const fd = openSync(path.join(dir, "growing.md"), "w");
    writeSync(fd, "---\ntitle: Growing\n");
    // A file renamed in afterwards is handed on: the watcher is running and answering.
    const outside = await mkdtemp(path.join(tmpdir(), "wirefeed-watch-out-"));
    dirs.push(outside);
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeSync(fd, "published: 2026-01-01T00:00:00Z\n");
    closeSync(fd);
    await writeFile(path.join(outside, "b.md"), "---\ntitle: B\n---\n");
    await rename(path.join(outside, "b.md"), path.join(dir, "b.md"));
    await until(() => batches.flat().includes("b.md"));
    expect(batches.flat()).not.toContain("growing.md");
  });

  it("holds back a file created empty, whose first write has not come yet", async () => {
    const { dir, batches } = await watched();
    closeSync(openSync(path.join(dir, "empty.md"), "w"));
    const outside = await mkdtemp(path.join(tmpdir(), "wirefeed-watch-out-"));
    dirs.push(outside);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(path.join(outside, "c.md"), "---\ntitle: C\n---\n");
    await rename(path.join(outside, "c.md"), path.join(dir, "c.md"));
    await until(() => batches.flat().includes("c.md"));
    expect(batches.flat()).not.toContain("empty.md");
  });

  it("hands on every file of a burst larger than the kernel's event queue, and every deletion", async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    const burst = (eventQueueLimit() ?? 16_384) + 2_000;
    const names = Array.from({ length: burst }, (_, i) => `f${i}.md`);
    for (const name of names) writeFileSync(path.join(outside, name), "x");
    const handed = handedNames(dir);
    // Let the first listing of the empty folder finish, so the burst is heard only as events.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const name of names) renameSync(path.join(outside, name), path.join(dir, name));
    await until(() => handed.size === burst);
    handed.clear();
    for (const name of names) unlinkSync(path.join(dir, name));
    await until(() => handed.size === burst);
    expect([...handed].sort()).toEqual([...names].sort());
  }, 60_000);

  it("hands on at start what changed since the handler read the folder, and what it holds that is gone", async () => {
    const dir = await tempDir();
    writeFileSync(path.join(dir, "unchanged.md"), "x");
    writeFileSync(path.join(dir, "edited.md"), "x");
    // The kernel's file times are coarse: a file counts as changed up to 1 s before the reading.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const readSince = Date.now();
    writeFileSync(path.join(dir, "edited.md"), "y");
    writeFileSync(path.join(dir, "new.md"), "x");
    const handed = handedNames(dir, {
      baseline: { held: () => ["unchanged.md", "edited.md", "deleted.md"], readSince },
    });
    await until(() => handed.size >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...handed].sort()).toEqual(["deleted.md", "edited.md", "new.md"]);
  });
});

describe("the folder audit", () => {
  it("names the files that came, went or changed since they were last handed on", async () => {
    const dir = await tempDir();
    mkdirSync(path.join(dir, "sub"));
    writeFileSync(path.join(dir, "kept.md"), "same");
    writeFileSync(path.join(dir, "edited.md"), "before");
    writeFileSync(path.join(dir, "deleted.md"), "x");
    writeFileSync(path.join(dir, "renamed-over.md"), "1234");
    const record = new FolderRecord(dir);
    await record.learn();
    const idle = () => false;
    expect((await record.audit(idle)).changed).toEqual([]);

    writeFileSync(path.join(dir, "edited.md"), "after, longer");
    await rm(path.join(dir, "deleted.md"));
    writeFileSync(path.join(dir, "new.md"), "x");
    // Same size, another file: only its inode and change time tell.
    writeFileSync(path.join(dir, "incoming"), "abcd");
    renameSync(path.join(dir, "incoming"), path.join(dir, "renamed-over.md"));
    writeFileSync(path.join(dir, "busy.md"), "x");
    const { changed } = await record.audit((name) => name === "busy.md");
    expect(changed.sort()).toEqual(["deleted.md", "edited.md", "new.md", "renamed-over.md"]);

    record.note(changed);
    expect((await record.audit((name) => name === "busy.md")).changed).toEqual([]);
  });
});
