import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { RateLimitCounters } from './counters.ts';
import { addCounterTokens, dropStaleCounters, giveBackCounters, takeCounters } from './rate-limits.store.ts';
import { roll, WINDOW_MS } from './sliding-window.ts';

/**
 * Counters in PostgreSQL, for several instances without Redis: one
 * conditional upsert per chat checks and counts every limit under row locks.
 * When one counter has room and another has not, the one counted is given
 * back by a second statement (only on that refusal), so a limit may briefly
 * read one request fuller than it is, never emptier. Runs on the pool without
 * synchronous commit: counters that a database crash loses only make limits
 * lenient for a minute.
 */
export function createPostgresCounters(pool: Pool, logger: Logger): RateLimitCounters {
  const sweeper = setInterval(() => void dropStaleCounters(pool, WINDOW_MS).catch((error) => logger.debug({ err: error }, 'dropping stale rate-limit counters failed')), WINDOW_MS);
  sweeper.unref();
  return {
    kind: 'postgres',
    async take(checks, tokens) {
      const { nowMs, counters } = await takeCounters(pool, WINDOW_MS, checks, tokens);
      const admitted = counters.every((c) => c.taken);
      if (!admitted) {
        const counted = counters.filter((c) => c.taken);
        // The window the take counted in is the one of the rows it returned.
        if (counted.length) await giveBackCounters(pool, counted.map((c) => c.key), roll(counted[0].stored, nowMs).window, tokens);
      }
      return { admitted, nowMs, counts: counters.map((c) => roll(c.stored, nowMs)) };
    },
    async add(checks, tokens) {
      if (checks.length === 0 || tokens <= 0) return;
      await addCounterTokens(pool, WINDOW_MS, checks.map((c) => c.key).sort(), tokens);
    },
    async close() {
      clearInterval(sweeper);
    },
  };
}
