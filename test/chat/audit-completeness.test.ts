import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, sseSubscribe, type ListeningGateway } from '../fixtures/http.ts';

const CHAT = 'mutation($i: ChatInput!) { chat(input: $i) { usage { inputTokens outputTokens } auditId } }';
const SUBSCRIBE = 'subscription($i: ChatInput!) { chat(input: $i) { ... on ChatDelta { text } ... on ChatCompleted { result { auditId } } } }';
const ask = (model: string, content: string) => ({ i: { model, messages: [{ role: 'USER', content }] } });

let gw: TestGateway;
let server: ListeningGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    config: parseConfig({
      providers: [
        { id: 'mock', plugin: 'mock' },
        { id: 'mock-down', plugin: 'mock', options: { failFirst: 1_000_000, failWith: 'auth' } },
        { id: 'mock-cut', plugin: 'mock', options: { failAfterDeltas: 2 } },
        { id: 'mock-slow', plugin: 'mock', options: { latencyMs: 80 } },
      ],
      models: [
        { name: 'good', primary: { provider: 'mock', model: 'm' } },
        { name: 'broken', primary: { provider: 'mock-down', model: 'm' } },
        { name: 'cutting', primary: { provider: 'mock-cut', model: 'm' } },
        { name: 'slow', primary: { provider: 'mock-slow', model: 'm' } },
      ],
      // A high threshold keeps the cut provider's circuit closed, so every cut stream reaches it.
      resilience: { baseBackoffMs: 1, maxBackoffMs: 2, circuit: { failureThreshold: 1000 } },
    }),
  });
  server = await listen(gw);
});
afterAll(async () => {
  await server?.close();
  await gw?.close();
});

test('after a mixed run, audit records and metered usage match what the clients saw, exactly', { timeout: 120_000 }, async () => {
  const api = adminApi(gw);
  const starved = await api.createUser('starved@audit.test', { roleIds: [await api.roleId('member')] });
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 0, dailyOutputLimit: 0) { dailyInputLimit } }', { u: starved });
  const starvedKey = (await api.createApiKey(starved)).secret;

  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  const disconnect = async (n: number) => {
    const abort = new AbortController();
    try {
      for await (const payload of sseSubscribe(server.url, SUBSCRIBE, ask('slow', words(n)), gw.adminToken, abort.signal)) {
        if (payload.data?.chat?.text) abort.abort();
      }
    } catch {
      // the abort itself
    }
  };
  const [ok, broken, cut, refused] = await Promise.all([
    Promise.all(Array.from({ length: 20 }, (_, i) => gw.gql(CHAT, ask('good', words(i + 1)), gw.adminToken))),
    Promise.all(Array.from({ length: 10 }, (_, i) => gw.gql(CHAT, ask('broken', words(i + 1)), gw.adminToken))),
    Promise.all(Array.from({ length: 10 }, (_, i) => gw.gql(CHAT, ask('cutting', words(i + 5)), gw.adminToken))),
    Promise.all(Array.from({ length: 10 }, () => gw.gql(CHAT, ask('good', 'hi'), starvedKey))),
    Promise.all(Array.from({ length: 5 }, (_, i) => disconnect(i + 10))),
  ]);
  // The server notices the dropped SSE connections on its own schedule; their chats settle in the background.
  await expect.poll(async () => (await gw.gql('{ auditLog(filter: { action: "chat" }) { totalCount } }', {}, gw.adminToken)).data.auditLog.totalCount, { timeout: 10_000 }).toBe(45);
  await Promise.all([...gw.gateway.app.background]);

  expect(ok.every((r) => !r.errors)).toBe(true);
  expect(broken.every((r) => codeOf(r) === 'PROVIDER_UNAVAILABLE')).toBe(true);
  expect(broken[0].errors![0].extensions!.attempts).toEqual([expect.objectContaining({ provider: 'mock-down', code: 'auth' })]);
  expect(cut.map((r) => codeOf(r))).toEqual(Array(10).fill('STREAM_INTERRUPTED'));
  expect(refused.every((r) => codeOf(r) === 'QUOTA_EXCEEDED')).toBe(true);

  const audits = (await api.must('{ auditLog(filter: { action: "chat" }, first: 100) { totalCount edges { node { id model inputTokens outputTokens metadata } } } }')).auditLog;
  const records = audits.edges.map((e: any) => e.node);
  const byOutcome = (o: string) => records.filter((r: any) => r.metadata.outcome === o);
  // One record per accepted chat; refused ones were never accepted.
  expect(audits.totalCount).toBe(45);
  expect([byOutcome('ok').length, byOutcome('failed').length, byOutcome('interrupted').length, byOutcome('disconnected').length]).toEqual([20, 10, 10, 5]);
  expect(new Set(ok.map((r) => r.data.chat.auditId))).toEqual(new Set(byOutcome('ok').map((r: any) => r.id)));

  // What clients saw: full usage for answers, usage in the error for cut streams, nothing for failures.
  const sum = (xs: { inputTokens: number; outputTokens: number }[]) =>
    xs.reduce((a, u) => ({ inputTokens: a.inputTokens + u.inputTokens, outputTokens: a.outputTokens + u.outputTokens }), { inputTokens: 0, outputTokens: 0 });
  const seenOk = sum(ok.map((r) => r.data.chat.usage));
  const seenCut = sum(cut.map((r) => r.errors![0].extensions!.usage as any));
  expect(sum(byOutcome('ok'))).toEqual(seenOk);
  expect(sum(byOutcome('interrupted'))).toEqual(seenCut);
  expect(sum(byOutcome('failed'))).toEqual({ inputTokens: 0, outputTokens: 0 });
  expect(byOutcome('disconnected').every((r: any) => r.outputTokens >= 1)).toBe(true);

  const usage = (await api.must('{ usage(groupBy: [MODEL]) { model inputTokens outputTokens requests } }')).usage;
  const row = (m: string) => usage.find((u: any) => u.model === m);
  expect(row('good')).toEqual({ model: 'good', ...seenOk, requests: 20 });
  expect(row('cutting')).toEqual({ model: 'cutting', ...seenCut, requests: 10 });
  expect(row('broken')).toEqual({ model: 'broken', inputTokens: 0, outputTokens: 0, requests: 10 });
  expect(row('slow')).toEqual({ model: 'slow', ...sum(byOutcome('disconnected')), requests: 5 });

  // The starved user's quota counter shows nothing reserved or used.
  const starvedUsage = await gw.gql('{ me { todayUsage { inputTokens requests } } }', {}, starvedKey);
  expect(starvedUsage.data.me.todayUsage).toEqual({ inputTokens: 0, requests: 0 });
  const counter = await gw.gateway.orm.em.fork().execute('select input_tokens, output_tokens from quota_counter where user_id = ?', [starved]);
  expect(counter.map((c: any) => [Number(c.input_tokens), Number(c.output_tokens)])).toEqual([]);
  const adminCounter = await gw.gateway.orm.em.fork().execute('select sum(input_tokens) as i, sum(output_tokens) as o from quota_counter');
  const all = sum(records);
  expect([Number(adminCounter[0].i), Number(adminCounter[0].o)]).toEqual([all.inputTokens, all.outputTokens]);
});
