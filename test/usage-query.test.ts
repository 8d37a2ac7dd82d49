import { expect } from 'vitest';
import { DailyUsage } from '../server/modules/usage/daily-usage.entity.ts';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test } from './fixtures/gateway.ts';

test('usage sums by day, user, model and provider, within a date range; members see only their own', async ({ gw }) => {
  const api = adminApi(gw);
  const member = await api.roleId('member');
  const a = await api.createUser('a@usage.test', { roleIds: [member] });
  const b = await api.createUser('b@usage.test', { roleIds: [member] });
  const em = gw.gateway.orm.em.fork();
  const rows: [string, string, string, string, number, number, number][] = [
    ['2026-11-01', a, 'gpt', 'openai', 100, 10, 1],
    ['2026-11-01', a, 'claude', 'anthropic', 200, 20, 2],
    ['2026-11-02', a, 'gpt', 'openai', 300, 30, 3],
    ['2026-11-02', b, 'gpt', 'azure', 1000, 100, 4],
    ['2026-10-31', b, 'gpt', 'openai', 5, 5, 1],
  ];
  for (const [day, userId, model, provider, inputTokens, outputTokens, requests] of rows) {
    em.create(DailyUsage, { day, userId, model, provider, inputTokens, outputTokens, requests } as never);
  }
  await em.flush();
  const q = 'query($f: UsageFilter, $g: [UsageGroupBy!]) { usage(filter: $f, groupBy: $g) { day userId model provider inputTokens outputTokens requests } }';

  const byModel = await api.must(q, { f: { from: '2026-11-01', to: '2026-11-30' }, g: ['MODEL'] });
  expect(byModel.usage).toEqual([
    { day: null, userId: null, model: 'claude', provider: null, inputTokens: 200, outputTokens: 20, requests: 2 },
    { day: null, userId: null, model: 'gpt', provider: null, inputTokens: 1400, outputTokens: 140, requests: 8 },
  ]);
  const byDayProvider = await api.must(q, { f: { model: 'gpt' }, g: ['DAY', 'PROVIDER'] });
  expect(byDayProvider.usage.map((r: any) => [r.day, r.provider, r.inputTokens])).toEqual([
    ['2026-10-31', 'openai', 5],
    ['2026-11-01', 'openai', 100],
    ['2026-11-02', 'azure', 1000],
    ['2026-11-02', 'openai', 300],
  ]);
  const total = await api.must(q, { f: { userId: b } });
  expect(total.usage).toEqual([{ day: null, userId: null, model: null, provider: null, inputTokens: 1005, outputTokens: 105, requests: 5 }]);

  const aKey = await api.createApiKey(a);
  const own = await gw.gql(q, { g: ['USER'] }, aKey.secret);
  expect(own.data.usage).toEqual([{ day: null, userId: a, model: null, provider: null, inputTokens: 600, outputTokens: 60, requests: 6 }]);
  expect(codeOf(await gw.gql(q, { f: { userId: b } }, aKey.secret))).toBe('FORBIDDEN');
  expect(codeOf(await gw.gql(q, { f: { from: '2026-12-01', to: '2026-11-01' } }, gw.adminToken))).toBe('BAD_USER_INPUT');
});

test('deleting a user keeps their usage and audit history', async ({ gw }) => {
  const api = adminApi(gw);
  const gone = await api.createUser('gone@usage.test');
  const em = gw.gateway.orm.em.fork();
  em.create(DailyUsage, { day: '2026-11-03', userId: gone, model: 'm', provider: 'p', inputTokens: 7, outputTokens: 3, requests: 1 } as never);
  await em.flush();
  await api.must('mutation($id: ID!) { deleteUser(id: $id) }', { id: gone });
  const usage = await api.must('query($u: ID) { usage(filter: { userId: $u }) { inputTokens } }', { u: gone });
  expect(usage.usage[0].inputTokens).toBe(7);
  const audit = await api.must('query($t: String) { auditLog(filter: { targetId: $t }) { edges { node { action } } } }', { t: gone });
  expect(audit.auditLog.edges.map((e: any) => e.node.action)).toEqual(['user.delete', 'user.create']);
});
