import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test, type TestGateway } from '../fixtures/gateway.ts';

const UPDATE = 'mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { email name } }';

async function member(gw: TestGateway, email: string, password: string) {
  const api = adminApi(gw);
  const id = await api.createUser(email, { password, roleIds: [await api.roleId('member')] });
  return { id, api };
}

test('a leaked API key cannot change its owner\'s email or password, nor can a session without the current password', async ({ gw }) => {
  const { id, api } = await member(gw, 'victim@proof.test', 'victim-original-passphrase');
  const key = await api.createApiKey(id);
  const byKey = await gw.gql(UPDATE, { id, i: { password: 'attacker-new-passphrase', currentPassword: 'victim-original-passphrase' } }, key.secret);
  expect(codeOf(byKey)).toBe('FORBIDDEN');
  expect(byKey.errors![0].message).toMatch(/console session.*current password.*API key/);
  expect(codeOf(await gw.gql(UPDATE, { id, i: { email: 'attacker@evil.test' } }, key.secret))).toBe('FORBIDDEN');
  // The key may still do harmless things to its own account.
  expect((await gw.gql(UPDATE, { id, i: { name: 'Renamed by key', email: 'victim@proof.test' } }, key.secret)).data.updateUser.name).toBe('Renamed by key');

  const session = await gw.login('victim@proof.test', 'victim-original-passphrase');
  const missing = await gw.gql(UPDATE, { id, i: { password: 'attacker-new-passphrase' } }, session);
  expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
  const wrong = await gw.gql(UPDATE, { id, i: { email: 'attacker@evil.test', currentPassword: 'a-wrong-guess-here' } }, session);
  expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
  // Guessing the current password is throttled like signing in.
  for (let i = 0; i < 5; i++) await gw.gql(UPDATE, { id, i: { password: 'attacker-new-passphrase', currentPassword: `guess-number-${i}-here` } }, session);
  expect(codeOf(await gw.gql(UPDATE, { id, i: { password: 'attacker-new-passphrase', currentPassword: 'victim-original-passphrase' } }, session))).toBe('RATE_LIMITED');
  // Nothing changed: the old password still signs in.
  await new Promise((r) => setTimeout(r, 1100));
  expect(await gw.login('victim@proof.test', 'victim-original-passphrase')).toMatch(/^zgs_/);
});

test('changing your password ends your other sessions, keeps this one and your keys; an admin reset ends them all', async ({ gw }) => {
  const { id, api } = await member(gw, 'mover@proof.test', 'mover-first-passphrase');
  const key = await api.createApiKey(id);
  const laptop = await gw.login('mover@proof.test', 'mover-first-passphrase');
  const phone = await gw.login('mover@proof.test', 'mover-first-passphrase');
  const changed = await gw.gql(UPDATE, { id, i: { password: 'mover-second-passphrase', currentPassword: 'mover-first-passphrase' } }, laptop);
  expect(changed.errors).toBeUndefined();
  expect(codeOf(await gw.gql('{ me { id } }', {}, phone))).toBe('UNAUTHENTICATED');
  expect(codeOf(await gw.gql('{ me { id } }', {}, laptop))).toBeUndefined();
  expect(codeOf(await gw.gql('{ me { id } }', {}, key.secret))).toBeUndefined();
  expect(codeOf(await gw.gql('mutation { login(email: "mover@proof.test", password: "mover-first-passphrase") { token } }'))).toBe('UNAUTHENTICATED');

  // The admin resets it (no current password needed for someone else): every session ends, keys stay.
  const reset = await gw.gql(UPDATE, { id, i: { password: 'mover-third-passphrase' } }, gw.adminToken);
  expect(reset.errors).toBeUndefined();
  expect(codeOf(await gw.gql('{ me { id } }', {}, laptop))).toBe('UNAUTHENTICATED');
  expect(codeOf(await gw.gql('{ me { id } }', {}, key.secret))).toBeUndefined();
  const audit = await api.must('query($t: String) { auditLog(filter: { action: "user.update", targetId: $t }) { edges { node { metadata } } } }', { t: id });
  expect(audit.auditLog.edges.map((e: any) => e.node.metadata.endedSessions)).toEqual([1, 1]);
});

test('changing your email needs the same proof; to a taken address a member learns nothing, an admin gets CONFLICT', async ({ gw }) => {
  const { id, api } = await member(gw, 'me@proof.test', 'me-member-passphrase');
  await api.createUser('taken@proof.test');
  const session = await gw.login('me@proof.test', 'me-member-passphrase');
  const taken = await gw.gql(UPDATE, { id, i: { email: 'taken@proof.test', currentPassword: 'me-member-passphrase' } }, session);
  const invalid = await gw.gql(UPDATE, { id, i: { email: 'no-at-sign', currentPassword: 'me-member-passphrase' } }, session);
  expect(taken.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  expect(taken.errors![0].message).not.toMatch(/exist|taken|already/i);
  expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  const moved = await gw.gql(UPDATE, { id, i: { email: 'me2@proof.test', currentPassword: 'me-member-passphrase' } }, session);
  expect(moved.data.updateUser.email).toBe('me2@proof.test');
  // An admin with users:write may learn it: they can list users anyway.
  const dup = await gw.gql('mutation { createUser(input: { email: "taken@proof.test", name: "Dup" }) { id } }', {}, gw.adminToken);
  expect(codeOf(dup)).toBe('CONFLICT');
  expect(codeOf(await gw.gql(UPDATE, { id, i: { email: 'taken@proof.test' } }, gw.adminToken))).toBe('CONFLICT');
});

test('passwords: at least 12 characters, not a common one, not one character repeated, not a run or a short pattern', async ({ gw }) => {
  const { id } = await member(gw, 'rules@proof.test', 'rules-member-passphrase');
  const session = await gw.login('rules@proof.test', 'rules-member-passphrase');
  const refused = ['short-pass1', 'password1234', 'P@ssw0rd2024!', 'iloveyou12345', 'aaaaaaaaaaaaaaaa', 'abcdefghijklmnop', '1234567890123', 'qwertyuiopasdf', 'abcabcabcabcabc', 'monkeymonkey99'];
  for (const password of refused) {
    const r = await gw.gql(UPDATE, { id, i: { password, currentPassword: 'rules-member-passphrase' } }, session);
    expect({ password, code: codeOf(r), field: r.errors?.[0].extensions?.field }).toEqual({ password, code: 'BAD_USER_INPUT', field: 'password' });
  }
  const created = await gw.gql('mutation { createUser(input: { email: "weak@proof.test", name: "Weak", password: "qwerty123456" }) { id } }', {}, gw.adminToken);
  expect(created.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  const ok = await gw.gql(UPDATE, { id, i: { password: 'velvet-tugboat-orchard-42', currentPassword: 'rules-member-passphrase' } }, session);
  expect(ok.errors).toBeUndefined();
});

test('keys list when they were last used; revokeAllApiKeys ends them all, yours or (with apikeys:write) a weaker user\'s', async ({ gw }) => {
  const { id, api } = await member(gw, 'keys@proof.test', 'keys-member-passphrase');
  const a = await api.createApiKey(id, 'a');
  const b = await api.createApiKey(id, 'b');
  await gw.gql('{ me { id } }', {}, a.secret);
  await Promise.all(gw.gateway.app.background);
  const session = await gw.login('keys@proof.test', 'keys-member-passphrase');
  const list = await gw.gql('{ me { apiKeys { edges { node { name lastUsedAt active } } } } }', {}, session);
  const byName = Object.fromEntries(list.data.me.apiKeys.edges.map((e: any) => [e.node.name, e.node]));
  expect(byName.a.lastUsedAt).not.toBeNull();
  expect(byName.b.lastUsedAt).toBeNull();

  expect((await gw.gql('mutation { revokeAllApiKeys }', {}, session)).data.revokeAllApiKeys).toBe(2);
  for (const key of [a, b]) expect(codeOf(await gw.gql('{ me { id } }', {}, key.secret))).toBe('UNAUTHENTICATED');
  expect(codeOf(await gw.gql('{ me { id } }', {}, session))).toBeUndefined();

  // A key manager (apikeys:write + users:read) may revoke a member's keys, not an admin's.
  const managerRole = await api.createRole('key-manager', ['apikeys:write', 'users:read', 'chat']);
  await api.createUser('km@proof.test', { password: 'key-manager-passphrase', roleIds: [managerRole] });
  const km = await gw.login('km@proof.test', 'key-manager-passphrase');
  await api.createApiKey(id, 'c');
  expect((await gw.gql('mutation($u: ID!) { revokeAllApiKeys(userId: $u) }', { u: id }, km)).data.revokeAllApiKeys).toBe(1);
  const adminId = (await gw.gql('{ me { id } }', {}, gw.adminToken)).data.me.id;
  const refused = await gw.gql('mutation($u: ID!) { revokeAllApiKeys(userId: $u) }', { u: adminId }, km);
  expect(codeOf(refused)).toBe('FORBIDDEN');
  expect(refused.errors![0].message).toMatch(/permissions you do not/);
  const audit = await api.must('{ auditLog(filter: { action: "apikey.revoke.all" }) { totalCount } }');
  expect(audit.auditLog.totalCount).toBe(2);
});
