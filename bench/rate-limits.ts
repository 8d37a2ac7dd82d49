/**
 * What the rate limiter costs a chat, per backend: the limiter's `admit` (and
 * `settle` for the output tokens) called directly, as admission calls it, for
 *   - a caller under no limit while other users have limits (one map lookup),
 *   - the same when no limit exists at all,
 *   - a caller under a user limit and an API-key limit (two counters, one round trip),
 * sequentially (latency p50/p99 and this process's CPU per call) and with 50
 * calls in flight (calls/s). Backends: in process (the embedded database),
 * PostgreSQL (a fresh migrated database, dropped at the end) and Redis (a key
 * prefix of its own, deleted at the end).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/rate-limits.ts
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { createLocalBus } from '../server/cluster/bus.ts';
import { connectRedis, type RedisConnections } from '../server/cluster/redis.ts';
import { initOrm, migrateUp } from '../server/db/orm.ts';
import { createSqlPools, type SqlPools } from '../server/db/sql-pools.ts';
import { createMemoryCounters, type RateLimitCounters } from '../server/modules/rate-limits/counters.ts';
import { LimitsCache } from '../server/modules/rate-limits/limits-cache.ts';
import { createPostgresCounters } from '../server/modules/rate-limits/postgres-counters.ts';
import { RateLimiter } from '../server/modules/rate-limits/rate-limiter.ts';
import type { RateLimitRow } from '../server/modules/rate-limits/rate-limits.store.ts';
import { createRedisCounters } from '../server/modules/rate-limits/redis-counters.ts';

const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SEQUENTIAL = Number(process.env.BENCH_CALLS ?? 5_000);
const CONCURRENT = 50;
const logger = pino({ level: 'silent' });
const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();

interface Row {
  backend: string;
  caller: string;
  p50: number;
  p99: number;
  cpu: number;
  perSecond: number;
}

const limited = { userId: randomUUID(), roleIds: [randomUUID()], via: 'apiKey' as const, credentialId: randomUUID() };
const requestsOnly = { userId: randomUUID(), roleIds: [randomUUID()], via: 'session' as const, credentialId: randomUUID() };
const unlimited = { userId: randomUUID(), roleIds: [randomUUID()], via: 'apiKey' as const, credentialId: randomUUID() };
const limitRows: RateLimitRow[] = [
  // Limits far above what the run sends: every call is counted and admitted.
  { scope: 'USER', targetId: limited.userId, requestsPerMinute: 10_000_000, tokensPerMinute: 1e12, updatedAt: new Date() },
  { scope: 'API_KEY', targetId: limited.credentialId, requestsPerMinute: 10_000_000, tokensPerMinute: null, updatedAt: new Date() },
  { scope: 'USER', targetId: requestsOnly.userId, requestsPerMinute: 10_000_000, tokensPerMinute: null, updatedAt: new Date() },
  ...Array.from({ length: 200 }, () => ({ scope: 'USER' as const, targetId: randomUUID(), requestsPerMinute: 60, tokensPerMinute: null, updatedAt: new Date() })),
];

async function limiter(counters: RateLimitCounters, rows: RateLimitRow[]): Promise<RateLimiter> {
  const cache = new LimitsCache(async () => rows, createLocalBus(), logger, 3_600_000);
  await cache.current();
  return new RateLimiter(cache, counters, { failMode: 'open', logger });
}

async function measure(backend: string, caller: string, rl: RateLimiter, viewer: typeof limited): Promise<Row> {
  const prompt = () => 120;
  const call = async () => {
    const ticket = await rl.admit(viewer, prompt);
    rl.settle(ticket, 200);
  };
  for (let i = 0; i < 500; i++) await call();
  await rl.idle();
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await call();
    times.push(performance.now() - t0);
  }
  await rl.idle();
  const cpu = process.cpuUsage(cpu0);
  times.sort((x, y) => x - y);
  const t0 = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (done < SEQUENTIAL) {
        done++;
        await call();
      }
    }),
  );
  await rl.idle();
  return {
    backend,
    caller,
    p50: times[Math.floor(times.length * 0.5)] * 1000,
    p99: times[Math.floor(times.length * 0.99)] * 1000,
    cpu: ((cpu.user + cpu.system) / SEQUENTIAL),
    perSecond: done / ((performance.now() - t0) / 1000),
  };
}

async function main() {
  const rows: Row[] = [];
  const name = `zg_bench_rl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  let sql: SqlPools | undefined;
  let redis: RedisConnections | undefined;
  try {
    const url = withDatabase(BASE_URL, name);
    const orm = await initOrm({ clientUrl: url, poolMax: 1, log: () => {} });
    await migrateUp(orm);
    await orm.close(true);
    sql = createSqlPools(url, { max: 10 });
    redis = await connectRedis({ url: REDIS_URL, prefix: `zbench:${randomBytes(4).toString('hex')}:` }, logger);
    const backends: [string, () => RateLimitCounters][] = [
      ['in process', () => createMemoryCounters()],
      ['PostgreSQL', () => createPostgresCounters(sql!.relaxed, logger)],
      ['Redis', () => createRedisCounters(redis!)],
    ];
    for (const [backend, make] of backends) {
      const counters = make();
      rows.push(await measure(backend, 'no limit exists', await limiter(counters, []), unlimited));
      rows.push(await measure(backend, 'no limit applies (200 others limited)', await limiter(counters, limitRows), unlimited));
      rows.push(await measure(backend, 'requests per minute (1 counter)', await limiter(counters, limitRows), requestsOnly as never));
      rows.push(await measure(backend, 'requests and tokens, user + API key (2 counters, output added at settlement)', await limiter(counters, limitRows), limited));
      await counters.close();
    }
  } finally {
    if (redis) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.commands.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.commands.del(...keys);
      } while (cursor !== '0');
      await redis.close();
    }
    await sql?.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  console.log(`\n${SEQUENTIAL} sequential calls (admit + settle) per row, then ${SEQUENTIAL} more with ${CONCURRENT} in flight\n`);
  console.log('| backend | caller | p50 µs | p99 µs | gateway CPU µs/call | calls/s at 50 in flight |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.backend} | ${r.caller} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.cpu.toFixed(1)} | ${Math.round(r.perSecond)} |`);
}

await main();
