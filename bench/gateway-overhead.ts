/**
 * The gateway's own cost per chat: the same requests sent straight to a fake
 * OpenAI-compatible upstream and through the gateway (Mutation.chat, the
 * streamed subscription over SSE, and the OpenAI-compatible door's
 * POST /v1/chat/completions, JSON and streamed), at 1 and 50 connections, with wrk as the
 * load generator in its own process; then the latency a failover adds when the
 * primary refuses connections, and when its circuit is open.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node --import tsx bench/gateway-overhead.ts
 *
 * Quota reservation, metering and audit are all on and durable (PostgreSQL).
 * Rounds are interleaved and medians reported, since timings on a shared
 * 2-core machine are noisy.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { refusedUrl } from '../test/fakes/fake-server.ts';
import { startServerProcess, type ServerProcess } from '../test/fixtures/server-process.ts';
import { wrk, type WrkResult } from './wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PROMPT = 'Summarise what an enterprise LLM gateway does, in one sentence.';
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

/** Starts a gateway process on its own database with the given config; returns it and an API key of a member with a quota. */
async function startGateway(name: string, config: unknown): Promise<{ server: ServerProcess; key: string; dbName: string }> {
  const dbName = `zg_bench_${name}`;
  const databaseUrl = await createDatabase(dbName);
  const dir = mkdtempSync(join(tmpdir(), 'zero-bench-'));
  const configFile = join(dir, 'zero.config.json');
  writeFileSync(configFile, JSON.stringify(config));
  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    ZERO_CONFIG: configFile,
    ZERO_ADMIN_EMAIL: ADMIN.email,
    ZERO_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
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

function scenarios(upstreamUrl: string, gatewayUrl: string, key: string) {
  const messages = [{ role: 'user', content: PROMPT }];
  const chatInput = { i: { model: 'bench', messages: [{ role: 'USER', content: PROMPT }] } };
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  return {
    'direct (JSON)': { url: `${upstreamUrl}/chat/completions`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'bench-model', messages }) },
    'gateway Mutation.chat': {
      url: `${gatewayUrl}/graphql`,
      headers: auth,
      body: JSON.stringify({ query: 'mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } } }', variables: chatInput }),
    },
    'gateway POST /v1/chat/completions (JSON)': { url: `${gatewayUrl}/v1/chat/completions`, headers: auth, body: JSON.stringify({ model: 'bench', messages }) },
    'direct (stream)': {
      url: `${upstreamUrl}/chat/completions`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bench-model', messages, stream: true, stream_options: { include_usage: true } }),
    },
    'gateway Subscription.chat (SSE)': {
      url: `${gatewayUrl}/graphql`,
      headers: { ...auth, accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription($i: ChatInput!) { chat(input: $i) { ... on ChatDelta { text } ... on ChatCompleted { result { usage { outputTokens } } } } }', variables: chatInput }),
    },
    'gateway POST /v1/chat/completions (stream)': {
      url: `${gatewayUrl}/v1/chat/completions`,
      headers: auth,
      body: JSON.stringify({ model: 'bench', messages, stream: true, stream_options: { include_usage: true } }),
    },
  };
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
  try {
    // Gateway A: the overhead runs, and failover to a refusing primary with its circuit kept closed.
    const a = await startGateway('a', providerConfig(upstream.url, dead, 1_000_000_000));
    started.push(a);
    const runs = scenarios(upstream.url, a.server.url, a.key);
    const results: Record<string, Record<number, WrkResult[]>> = {};
    for (const [name, s] of Object.entries(runs)) {
      results[name] = { 1: [], 50: [] };
      await wrk({ ...s, connections: 4, seconds: 1 }); // warm-up: JIT, pools, caches
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of [1, 50]) {
        for (const [name, s] of Object.entries(runs)) {
          const r = await wrk({ ...s, connections, seconds: SECONDS });
          if (r.errors) throw new Error(`${name} at ${connections} connections: ${r.errors} errors`);
          results[name][connections].push(r);
        }
      }
    }
    const failoverRefused = (await sequentialP50(a.server.url, a.key, 'bench-failover', 30)) - (await sequentialP50(a.server.url, a.key, 'bench', 30));

    // Gateway B: default breaker (opens after 5 failures); once open, the dead primary is skipped.
    const b = await startGateway('b', providerConfig(upstream.url, dead, 5));
    started.push(b);
    await sequentialP50(b.server.url, b.key, 'bench-failover', 8);
    const failoverOpen = (await sequentialP50(b.server.url, b.key, 'bench-failover', 300)) - (await sequentialP50(b.server.url, b.key, 'bench', 300));

    const row = (name: string, c: number) => {
      const rs = results[name][c];
      return { rps: median(rs.map((r) => r.requestsPerSec)), p50: median(rs.map((r) => r.p50Ms)), p99: median(rs.map((r) => r.p99Ms)) };
    };
    const lines = ['| path | connections | requests/s | p50 ms | p99 ms | gateway/direct requests/s | added p50 ms |', '|---|---|---|---|---|---|---|'];
    for (const c of [1, 50]) {
      for (const [direct, ...gateways] of [
        ['direct (JSON)', 'gateway Mutation.chat', 'gateway POST /v1/chat/completions (JSON)'],
        ['direct (stream)', 'gateway Subscription.chat (SSE)', 'gateway POST /v1/chat/completions (stream)'],
      ]) {
        const d = row(direct, c);
        lines.push(`| ${direct} | ${c} | ${d.rps.toFixed(0)} | ${d.p50.toFixed(3)} | ${d.p99.toFixed(3)} | | |`);
        for (const gateway of gateways) {
          const g = row(gateway, c);
          lines.push(`| ${gateway} | ${c} | ${g.rps.toFixed(0)} | ${g.p50.toFixed(3)} | ${g.p99.toFixed(3)} | 1/${(d.rps / g.rps).toFixed(1)} | ${(g.p50 - d.p50).toFixed(3)} |`);
        }
      }
    }
    lines.push('', '| failover | added p50 ms |', '|---|---|');
    lines.push(`| primary refuses connections (retried ${2}x with backoff, then fallback) | ${failoverRefused.toFixed(1)} |`);
    lines.push(`| primary's circuit open (skipped) | ${failoverOpen.toFixed(2)} |`);
    console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s per cell, medians; wrk in its own process, fake upstream in its own process.\n`);
    console.log(lines.join('\n'));
  } finally {
    for (const s of started) {
      await s.server.stop();
      await dropDatabase(s.dbName).catch(() => {});
    }
    upstream.stop();
  }
}

await main();
