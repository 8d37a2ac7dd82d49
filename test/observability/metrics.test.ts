import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listenForMetrics } from '../../server/observability/metrics-server.ts';
import { parseMetrics, sample, sum } from './prometheus-text.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } attempts { provider code } } }`;

describe('GET /metrics', () => {
  let fake: FakeUpstream;
  let gw: TestGateway;
  let memberKey = '';

  beforeAll(async () => {
    fake = await startFakeOpenAI({ reply: 'four words of reply', usage: { inputTokens: 11, outputTokens: 4 } });
    gw = await startTestGateway({
      metrics: { token: TOKEN },
      config: parseConfig({
        providers: [
          { id: 'fake', plugin: 'openai', baseUrl: fake.url },
          { id: 'down', plugin: 'openai-compatible', baseUrl: await refusedUrl('/v1') },
        ],
        models: [
          { name: 'good', primary: { provider: 'fake', model: 'gpt-4o-mini' } },
          { name: 'failover', primary: { provider: 'down', model: 'm' }, fallbacks: [{ provider: 'fake', model: 'gpt-4o-mini' }] },
          { name: 'broken', primary: { provider: 'down', model: 'm' } },
        ],
        resilience: { maxRetries: 1, baseBackoffMs: 1, maxBackoffMs: 2, circuit: { failureThreshold: 1000, openMs: 1000 } },
      }),
    });
    const user = await gw.gql(`mutation { createUser(input: { email: "metered@test.local", name: "Metered" }) { id } }`, {}, gw.adminToken);
    const userId = user.data.createUser.id;
    const roles = await gw.gql('{ roles { id name } }', {}, gw.adminToken);
    await gw.gql('mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: userId, r: [roles.data.roles.find((r: any) => r.name === 'member').id] }, gw.adminToken);
    memberKey = (await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "m") { secret } }', { u: userId }, gw.adminToken)).data.createApiKey.secret;
    // The member may use one input token a day: every chat of theirs is refused at admission.
    await gw.gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1) { dailyInputLimit } }', { u: userId }, gw.adminToken);
    await gw.gql('mutation { setDlpPolicy(detector: EMAIL, action: REDACT) { id } }', {}, gw.adminToken);
  });
  afterAll(async () => {
    await gw?.close();
    await fake?.close();
  });

  const scrape = (authorization?: string) =>
    gw.gateway.yoga.fetch('http://gateway/metrics', { headers: authorization ? { authorization } : {} });
  const chat = (model: string, content: string, token = gw.adminToken) => gw.gql(CHAT, { i: { model, messages: [{ role: 'USER', content }] } }, token);

  test('refuses a scrape without the token, or with a wrong one', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer not-the-token-at-all-0123456789')).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  test('counters add up to the chats sent: answered, fallen back, failed upstream, refused by quota, over GraphQL, REST and both vendor doors', async () => {
    const answered = [];
    for (let i = 0; i < 5; i++) answered.push(await chat('good', `question ${i}`));
    // One prompt with an address in it: the email detector redacts it.
    answered.push(await chat('good', 'write to jane.doe@example.com please'));
    const fellBack = [await chat('failover', 'a'), await chat('failover', 'b')];
    const failed = [await chat('broken', 'x'), await chat('broken', 'y'), await chat('broken', 'z')];
    const refused = [];
    for (let i = 0; i < 4; i++) refused.push(await chat('good', 'too much for my quota', memberKey));
    const rest = [];
    for (let i = 0; i < 2; i++) {
      const res = await gw.gateway.yoga.fetch('http://gateway/api/v1/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.adminToken}` },
        body: JSON.stringify({ model: 'good', messages: [{ role: 'user', content: 'over rest' }] }),
      });
      expect(res.status).toBe(200);
      rest.push(await res.json());
    }
    // One chat through each vendor-compatible door.
    const openai = await gw.gateway.yoga.fetch('http://gateway/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.adminToken}` },
      body: JSON.stringify({ model: 'good', messages: [{ role: 'user', content: 'through the OpenAI door' }] }),
    });
    expect(openai.status).toBe(200);
    const openaiUsage = (await openai.json()).usage;
    const anthropic = await gw.gateway.yoga.fetch('http://gateway/v1/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': gw.adminToken, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'good', max_tokens: 100, messages: [{ role: 'user', content: 'through the Anthropic door' }] }),
    });
    expect(anthropic.status).toBe(200);
    const anthropicUsage = (await anthropic.json()).usage;
    for (const r of [...answered, ...fellBack]) expect(r.errors).toBeUndefined();
    for (const r of failed) expect(r.errors?.[0].extensions?.code).toBe('PROVIDER_UNAVAILABLE');
    for (const r of refused) expect(r.errors?.[0].extensions?.code).toBe('QUOTA_EXCEEDED');

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const m = parseMetrics(await res.text());

    // Chats by entry, model and outcome.
    expect(sample(m, 'zero_chats_total', { via: 'mutation', model: 'good', outcome: 'ok' })).toBe(6);
    expect(sample(m, 'zero_chats_total', { via: 'mutation', model: 'failover', outcome: 'ok' })).toBe(2);
    expect(sample(m, 'zero_chats_total', { via: 'mutation', model: 'broken', outcome: 'failed' })).toBe(3);
    expect(sample(m, 'zero_chats_total', { via: 'mutation', model: 'good', outcome: 'refused' })).toBe(4);
    expect(sample(m, 'zero_chats_total', { via: 'rest', model: 'good', outcome: 'ok' })).toBe(2);
    expect(sample(m, 'zero_chats_total', { via: 'openai', model: 'good', outcome: 'ok' })).toBe(1);
    expect(sample(m, 'zero_chats_total', { via: 'anthropic', model: 'good', outcome: 'ok' })).toBe(1);
    expect(sum(m, 'zero_chats_total')).toBe(19);
    expect(sample(m, 'zero_admission_refusals_total', { reason: 'quota' })).toBe(4);
    expect(sum(m, 'zero_admission_refusals_total')).toBe(4);

    // HTTP requests by door, operation and status (GraphQL answers its coded errors with 200).
    expect(sample(m, 'zero_http_requests_total', { door: 'graphql', operation: 'mutation chat', status: '200' })).toBe(15);
    expect(sample(m, 'zero_http_requests_total', { door: 'rest', operation: 'POST /api/v1/chat', status: '200' })).toBe(2);
    expect(sample(m, 'zero_http_requests_total', { door: 'metrics', operation: 'metrics', status: '401' })).toBe(2);
    expect(sample(m, 'zero_http_requests_total', { door: 'openai', operation: 'chat/completions', status: '200' })).toBe(1);
    expect(sample(m, 'zero_http_requests_total', { door: 'anthropic', operation: 'messages', status: '200' })).toBe(1);

    // Tokens by direction, model, provider and role, exactly as metered.
    const viaFake = [...answered, ...fellBack].map((r) => r.data.chat.usage).concat(rest.map((r: any) => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens })));
    const total = (k: 'inputTokens' | 'outputTokens', xs: { inputTokens: number; outputTokens: number }[]) => xs.reduce((n, u) => n + u[k], 0);
    const goodUsage = [
      ...answered.map((r) => r.data.chat.usage),
      ...rest.map((r: any) => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens })),
      { inputTokens: openaiUsage.prompt_tokens, outputTokens: openaiUsage.completion_tokens },
      { inputTokens: anthropicUsage.input_tokens, outputTokens: anthropicUsage.output_tokens },
    ];
    expect(sample(m, 'zero_tokens_total', { direction: 'input', model: 'good', provider: 'fake', group: 'admin' })).toBe(total('inputTokens', goodUsage));
    expect(sample(m, 'zero_tokens_total', { direction: 'output', model: 'failover', provider: 'fake', group: 'admin' })).toBe(total('outputTokens', fellBack.map((r) => r.data.chat.usage)));
    expect(sum(m, 'zero_tokens_total', { direction: 'output' })).toBe(total('outputTokens', [...viaFake, goodUsage.at(-2)!, goodUsage.at(-1)!]));
    expect(sum(m, 'zero_tokens_total', { group: 'member' })).toBe(0);

    // Attempts, retries and fallbacks per provider, against the attempts each chat reported.
    const attempts = [
      ...[...answered, ...fellBack].flatMap((r) => r.data.chat.attempts),
      ...failed.flatMap((r) => r.errors![0].extensions!.attempts as { provider: string; code: string | null }[]),
    ];
    expect(sample(m, 'zero_provider_attempts_total', { provider: 'fake', result: 'ok' })).toBe(12);
    expect(sum(m, 'zero_provider_attempts_total', { provider: 'down' })).toBe(attempts.filter((a) => a.provider === 'down').length);
    // Each chat on `down` tried it twice (one retry) before giving up or falling back.
    expect(sample(m, 'zero_provider_retries_total', { provider: 'down' })).toBe(5);
    expect(sample(m, 'zero_provider_fallbacks_total', { provider: 'down' })).toBe(2);
    expect(sample(m, 'zero_provider_circuit_state', { provider: 'fake', state: 'closed' })).toBe(1);

    // Latency histograms: one observation per answered chat; the failed ones under provider `down`.
    expect(sample(m, 'zero_chat_duration_seconds_count', { model: 'good', provider: 'fake' })).toBe(10);
    expect(sample(m, 'zero_chat_duration_seconds_count', { model: 'broken', provider: 'down' })).toBe(3);
    expect(sample(m, 'zero_chat_time_to_first_token_seconds_count', { model: 'good', provider: 'fake' })).toBe(10);
    expect(sample(m, 'zero_chat_upstream_seconds_count', { model: 'failover', provider: 'fake' })).toBe(2);

    // DLP, settlement (every admitted chat settled once, and each of the 4 refusals recorded once
    // through the same queue, for the request log), background jobs, pools, event loop.
    expect(sample(m, 'zero_dlp_hits_total', { detector: 'email', action: 'redact' })).toBe(1);
    expect(sample(m, 'zero_settlements_committed_total', {})).toBe(15 + 4);
    expect(sample(m, 'zero_settlement_queue_depth', {})).toBe(0);
    expect(sample(m, 'zero_audit_unsealed_records', {})).toBeGreaterThanOrEqual(0);
    expect(sample(m, 'zero_rollup_lag_records', {})).toBeGreaterThanOrEqual(0);
    expect(sample(m, 'zero_pg_pool_connections', { pool: 'durable', state: 'total' })).toBeGreaterThan(0);
    expect(m.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(m.has('zero_background_job_lag_seconds')).toBe(true);
  });

  test('the Grafana dashboard asks only for metrics the gateway exports', async () => {
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) (\w+)/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name])));
    const dashboard = JSON.parse(readFileSync(new URL('../../ops/grafana/zero-gateway.json', import.meta.url), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) => (p.targets ?? []).map((t) => t.expr));
    const used = new Set(exprs.flatMap((e) => e.match(/\b(zero|nodejs|process)_[a-z0-9_]+/g) ?? []));
    expect(used.size).toBeGreaterThan(20);
    for (const name of used) expect(exported, name).toContain(name);
  });

  test('labels carry no user ids or emails', async () => {
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    const users = await gw.gql('{ users(first: 10) { edges { node { id email } } } }', {}, gw.adminToken);
    for (const { node } of users.data.users.edges) {
      expect(text).not.toContain(node.id);
      expect(text).not.toContain(node.email);
    }
  });

  test('embedding calls count as chats: answered ones with their input tokens, refused ones as refusals (and audited as chat.refused)', async () => {
    const before = parseMetrics(await (await scrape(`Bearer ${TOKEN}`)).text());
    const embed = (token: string) =>
      gw.gateway.yoga.fetch('http://gateway/v1/embeddings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ model: 'good', input: ['first text', 'second text'] }),
      });
    const answered = await embed(gw.adminToken);
    expect(answered.status).toBe(200);
    const tokens = (await answered.json()).usage.prompt_tokens as number;
    expect(tokens).toBeGreaterThan(0);
    expect((await embed(memberKey)).status).toBe(429);
    const after = parseMetrics(await (await scrape(`Bearer ${TOKEN}`)).text());
    const grew = (name: string, labels: Record<string, string>) => sum(after, name, labels) - sum(before, name, labels);
    expect(grew('zero_chats_total', { via: 'openai', model: 'good', outcome: 'ok' })).toBe(1);
    expect(grew('zero_chats_total', { via: 'openai', model: 'good', outcome: 'refused' })).toBe(1);
    expect(grew('zero_admission_refusals_total', { reason: 'quota' })).toBe(1);
    expect(grew('zero_tokens_total', { direction: 'input', model: 'good' })).toBe(tokens);
    // The refusal reaches the audit trail (and so the request log) through the settlement queue.
    const refusedAudits = async () =>
      (await gw.gql(`{ auditLog(filter: { action: "chat.refused" }, first: 50) { edges { node { metadata } } } }`, {}, gw.adminToken)).data.auditLog.edges.filter(
        (e: any) => e.node.metadata.via === 'openai',
      ).length;
    const deadline = Date.now() + 5_000;
    while ((await refusedAudits()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await refusedAudits()).toBe(1);
  });
});

describe('metrics on a separate address', () => {
  test('the main port refuses /metrics; the metrics address serves it', async () => {
    const gw = await startTestGateway({ metrics: { separateAddress: true } });
    const server = await listenForMetrics(gw.gateway.metrics!, { host: '127.0.0.1', port: 0 }, gw.gateway.app.logger);
    try {
      expect((await gw.gateway.yoga.fetch('http://gateway/metrics')).status).toBe(404);
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('# TYPE zero_chats_total counter');
      expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    } finally {
      server.close();
      await gw.close();
    }
  });
});
