import pino from 'pino';
import { expect } from 'vitest';
import { ChatRollup } from '../../server/modules/executive/chat-rollup.ts';
import { histogramPercentile, latencyBucket } from '../../server/modules/executive/latency-histogram.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { test } from '../fixtures/gateway.ts';
import { insertChats, makeChats } from './dataset.ts';

test('several rollers on one database (as several gateway instances) fold every chat in exactly once', async ({ gw }) => {
  const { app } = gw.gateway;
  const user = await adminApi(gw).createUser('roller@rollup.test');
  const rows = makeChats([user], new Date('2025-07-01T00:00:00Z'), 5, 2000, 21);
  // Small batches, so the rollers interleave over many transactions.
  const rollers = [0, 1, 2].map(() => new ChatRollup(app.sql.durable, app.auditSealer, app.timezone, pino({ level: 'silent' }), 1000, 150));
  await insertChats(app.sql.durable, rows.slice(0, 1000));
  const first = rollers.map((r) => r.rollupNow());
  await insertChats(app.sql.durable, rows.slice(1000));
  await Promise.all([...first, ...rollers.map((r) => r.rollupNow())]);
  const { rows: sums } = await app.sql.durable.query(`select
    (select sum(requests) from chat_rollup_hourly where hour >= '2025-07-01' and hour < '2025-07-06') as hourly,
    (select sum(chats) from chat_latency_hourly where hour >= '2025-07-01' and hour < '2025-07-06') as latency,
    (select sum(requests) from chat_rollup_user_daily where user_id = $1) as daily,
    (select last_seq from chat_rollup_state) = (select max(seq) from audit_record) as caught_up`, [user]);
  expect(sums[0]).toEqual({ hourly: '2000', latency: '2000', daily: '2000', caught_up: true });
});

test('the SQL and the TypeScript latency buckets agree, and percentiles are within 10%', async ({ gw }) => {
  const samples = [0, 1, 2, 5, 17, 99, 100, 1234, 5000, 29_999, 60_000, 120_000, 10_000_000];
  const { rows } = await gw.gateway.app.sql.durable.query('select x, chat_latency_bucket(x) as b from unnest($1::int[]) x', [samples]);
  expect(rows.map((r) => r.b)).toEqual(samples.map(latencyBucket));
  for (const ms of [2, 17, 99, 1234, 29_999]) {
    const p = histogramPercentile(new Map([[latencyBucket(ms), 1]]), 0.5)!;
    expect(Math.abs(p - ms) / ms).toBeLessThan(0.1);
  }
  expect(histogramPercentile(new Map(), 0.5)).toBeNull();
});

test('what counts as a fallback and as an error', async ({ gw }) => {
  const cases: [string | null, unknown, boolean, boolean][] = [
    ['a', { outcome: 'ok', attempts: [{ provider: 'a' }] }, false, false],
    ['a', { outcome: 'ok', attempts: [{ provider: 'a' }, { provider: 'a' }] }, false, false],
    ['b', { outcome: 'ok', attempts: [{ provider: 'a' }, { provider: 'b' }] }, true, false],
    ['b', { outcome: 'failed', attempts: [{ provider: 'a' }, { provider: 'b' }] }, true, true],
    [null, { outcome: 'failed', attempts: [] }, false, true],
    ['a', { outcome: 'interrupted' }, false, true],
    ['a', { outcome: 'disconnected', attempts: 'garbage' }, false, true],
  ];
  for (const [provider, metadata, fellBack, isError] of cases) {
    const { rows } = await gw.gateway.app.sql.durable.query('select chat_fell_back($1, $2::jsonb) as f, chat_is_error($2::jsonb) as e', [provider, JSON.stringify(metadata)]);
    expect({ provider, metadata, ...rows[0] }).toEqual({ provider, metadata, f: fellBack, e: isError });
  }
});
