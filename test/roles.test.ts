import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test } from './fixtures/gateway.ts';

test('unknown permissions are refused by name', async ({ gw }) => {
  const r = await gw.gql('mutation { createRole(input: { name: "x", permissions: ["chat", "fly"] }) { id } }', {}, gw.adminToken);
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  expect(r.errors![0].message).toContain('fly');
});

test('a role manager cannot grant a permission they do not hold', async ({ gw }) => {
  const api = adminApi(gw);
  const manager = await api.createRole('role-manager', ['roles:write', 'users:write']);
  await api.createUser('rm@roles.test', { password: 'role-manager-pw', roleIds: [manager] });
  const token = await gw.login('rm@roles.test', 'role-manager-pw');
  const escalate = await gw.gql('mutation { createRole(input: { name: "sneaky", permissions: ["audit:read"] }) { id } }', {}, token);
  expect(codeOf(escalate)).toBe('FORBIDDEN');
  expect(escalate.errors![0].message).toContain('audit:read');
  const admin = await api.roleId('admin');
  const self = await gw.gql('{ me { id } }', {}, token);
  const grabAdmin = await gw.gql('mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: self.data.me.id, r: [admin] }, token);
  expect(codeOf(grabAdmin)).toBe('FORBIDDEN');
  const fine = await gw.gql('mutation { createRole(input: { name: "helper", permissions: ["roles:write"] }) { name permissions } }', {}, token);
  expect(fine.data.createRole).toEqual({ name: 'helper', permissions: ['roles:write'] });
});

test('a role held by users cannot be deleted; built-in roles cannot be deleted or renamed', async ({ gw }) => {
  const api = adminApi(gw);
  const role = await api.createRole('temp-role', ['chat']);
  const holder = await api.createUser('holder@roles.test', { roleIds: [role] });
  const refused = await gw.gql('mutation($id: ID!) { deleteRole(id: $id) }', { id: role }, gw.adminToken);
  expect(codeOf(refused)).toBe('CONFLICT');
  expect(refused.errors![0].message).toMatch(/held by 1 user/);
  await api.must('mutation($u: ID!) { setUserRoles(userId: $u, roleIds: []) { id } }', { u: holder });
  expect((await api.must('mutation($id: ID!) { deleteRole(id: $id) }', { id: role })).deleteRole).toBe(role);

  const member = await api.roleId('member');
  expect(codeOf(await gw.gql('mutation($id: ID!) { deleteRole(id: $id) }', { id: member }, gw.adminToken))).toBe('FORBIDDEN');
  expect(codeOf(await gw.gql('mutation($id: ID!) { updateRole(id: $id, input: { name: "members" }) { id } }', { id: member }, gw.adminToken))).toBe('FORBIDDEN');
  const admin = await api.roleId('admin');
  expect(codeOf(await gw.gql('mutation($id: ID!) { updateRole(id: $id, input: { permissions: ["chat"] }) { id } }', { id: admin }, gw.adminToken))).toBe('FORBIDDEN');
});

test('the last admin keeps the admin role', async ({ gw }) => {
  const me = await gw.gql('{ me { id } }', {}, gw.adminToken);
  const r = await gw.gql('mutation($u: ID!) { setUserRoles(userId: $u, roleIds: []) { id } }', { u: me.data.me.id }, gw.adminToken);
  expect(codeOf(r)).toBe('CONFLICT');
  const after = await gw.gql('{ me { roles { name } } }', {}, gw.adminToken);
  expect(after.data.me.roles.map((x: any) => x.name)).toContain('admin');
});

test('role changes take effect at once and are audited with what changed', async ({ gw }) => {
  const api = adminApi(gw);
  const role = await api.createRole('readers', []);
  await api.createUser('reader@roles.test', { password: 'reader-password', roleIds: [role] });
  const token = await gw.login('reader@roles.test', 'reader-password');
  expect(codeOf(await gw.gql('{ users { totalCount } }', {}, token))).toBe('FORBIDDEN');
  await api.must('mutation($id: ID!) { updateRole(id: $id, input: { permissions: ["users:read"], description: "Read users" }) { id } }', { id: role });
  expect(codeOf(await gw.gql('{ users { totalCount } }', {}, token))).toBeUndefined();
  const audit = await api.must('query($t: String) { auditLog(filter: { action: "role.update", targetId: $t }) { edges { node { metadata } } } }', { t: role });
  expect(audit.auditLog.edges[0].node.metadata.changes).toEqual({
    description: { from: '', to: 'Read users' },
    permissions: { from: [], to: ['users:read'] },
  });
});

test('role names may be in any script, are length-limited, and unique regardless of case', async ({ gw }) => {
  const create = (name: string) => gw.gql('mutation($n: String!) { createRole(input: { name: $n, permissions: ["usage:read"] }) { name } }', { n: name }, gw.adminToken);
  expect((await create('财务分析师')).data.createRole.name).toBe('财务分析师');
  expect((await create('  Buchhaltung   Süd ')).data.createRole.name).toBe('Buchhaltung Süd');
  expect((await create('محاسب')).data.createRole.name).toBe('محاسب');
  const duplicate = await create('BUCHHALTUNG SÜD');
  expect(codeOf(duplicate)).toBe('CONFLICT');
  expect(duplicate.errors![0].extensions!.field).toBe('name');
  expect(codeOf(await create('Admin'))).toBe('CONFLICT');
  for (const bad of ['', '-leading', 'semi;colon', '<script>', '财'.repeat(101)]) {
    const r = await create(bad);
    expect([bad, codeOf(r), r.errors?.[0].extensions?.field]).toEqual([bad, 'BAD_USER_INPUT', 'name']);
  }
  expect((await create('财'.repeat(100))).data.createRole.name).toHaveLength(100);
});
