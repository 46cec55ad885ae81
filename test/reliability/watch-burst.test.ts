// A burst of changes larger than the kernel's queue of folder events (inotify's
// max_queued_events, 16,384 by default) overflows it, and the events past it are lost without a
// word reaching the watcher. Every file that lands must still be published, and every file
// deleted must still leave the feeds.
import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventQueueLimit } from "../../src/articles/event-queue.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";

/** More files than the event queue holds (16,384 unless this machine says otherwise). */
const burst = (eventQueueLimit() ?? 16_384) + 2_000;

const nameOf = (i: number) => `burst-${String(i).padStart(6, "0")}.md`;

describe("a burst of files larger than the folder event queue", () => {
  it("publishes every file renamed into place at once, then drops every one deleted at once", async () => {
    const dir = await makeArticlesDir({});
    const { service, logs } = await startTestServer(dir, { watch: true });
    // Written beside the folder first, so the burst is renames only, as careful writers publish.
    const outside = `${dir}-incoming`;
    mkdirSync(outside);
    try {
      for (let i = 0; i < burst; i++)
        writeFileSync(
          path.join(outside, nameOf(i)),
          markdownArticle({ title: `Story ${i}`, published: "2026-01-01T00:00:00Z" }),
        );
      // One tight loop: the service hears nothing until it ends, so the queue overflows.
      for (let i = 0; i < burst; i++)
        renameSync(path.join(outside, nameOf(i)), path.join(dir, nameOf(i)));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const published = () => Promise.resolve(service.snapshot().articles.length);
    await pollUntil(published, (count) => count === burst, 120_000);
    const files = new Set(service.snapshot().articles.map((article) => article.file));
    expect(files.has(nameOf(0)) && files.has(nameOf(burst - 1))).toBe(true);
    expect(logs.map((entry) => entry.message)).toContain(
      "changes to the articles folder were found without their events",
    );

    for (let i = 0; i < burst; i++) unlinkSync(path.join(dir, nameOf(i)));
    await pollUntil(published, (count) => count === 0, 120_000);
  }, 300_000);
});
