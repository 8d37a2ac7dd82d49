import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test } from '../fixtures/gateway.ts';

const LOG = `query($f: AuditFilter) { auditLog(filter: $f, first: 100) { edges { node { action userId targetUser { email } } } } }`;

test('the audit trail filters by action group, in GraphQL and in the export', async ({ gw }) => {
  const api = adminApi(gw);
  const roleId = await api.createRole('analyst', ['usage:read']);
  const userId = await api.createUser('group@audit.test', { roleIds: [roleId] });
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 10, dailyOutputLimit: 10) { dailyInputLimit } }', { u: userId });
  await api.must('mutation($u: ID!) { setRateLimit(scope: USER, targetId: $u, requestsPerMinute: 5) { requestsPerMinute } }', { u: userId });
  await api.createApiKey(userId);
  const actions = async (actionGroup: string) => (await gw.gql(LOG, { f: { actionGroup } }, gw.adminToken)).data.auditLog.edges.map((e: any) => e.node.action).sort();
  expect(await actions('LIMITS')).toEqual(['quota.update', 'ratelimit.update']);
  expect(await actions('ROLES')).toEqual(['role.create']);
  expect(new Set(await actions('USERS'))).toEqual(new Set(['user.create']));
  expect(await actions('API_KEYS')).toEqual(['apikey.create']);
  expect(await actions('SIGN_IN')).toContain('login');
  expect(codeOf(await gw.gql(LOG, { f: { actionGroup: 'NOPE' } }, gw.adminToken))).toBe('BAD_USER_INPUT');

  const exported = await gw.gateway.yoga.fetch('http://gateway/api/v1/audit/export?format=jsonl&group=LIMITS', { headers: { authorization: `Bearer ${gw.adminToken}` } });
  const lines = (await exported.text()).trim().split('\n').slice(1).map((l) => JSON.parse(l).action);
  expect(lines).toEqual(['quota.update', 'ratelimit.update']);
  const bad = await gw.gateway.yoga.fetch('http://gateway/api/v1/audit/export?group=NOPE', { headers: { authorization: `Bearer ${gw.adminToken}` } });
  expect(bad.status).toBe(400);
});

test('a failed sign-in names the account tried as its target, not as its actor', async ({ gw }) => {
  const api = adminApi(gw);
  await api.createUser('target@audit.test', { password: 'the right password 1' });
  await gw.gql('mutation { login(email: "target@audit.test", password: "a wrong guess 12") { token } }');
  const log = await gw.gql(LOG, { f: { action: 'login.failed' } }, gw.adminToken);
  expect(log.data.auditLog.edges.map((e: any) => e.node)).toEqual([{ action: 'login.failed', userId: null, targetUser: { email: 'target@audit.test' } }]);
});
