import type { RateLimitStatus } from './rate-limiter.ts';

/** A duration as OpenAI's API writes it in `x-ratelimit-reset-*`: `20ms`, `6s`, `1m30.5s`. */
export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 100) / 10;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/**
 * The headers OpenAI's API sends about rate limits, from the limiter's figures:
 * `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` for each dimension
 * that has a limit, and on a refusal `retry-after` (seconds) and `retry-after-ms`
 * (which OpenAI's client libraries honour first).
 */
export function rateLimitHeaders(status: RateLimitStatus | undefined, retryAfterMs?: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const dimension of ['requests', 'tokens'] as const) {
    const figures = status?.[dimension];
    if (!figures) continue;
    headers[`x-ratelimit-limit-${dimension}`] = String(figures.limit);
    headers[`x-ratelimit-remaining-${dimension}`] = String(figures.remaining);
    headers[`x-ratelimit-reset-${dimension}`] = formatResetDuration(figures.resetMs);
  }
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    headers['retry-after-ms'] = String(Math.ceil(retryAfterMs));
  }
  return headers;
}
