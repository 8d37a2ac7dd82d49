import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test } from '../fixtures/gateway.ts';

const CHAT = 'mutation($i: ChatInput!) { chat(input: $i) { usage { inputTokens outputTokens } } }';
const PROMPT = 'one two three four five six seven eight nine ten';

async function chatter(gw: any, email: string, quota: { input: number | null; output: number | null }) {
  const api = adminApi(gw);
  const id = await api.createUser(email, { roleIds: [await api.roleId('member')] });
  await api.must('mutation($u: ID!, $i: Long, $o: Long) { setQuota(userId: $u, dailyInputLimit: $i, dailyOutputLimit: $o) { dailyInputLimit } }', { u: id, i: quota.input, o: quota.output });
  return (await api.createApiKey(id)).secret;
}

async function fire(gw: any, key: string, n: number, maxTokens?: number) {
  return Promise.all(
    Array.from({ length: n }, () => gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: PROMPT }], maxTokens } }, key)),
  );
}

test('200 concurrent chats against a small daily input limit never overshoot it by more than one request', { timeout: 120_000 }, async ({ gw }) => {
  const limit = 300;
  const key = await chatter(gw, 'input@quota.test', { input: limit, output: null });
  const results = await fire(gw, key, 200);
  const ok = results.filter((r) => !r.errors);
  const refused = results.filter((r) => r.errors);
  expect(ok.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.every((r) => codeOf(r) === 'QUOTA_EXCEEDED')).toBe(true);
  expect(refused[0].errors[0].extensions).toMatchObject({ limit: 'DAILY_INPUT', limitTokens: limit });
  expect(refused[0].errors[0].extensions.resetsAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00.000Z$/);

  const perRequest = Math.max(...ok.map((r) => r.data.chat.usage.inputTokens));
  const seen = ok.reduce((sum, r) => sum + r.data.chat.usage.inputTokens, 0);
  const me = await gw.gql('{ me { todayUsage { inputTokens requests } } }', {}, key);
  // The metered total is exactly what the clients were told, and within one request of the limit.
  expect(me.data.me.todayUsage).toEqual({ inputTokens: seen, requests: ok.length });
  expect(seen).toBeLessThanOrEqual(limit + perRequest);
});

test('200 concurrent chats against a small daily output limit: same guarantee, and the refusal says what remains', { timeout: 120_000 }, async ({ gw }) => {
  const limit = 120;
  const key = await chatter(gw, 'output@quota.test', { input: null, output: limit });
  const results = await fire(gw, key, 200, 6);
  const ok = results.filter((r) => !r.errors);
  const refused = results.filter((r) => r.errors);
  expect(refused.every((r) => codeOf(r) === 'QUOTA_EXCEEDED')).toBe(true);
  expect(refused.length).toBeGreaterThan(0);
  const ext = refused.at(-1)!.errors[0].extensions;
  expect(ext.limit).toBe('DAILY_OUTPUT');
  expect(ext.remainingTokens).toBe(limit - ext.usedTokens);
  const seen = ok.reduce((sum, r) => sum + r.data.chat.usage.outputTokens, 0);
  const me = await gw.gql('{ me { todayUsage { outputTokens } } }', {}, key);
  expect(me.data.me.todayUsage.outputTokens).toBe(seen);
  expect(seen).toBeLessThanOrEqual(limit + 6);
});

test('without maxTokens, a user near the output limit gets the rest, capped at what remains', async ({ gw }) => {
  const key = await chatter(gw, 'cap@quota.test', { input: null, output: 4 });
  const first = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: PROMPT }] } }, key);
  expect(first.errors).toBeUndefined();
  expect(first.data.chat.usage.outputTokens).toBe(4);
  const second = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: PROMPT }] } }, key);
  expect(codeOf(second)).toBe('QUOTA_EXCEEDED');
  expect(second.errors![0].extensions).toMatchObject({ limit: 'DAILY_OUTPUT', remainingTokens: 0 });
});
