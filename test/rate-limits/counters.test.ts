import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectRedis, type RedisConnections } from '../../server/cluster/redis.ts';
import { createMemoryCounters, type CounterCheck, type RateLimitCounters } from '../../server/modules/rate-limits/counters.ts';
import { createPostgresCounters } from '../../server/modules/rate-limits/postgres-counters.ts';
import { createRedisCounters } from '../../server/modules/rate-limits/redis-counters.ts';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';
import { awayFromMinuteBoundary } from './helpers.ts';
import { dropRedisPrefix, redisAvailable, testRedisPrefix, TEST_REDIS_URL } from '../fixtures/redis.ts';

// The same behaviour from every place counters live. PostgreSQL needs DATABASE_URL and Redis a
// server on 127.0.0.1:6379; outside CI either is skipped when missing, under CI=true both must run.
const ci = process.env.CI === 'true';
const withPostgres = Boolean(process.env.DATABASE_URL) || ci;
const withRedis = ci || (await redisAvailable());
const logger = pino({ level: 'silent' });

let database: TestDatabase | undefined;
let pool: pg.Pool | undefined;
let redis: RedisConnections | undefined;
const prefix = testRedisPrefix();

beforeAll(async () => {
  if (withPostgres) {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 10 });
  }
  if (withRedis) redis = await connectRedis({ url: TEST_REDIS_URL, prefix }, logger);
});
afterAll(async () => {
  await redis?.close();
  await dropRedisPrefix(prefix);
  await pool?.end();
  await database?.drop();
});

const backends: [string, boolean, () => RateLimitCounters][] = [
  ['in process', true, () => createMemoryCounters()],
  ['PostgreSQL', withPostgres, () => createPostgresCounters(pool!, logger)],
  ['Redis', withRedis, () => createRedisCounters(redis!)],
];

let n = 0;
/** A user of the test's own (fresh counters), with its counter and an API key's. */
function subject(requestsPerMinute: number | null, tokensPerMinute: number | null, keyLimits?: [number | null, number | null]): CounterCheck[] {
  const userId = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  const checks: CounterCheck[] = [{ key: `u:${userId}`, userId, requestsPerMinute, tokensPerMinute }];
  if (keyLimits) checks.push({ key: `k:${userId}-key`, userId, requestsPerMinute: keyLimits[0], tokensPerMinute: keyLimits[1] });
  return checks;
}

describe.each(backends)('rate-limit counters: %s', (_name, available, make) => {
  test.skipIf(!available)('of 30 concurrent takes under a limit of 7 requests, exactly 7 are admitted', async () => {
    await awayFromMinuteBoundary(3_000);
    const counters = make();
    const checks = subject(7, null);
    const results = await Promise.all(Array.from({ length: 30 }, () => counters.take(checks, 10)));
    expect(results.filter((r) => r.admitted)).toHaveLength(7);
    const last = await counters.take(checks, 10);
    expect(last.admitted).toBe(false);
    expect(last.counts[0].requests).toBe(7);
    expect(last.counts[0].tokens).toBe(70);
    await counters.close();
  });

  test.skipIf(!available)('tokens: admitted while the prompt fits, output added without a check, then refused', async () => {
    await awayFromMinuteBoundary(3_000);
    const counters = make();
    const checks = subject(null, 100);
    expect((await counters.take(checks, 40)).admitted).toBe(true);
    expect((await counters.take(checks, 40)).admitted).toBe(true);
    expect((await counters.take(checks, 40)).admitted).toBe(false);
    await counters.add(checks, 50);
    const after = await counters.take(checks, 1);
    expect(after.admitted).toBe(false);
    expect(after.counts[0]).toMatchObject({ requests: 2, tokens: 130 });
    // A prompt over the limit by itself never fits, even on a fresh counter.
    expect((await counters.take(subject(null, 100), 101)).admitted).toBe(false);
    await counters.close();
  });

  test.skipIf(!available)("all or nothing: a full API key's counter leaves its user's counter untouched", async () => {
    await awayFromMinuteBoundary(3_000);
    const counters = make();
    const checks = subject(100, null, [2, null]);
    expect((await counters.take(checks, 5)).admitted).toBe(true);
    expect((await counters.take(checks, 5)).admitted).toBe(true);
    const refused = await Promise.all(Array.from({ length: 5 }, () => counters.take(checks, 5)));
    expect(refused.every((r) => !r.admitted)).toBe(true);
    // The user (through a session, without the key) has had exactly two requests counted.
    const user = await counters.take([checks[0]], 5);
    expect(user.admitted).toBe(true);
    expect(user.counts[0]).toMatchObject({ requests: 2, tokens: 10 });
    await counters.close();
  });
});
