import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, codeOf, test } from './fixtures/gateway.ts';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) {
  token expiresAt
  user { id email name status roles { name permissions } quota { dailyInputLimit dailyOutputLimit } todayUsage { inputTokens outputTokens requests }
         apiKeys { totalCount edges { node { name prefix lastUsedAt active owner { email } } } pageInfo { hasNextPage } } } } }`;

test('login returns the signed-in user with the token', async ({ gw }) => {
  const r = await gw.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id email name status } } }', { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
  expect(r.errors).toBeUndefined();
  expect(r.data.login.user).toMatchObject({ email: ADMIN_EMAIL, status: 'ACTIVE' });
});

test("a member's login payload shows everything they may read about themselves, and the token works", async ({ gw }) => {
  const api = adminApi(gw);
  const id = await api.createUser('payload@login.test', { password: 'payload-member-passphrase', roleIds: [await api.roleId('member')] });
  await api.must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 5000, dailyOutputLimit: null) { dailyInputLimit } }', { u: id });
  await api.createApiKey(id, 'laptop');

  const r = await gw.gql(LOGIN, { e: 'payload@login.test', p: 'payload-member-passphrase' });
  expect(r.errors).toBeUndefined();
  expect(r.data.login.token).toMatch(/^zgs_/);
  expect(r.data.login.user).toEqual({
    id,
    email: 'payload@login.test',
    name: 'payload',
    status: 'ACTIVE',
    roles: [{ name: 'member', permissions: ['chat'] }],
    quota: { dailyInputLimit: 5000, dailyOutputLimit: null },
    todayUsage: { inputTokens: 0, outputTokens: 0, requests: 0 },
    apiKeys: { totalCount: 1, edges: [{ node: { name: 'laptop', prefix: expect.stringMatching(/^zgk_/), lastUsedAt: null, active: true, owner: { email: 'payload@login.test' } } }], pageInfo: { hasNextPage: false } },
  });
  // Same answer as `me` with the token it returned.
  const me = await gw.gql('{ me { id roles { name } quota { dailyInputLimit } apiKeys { totalCount } } }', {}, r.data.login.token);
  expect(me.data.me).toEqual({ id, roles: [{ name: 'member' }], quota: { dailyInputLimit: 5000 }, apiKeys: { totalCount: 1 } });
});

test('a failed login shows nothing, and a login payload cannot reach another user', async ({ gw }) => {
  const wrong = await gw.gql(LOGIN, { e: ADMIN_EMAIL, p: 'not-the-admin-passphrase' });
  expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
  expect(wrong.data).toBeNull();
  // Signed in as a member in this request, still anonymous for everything else in it.
  const api = adminApi(gw);
  const id = await api.createUser('nosy@login.test', { password: 'nosy-member-passphrase', roleIds: [await api.roleId('member')] });
  const nosy = await gw.gql(
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } createApiKey(name: "sneaky") { secret } }',
    { e: 'nosy@login.test', p: 'nosy-member-passphrase' },
  );
  expect(codeOf(nosy)).toBe('UNAUTHENTICATED');
  expect(nosy.errors!.map((e) => e.path?.[0])).toEqual(['createApiKey']);
  expect(JSON.stringify(nosy.data ?? null)).not.toContain('zgk_');
  const keys = await api.must('query($id: ID!) { user(id: $id) { apiKeys { totalCount } } }', { id });
  expect(keys.user.apiKeys.totalCount).toBe(0);
});
