// A fixed-size histogram of polling intervals: buckets four to a doubling, from 1 s to about 36 h,
// so a day's intervals take at most 69 numbers however many requests there were, and a median
// read from it is within about 9% of the true one.
const bucketsPerDoubling = 4;
export const intervalBucketCount = 69;

/** The bucket an interval of `seconds` falls in. */
export function intervalBucket(seconds: number): number {
  if (seconds <= 1) return 0;
  const bucket = Math.floor(Math.log2(seconds) * bucketsPerDoubling);
  return Math.min(bucket, intervalBucketCount - 1);
}

/** The geometric middle of a bucket, in seconds. */
function bucketMiddle(bucket: number): number {
  return 2 ** ((bucket + 0.5) / bucketsPerDoubling);
}

/** The median interval in seconds (rounded), or undefined when no interval was seen. */
export function medianInterval(histogram: Readonly<Record<string, number>>): number | undefined {
  const buckets = Object.entries(histogram)
    .map(([bucket, count]) => [Number(bucket), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen * 2 >= total) return Math.round(bucketMiddle(bucket));
  }
  return undefined;
}
