/**
 * The executive view on real volumes: a dedicated database with 1,000,000
 * daily_usage rows and 1,000,000 chat audit records over the last year (2,000
 * users in 6 roles, 20 models with a skewed popularity, 8 providers, 7% of
 * chats answered by a fallback provider, 5% failed or cut off), sealed into
 * the audit chain and rolled up by the gateway's own background jobs; then
 * the GraphQL summary (last 30 and 90 days) and 90-day daily trends by model
 * and by user, run in process through yoga (auth, the on-demand rollup
 * catch-up and GraphQL execution included, no HTTP), 100 runs each after a
 * warm-up, p50/p95 in a table. The database is dropped at the end.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/executive.ts
 */
import pg from 'pg';
import pino from 'pino';
import { createGateway, type Gateway } from '../server/gateway.ts';

const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = 'zg_bench_exec';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const ADMIN = { email: 'bench@zero.local', password: 'bench-admin-password' };

const withDatabase = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function seed(url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    let t0 = performance.now();
    await db.query(`select setseed(0.42)`);
    await db.query(`insert into app_user (id, email, name, status, created_at, updated_at)
      select gen_random_uuid(), 'user' || lpad(i::text, 4, '0') || '@bench.test', 'User ' || i, 'ACTIVE', now(), now() from generate_series(1, 2000) i`);
    await db.query(`insert into role (id, name, description, permissions, built_in, created_at, updated_at)
      select gen_random_uuid(), 'team-' || i, '', '{chat}', false, now(), now() from generate_series(1, 6) i`);
    // Everyone in one team; every fifth user in a second one.
    await db.query(`with u as (select id, row_number() over (order by email) as n from app_user where email like '%@bench.test'),
        r as (select id, row_number() over (order by name) - 1 as k from role where name like 'team-%')
      insert into user_role (user_id, role_id, created_at)
      select u.id, r.id, now() from u join r on r.k = u.n % 6 or (u.n % 5 = 0 and r.k = (u.n + 1) % 6)`);
    console.log(`users and roles: ${seconds(t0)} s`);

    t0 = performance.now();
    // Chats in time order (ids follow time, as in production), about one every 31.5 s.
    await db.query(`with u as (select array_agg(id order by email) as ids from app_user where email like '%@bench.test'),
      c as (
        select i, now() - interval '365 days' + (i * (365 * 86400.0 / $1)) * interval '1 second' as at,
          1 + floor(20 * power(random(), 2))::int as m, random() as roll, random() as r2, random() as r3, random() as r4, random() as r5
        from generate_series(1, $1) i),
      p as (select c.*, 'provider-' || (c.m % 8 + 1) as primary_p, 'provider-' || ((c.m + 1) % 8 + 1) as fallback_p,
          case when c.roll < 0.03 then 'failed' when c.roll < 0.05 then 'interrupted' else 'ok' end as outcome from c)
      insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider,
        input_tokens, output_tokens, latency_ms, metadata)
      select u.ids[1 + floor(p.r2 * 2000)::int], p.at, 'chat', 'model', 'model-' || lpad(p.m::text, 2, '0'),
        md5(p.i::text) || md5(p.i::text), null, 'model-' || lpad(p.m::text, 2, '0'),
        case when p.roll >= 0.05 and p.roll < 0.12 then p.fallback_p else p.primary_p end,
        50 + floor(p.r3 * 3000)::int, case when p.outcome = 'failed' then 0 else floor(p.r4 * 1500)::int end,
        floor(exp(p.r5 * ln(30000)))::int,
        jsonb_build_object('requestId', 'bench-' || p.i, 'outcome', p.outcome, 'answeredModel', 'model-' || lpad(p.m::text, 2, '0'),
          'attempts', case when p.roll >= 0.05 and p.roll < 0.12
            then jsonb_build_array(jsonb_build_object('provider', p.primary_p, 'model', 'm', 'code', 'UPSTREAM_5XX'), jsonb_build_object('provider', p.fallback_p, 'model', 'm'))
            else jsonb_build_array(jsonb_build_object('provider', p.primary_p, 'model', 'm')) end)
      from p, u`, [ROWS]);
    console.log(`${ROWS} chat audit records: ${seconds(t0)} s`);

    t0 = performance.now();
    // (day, user, k) is distinct for every i, so the rows never collide on the primary key.
    await db.query(`with u as (select array_agg(id order by email) as ids from app_user where email like '%@bench.test')
      insert into daily_usage (day, user_id, model, provider, input_tokens, output_tokens, requests)
      select current_date - (i % 365), u.ids[1 + (i / 365) % 2000], 'model-' || lpad((1 + ((i / 730000) + (i / 365) % 2000) % 20)::text, 2, '0'),
        'provider-' || ((1 + ((i / 730000) + (i / 365) % 2000) % 20) % 8 + 1), floor(random() * 50000)::int, floor(random() * 20000)::int, 1 + floor(random() * 20)::int
      from generate_series(0, $1 - 1) i, u`, [ROWS]);
    console.log(`${ROWS} daily_usage rows: ${seconds(t0)} s`);
  } finally {
    await db.end();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

async function measure(gateway: Gateway, token: string, query: string, variables: Record<string, unknown>): Promise<{ p50: number; p95: number; size: number }> {
  const run = async () => {
    const t0 = performance.now();
    const response = await gateway.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    const data = Object.values(body.data!)[0];
    return { ms: performance.now() - t0, size: Array.isArray(data) ? data.length : 1 };
  };
  let size = 0;
  for (let i = 0; i < 10; i++) size = (await run()).size;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await run()).ms);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), size };
}

const SUMMARY = `query($r: ExecutiveRange!) { executiveSummary(range: $r) {
  inputTokens outputTokens requests errorRate fallbackRate activeUsers latencyP50Ms latencyP95Ms
  topUsers { email inputTokens outputTokens } topModels { key inputTokens } topProviders { key inputTokens } dlpEvents { detector action events } } }`;
const TRENDS = `query($r: ExecutiveRange!, $b: ExecutiveTrendDimension!) {
  executiveTrends(range: $r, granularity: DAY, by: $b) { bucket key label inputTokens outputTokens requests errors } }`;

await admin((c) => c.query(`drop database if exists ${DB} with (force)`));
await admin((c) => c.query(`create database ${DB}`));
const url = withDatabase(BASE_URL, DB);
const logger = pino({ level: 'warn' });
try {
  // First start: migrations (initOrm + migrateUp) and the first admin, on the empty database.
  await (await createGateway({ databaseUrl: url, logger, admin: ADMIN })).close();
  const t0 = performance.now();
  await seed(url);
  console.log(`seeded in ${seconds(t0)} s`);

  const gateway = await createGateway({ databaseUrl: url, logger, admin: ADMIN });
  try {
    let t = performance.now();
    await gateway.app.auditSealer.sealNow();
    console.log(`sealed into the audit chain: ${seconds(t)} s`);
    t = performance.now();
    await gateway.app.chatRollup.rollupNow();
    console.log(`rolled up (the rest, after sealing): ${seconds(t)} s`);
    // The background job rolled up while sealing went on; time a full rebuild on its own (what a time zone change costs).
    await gateway.app.sql.durable.query(`truncate chat_rollup_hourly, chat_latency_hourly, chat_rollup_user_daily; update chat_rollup_state set last_seq = 0`);
    t = performance.now();
    await gateway.app.chatRollup.rollupNow();
    console.log(`rollups rebuilt from ${ROWS} sealed chat records: ${seconds(t)} s`);
    t = performance.now();
    await gateway.app.sql.durable.query('vacuum analyze');
    console.log(`vacuum analyze: ${seconds(t)} s`);
    const { rows } = await gateway.app.sql.durable.query(`select (select count(*) from chat_rollup_hourly) as hourly,
      (select count(*) from chat_latency_hourly) as latency, (select count(*) from chat_rollup_user_daily) as user_daily`);
    console.log(`rollup rows: ${JSON.stringify(rows[0])}`);

    const login = await gateway.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: ADMIN.email, p: ADMIN.password } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const now = Date.now();
    const range = (days: number) => ({ from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() });
    const cells: [string, string, Record<string, unknown>][] = [
      ['summary, last 30 days', SUMMARY, { r: range(30) }],
      ['summary, last 90 days', SUMMARY, { r: range(90) }],
      ['trend, 90 days by DAY, by MODEL (top 10 + Other)', TRENDS, { r: range(90), b: 'MODEL' }],
      ['trend, 90 days by DAY, by USER (top 10 + Other)', TRENDS, { r: range(90), b: 'USER' }],
      ['trend, 90 days by DAY, by ROLE', TRENDS, { r: range(90), b: 'ROLE' }],
    ];
    console.log(`\n| query | rows answered | p50 ms | p95 ms |\n|---|---|---|---|`);
    for (const [name, query, variables] of cells) {
      const r = await measure(gateway, token, query, variables);
      console.log(`| ${name} | ${r.size} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
    }
  } finally {
    await gateway.close();
  }
} finally {
  await admin((c) => c.query(`drop database if exists ${DB} with (force)`));
}
