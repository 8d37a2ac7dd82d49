import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test } from './fixtures/gateway.ts';

test('paging through users with search and status visits each match exactly once', async ({ gw }) => {
  const api = adminApi(gw);
  const ids: string[] = [];
  for (let i = 0; i < 23; i++) ids.push(await api.createUser(`pager${i}@users.test`, { name: i % 2 ? `Zhang ${i}` : `Wang ${i}` }));
  await api.must('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: ids[0] });
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const data: any = await api.must('query($a: String) { users(search: "WANG", status: ACTIVE, first: 4, after: $a) { totalCount edges { node { name status } } pageInfo { hasNextPage endCursor } } }', { a: after });
    expect(data.users.totalCount).toBe(11);
    seen.push(...data.users.edges.map((e: any) => e.node.name));
    if (!data.users.pageInfo.hasNextPage) break;
    after = data.users.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(11);
  expect(new Set(seen).size).toBe(11);
  expect(seen.every((n) => n.startsWith('Wang'))).toBe(true);
  expect(seen).not.toContain('Wang 0'); // suspended
});

test('search treats % and _ literally', async ({ gw }) => {
  const api = adminApi(gw);
  await api.createUser('percent@users.test', { name: '100% real' });
  const data = await api.must('{ users(search: "%") { edges { node { name } } } }');
  expect(data.users.edges.map((e: any) => e.node.name)).toEqual(['100% real']);
});

test('updates are audited with the fields that changed, never the password', async ({ gw }) => {
  const api = adminApi(gw);
  const id = await api.createUser('rename@users.test', { name: 'Before' });
  await api.must('mutation($id: ID!) { updateUser(id: $id, input: { name: "After", password: "a-new-password" }) { name } }', { id });
  const audit = await api.must('query($t: String) { auditLog(filter: { action: "user.update", targetId: $t }) { edges { node { metadata user { email } } } } }', { t: id });
  const node = audit.auditLog.edges[0].node;
  expect(node.metadata).toEqual({ changes: { name: { from: 'Before', to: 'After' } }, passwordChanged: true, endedSessions: 0 });
  expect(node.user.email).toBe('admin@test.local');
  expect(JSON.stringify(audit)).not.toContain('a-new-password');
});

test('admins cannot suspend or delete themselves', async ({ gw }) => {
  const me = (await gw.gql('{ me { id } }', {}, gw.adminToken)).data.me.id;
  expect(codeOf(await gw.gql('mutation($id: ID!) { setUserStatus(id: $id, status: DISABLED) { id } }', { id: me }, gw.adminToken))).toBe('FORBIDDEN');
  expect(codeOf(await gw.gql('mutation($id: ID!) { deleteUser(id: $id) }', { id: me }, gw.adminToken))).toBe('FORBIDDEN');
});

test('a failed login says nothing about which part was wrong, and is audited without the password', async ({ gw }) => {
  const api = adminApi(gw);
  await api.createUser('real@users.test', { password: 'the-real-password' });
  const wrongPassword = await gw.gql('mutation { login(email: "real@users.test", password: "guess-guess") { token } }');
  const unknownEmail = await gw.gql('mutation { login(email: "nobody@users.test", password: "guess-guess") { token } }');
  expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
  expect(wrongPassword.errors![0].message).toBe(unknownEmail.errors![0].message);
  const audit = await api.must('{ auditLog(filter: { action: "login.failed" }) { totalCount edges { node { metadata } } } }');
  expect(audit.auditLog.totalCount).toBe(2);
  expect(audit.auditLog.edges.map((e: any) => e.node.metadata.reason).sort()).toEqual(['unknown email', 'wrong password']);
  expect(JSON.stringify(audit)).not.toContain('guess-guess');
});

test('logout ends the session', async ({ gw }) => {
  const api = adminApi(gw);
  await api.createUser('bye@users.test', { password: 'goodbye-password' });
  const token = await gw.login('bye@users.test', 'goodbye-password');
  expect((await gw.gql('mutation { logout }', {}, token)).data.logout).toBe(true);
  expect(codeOf(await gw.gql('{ me { id } }', {}, token))).toBe('UNAUTHENTICATED');
});
