import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ClusterBus } from '../../cluster/bus.ts';
import type { RedisConnections } from '../../cluster/redis.ts';
import { createMemoryCounters } from './counters.ts';
import { LimitsCache } from './limits-cache.ts';
import { createPostgresCounters } from './postgres-counters.ts';
import { RateLimiter, type RateLimitFailMode } from './rate-limiter.ts';
import { loadRateLimits } from './rate-limits.store.ts';
import { createRedisCounters } from './redis-counters.ts';

export interface RateLimitRuntimeOptions {
  /** Where limits are read, and counters kept when there is neither Redis nor the embedded database. */
  pool: Pool;
  bus: ClusterBus;
  /** Counters in Redis when set. */
  redis?: RedisConnections;
  /** The embedded database admits one gateway: counters in process. */
  embedded: boolean;
  failMode: RateLimitFailMode;
  logger: Logger;
}

/** The rate limiter of one instance, counting where the deployment shares state: Redis, else PostgreSQL, else this process. */
export async function createRateLimiter(options: RateLimitRuntimeOptions): Promise<RateLimiter> {
  const { pool, bus, redis, embedded, failMode, logger } = options;
  const counters = redis ? createRedisCounters(redis) : embedded ? createMemoryCounters() : createPostgresCounters(pool, logger);
  const limits = new LimitsCache(() => loadRateLimits(pool), bus, logger);
  await limits.current();
  return new RateLimiter(limits, counters, { failMode, logger });
}

export { RateLimiter, type RateLimitFailMode, type RateLimitStatus, type RateLimitTicket } from './rate-limiter.ts';
export { rateLimitHeaders } from './rate-limit-headers.ts';
