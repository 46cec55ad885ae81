// REFETCH_LIMIT's rule for one client: the limit+1-th unconditional download of one version
// within an hour is refused until the oldest is an hour old; a new version starts afresh; and a
// client that never stops downloading is remembered by at most `limit` times.
import { describe, expect, test } from "vitest";
import { type RecentDownloads, refetchWait } from "../../src/audience/refetch-rule.js";

const hour = 3_600_000;

describe("the re-download rule", () => {
  test("refuses past the limit with the seconds until the oldest download is an hour old", () => {
    const recent: RecentDownloads = { digest: "v1", times: [] };
    const start = 1_000_000;
    expect(refetchWait(recent, "v1", 3, start)).toBeUndefined();
    expect(refetchWait(recent, "v1", 3, start + 60_000)).toBeUndefined();
    expect(refetchWait(recent, "v1", 3, start + 120_000)).toBeUndefined();
    expect(refetchWait(recent, "v1", 3, start + 600_000)).toBe(3000);
    // Once the first download is an hour old, one more is allowed, and then refused again.
    expect(refetchWait(recent, "v1", 3, start + hour)).toBeUndefined();
    expect(refetchWait(recent, "v1", 3, start + hour + 1)).toBe(60);
  });

  test("a new version may be downloaded at once, and is counted from one", () => {
    const recent: RecentDownloads = { digest: "v1", times: [] };
    for (let i = 0; i < 2; i += 1) expect(refetchWait(recent, "v1", 2, i)).toBeUndefined();
    expect(refetchWait(recent, "v1", 2, 10)).toBeDefined();
    expect(refetchWait(recent, "v2", 2, 20)).toBeUndefined();
    expect(refetchWait(recent, "v2", 2, 30)).toBeUndefined();
    expect(refetchWait(recent, "v2", 2, 40)).toBeDefined();
  });

  test("a client downloading without end is remembered by at most `limit` times", () => {
    const recent: RecentDownloads = { digest: "v1", times: [] };
    let refused = 0;
    let longest = 0;
    for (let i = 0; i < 20_000; i += 1) {
      if (refetchWait(recent, "v1", 5, i * 1_000) !== undefined) refused += 1;
      longest = Math.max(longest, recent.times.length);
    }
    expect(longest).toBe(5);
    // 20,000 s is five and a half hours: five downloads allowed in each started hour.
    expect(20_000 - refused).toBe(30);
  });
});
