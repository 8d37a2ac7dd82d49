/** Retry delays: exponential backoff with jitter, capped, never shorter than the upstream asked. */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** `full`: uniform in [0, min(max, base*2^n)]. `decorrelated`: uniform in [base, min(max, 3*previous)]. */
  jitter: 'full' | 'decorrelated';
}

/**
 * Delay before retry number `retryIndex` (0 for the first retry). `previousMs`
 * feeds decorrelated jitter; `retryAfterMs` from a 429/503 is a floor, because
 * retrying sooner than the upstream asked only burns another attempt.
 * The result never exceeds `maxMs` (the retry policy moves on instead when the
 * upstream asks for longer).
 */
export function backoffDelay(
  retryIndex: number,
  o: BackoffOptions,
  random: () => number = Math.random,
  previousMs?: number,
  retryAfterMs?: number,
): number {
  let delay: number;
  if (o.jitter === 'decorrelated') {
    const prev = Math.max(previousMs ?? o.baseMs, o.baseMs);
    const upper = Math.min(o.maxMs, prev * 3);
    delay = o.baseMs + random() * Math.max(0, upper - o.baseMs);
  } else {
    // 2 ** 30 already exceeds any sane cap; clamping the exponent avoids Infinity.
    delay = random() * Math.min(o.maxMs, o.baseMs * 2 ** Math.min(retryIndex, 30));
  }
  if (retryAfterMs !== undefined) delay = Math.max(delay, retryAfterMs);
  return Math.min(Math.round(delay), o.maxMs);
}
