import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test } from './fixtures/gateway.ts';

test('the secret is returned once, stored only as a hash, and the key authenticates as its owner', async ({ gw }) => {
  const api = adminApi(gw);
  const owner = await api.createUser('owner@keys.test', { roleIds: [await api.roleId('member')] });
  const { secret, id } = await api.createApiKey(owner, 'laptop');
  expect(secret).toMatch(/^zgk_[0-9a-f]{8}_[\w-]{43}$/);
  const rows = await gw.gateway.orm.em.fork().execute('select * from api_key where id = ?', [id]);
  expect(JSON.stringify(rows)).not.toContain(secret.slice(13)); // the secret part after zgk_<8 hex>_
  expect(rows[0].prefix).toBe(secret.slice(0, 12));

  const me = await gw.gql('{ me { id apiKeys { edges { node { id name prefix lastUsedAt active } } } } }', {}, secret);
  expect(me.data.me.id).toBe(owner);
  expect(me.data.me.apiKeys.edges[0].node).toMatchObject({ id, name: 'laptop', active: true });
  await Promise.all(gw.gateway.app.background);
  const used = await gw.gql('{ me { apiKeys { edges { node { lastUsedAt } } } } }', {}, secret);
  expect(used.data.me.apiKeys.edges[0].node.lastUsedAt).not.toBeNull();
});

test("members manage their own keys, not other people's", async ({ gw }) => {
  const api = adminApi(gw);
  const member = await api.roleId('member');
  const alice = await api.createUser('alice@keys.test', { roleIds: [member] });
  const bob = await api.createUser('bob@keys.test', { roleIds: [member] });
  const aliceKey = await api.createApiKey(alice);
  const bobKey = await api.createApiKey(bob);
  const own = await gw.gql('mutation { createApiKey(name: "second") { secret apiKey { owner { id } } } }', {}, aliceKey.secret);
  expect(own.data.createApiKey.apiKey.owner.id).toBe(alice);
  expect(codeOf(await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "x") { secret } }', { u: bob }, aliceKey.secret))).toBe('FORBIDDEN');
  expect(codeOf(await gw.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: bobKey.id }, aliceKey.secret))).toBe('NOT_FOUND');
  expect(codeOf(await gw.gql('{ me { id } }', {}, bobKey.secret))).toBeUndefined();
  const revoked = await gw.gql('mutation($id: ID!) { revokeApiKey(id: $id) { active revokedAt } }', { id: aliceKey.id }, aliceKey.secret);
  expect(revoked.data.revokeApiKey.active).toBe(false);
  expect(codeOf(await gw.gql('{ me { id } }', {}, aliceKey.secret))).toBe('UNAUTHENTICATED');
});

test('a key cannot be created already expired', async ({ gw }) => {
  const r = await gw.gql('mutation { createApiKey(name: "old", expiresAt: "2020-01-01T00:00:00Z") { secret } }', {}, gw.adminToken);
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
});
