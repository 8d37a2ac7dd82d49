/**
 * The latency histogram of the executive rollups (server/db/functions/chat_latency_bucket.sql): bucket
 * i holds latencies in [1.2^i, 1.2^(i+1)) ms (bucket 0 from 0 ms, bucket 63
 * open-ended from ~98 s). A percentile is reported as its bucket's geometric
 * middle, so it is within about 10% (sqrt(1.2) - 1 = 9.5%) of the exact value.
 */
export const LATENCY_BUCKETS = 64;
const FACTOR = 1.2;

/** The bucket a latency falls in; the same formula as the SQL function chat_latency_bucket. */
export function latencyBucket(ms: number): number {
  return Math.min(LATENCY_BUCKETS - 1, Math.max(0, Math.floor(Math.log(Math.max(ms, 1)) / Math.log(FACTOR))));
}

/**
 * The p-th percentile (0 < p <= 1, nearest rank) of a histogram given as
 * bucket -> count; null when it is empty.
 */
export function histogramPercentile(counts: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bucket)!;
    if (seen >= rank) return Math.round(FACTOR ** (bucket + 0.5) * 10) / 10;
  }
  return null;
}
