import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';

let gw: TestGateway;
let server: ListeningGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: parseConfig({
      providers: [
        { id: 'mock', plugin: 'mock' },
        { id: 'mock-down', plugin: 'mock', options: { failFirst: 1_000_000, failWith: 'auth' } },
        { id: 'mock-cut', plugin: 'mock', options: { failAfterDeltas: 2 } },
        { id: 'mock-slow', plugin: 'mock', options: { latencyMs: 60 } },
      ],
      models: [
        { name: 'good', primary: { provider: 'mock', model: 'm' } },
        { name: 'broken', primary: { provider: 'mock-down', model: 'm' } },
        { name: 'cutting', primary: { provider: 'mock-cut', model: 'm' } },
        { name: 'slow', primary: { provider: 'mock-slow', model: 'm' } },
      ],
      resilience: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 2, circuit: { failureThreshold: 100_000 } },
    }),
    maxConcurrentChats: 1000,
  });
  server = await listen(gw);
}, 60_000);
afterAll(async () => {
  await server?.close();
  await gw?.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const tool = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } };

/** What one client saw: the text (and tool calls) it received, the usage it was told, how it ended. */
interface Seen {
  via: 'openai' | 'anthropic';
  outcome: 'ok' | 'failed' | 'interrupted' | 'disconnected' | 'refused';
  text: string;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage?: { inputTokens: number; outputTokens: number };
}

async function openaiChat(c: OpenAI, model: string, n: number, opts: { stream?: boolean; tools?: boolean; cutAfterFirst?: boolean }): Promise<Seen> {
  const seen: Seen = { via: 'openai', outcome: 'ok', text: '', toolCalls: [] };
  const body = { model, messages: [{ role: 'user' as const, content: words(n) }], ...(opts.tools ? { tools: [{ type: 'function' as const, function: tool }] } : {}) };
  try {
    if (!opts.stream) {
      const r = await c.chat.completions.create(body);
      seen.text = r.choices[0].message.content ?? '';
      seen.toolCalls = (r.choices[0].message.tool_calls ?? []).map((t: any) => ({ id: t.id, name: t.function.name, arguments: t.function.arguments }));
      seen.usage = { inputTokens: r.usage!.prompt_tokens, outputTokens: r.usage!.completion_tokens };
      return seen;
    }
    const stream = await c.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) seen.text += delta.content;
      for (const t of delta?.tool_calls ?? []) {
        const call = (seen.toolCalls[t.index] ??= { id: '', name: '', arguments: '' });
        if (t.id) call.id = t.id;
        if (t.function?.name) call.name = t.function.name;
        call.arguments += t.function?.arguments ?? '';
      }
      if (chunk.usage) seen.usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      if (opts.cutAfterFirst && seen.text) {
        stream.controller.abort();
        seen.outcome = 'disconnected';
        break;
      }
    }
  } catch (error) {
    if (error instanceof OpenAI.RateLimitError) seen.outcome = 'refused';
    else if (error instanceof OpenAI.APIUserAbortError) seen.outcome = 'disconnected';
    else if (error instanceof OpenAI.APIError && error.status === 502) seen.outcome = 'failed';
    else if (error instanceof OpenAI.APIError && seen.text) seen.outcome = 'interrupted';
    else throw error;
  }
  return seen;
}

async function anthropicChat(c: Anthropic, model: string, n: number, opts: { stream?: boolean; tools?: boolean; cutAfterFirst?: boolean }): Promise<Seen> {
  const seen: Seen = { via: 'anthropic', outcome: 'ok', text: '', toolCalls: [] };
  const body = { model, max_tokens: 500, messages: [{ role: 'user' as const, content: words(n) }], ...(opts.tools ? { tools: [{ name: tool.name, input_schema: tool.parameters as any }] } : {}) };
  const take = (m: Anthropic.Message) => {
    seen.text = m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    seen.toolCalls = m.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: JSON.stringify(b.input) }] : []));
    seen.usage = { inputTokens: m.usage.input_tokens, outputTokens: m.usage.output_tokens };
  };
  try {
    if (!opts.stream) {
      take(await c.messages.create(body));
      return seen;
    }
    const stream = c.messages.stream(body);
    if (opts.cutAfterFirst) {
      await new Promise<void>((resolve) => {
        stream.on('text', (t) => {
          seen.text += t;
          stream.abort();
          resolve();
        });
        stream.on('error', () => resolve());
        stream.on('abort', () => resolve());
      });
      seen.outcome = 'disconnected';
      return seen;
    }
    let partial = '';
    stream.on('text', (t) => (partial += t));
    try {
      take(await stream.finalMessage());
    } catch (error) {
      seen.text = partial;
      throw error;
    }
  } catch (error) {
    if (error instanceof Anthropic.RateLimitError) seen.outcome = 'refused';
    else if (error instanceof Anthropic.APIError && error.status === 502) seen.outcome = 'failed';
    else if (error instanceof Anthropic.APIError && seen.text) seen.outcome = 'interrupted';
    else throw error;
  }
  return seen;
}

test('a mixed run over both doors meters and audits exactly what the clients saw', { timeout: 120_000 }, async () => {
  const api = adminApi(gw);
  const member = await api.roleId('member');
  const userId = await api.createUser('mixed@doors.test', { roleIds: [member] });
  const key = (await api.createApiKey(userId)).secret;
  const starvedId = await api.createUser('starved@doors.test', { roleIds: [member] });
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 0, dailyOutputLimit: 0) { dailyInputLimit } }', { u: starvedId });
  const starved = (await api.createApiKey(starvedId)).secret;
  const o = (k: string) => new OpenAI({ baseURL: `${server.url}/v1`, apiKey: k, maxRetries: 0 });
  const a = (k: string) => new Anthropic({ baseURL: server.url, apiKey: k, maxRetries: 0 });

  const runs: Promise<Seen>[] = [];
  for (let i = 0; i < 6; i++) {
    runs.push(openaiChat(o(key), 'good', i + 1, { stream: i % 2 === 0 }), anthropicChat(a(key), 'good', i + 1, { stream: i % 2 === 1 }));
    runs.push(openaiChat(o(key), 'good', i + 2, { stream: i % 2 === 1, tools: true }), anthropicChat(a(key), 'good', i + 2, { stream: i % 2 === 0, tools: true }));
  }
  for (let i = 0; i < 3; i++) {
    runs.push(openaiChat(o(key), 'slow', 10 + i, { stream: true, cutAfterFirst: true }), anthropicChat(a(key), 'slow', 10 + i, { stream: true, cutAfterFirst: true }));
    runs.push(openaiChat(o(key), 'broken', 3, { stream: i % 2 === 0 }), anthropicChat(a(key), 'broken', 3, { stream: i % 2 === 1 }));
    runs.push(openaiChat(o(key), 'cutting', 6 + i, { stream: true }), anthropicChat(a(key), 'cutting', 6 + i, { stream: true }));
    runs.push(openaiChat(o(starved), 'good', 2, {}), anthropicChat(a(starved), 'good', 2, { stream: true }));
  }
  const seen = await Promise.all(runs);
  const count = (outcome: Seen['outcome']) => seen.filter((s) => s.outcome === outcome).length;
  expect([count('ok'), count('disconnected'), count('failed'), count('interrupted'), count('refused')]).toEqual([24, 6, 6, 6, 6]);
  expect(seen.filter((s) => s.toolCalls.length).length).toBe(12);

  // Chats the client left settle in the background, once the server notices.
  const audits = async () =>
    (await gw.gateway.orm.em.fork().execute(`select input_tokens, output_tokens, response_hash, metadata from audit_record where action = 'chat' order by id`)).map((r: any) => ({
      ...r,
      input_tokens: Number(r.input_tokens),
      output_tokens: Number(r.output_tokens),
    }));
  await expect.poll(async () => (await audits()).length, { timeout: 10_000 }).toBe(42);
  await Promise.all([...gw.gateway.app.background]);
  const records = await audits();
  const by = (outcome: string, via?: string) => records.filter((r: any) => r.metadata.outcome === outcome && (!via || r.metadata.via === via));
  expect([by('ok').length, by('disconnected').length, by('failed').length, by('interrupted').length]).toEqual([24, 6, 6, 6]);
  for (const via of ['openai', 'anthropic']) expect(records.filter((r: any) => r.metadata.via === via)).toHaveLength(21);

  // Answers: the usage each client was told is what was metered, and the audit hashes exactly what it received.
  const sum = (xs: { inputTokens: number; outputTokens: number }[]) => xs.reduce((t, u) => ({ inputTokens: t.inputTokens + u.inputTokens, outputTokens: t.outputTokens + u.outputTokens }), { inputTokens: 0, outputTokens: 0 });
  const seenOk = seen.filter((s) => s.outcome === 'ok');
  expect(sum(by('ok').map((r: any) => ({ inputTokens: r.input_tokens, outputTokens: r.output_tokens })))).toEqual(sum(seenOk.map((s) => s.usage!)));
  const answerHash = (s: Seen) => sha256(s.toolCalls.length ? JSON.stringify({ text: s.text, toolCalls: s.toolCalls }) : s.text);
  const okHashes = (via: string) => by('ok', via).map((r: any) => r.response_hash).sort();
  // (Anthropic clients get tool input parsed; the mock's arguments are already in JSON.stringify's form.)
  for (const via of ['openai', 'anthropic']) expect(okHashes(via)).toEqual(seenOk.filter((s) => s.via === via).map(answerHash).sort());
  // Streams cut by a provider: what the client received before the error event is what was audited.
  expect(by('interrupted').map((r: any) => r.response_hash).sort()).toEqual(seen.filter((s) => s.outcome === 'interrupted').map((s) => sha256(s.text)).sort());
  expect(by('interrupted').every((r: any) => r.output_tokens > 0)).toBe(true);
  expect(sum(by('failed').map((r: any) => ({ inputTokens: r.input_tokens, outputTokens: r.output_tokens })))).toEqual({ inputTokens: 0, outputTokens: 0 });
  expect(by('disconnected').every((r: any) => r.output_tokens >= 1)).toBe(true);

  // The quota counters hold exactly what the audit trail holds; refused calls left nothing.
  const counters = await gw.gateway.orm.em.fork().execute('select user_id, sum(input_tokens) as i, sum(output_tokens) as o from quota_counter group by user_id');
  const mine = counters.find((c: any) => c.user_id === userId)!;
  const all = records.reduce((t: any, r: any) => ({ i: t.i + r.input_tokens, o: t.o + r.output_tokens }), { i: 0, o: 0 });
  expect([Number(mine.i), Number(mine.o)]).toEqual([all.i, all.o]);
  expect(counters.find((c: any) => c.user_id === starvedId)).toBeUndefined();
});

test('under 200 concurrent calls over both doors the input quota never overshoots by more than one request', { timeout: 120_000 }, async () => {
  const api = adminApi(gw);
  const userId = await api.createUser('crowd@doors.test', { roleIds: [await api.roleId('member')] });
  const limit = 600;
  await api.must('mutation($u: ID!, $l: Long) { setQuota(userId: $u, dailyInputLimit: $l, dailyOutputLimit: null) { dailyInputLimit } }', { u: userId, l: limit });
  const key = (await api.createApiKey(userId)).secret;
  const o = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: key, maxRetries: 0 });
  const a = new Anthropic({ baseURL: server.url, apiKey: key, maxRetries: 0 });
  const seen = await Promise.all(
    Array.from({ length: 200 }, (_, i) => (i % 2 ? openaiChat(o, 'good', 8, { stream: i % 4 === 1 }) : anthropicChat(a, 'good', 8, { stream: i % 4 === 0 }))),
  );
  const served = seen.filter((s) => s.outcome === 'ok');
  expect(served.length + seen.filter((s) => s.outcome === 'refused').length).toBe(200);
  expect(seen.some((s) => s.outcome === 'refused')).toBe(true);
  const perRequest = Math.max(...served.map((s) => s.usage!.inputTokens));
  const [row] = await gw.gateway.orm.em.fork().execute('select input_tokens from quota_counter where user_id = ?', [userId]);
  const used = Number(row.input_tokens);
  expect(used).toBe(served.reduce((n, s) => n + s.usage!.inputTokens, 0));
  expect(used).toBeLessThanOrEqual(limit + perRequest);
});
