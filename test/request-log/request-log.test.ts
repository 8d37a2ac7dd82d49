import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test, type TestGateway } from '../fixtures/gateway.ts';

const CHAT = 'mutation($c: String!, $m: Int) { chat(input: { model: "mock-small", messages: [{ role: USER, content: $c }], maxTokens: $m }) { text } }';
const SECRET = 'sk-proj-' + 'Q7vX2mN9pL4kR8tW1zY6bC3dF5gH0jK2'.repeat(2);
const LOG = `query($f: RequestLogFilter, $first: Int, $after: String) { requestLog(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id outcome reason model provider inputTokens outputTokens cost latencyMs apiKeyPrefix apiKeyName user { email } attempts { provider } via } } } }`;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function arrange(gw: TestGateway) {
  const api = adminApi(gw);
  const roleId = await api.createRole('chatter', ['chat']);
  const userId = await api.createUser('li.lei@log.test', { roleIds: [roleId] });
  const key = await api.createApiKey(userId, 'laptop');
  await api.must('mutation { setPrice(model: "mock-small", inputPerMillion: 1000, outputPerMillion: 2000) { model } }');
  return { api, userId, key };
}

test('answered chats and refusals by quota, DLP and rate limit are all in the request log, audited, and counted as errors by kind', async ({ gw }) => {
  const { api, userId, key } = await arrange(gw);
  expect(codeOf(await gw.gql(CHAT, { c: 'hello there' }, key.secret))).toBeUndefined();
  expect(codeOf(await gw.gql(CHAT, { c: `deploy with ${SECRET}` }, key.secret))).toBe('DLP_BLOCKED');
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000000, dailyOutputLimit: 5) { dailyOutputLimit } }', { u: userId });
  expect(codeOf(await gw.gql(CHAT, { c: 'hello again', m: 100 }, key.secret))).toBe('QUOTA_EXCEEDED');
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: null, dailyOutputLimit: null) { dailyOutputLimit } }', { u: userId });
  await api.must('mutation($u: ID!) { setRateLimit(scope: USER, targetId: $u, requestsPerMinute: 1) { requestsPerMinute } }', { u: userId });
  expect(codeOf(await gw.gql(CHAT, { c: 'one more' }, key.secret))).toBeUndefined();
  expect(codeOf(await gw.gql(CHAT, { c: 'and another' }, key.secret))).toBe('RATE_LIMITED');

  const log = await until(
    () => gw.gql(LOG, { f: { userId } }, gw.adminToken),
    // edges, not totalCount: the count runs after the page, so a record landing between them is counted but not listed.
    (r) => r.data?.requestLog.edges.length === 5,
  );
  expect(log.errors).toBeUndefined();
  const nodes = log.data.requestLog.edges.map((e: any) => e.node);
  expect(nodes.map((n: any) => [n.outcome, n.reason])).toEqual([
    ['REFUSED_RATE_LIMIT', 'RATE_LIMITED'],
    ['OK', null],
    ['REFUSED_QUOTA', 'QUOTA_EXCEEDED'],
    ['REFUSED_DLP', 'DLP_BLOCKED'],
    ['OK', null],
  ]);
  const ok = nodes[4];
  expect(ok).toMatchObject({ model: 'mock-small', provider: 'mock', apiKeyName: 'laptop', user: { email: 'li.lei@log.test' }, via: 'mutation' });
  expect(ok.apiKeyPrefix).toMatch(/^zgk_/);
  expect(ok.cost).toBeCloseTo((ok.inputTokens * 1000 + ok.outputTokens * 2000) / 1e6, 9);
  expect(ok.attempts.length).toBeGreaterThan(0);
  expect(nodes[0]).toMatchObject({ inputTokens: 0, outputTokens: 0, cost: 0, apiKeyName: 'laptop', attempts: [], provider: null });
  // The secret is never stored.
  expect(JSON.stringify(log)).not.toContain(SECRET);

  // Filter by outcome, and keyset paging.
  const refused = await gw.gql(LOG, { f: { userId, outcomes: ['REFUSED_QUOTA', 'REFUSED_DLP'] } }, gw.adminToken);
  expect(refused.data.requestLog.edges.map((e: any) => e.node.outcome)).toEqual(['REFUSED_QUOTA', 'REFUSED_DLP']);
  const page1 = await gw.gql(LOG, { f: { userId }, first: 4 }, gw.adminToken);
  expect(page1.data.requestLog.pageInfo.hasNextPage).toBe(true);
  const page2 = await gw.gql(LOG, { f: { userId }, first: 4, after: page1.data.requestLog.pageInfo.endCursor }, gw.adminToken);
  expect(page2.data.requestLog.edges.map((e: any) => e.node.outcome)).toEqual(['OK']);
  expect(page2.data.requestLog.pageInfo.hasNextPage).toBe(false);

  // Audited as chat.refused with the reason; usage counts only the answered chat.
  const audit = await gw.gql(`{ auditLog(filter: { action: "chat.refused" }) { edges { node { action metadata user { email } } } } }`, {}, gw.adminToken);
  expect(audit.data.auditLog.edges.map((e: any) => e.node.metadata.reason)).toEqual(['RATE_LIMITED', 'QUOTA_EXCEEDED', 'DLP_BLOCKED']);
  const usage = await gw.gql(`query($u: ID) { usage(filter: { userId: $u }) { requests } }`, { u: userId }, gw.adminToken);
  expect(usage.data.usage[0].requests).toBe(2);

  // The error rates count refusals, by kind.
  const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
  const stats = await gw.gql(
    `query($from: DateTime!, $to: DateTime!) { requestStats(from: $from, to: $to) { requests errors errorRate errorBreakdown { failed quota budget rateLimit dlp access } } }`,
    range,
    gw.adminToken,
  );
  expect(stats.data.requestStats).toEqual({ requests: 5, errors: 3, errorRate: 0.6, errorBreakdown: { failed: 0, quota: 1, budget: 0, rateLimit: 1, dlp: 1, access: 0 } });
  const summary = await gw.gql(
    `query($r: ExecutiveRange!) { executiveSummary(range: $r) { requests errors errorRate activeUsers errorBreakdown { failed quota rateLimit dlp } } }`,
    { r: range },
    gw.adminToken,
  );
  expect(summary.data.executiveSummary).toEqual({ requests: 5, errors: 3, errorRate: 0.6, activeUsers: 1, errorBreakdown: { failed: 0, quota: 1, rateLimit: 1, dlp: 1 } });
});

test('the request log needs usage:read', async ({ gw }) => {
  const api = adminApi(gw);
  const roleId = await api.createRole('auditor-only', ['audit:read']);
  await api.createUser('auditor@log.test', { roleIds: [roleId], password: 'a quite long passphrase 42' });
  const token = await gw.login('auditor@log.test', 'a quite long passphrase 42');
  expect(codeOf(await gw.gql(LOG, {}, token))).toBe('FORBIDDEN');
});

test('chats refused for access (suspended account, no chat permission) are recorded against the account, over GraphQL and REST', async ({ gw }) => {
  const api = adminApi(gw);
  const chatter = await api.createRole('chatter-2', ['chat']);
  const reader = await api.createRole('reader-2', ['usage:read']);
  const suspended = await api.createUser('suspended@log.test', { roleIds: [chatter] });
  const suspendedKey = await api.createApiKey(suspended, 'old key');
  const noChat = await api.createUser('nochat@log.test', { roleIds: [reader] });
  const noChatKey = await api.createApiKey(noChat, 'reader key');
  await api.must('mutation($u: ID!) { setUserStatus(id: $u, status: SUSPENDED) { id } }', { u: suspended });
  // Refusals reach the live feed too (the dashboard's figures move with them).
  const feed = gw.gateway.app.events.subscribe('usage')[Symbol.asyncIterator]();
  const firstEvent = feed.next();

  expect(codeOf(await gw.gql(CHAT, { c: 'hi' }, suspendedKey.secret))).toBe('FORBIDDEN');
  expect(codeOf(await gw.gql(CHAT, { c: 'hi' }, noChatKey.secret))).toBe('FORBIDDEN');
  const rest = await gw.gateway.yoga.fetch('http://gateway/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${suspendedKey.secret}` },
    body: JSON.stringify({ model: 'mock-small', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(rest.status).toBe(403);
  // Not a chat: a suspended account reading its profile is not a refused request.
  expect(codeOf(await gw.gql('{ me { id } }', {}, suspendedKey.secret))).toBe('FORBIDDEN');
  // Unknown keys name nobody and are not recorded.
  expect(codeOf(await gw.gql(CHAT, { c: 'hi' }, 'zgk_unknown0000000000000000000000000000000'))).toBe('UNAUTHENTICATED');

  const event = (await firstEvent).value;
  expect(event).toMatchObject({ userId: suspended, outcome: 'refused', inputTokens: 0, outputTokens: 0 });
  await feed.return?.();
  const read = (userId: string) => gw.gql(LOG, { f: { userId, outcomes: ['REFUSED_ACCESS'] } }, gw.adminToken);
  const s = await until(() => read(suspended), (r) => r.data?.requestLog.edges.length === 2);
  expect(s.data.requestLog.edges.map((e: any) => [e.node.reason, e.node.via]).sort()).toEqual([['FORBIDDEN', 'mutation'], ['FORBIDDEN', 'rest']]);
  const n = await until(() => read(noChat), (r) => r.data?.requestLog.edges.length === 1);
  expect(n.data.requestLog.edges[0].node).toMatchObject({ outcome: 'REFUSED_ACCESS', reason: 'FORBIDDEN', apiKeyName: 'reader key' });
});
