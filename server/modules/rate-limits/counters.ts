import { fits, roll, windowOf, type StoredCounter, type WindowCounts } from './sliding-window.ts';

/** One sliding-window counter to check and count on: a user's or an API key's. */
export interface CounterCheck {
  /** `u:<user id>` or `k:<api key id>`. */
  key: string;
  /** The user the counter belongs to (an API key's owner); Redis keeps a user's counters in one cluster slot. */
  userId: string;
  /** null: no limit on this dimension (the counter still counts, for the other). */
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
}

export interface TakeResult {
  /** True when every counter had room and all were counted; false when none was. */
  admitted: boolean;
  /** The clock of the backend that decided (Redis or PostgreSQL time, or this process's). */
  nowMs: number;
  /** Each counter as it was before this take, in the order given. */
  counts: WindowCounts[];
}

/**
 * Where sliding-window counters live: Redis (any number of instances), PostgreSQL
 * (several instances without Redis) or this process (the embedded database).
 */
export interface RateLimitCounters {
  readonly kind: 'redis' | 'postgres' | 'memory';
  /**
   * Checks every counter and, only if the request fits all of them, counts one
   * request and `tokens` on each, atomically across instances.
   */
  take(counters: CounterCheck[], tokens: number): Promise<TakeResult>;
  /** Adds tokens (a chat's output, at settlement) to counters, without checking. */
  add(counters: Pick<CounterCheck, 'key' | 'userId'>[], tokens: number): Promise<void>;
  close(): Promise<void>;
}

/** Counters in this process: exact for the one gateway the embedded database admits. */
export function createMemoryCounters(clock: () => number = Date.now): RateLimitCounters {
  const counters = new Map<string, StoredCounter>();
  let sweepAt = 0;
  const sweep = (now: number) => {
    // Counters untouched for two windows count nothing: forget them once a minute.
    if (now < sweepAt) return;
    sweepAt = now + 60_000;
    for (const [key, counter] of counters) if (counter.window < windowOf(now) - 1) counters.delete(key);
  };
  return {
    kind: 'memory',
    async take(checks, tokens) {
      const now = clock();
      sweep(now);
      const rolled = checks.map((c) => roll(counters.get(c.key), now));
      const admitted = checks.every((c, i) => {
        const r = rolled[i];
        return (c.requestsPerMinute === null || fits(c.requestsPerMinute, r.requests, r.prevRequests, 1, now)) && (c.tokensPerMinute === null || fits(c.tokensPerMinute, r.tokens, r.prevTokens, tokens, now));
      });
      if (admitted) checks.forEach((c, i) => counters.set(c.key, { ...rolled[i], requests: rolled[i].requests + 1, tokens: rolled[i].tokens + tokens }));
      return { admitted, nowMs: now, counts: rolled };
    },
    async add(checks, tokens) {
      const now = clock();
      for (const c of checks) {
        const r = roll(counters.get(c.key), now);
        counters.set(c.key, { ...r, tokens: r.tokens + tokens });
      }
    },
    async close() {
      counters.clear();
    },
  };
}
