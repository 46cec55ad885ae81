// Days on a real server with a moved clock: midnight closes the day and forgets every reader,
// a restart on a later day closes the stored one, and days past the retention are dropped.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import {
  articlesForAudience,
  fetchStats,
  getFrom,
  startAudienceServer,
} from "./audience-server.js";

describe("audience days", () => {
  test("midnight closes the day; a later start closes the stored one; retention drops old days", async () => {
    const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-days-"));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const articlesDir = await articlesForAudience();
    let clock = Date.parse("2026-03-01T23:59:00Z");
    const timing = { now: () => clock };
    const ua = { "user-agent": "Newsboat/2.30.1 (Linux x86_64)" };

    const first = await startAudienceServer(articlesDir, stateDir, { retentionDays: 2 }, timing);
    await getFrom(`${first.baseUrl}/rss.xml`, ua, "127.0.0.2");
    await getFrom(`${first.baseUrl}/rss.xml`, ua, "127.0.0.3");
    clock = Date.parse("2026-03-02T00:00:30Z");
    await getFrom(`${first.baseUrl}/rss.xml`, ua, "127.0.0.2");
    const report = await fetchStats(first.baseUrl);
    expect(report.days.map((day) => [day.day, day.directReaders])).toEqual([
      ["2026-03-01", 2],
      ["2026-03-02", 1],
    ]);
    const closed = await readFile(path.join(stateDir, "audience", "days.jsonl"), "utf8");
    expect(
      closed
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).day),
    ).toEqual(["2026-03-01"]);
    await first.close();

    // Started again two days later: 2026-03-02 is closed, 2026-03-01 is past the 2 days kept.
    clock = Date.parse("2026-03-03T08:00:00Z");
    const second = await startAudienceServer(articlesDir, stateDir, { retentionDays: 2 }, timing);
    const later = await fetchStats(second.baseUrl);
    expect(later.days.map((day) => [day.day, day.directReaders])).toEqual([
      ["2026-03-02", 1],
      ["2026-03-03", 0],
    ]);
    const kept = await readFile(path.join(stateDir, "audience", "days.jsonl"), "utf8");
    expect(
      kept
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).day),
    ).toEqual(["2026-03-02"]);
  });
});
