/**
 * The sliding-window counter every backend (Redis, PostgreSQL, in process)
 * keeps per user and per API key: counts for the current fixed minute and the
 * one before it. The count "in the last minute" is the current count plus the
 * previous one weighted by how much of it the sliding minute still covers.
 * Within each fixed minute admissions never pass the limit; across a minute
 * boundary the estimate assumes the previous minute's traffic was spread
 * evenly. Two numbers per dimension, whatever the traffic.
 */
export const WINDOW_MS = 60_000;

/** One counter as stored, rolled to the window of `nowMs`. */
export interface WindowCounts {
  requests: number;
  tokens: number;
  prevRequests: number;
  prevTokens: number;
}

/** The stored form, whatever the backend: the window the counts belong to. */
export interface StoredCounter extends WindowCounts {
  window: number;
}

export const windowOf = (nowMs: number) => Math.floor(nowMs / WINDOW_MS);

/** The counts as of the window of `nowMs`: a newer window starts empty with the last one as its previous. */
export function roll(stored: StoredCounter | undefined, nowMs: number): StoredCounter {
  const window = windowOf(nowMs);
  if (!stored || stored.window < window - 1) return { window, requests: 0, tokens: 0, prevRequests: 0, prevTokens: 0 };
  if (stored.window === window - 1) return { window, requests: 0, tokens: 0, prevRequests: stored.requests, prevTokens: stored.tokens };
  return stored;
}

/** The share of the previous minute the sliding minute ending now still covers. */
export const previousWeight = (nowMs: number) => (WINDOW_MS - (nowMs - windowOf(nowMs) * WINDOW_MS)) / WINDOW_MS;

/** Requests or tokens in the sliding minute ending now. */
export const used = (current: number, previous: number, nowMs: number) => previous * previousWeight(nowMs) + current;

/** Whether `cost` more fits under `limit` now. */
export const fits = (limit: number, current: number, previous: number, cost: number, nowMs: number) => used(current, previous, nowMs) + cost <= limit;

/**
 * How long until `cost` fits under `limit`: while the previous minute fades
 * out of the sliding one, or else into the next minute while the current one
 * fades. Infinity when the cost alone is over the limit.
 */
export function retryAfterMs(limit: number, current: number, previous: number, cost: number, nowMs: number): number {
  const room = limit - cost;
  if (room < 0) return Infinity;
  const left = WINDOW_MS - (nowMs - windowOf(nowMs) * WINDOW_MS);
  if (used(current, previous, nowMs) <= room) return 0;
  if (current <= room) return Math.max(1, Math.ceil(left - ((room - current) * WINDOW_MS) / previous));
  return Math.max(1, Math.ceil(left + WINDOW_MS * (1 - room / current)));
}

/** How long until nothing is counted any more (the limit is back to its full size). */
export function resetMs(current: number, previous: number, nowMs: number): number {
  const left = WINDOW_MS - (nowMs - windowOf(nowMs) * WINDOW_MS);
  if (current > 0) return left + WINDOW_MS;
  return previous > 0 ? left : 0;
}
