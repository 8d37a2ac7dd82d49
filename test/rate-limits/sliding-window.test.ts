import { describe, expect, test } from 'vitest';
import { formatResetDuration, rateLimitHeaders } from '../../server/modules/rate-limits/rate-limit-headers.ts';
import { fits, resetMs, retryAfterMs, roll, used, WINDOW_MS } from '../../server/modules/rate-limits/sliding-window.ts';

// A minute that starts at a whole multiple of the window, and moments into it.
const MINUTE = 29_000_000 * WINDOW_MS;
const at = (seconds: number) => MINUTE + seconds * 1000;

describe('the sliding minute', () => {
  test('a counter rolls forward: the last minute becomes the previous one, older ones are forgotten', () => {
    const stored = { window: MINUTE / WINDOW_MS, requests: 7, tokens: 700, prevRequests: 3, prevTokens: 300 };
    expect(roll(stored, at(59))).toEqual(stored);
    expect(roll(stored, at(61))).toEqual({ window: MINUTE / WINDOW_MS + 1, requests: 0, tokens: 0, prevRequests: 7, prevTokens: 700 });
    expect(roll(stored, at(121))).toEqual({ window: MINUTE / WINDOW_MS + 2, requests: 0, tokens: 0, prevRequests: 0, prevTokens: 0 });
    expect(roll(undefined, at(5)).requests).toBe(0);
  });

  test('the previous minute counts for the share of it the sliding minute still covers', () => {
    expect(used(2, 10, at(0))).toBe(12);
    expect(used(2, 10, at(30))).toBe(7);
    expect(used(2, 10, at(45))).toBeCloseTo(4.5);
    expect(fits(10, 2, 10, 1, at(30))).toBe(true);
    expect(fits(10, 2, 10, 1, at(15))).toBe(false);
  });

  test('retry after: when the previous minute has faded enough, or into the next minute, or never', () => {
    // 10 per minute, 10 last minute, none this minute, 6 s in: one more fits once the previous share is 9, at 6 s.
    expect(retryAfterMs(10, 0, 10, 1, at(0))).toBe(6000);
    expect(retryAfterMs(10, 0, 10, 1, at(2))).toBe(4000);
    // Full this minute: into the next one, until this minute's share falls to 9 (6 s after it ends).
    expect(retryAfterMs(10, 10, 0, 1, at(50))).toBe(16_000);
    // What fits now needs no wait; a cost over the limit never fits.
    expect(retryAfterMs(10, 3, 0, 1, at(50))).toBe(0);
    expect(retryAfterMs(100, 0, 0, 101, at(1))).toBe(Infinity);
    // The wait it answers is exactly when the request fits.
    for (const [current, previous, seconds] of [[4, 9, 10], [10, 3, 20], [1, 10, 3], [9, 10, 1]]) {
      const wait = retryAfterMs(10, current, previous, 1, at(seconds));
      expect(wait).toBeGreaterThan(0);
      const then = at(seconds) + wait;
      const rolled = roll({ window: MINUTE / WINDOW_MS, requests: current, tokens: 0, prevRequests: previous, prevTokens: 0 }, then);
      expect(fits(10, rolled.requests, rolled.prevRequests, 1, then)).toBe(true);
      const before = at(seconds) + wait - 2;
      const rolledBefore = roll({ window: MINUTE / WINDOW_MS, requests: current, tokens: 0, prevRequests: previous, prevTokens: 0 }, before);
      expect(fits(10, rolledBefore.requests, rolledBefore.prevRequests, 1, before)).toBe(false);
    }
  });

  test('reset: until nothing is counted any more', () => {
    expect(resetMs(0, 0, at(10))).toBe(0);
    expect(resetMs(0, 5, at(10))).toBe(50_000);
    expect(resetMs(5, 0, at(10))).toBe(110_000);
  });
});

describe("OpenAI's rate-limit headers", () => {
  test('durations are written as OpenAI writes them', () => {
    expect(formatResetDuration(20)).toBe('20ms');
    expect(formatResetDuration(6000)).toBe('6s');
    expect(formatResetDuration(1500)).toBe('1.5s');
    expect(formatResetDuration(90_500)).toBe('1m30.5s');
    expect(formatResetDuration(360_000)).toBe('6m0s');
  });

  test('each dimension with a limit, and retry-after on a refusal', () => {
    const status = { requests: { limit: 10, remaining: 0, resetMs: 61_000 }, tokens: { limit: 1000, remaining: 420, resetMs: 30_000 } };
    expect(rateLimitHeaders(status, 4_200)).toEqual({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m1s',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '420',
      'x-ratelimit-reset-tokens': '30s',
      'retry-after': '5',
      'retry-after-ms': '4200',
    });
    expect(rateLimitHeaders({ tokens: { limit: 5, remaining: 5, resetMs: 0 } })).toEqual({ 'x-ratelimit-limit-tokens': '5', 'x-ratelimit-remaining-tokens': '5', 'x-ratelimit-reset-tokens': '0ms' });
    expect(rateLimitHeaders(undefined)).toEqual({});
  });
});
