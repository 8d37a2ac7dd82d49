/**
 * The gateway's own cost per chat, door by door: the same chat sent straight
 * to a fake OpenAI-compatible upstream and through each of the gateway's doors,
 * JSON and streamed, at 1 and 50 connections, with the load generator (wrk, or
 * bench/ws-load.ts for WebSocket) and the upstream each in their own process.
 * Besides requests/s and latency it reads the CPU the gateway process and the
 * PostgreSQL backends of its database spent per request (/proc), which on a
 * shared machine is steadier than any timing. Then the latency a failover adds
 * when the primary refuses connections, and when its circuit is open.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/gateway-overhead.ts
 *
 * The gateway runs as `npm start` does with NODE_ENV=production and everything
 * on: DLP, quota reservation (a member with a daily quota), budgets, durable
 * metering and audit on PostgreSQL, and the background jobs. Rounds are
 * interleaved and medians reported. BENCH_SECONDS, BENCH_ROUNDS,
 * BENCH_CONNECTIONS (e.g. "50"), BENCH_ONLY (a substring of door names, e.g.
 * "Mutation") and BENCH_FAILOVER=0 narrow a run while working on one path;
 * BENCH_BASELINE_DIR=<another checkout> runs its gateway beside this one, cell
 * by cell in the same rounds, so a change is compared under the same load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { refusedUrl } from '../test/fakes/fake-server.ts';
import { startServerProcess, type ServerProcess } from '../test/fixtures/server-process.ts';
import { cpuMeter } from './proc-cpu.ts';
import { gql } from './graphql-client.ts';
import { wrk, type WrkResult } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PROMPT = 'Summarise what an enterprise LLM gateway does, in one sentence.';
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number);
const ONLY = process.env.BENCH_ONLY;
const ADMIN = { email: 'bench@zero.local', password: 'bench-admin-password' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startUpstream(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-upstream.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url: JSON.parse(line).url, stop: () => child.kill('SIGTERM') };
}

async function createDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(name: string) {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

/** Starts a gateway process on its own database with the given config; returns it and an API key of a member with a quota. */
async function startGateway(name: string, config: unknown, checkout?: string): Promise<{ server: ServerProcess; key: string; dbName: string }> {
  const dbName = `zg_bench_${name}`;
  const databaseUrl = await createDatabase(dbName);
  const dir = mkdtempSync(join(tmpdir(), 'zero-bench-'));
  const configFile = join(dir, 'zero.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  // BENCH_GATEWAY_ARGS: node flags for the gateway, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under load.
  const nodeArgs = process.env.BENCH_GATEWAY_ARGS?.split(' ').filter(Boolean) ?? [];
  // Another checkout's gateway (BENCH_BASELINE_DIR) is started by that checkout's own fixture, from its own root.
  const start: typeof startServerProcess = checkout ? (await import(`${checkout}/test/fixtures/server-process.ts`)).startServerProcess : startServerProcess;
  const server = await start({
    DATABASE_URL: databaseUrl,
    ZERO_CONFIG: configFile,
    ZERO_ADMIN_EMAIL: ADMIN.email,
    ZERO_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  }, 60_000, nodeArgs);
  const { login } = await gql(server.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password });
  const roles = await gql(server.url, '{ roles { id name } }', {}, login.token);
  const member = roles.roles.find((r: { name: string }) => r.name === 'member').id;
  const user = await gql(server.url, 'mutation($r: ID!) { createUser(input: { email: "load@bench.local", name: "Load", roleIds: [$r] }) { id } }', { r: member }, login.token);
  await gql(server.url, 'mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000000000000, dailyOutputLimit: 1000000000000) { dailyInputLimit } }', { u: user.createUser.id }, login.token);
  const key = await gql(server.url, 'mutation($u: ID!) { createApiKey(userId: $u, name: "bench") { secret } }', { u: user.createUser.id }, login.token);
  return { server, key: key.createApiKey.secret, dbName };
}

const providerConfig = (upstreamUrl: string, deadUrl: string, failureThreshold: number) => ({
  providers: [
    { id: 'upstream', plugin: 'openai-compatible', baseUrl: upstreamUrl },
    { id: 'dead', plugin: 'openai-compatible', baseUrl: deadUrl },
  ],
  models: [
    { name: 'bench', primary: { provider: 'upstream', model: 'bench-model' } },
    { name: 'bench-failover', primary: { provider: 'dead', model: 'bench-model' }, fallbacks: [{ provider: 'upstream', model: 'bench-model' }] },
  ],
  resilience: { circuit: { failureThreshold, openMs: 600_000 } },
});

/** One way to send the bench chat: over HTTP (wrk) or over graphql-ws (bench/ws-load.ts). */
type Send =
  | { kind: 'http'; url: string; headers: Record<string, string>; body: string; expect?: string }
  | { kind: 'ws'; url: string; init: Record<string, unknown>; payload: { query: string; variables: Record<string, unknown> } };

interface Door {
  name: string;
  stream: boolean;
  send(gatewayUrl: string, key: string): Send;
}

const messages = [{ role: 'user', content: PROMPT }];
const chatInput = { i: { model: 'bench', messages: [{ role: 'USER', content: PROMPT }] } };
const MUTATION = 'mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } } }';
const SUBSCRIPTION = 'subscription($i: ChatInput!) { chat(input: $i) { ... on ChatDelta { text } ... on ChatCompleted { result { usage { outputTokens } } } } }';

/** A POST with the bench key; `expect` is a string every good answer holds. */
const post =
  (path: string, body: unknown, expect: string, headers: Record<string, string> = {}) =>
  (gatewayUrl: string, key: string): Send => ({
    kind: 'http',
    url: `${gatewayUrl}${path}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
    expect,
  });

/** Every door the gateway has: one line each. */
const DOORS: Door[] = [
  { name: 'Mutation.chat (HTTP)', stream: false, send: post('/graphql', { query: MUTATION, variables: chatInput }, '"text"') },
  { name: 'POST /api/v1/chat (REST)', stream: false, send: post('/api/v1/chat', { model: 'bench', messages }, '"text"') },
  { name: 'Subscription.chat (SSE)', stream: true, send: post('/graphql', { query: SUBSCRIPTION, variables: chatInput }, '"result"', { accept: 'text/event-stream' }) },
  { name: 'POST /v1/chat/completions (OpenAI, JSON)', stream: false, send: post('/v1/chat/completions', { model: 'bench', messages }, '"choices"') },
  { name: 'POST /v1/chat/completions (OpenAI, stream)', stream: true, send: post('/v1/chat/completions', { model: 'bench', messages, stream: true, stream_options: { include_usage: true } }, '[DONE]') },
  { name: 'POST /v1/messages (Anthropic, JSON)', stream: false, send: post('/v1/messages', { model: 'bench', max_tokens: 256, messages }, '"content"') },
  { name: 'Subscription.chat (WebSocket)', stream: true, send: (url, key) => ({ kind: 'ws', url: `${url.replace('http', 'ws')}/graphql`, init: { authorization: `Bearer ${key}` }, payload: { query: SUBSCRIPTION, variables: chatInput } }) },
];

/** The same chat straight to the upstream, JSON and streamed: the baseline of each door's ratios. */
const direct = (upstreamUrl: string, stream: boolean): Send => ({
  kind: 'http',
  url: `${upstreamUrl}/chat/completions`,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'bench-model', messages, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) }),
});

async function load(send: Send, connections: number, seconds: number): Promise<WrkResult> {
  if (send.kind === 'http') return wrk({ ...send, connections, seconds });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ws-load.ts', JSON.stringify({ ...send, connections, seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return JSON.parse(line);
}

interface Run extends WrkResult {
  gatewayCpuUs: number;
  postgresCpuUs: number;
}

/** p50 of sequential requests from this process (node fetch), for failover timings. */
async function sequentialP50(url: string, key: string, model: string, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await gql(url, 'mutation($i: ChatInput!) { chat(input: $i) { provider } }', { i: { model, messages: [{ role: 'USER', content: PROMPT }] } }, key);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main() {
  const upstream = await startUpstream();
  const dead = await refusedUrl('/v1');
  const started: { server: ServerProcess; dbName: string }[] = [];
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  try {
    // Gateway A: the overhead runs, and failover to a refusing primary with its circuit kept closed.
    const a = await startGateway('a', providerConfig(upstream.url, dead, 1_000_000_000));
    started.push(a);
    const cells: Record<string, Send> = {
      'direct (JSON)': direct(upstream.url, false),
      'direct (stream)': direct(upstream.url, true),
    };
    const doors = DOORS.filter((d) => !ONLY || d.name.includes(ONLY));
    for (const d of doors) cells[d.name] = d.send(a.server.url, a.key);
    // BENCH_BASELINE_DIR: a second checkout (say, main) run beside this one, cell by cell, to compare changes under the same load.
    const baselineDir = process.env.BENCH_BASELINE_DIR;
    const base = baselineDir ? await startGateway('base', providerConfig(upstream.url, dead, 1_000_000_000), baselineDir) : undefined;
    if (base) started.push(base);
    const gatewayOf = (cell: string) => (cell.startsWith('baseline ') ? base! : a);
    if (base) for (const d of doors) cells[`baseline ${d.name}`] = d.send(base.server.url, base.key);
    const results: Record<string, Record<number, Run[]>> = {};
    for (const [name, send] of Object.entries(cells)) {
      results[name] = Object.fromEntries(CONNECTIONS.map((c) => [c, []]));
      const warm = await load(send, 4, 1); // warm-up: JIT, pools, caches
      if (warm.errors || !warm.requests) throw new Error(`${name}: ${warm.errors} errors in ${warm.requests} requests while warming up`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        for (const [name, send] of Object.entries(cells)) {
          const g = gatewayOf(name);
          const meter = await cpuMeter({ gatewayPid: g.server.pid, admin, database: g.dbName });
          const r = await load(send, connections, SECONDS);
          const cpu = await meter.read();
          if (r.errors) throw new Error(`${name} at ${connections} connections: ${r.errors} errors`);
          const through = !name.startsWith('direct');
          results[name][connections].push({ ...r, gatewayCpuUs: through ? cpu.gateway / r.requests : NaN, postgresCpuUs: through ? cpu.postgres / r.requests : NaN });
        }
      }
    }

    const row = (name: string, c: number) => {
      const rs = results[name][c];
      const m = (f: (r: Run) => number) => median(rs.map(f));
      return { rps: m((r) => r.requestsPerSec), p50: m((r) => r.p50Ms), p99: m((r) => r.p99Ms), gateway: m((r) => r.gatewayCpuUs), postgres: m((r) => r.postgresCpuUs) };
    };
    const lines = [
      '| path | connections | requests/s | share of direct | p50 ms | added p50 ms | p99 ms | gateway CPU µs/request | PostgreSQL CPU µs/request |',
      '|---|---|---|---|---|---|---|---|---|',
    ];
    for (const c of CONNECTIONS) {
      for (const stream of [false, true]) {
        const directCell = stream ? 'direct (stream)' : 'direct (JSON)';
        const d = row(directCell, c);
        lines.push(`| ${directCell} | ${c} | ${d.rps.toFixed(0)} | | ${d.p50.toFixed(3)} | | ${d.p99.toFixed(3)} | | |`);
        for (const door of doors.filter((x) => x.stream === stream).flatMap((x) => (base ? [x.name, `baseline ${x.name}`] : [x.name]))) {
          const g = row(door, c);
          lines.push(
            `| ${door} | ${c} | ${g.rps.toFixed(0)} | 1/${(d.rps / g.rps).toFixed(1)} | ${g.p50.toFixed(3)} | ${(g.p50 - d.p50).toFixed(3)} | ${g.p99.toFixed(3)} | ${g.gateway.toFixed(0)} | ${g.postgres.toFixed(0)} |`,
          );
        }
      }
    }
    console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s per cell, medians; load generator and fake upstream each in their own process.\n`);
    console.log(lines.join('\n'));

    if (process.env.BENCH_FAILOVER === '0') return;
    const failoverRefused = (await sequentialP50(a.server.url, a.key, 'bench-failover', 30)) - (await sequentialP50(a.server.url, a.key, 'bench', 30));
    // Gateway B: default breaker (opens after 5 failures); once open, the dead primary is skipped.
    const b = await startGateway('b', providerConfig(upstream.url, dead, 5));
    started.push(b);
    await sequentialP50(b.server.url, b.key, 'bench-failover', 8);
    const failoverOpen = (await sequentialP50(b.server.url, b.key, 'bench-failover', 300)) - (await sequentialP50(b.server.url, b.key, 'bench', 300));
    console.log(['', '| failover | added p50 ms |', '|---|---|', `| primary refuses connections (retried 2x with backoff, then fallback) | ${failoverRefused.toFixed(1)} |`, `| primary's circuit open (skipped) | ${failoverOpen.toFixed(2)} |`].join('\n'));
  } finally {
    await admin.end();
    for (const s of started) {
      await s.server.stop();
      await dropDatabase(s.dbName).catch(() => {});
    }
    upstream.stop();
  }
}

await main();
