import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { codeOf, startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { startPrivateRedis, testRedisPrefix, type PrivateRedis } from '../fixtures/redis.ts';
import { chat, chatUser, setRateLimit } from './helpers.ts';

// A redis-server of the test's own, killed mid-run and started again. Needs PostgreSQL (two
// instances) and the redis-server binary; skipped outside CI when either is missing.
const ci = process.env.CI === 'true';
const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = !ci && (!process.env.DATABASE_URL || !hasRedisServer);

let redis: PrivateRedis;
let a: TestGateway;
let b: TestGateway;
let closed: TestGateway;
let late: TestGateway | undefined;
let redisOptions: { redis: { url: string; prefix: string }; poolMax: number };
const logs: { gateway: string; msg: string }[] = [];
const logger = (gateway: string) =>
  pino({ level: 'info' }, { write: (line: string) => void logs.push({ gateway, msg: JSON.parse(line).msg }) });

beforeAll(async () => {
  if (skip) return;
  redis = await startPrivateRedis();
  // Four instances beside other test files on one PostgreSQL: small pools.
  redisOptions = { redis: { url: redis.url, prefix: testRedisPrefix() }, poolMax: 3 };
  a = await startTestGateway({ ...redisOptions, logger: logger('a') });
  b = await startSecondGateway(a, { ...redisOptions, logger: logger('b') });
  closed = await startSecondGateway(a, { ...redisOptions, rateLimitFail: 'closed', logger: logger('closed') });
});
afterAll(async () => {
  await late?.close();
  await closed?.close();
  await b?.close();
  await a?.close();
  await redis?.stop();
});

const readiness = async (gw: TestGateway) => {
  const response = await gw.gateway.yoga.fetch('http://gateway/readyz');
  return { status: response.status, body: (await response.json()) as any };
};

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < ms) {
    if (await check()) return performance.now() - started;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

test.skipIf(skip)('Redis stopped mid-run fails no chat; readiness says so; limits and the bus recover by themselves when it returns', async () => {
  const limited = await chatUser(a);
  const free = await chatUser(a);
  await setRateLimit(a, 'USER', limited.id, 10_000);
  await sleep(200);
  expect((await readiness(a)).body).toEqual({ status: 'ok', dependencies: { database: { ok: true }, redis: { ok: true } } });

  // Four clients chat through both instances for the whole run.
  let running = true;
  const results: { code: unknown; phase: string }[] = [];
  let phase = 'before';
  const client = async (i: number) => {
    while (running) {
      const gw = i % 2 ? a : b;
      // One user throughout: settlements of several users' chats on several instances at once can
      // deadlock on quota counters (settle_chats updates them in no fixed order), which is not this test's subject.
      results.push({ code: codeOf(await chat(gw, limited.key)), phase });
    }
  };
  const clients = [0, 1, 2, 3].map(client);
  await sleep(500);

  phase = 'outage';
  await redis.kill();
  await sleep(1_500);
  const down = await readiness(a);
  expect(down.status).toBe(200);
  expect(down.body.status).toBe('degraded');
  expect(down.body.dependencies.database).toEqual({ ok: true });
  expect(down.body.dependencies.redis.ok).toBe(false);
  // Fail closed refuses only the chats that a limit applies to, and says why.
  const refused = await chat(closed, limited.key);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 });
  expect(codeOf(await chat(closed, free.key))).toBeUndefined();
  // An instance started while Redis is down starts and serves all the same.
  late = await startSecondGateway(a, { ...redisOptions, logger: logger('late') });
  expect(codeOf(await chat(late, limited.key))).toBeUndefined();
  expect((await readiness(late)).body.status).toBe('degraded');

  phase = 'returning';
  await redis.start();
  const recoveredIn = await until('readiness ok again', async () => (await readiness(a)).body.status === 'ok' && (await readiness(b)).body.status === 'ok', 10_000);
  await sleep(500);
  phase = 'after';
  await sleep(500);
  running = false;
  await Promise.all(clients);

  const byPhase = (p: string) => results.filter((r) => r.phase === p);
  expect(byPhase('outage').length).toBeGreaterThan(10);
  expect(byPhase('after').length).toBeGreaterThan(4);
  expect(results.filter((r) => r.code !== undefined)).toEqual([]);
  expect(recoveredIn).toBeLessThan(5_000);

  // The outage was logged once per instance and connection state, not once per chat.
  const said = (gateway: string, text: string) => logs.filter((l) => l.gateway === gateway && l.msg.includes(text)).length;
  expect(said('a', 'redis unreachable')).toBe(1);
  expect(said('a', 'redis reachable again')).toBe(1);
  // (A counter that misses its deadline on a starved machine is an outage of its own: a few at most.)
  for (const gateway of ['a', 'closed']) {
    expect(said(gateway, 'rate-limit counters unreachable')).toBeGreaterThanOrEqual(1);
    expect(said(gateway, 'rate-limit counters unreachable')).toBeLessThanOrEqual(3);
  }

  // Limits are enforced again, in the new (empty) Redis, and a change on A reaches B within a second.
  await setRateLimit(a, 'USER', limited.id, 2);
  const changedAt = performance.now();
  await until('the lower limit refuses on B', async () => codeOf(await chat(b, limited.key)) === 'RATE_LIMITED', 2_000);
  expect(performance.now() - changedAt).toBeLessThan(1_000);
  expect(codeOf(await chat(closed, limited.key))).toBe('RATE_LIMITED');
  // The instance that started during the outage joined the bus when Redis came: it heard the change too.
  expect(codeOf(await chat(late, limited.key))).toBe('RATE_LIMITED');
  expect((await readiness(late)).body.status).toBe('ok');
});
