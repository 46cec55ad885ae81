// REFETCH_LIMIT's rule for one client of one feed: past `limit` unconditional downloads of the
// same version within an hour, the next is refused with the seconds until the oldest of them is
// an hour old. A client keeps at most `limit` download times, so a client that downloads
// without end costs no more per request, and no more memory, than a polite one.

const hourMs = 3_600_000;

/** What the rule remembers of one client of one feed. */
export interface RecentDownloads {
  /** The version (rendition digest) the times below are downloads of. */
  digest: string;
  /** Times of its unconditional downloads within the last hour, oldest first; at most `limit`. */
  times: number[];
}

/**
 * Called for an unconditional download of version `digest` at `now`: the Retry-After seconds
 * when it must be refused, else undefined (and the download is remembered). A new version is
 * never refused: the count starts again from it.
 */
export function refetchWait(
  recent: RecentDownloads,
  digest: string,
  limit: number,
  now: number,
): number | undefined {
  if (recent.digest !== digest) {
    recent.digest = digest;
    recent.times = [now];
    return undefined;
  }
  let expired = 0;
  while (expired < recent.times.length && now - (recent.times[expired] as number) >= hourMs) {
    expired += 1;
  }
  if (expired > 0) recent.times.splice(0, expired);
  if (recent.times.length >= limit) {
    const oldest = recent.times[0] as number;
    return Math.max(1, Math.ceil((oldest + hourMs - now) / 1000));
  }
  recent.times.push(now);
  return undefined;
}
