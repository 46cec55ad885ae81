import { closeSync, openSync, writeSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchFolder } from "../../src/articles/watch.js";

/** A settle time far longer than any test waits: a file held back to settle is never handed on. */
const neverSettles = { debounceMs: 10, retryDelaysMs: [], settleMs: 600_000 };

const stops: Array<() => void> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function watched(): Promise<{ dir: string; batches: string[][] }> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-watch-"));
  dirs.push(dir);
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
});
