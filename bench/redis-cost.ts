/**
 * Gateway CPU per chat, from the gateway process's own utime + stime
 * (/proc/<pid>/stat), for the same load (Mutation.chat against a fake
 * upstream) under four settings, each a gateway process with a database of its own:
 *   - no Redis (rate-limit counters and the cluster bus on PostgreSQL), metrics off, tracing off: the baseline;
 *   - REDIS_URL set: counters and bus on Redis, metrics and tracing off;
 *   - metrics on (ZERO_METRICS_TOKEN), no Redis, tracing off;
 *   - tracing on (OTEL_EXPORTER_OTLP_ENDPOINT, an OTLP sink in this process), no Redis, metrics off.
 * Redis is measured twice: for a user under a rate limit (requests and tokens
 * per minute, never reached, so every chat counts on the limiter's backend)
 * and for a user under none (Redis then carries only the bus). Rounds are
 * interleaved; each figure is compared with its reference in the same round
 * and the median ratio reported, since the machine's load drifts.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 node --import tsx bench/redis-cost.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from '../test/fixtures/server-process.ts';
import { wrk } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
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

async function startUpstream(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-upstream.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url: JSON.parse(line).url, stop: () => child.kill('SIGTERM') };
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

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
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

async function main() {
  const upstream = await startUpstream();
  const sink = await startOtlpSink();
  const prefix = `zero-bench-${process.pid}:`;
  const variants: Variant[] = [
    { name: 'no Redis', env: {} },
    { name: 'REDIS_URL set', env: { REDIS_URL, ZERO_REDIS_PREFIX: prefix } },
    { name: 'metrics on', env: { ZERO_METRICS_TOKEN: METRICS_TOKEN } },
    { name: 'tracing on', env: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } },
  ];
  // What is measured: a gateway, whose user, and which cell it is compared with.
  const cells: { name: string; gateway: number; user: 'limited' | 'free'; against?: number }[] = [
    { name: 'baseline: no Redis, metrics and tracing off, user under a rate limit', gateway: 0, user: 'limited' },
    { name: 'REDIS_URL set, user under a rate limit', gateway: 1, user: 'limited', against: 0 },
    { name: 'baseline, user under no rate limit', gateway: 0, user: 'free' },
    { name: 'REDIS_URL set, user under no rate limit', gateway: 1, user: 'free', against: 2 },
    { name: 'metrics on (no Redis), user under a rate limit', gateway: 2, user: 'limited', against: 0 },
    { name: 'tracing on (no Redis), user under a rate limit', gateway: 3, user: 'limited', against: 0 },
  ];
  const started: { server: ServerProcess; dbName: string }[] = [];
  try {
    const keys: { limited: string; free: string }[] = [];
    for (const [i, v] of variants.entries()) keys.push(await startGateway(v, i, upstream.url, started));
    const request = (cell: (typeof cells)[number]) => ({
      url: `${started[cell.gateway].server.url}/graphql`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[cell.gateway][cell.user]}` },
      body: JSON.stringify({ query: 'mutation($i: ChatInput!) { chat(input: $i) { text } }', variables: { i: { model: 'bench', messages: [{ role: 'USER', content: 'Summarise what an enterprise LLM gateway does, in one sentence.' }] } } }),
      connections: CONNECTIONS,
    });
    for (const cell of cells) await wrk({ ...request(cell), seconds: 2 }); // warm-up: JIT, pools, caches
    const perChat: number[][] = cells.map(() => []);
    const rps: number[][] = cells.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, cell] of cells.entries()) {
        const pid = started[cell.gateway].server.pid;
        const before = cpuSeconds(pid);
        const r = await wrk({ ...request(cell), seconds: SECONDS });
        // Let the last settlements commit before reading the clock again.
        await new Promise((res) => setTimeout(res, 300));
        const used = cpuSeconds(pid) - before;
        if (r.errors) throw new Error(`${cell.name}: ${r.errors} errors`);
        perChat[i].push((used / r.requests) * 1e6);
        rps[i].push(r.requestsPerSec);
      }
    }
    // Each round's figure against its reference's in the same round: the machine's load drifts between rounds.
    const ratio = (i: number, against: number) => median(perChat[i].map((x, round) => x / perChat[against][round]));
    const lines = ['| gateway | CPU µs per chat (median) | runs | vs reference (median of per-round ratios) | chats/s |', '|---|---|---|---|---|'];
    for (const [i, cell] of cells.entries()) {
      const vs = cell.against === undefined ? '' : `${((ratio(i, cell.against) - 1) * 100).toFixed(1)}% vs ${cells[cell.against].name.split(',')[0]}${cells[cell.against].user === 'free' ? ' (no limit)' : ''}`;
      lines.push(`| ${cell.name} | ${median(perChat[i]).toFixed(0)} | ${perChat[i].map((x) => x.toFixed(0)).join(', ')} | ${vs} | ${median(rps[i]).toFixed(0)} |`);
    }
    console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s per gateway, ${CONNECTIONS} connections, Mutation.chat; OTLP posts received: ${sink.posts()}.\n`);
    console.log(lines.join('\n'));
    console.log(`\nRedis/no-Redis CPU per chat: ${ratio(1, 0).toFixed(3)} under a rate limit, ${ratio(3, 2).toFixed(3)} under none (medians of per-round ratios)`);
  } finally {
    for (const s of started) {
      await s.server.stop();
      await admin(`drop database if exists "${s.dbName}" with (force)`).catch(() => {});
    }
    sink.close();
    upstream.stop();
  }
}

await main();
