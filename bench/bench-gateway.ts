/**
 * What the gateway benches share: a fake OpenAI-compatible upstream in its own
 * process (bench/fake-upstream.ts), a gateway process started as `npm start`
 * does with NODE_ENV=production and everything on, on a database of its own,
 * with a chat-only member under a daily quota and that member's API key; the
 * gateway's doors as requests a load generator can send (wrk for HTTP,
 * bench/ws-load.ts for graphql-ws), and the same chat straight to the upstream.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { refusedUrl } from '../test/fakes/fake-server.ts';
import { gql, startServerProcess, type ServerProcess } from '../test/fixtures/server-process.ts';
import { wrk, type WrkResult } from './wrk.ts';

export const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const PROMPT = 'Summarise what an enterprise LLM gateway does, in one sentence.';
const ADMIN = { email: 'bench@zero.local', password: 'bench-admin-password' };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The fake upstream in its own process; `env` reaches bench/fake-upstream.ts (FAKE_CHUNKS, FAKE_CHUNK_INTERVAL_MS). */
export async function startUpstream(env: Record<string, string> = {}): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fake-upstream.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
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

export async function dropDatabase(name: string) {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}

/** The process listening on a local TCP port (`ss -ltnp`), or 0 when none is seen. */
function pidListeningOn(port: number): number {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/pid=(\d+)/.exec(out)?.[1] ?? 0);
}

/** Starts a gateway process on its own database with the given config; returns it and an API key of a member with a quota. */
export async function startGateway(name: string, config: unknown, checkout?: string): Promise<{ server: ServerProcess; key: string; dbName: string }> {
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
  // An older checkout's fixture may not say its process id: find it by the port it listens on.
  if (!server.pid) Object.assign(server, { pid: pidListeningOn(Number(new URL(server.url).port)) });
  const { login } = await gql(server.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: ADMIN.email, p: ADMIN.password });
  const roles = await gql(server.url, '{ roles { id name } }', {}, login.token);
  const member = roles.roles.find((r: { name: string }) => r.name === 'member').id;
  const user = await gql(server.url, 'mutation($r: ID!) { createUser(input: { email: "load@bench.local", name: "Load", roleIds: [$r] }) { id } }', { r: member }, login.token);
  await gql(server.url, 'mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000000000000, dailyOutputLimit: 1000000000000) { dailyInputLimit } }', { u: user.createUser.id }, login.token);
  const key = await gql(server.url, 'mutation($u: ID!) { createApiKey(userId: $u, name: "bench") { secret } }', { u: user.createUser.id }, login.token);
  return { server, key: key.createApiKey.secret, dbName };
}

/** Model `bench` on the upstream; `bench-failover` tries the refusing `deadUrl` first. */
export const providerConfig = (upstreamUrl: string, deadUrl: string, failureThreshold: number) => ({
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

export interface BenchGateway {
  upstreamUrl: string;
  server: ServerProcess;
  key: string;
  /** Stops the gateway, drops its database and stops the upstream. */
  stop(): Promise<void>;
}

/** One upstream (its process started with `upstreamEnv`) and one gateway in front of it, on database zg_bench_<name>. */
export async function startBenchGateway(name: string, upstreamEnv: Record<string, string> = {}): Promise<BenchGateway> {
  const upstream = await startUpstream(upstreamEnv);
  try {
    const g = await startGateway(name, providerConfig(upstream.url, await refusedUrl('/v1'), 1_000_000_000));
    const stop = async () => {
      await g.server.stop();
      await dropDatabase(g.dbName).catch(() => {});
      upstream.stop();
    };
    return { upstreamUrl: upstream.url, server: g.server, key: g.key, stop };
  } catch (error) {
    upstream.stop();
    throw error;
  }
}

/** One way to send the bench chat: over HTTP (wrk) or over graphql-ws (bench/ws-load.ts). */
export type Send =
  | { kind: 'http'; url: string; headers: Record<string, string>; body: string; expect?: string }
  | { kind: 'ws'; url: string; init: Record<string, unknown>; payload: { query: string; variables: Record<string, unknown> } };

export interface Door {
  name: string;
  stream: boolean;
  send(gatewayUrl: string, key: string): Send;
}

export const messages = [{ role: 'user', content: PROMPT }];
export const chatInput = { i: { model: 'bench', messages: [{ role: 'USER', content: PROMPT }] } };
const MUTATION = 'mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } } }';
export const SUBSCRIPTION = 'subscription($i: ChatInput!) { chat(input: $i) { ... on ChatDelta { text } ... on ChatCompleted { result { usage { outputTokens } } } } }';

/** A POST with the bench key; `expect` is a string every good answer holds. */
export const post =
  (path: string, body: unknown, expect: string, headers: Record<string, string> = {}) =>
  (gatewayUrl: string, key: string): Send => ({
    kind: 'http',
    url: `${gatewayUrl}${path}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
    expect,
  });

/** Every door the gateway has: one line each. */
export const DOORS: Door[] = [
  { name: 'Mutation.chat (HTTP)', stream: false, send: post('/graphql', { query: MUTATION, variables: chatInput }, '"text"') },
  { name: 'POST /api/v1/chat (REST)', stream: false, send: post('/api/v1/chat', { model: 'bench', messages }, '"text"') },
  { name: 'Subscription.chat (SSE)', stream: true, send: post('/graphql', { query: SUBSCRIPTION, variables: chatInput }, '"result"', { accept: 'text/event-stream' }) },
  { name: 'POST /v1/chat/completions (OpenAI, JSON)', stream: false, send: post('/v1/chat/completions', { model: 'bench', messages }, '"choices"') },
  { name: 'POST /v1/chat/completions (OpenAI, stream)', stream: true, send: post('/v1/chat/completions', { model: 'bench', messages, stream: true, stream_options: { include_usage: true } }, '[DONE]') },
  { name: 'POST /v1/messages (Anthropic, JSON)', stream: false, send: post('/v1/messages', { model: 'bench', max_tokens: 256, messages }, '"content"') },
  { name: 'Subscription.chat (WebSocket)', stream: true, send: wsDoor },
];

/** `Subscription.chat` over graphql-ws, authenticated in the connection_init. */
export function wsDoor(gatewayUrl: string, key: string): Extract<Send, { kind: 'ws' }> {
  return { kind: 'ws', url: `${gatewayUrl.replace('http', 'ws')}/graphql`, init: { authorization: `Bearer ${key}` }, payload: { query: SUBSCRIPTION, variables: chatInput } };
}

/** The same chat straight to the upstream, JSON and streamed: the baseline of each door's ratios. */
export const direct = (upstreamUrl: string, stream: boolean): Extract<Send, { kind: 'http' }> => ({
  kind: 'http',
  url: `${upstreamUrl}/chat/completions`,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'bench-model', messages, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) }),
});

/** `connections` clients sending `send` back to back for `seconds`, in a process of their own. */
export async function load(send: Send, connections: number, seconds: number): Promise<WrkResult> {
  if (send.kind === 'http') return wrk({ ...send, connections, seconds });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ws-load.ts', JSON.stringify({ ...send, connections, seconds })], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return JSON.parse(line);
}
