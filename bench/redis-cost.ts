/**
 * Gateway CPU per chat, from the gateway process's own utime + stime
 * (/proc/<pid>/stat), for the same load (Mutation.chat against a fake
 * upstream) under five settings, each a gateway process with a database of its own:
 *   - no Redis (rate-limit counters and the cluster bus on PostgreSQL), metrics off, tracing off: the baseline;
 *   - REDIS_URL set: counters and bus on Redis, metrics and tracing off;
 *   - metrics on (ZERO_METRICS_TOKEN), no Redis, tracing off;
 *   - tracing on (OTEL_EXPORTER_OTLP_ENDPOINT, an OTLP sink in this process), no Redis, metrics off,
 *     every trace kept, and with 1% of new traces kept (OTEL_TRACES_SAMPLER=parentbased_traceidratio).
 * BENCH_ONLY=<substring of a comparison's name> runs that one (and the A/A).
 * Redis is measured twice: for a user under a rate limit (requests and tokens
 * per minute, never reached, so every chat counts on the limiter's backend)
 * and for a user under none (Redis then carries only the bus). Each comparison
 * starts its own two gateways and loads them in turn, round by round; each
 * variant figure is divided by its reference of the same round and the median
 * ratio reported. An A/A comparison of two identical gateways shows how much
 * of a difference is the method's noise.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/redis-cost.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { gql, startServerProcess, type ServerProcess } from '../test/fixtures/server-process.ts';
import { startUpstream } from './bench-gateway.ts';
import { wrk } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ONLY = process.env.BENCH_ONLY;
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN = { email: 'bench@zero.local', password: 'bench-admin-password' };
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const TICKS = 100; // USER_HZ: /proc reports CPU in 1/100 s on Linux
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Accepts OTLP posts and drops them, counting spans' batches: the collector's cost stays out of the figures. */
async function startOtlpSink(): Promise<{ url: string; posts: () => number; close(): void }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts: () => posts, close: () => server.close() };
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** A gateway setting: environment variables on top of the baseline's. */
interface Variant {
  name: string;
  env: Record<string, string>;
}

async function startGateway(variant: Variant, index: number, upstreamUrl: string, started: { server: ServerProcess; dbName: string }[]) {
  const dbName = `zg_bench_cost_${index}`;
  await admin(`drop database if exists "${dbName}" with (force)`);
  await admin(`create database "${dbName}"`);
  const dir = mkdtempSync(join(tmpdir(), 'zero-bench-'));
  const configFile = join(dir, 'zero.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ providers: [{ id: 'upstream', plugin: 'openai-compatible', baseUrl: upstreamUrl }], models: [{ name: 'bench', primary: { provider: 'upstream', model: 'bench-model' } }] }),
  );
  const server = await startServerProcess({
    DATABASE_URL: Object.assign(new URL(BASE_URL), { pathname: `/${dbName}` }).toString(),
    ZERO_CONFIG: configFile,
    ZERO_ADMIN_EMAIL: ADMIN.email,
    ZERO_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...variant.env,
  });
  started.push({ server, dbName });
  const { login } = await gql(server.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password });
  const roles = await gql(server.url, '{ roles { id name } }', {}, login.token);
  const member = roles.roles.find((r: { name: string }) => r.name === 'member').id;
  const keyOf = async (email: string, limited: boolean) => {
    const user = await gql(server.url, 'mutation($e: String!, $r: ID!) { createUser(input: { email: $e, name: "Load", roleIds: [$r] }) { id } }', { e: email, r: member }, login.token);
    const userId = user.createUser.id;
    await gql(server.url, 'mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000000000000, dailyOutputLimit: 1000000000000) { dailyInputLimit } }', { u: userId }, login.token);
    if (limited) {
      await gql(server.url, 'mutation($u: ID!) { setRateLimit(scope: USER, targetId: $u, requestsPerMinute: 10000000, tokensPerMinute: 1000000000000) { scope } }', { u: userId }, login.token);
    }
    return (await gql(server.url, 'mutation($u: ID!) { createApiKey(userId: $u, name: "bench") { secret } }', { u: userId }, login.token)).createApiKey.secret as string;
  };
  // A user under a rate limit (every chat counts on the limiter's backend) and one under none.
  return { limited: await keyOf('limited@bench.local', true), free: await keyOf('free@bench.local', false) };
}

type User = 'limited' | 'free';

async function main() {
  const upstream = await startUpstream();
  const sink = await startOtlpSink();
  const prefix = `zero-bench-${process.pid}:`;
  const baseline: Variant = { name: 'no Redis, metrics and tracing off', env: {} };
  // Each comparison runs with only its own two gateways alive: more at once compete for
  // PostgreSQL connections (100 here, shared with other work) and skew each other.
  const all: { name: string; user: User; reference: Variant; variant: Variant }[] = [
    { name: 'REDIS_URL set vs no Redis, user under a rate limit', user: 'limited', reference: baseline, variant: { name: 'REDIS_URL set', env: { REDIS_URL, ZERO_REDIS_PREFIX: prefix } } },
    { name: 'REDIS_URL set vs no Redis, user under no rate limit', user: 'free', reference: baseline, variant: { name: 'REDIS_URL set', env: { REDIS_URL, ZERO_REDIS_PREFIX: prefix } } },
    { name: 'metrics on vs off (no Redis, user under a rate limit)', user: 'limited', reference: baseline, variant: { name: 'metrics on', env: { ZERO_METRICS_TOKEN: METRICS_TOKEN } } },
    { name: 'tracing on vs off (no Redis, user under a rate limit)', user: 'limited', reference: baseline, variant: { name: 'tracing on', env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } } },
    {
      name: 'tracing on, 1% of new traces kept, vs off',
      user: 'limited',
      reference: baseline,
      variant: { name: 'tracing 1%', env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.01' } },
    },
    // Two identical gateways: how far apart the method puts equals on this machine.
    { name: 'A/A: two identical baseline gateways', user: 'limited', reference: baseline, variant: baseline },
  ];
  // BENCH_ONLY: a substring of comparison names (the A/A one always runs, as the noise figure).
  const comparisons = all.filter((c) => !ONLY || c.name.includes(ONLY) || c.name.startsWith('A/A'));
  const body = JSON.stringify({ query: 'mutation($i: ChatInput!) { chat(input: $i) { text } }', variables: { i: { model: 'bench', messages: [{ role: 'USER', content: 'Summarise what an enterprise LLM gateway does, in one sentence.' }] } } });
  /** CPU µs per chat of one gateway while `seconds` of load run on it. */
  const measure = async (server: ServerProcess, key: string, seconds: number) => {
    const before = cpuSeconds(server.pid);
    const r = await wrk({ url: `${server.url}/graphql`, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body, connections: CONNECTIONS, seconds });
    // Let the last settlements commit before reading the clock again.
    await new Promise((res) => setTimeout(res, 300));
    if (r.errors || !r.requests) throw new Error(`${r.errors} errors, ${r.requests} requests in ${seconds} s`);
    return { cpu: ((cpuSeconds(server.pid) - before) / r.requests) * 1e6, rps: r.requestsPerSec };
  };
  const runs = comparisons.map(() => [] as { reference: number; variant: number }[]);
  try {
    for (const [i, c] of comparisons.entries()) {
      const started: { server: ServerProcess; dbName: string }[] = [];
      try {
        const ref = await startGateway(c.reference, 0, upstream.url, started);
        const variant = await startGateway(c.variant, 1, upstream.url, started);
        const [refServer, variantServer] = started.map((s) => s.server);
        await measure(refServer, ref[c.user], 2); // warm-up: JIT, pools, caches
        await measure(variantServer, variant[c.user], 2);
        for (let round = 0; round < ROUNDS; round++) {
          // Alternate which goes first, so neither always follows the other.
          const a = round % 2 ? await measure(variantServer, variant[c.user], SECONDS) : undefined;
          const reference = await measure(refServer, ref[c.user], SECONDS);
          const b = a ?? (await measure(variantServer, variant[c.user], SECONDS));
          runs[i].push({ reference: reference.cpu, variant: b.cpu });
        }
      } finally {
        for (const s of started) {
          await s.server.stop();
          await admin(`drop database if exists "${s.dbName}" with (force)`).catch(() => {});
        }
      }
      const rs = runs[i];
      const ratio = median(rs.map((r) => r.variant / r.reference));
      console.log(`| ${c.name} | ${median(rs.map((r) => r.reference)).toFixed(0)} → ${median(rs.map((r) => r.variant)).toFixed(0)} | ${rs.map((r) => (r.variant / r.reference).toFixed(2)).join(', ')} | ${ratio.toFixed(3)} (${((ratio - 1) * 100).toFixed(1)}%) |`);
    }
    console.log(`\n${ROUNDS} rounds of ${SECONDS} s per gateway (${CONNECTIONS} connections, Mutation.chat), the two gateways of a comparison loaded in turn; OTLP posts received: ${sink.posts()}.`);
  } finally {
    sink.close();
    upstream.stop();
  }
}

console.log('| comparison | CPU µs per chat, reference → variant (medians) | variant/reference per round | median ratio |\n|---|---|---|---|');
await main();
