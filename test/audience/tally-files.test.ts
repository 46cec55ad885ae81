// The tally files: atomic replacement of today's figures, closed days appended, a torn last line
// (a crash while appending) reported by file and line and skipped without losing other days.
import { appendFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { emptyDay } from "../../src/audience/day-tally.js";
import { intervalBucket, medianInterval } from "../../src/audience/intervals.js";
import { TallyFiles } from "../../src/audience/tally-files.js";

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-tally-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("tally files", () => {
  test("today is replaced, closed days are appended, a day in both files is today's", async () => {
    const files = new TallyFiles(await stateDir());
    expect(files.read()).toEqual({ days: [], problems: [] });
    files.appendDay({ ...emptyDay("2026-03-01"), directReaders: 4 });
    files.appendDay({ ...emptyDay("2026-03-02"), directReaders: 5 });
    files.writeToday({ ...emptyDay("2026-03-02"), directReaders: 6 });
    files.writeToday({ ...emptyDay("2026-03-03"), directReaders: 7 });
    const read = files.read();
    expect(read.days.map((day) => [day.day, day.directReaders])).toEqual([
      ["2026-03-01", 4],
      ["2026-03-02", 5],
    ]);
    expect(read.current?.directReaders).toBe(7);
    // No temporary file is left behind.
    expect((await readdir(files.dir)).sort()).toEqual(["days.jsonl", "today.json"]);
  });

  test("a torn line is skipped and named; the days around it are kept", async () => {
    const files = new TallyFiles(await stateDir());
    files.appendDay(emptyDay("2026-03-01"));
    await appendFile(files.daysFile, '{"day":"2026-03-02","directRea');
    await appendFile(files.daysFile, "\n");
    files.appendDay(emptyDay("2026-03-03"));
    const read = files.read();
    expect(read.days.map((day) => day.day)).toEqual(["2026-03-01", "2026-03-03"]);
    expect(read.problems).toEqual([expect.objectContaining({ file: files.daysFile, line: 2 })]);
  });

  test("rewriting keeps only the days given", async () => {
    const files = new TallyFiles(await stateDir());
    for (const day of ["2026-03-01", "2026-03-02", "2026-03-03"]) files.appendDay(emptyDay(day));
    files.rewriteDays([emptyDay("2026-03-03")]);
    expect(files.read().days.map((day) => day.day)).toEqual(["2026-03-03"]);
  });
});

describe("interval histogram", () => {
  test("the median is within 10% of the true one", () => {
    const histogram: Record<string, number> = {};
    const intervals = [60, 300, 900, 900, 901, 1800, 86_400];
    for (const seconds of intervals) {
      const bucket = String(intervalBucket(seconds));
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
    }
    const median = medianInterval(histogram) as number;
    expect(Math.abs(median - 900) / 900).toBeLessThan(0.1);
    expect(medianInterval({})).toBeUndefined();
  });
});
