import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test } from '../fixtures/gateway.ts';

const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text usage { inputTokens outputTokens } provider model requestedModel attempts { provider error } latencyMs requestId auditId } }`;

test('Mutation.chat answers through the mock provider, meters the usage and audits it', async ({ gw }) => {
  const r = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'Hello there' }] } }, gw.adminToken);
  expect(r.errors).toBeUndefined();
  const chat = r.data.chat;
  expect(chat.text.length).toBeGreaterThan(0);
  expect(chat.provider).toBe('mock');
  expect(chat.requestedModel).toBe('mock-small');
  expect(chat.usage.inputTokens).toBeGreaterThan(0);
  expect(chat.attempts).toEqual([{ provider: 'mock', error: null }]);

  const usage = await gw.gql('{ me { todayUsage { inputTokens outputTokens requests } } usage(groupBy: [MODEL, PROVIDER]) { model provider inputTokens outputTokens requests } }', {}, gw.adminToken);
  expect(usage.data.me.todayUsage).toEqual({ ...chat.usage, requests: 1 });
  expect(usage.data.usage).toEqual([{ model: 'mock-small', provider: 'mock', ...chat.usage, requests: 1 }]);

  const audit = await gw.gql('{ auditLog(filter: { action: "chat" }) { edges { node { id model provider inputTokens outputTokens promptHash responseHash latencyMs metadata } } } }', {}, gw.adminToken);
  const record = audit.data.auditLog.edges[0].node;
  expect(record).toMatchObject({ id: chat.auditId, model: 'mock-small', provider: 'mock', ...chat.usage });
  expect(record.promptHash).toMatch(/^[0-9a-f]{64}$/);
  expect(record.metadata).toMatchObject({ requestId: chat.requestId, outcome: 'ok', via: 'mutation' });
  expect(JSON.stringify(record)).not.toContain('Hello there');
});

test('chat needs the chat permission and a known model', async ({ gw }) => {
  const api = adminApi(gw);
  const noChat = await api.createRole('no-chat', ['usage:read']);
  const id = await api.createUser('nochat@chat.test', { roleIds: [noChat] });
  const key = await api.createApiKey(id);
  const refused = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'hi' }] } }, key.secret);
  expect(codeOf(refused)).toBe('FORBIDDEN');
  const unknown = await gw.gql(CHAT, { i: { model: 'gpt-17', messages: [{ role: 'USER', content: 'hi' }] } }, gw.adminToken);
  expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
  const empty = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [] } }, gw.adminToken);
  expect(codeOf(empty)).toBe('BAD_USER_INPUT');
});
