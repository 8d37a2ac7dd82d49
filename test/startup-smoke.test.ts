import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gql, startServerProcess, type ServerProcess } from './fixtures/server-process.ts';

describe('npm start on the embedded database, driven over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zero-smoke-'));
  // The start line of the README: no DATABASE_URL, no admin settings.
  const env = { DATABASE_URL: undefined, ZERO_DATA_DIR: dataDir, ZERO_ADMIN_EMAIL: undefined, ZERO_ADMIN_PASSWORD: undefined };
  let server: ServerProcess | undefined;
  let apiKey = '';
  let userId = '';

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('first start: serves /healthz and /readyz, prints a generated admin password once', { timeout: 90_000 }, async () => {
    server = await startServerProcess(env);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ok', dependencies: { database: { ok: true } } });
    const printed = /email: (\S+)\s+password: (\S+)/.exec(server.output());
    expect(printed).not.toBeNull();
    const [, email, password] = printed!;

    const { login } = await gql(server.url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
    const admin = login.token;

    const { createRole } = await gql(server.url, 'mutation { createRole(input: { name: "analyst", description: "Reads usage", permissions: ["chat", "usage:read"] }) { id } }', {}, admin);
    const { createUser } = await gql(server.url, 'mutation { createUser(input: { email: "li.wei@example.cn", name: "李伟", password: "li-wei-password" }) { id } }', {}, admin);
    userId = createUser.id;
    await gql(server.url, 'mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: userId, r: [createRole.id] }, admin);
    await gql(server.url, 'mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 200000, dailyOutputLimit: 50000) { dailyInputLimit } }', { u: userId }, admin);
    const { createApiKey } = await gql(server.url, 'mutation($u: ID!) { createApiKey(userId: $u, name: "ci") { secret apiKey { prefix } } }', { u: userId }, admin);
    apiKey = createApiKey.secret;
    expect(apiKey.startsWith(createApiKey.apiKey.prefix)).toBe(true);

    // Read everything back with the new key.
    const { me } = await gql(
      server.url,
      '{ me { id email name status roles { name permissions } quota { dailyInputLimit dailyOutputLimit } todayUsage { inputTokens outputTokens } apiKeys { edges { node { name prefix active } } } } }',
      {},
      apiKey,
    );
    expect(me).toMatchObject({
      id: userId,
      email: 'li.wei@example.cn',
      name: '李伟',
      status: 'ACTIVE',
      roles: [{ name: 'analyst', permissions: ['chat', 'usage:read'] }],
      quota: { dailyInputLimit: 200000, dailyOutputLimit: 50000 },
      todayUsage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(me.apiKeys.edges.map((e: any) => e.node)).toEqual([{ name: 'ci', prefix: createApiKey.apiKey.prefix, active: true }]);
    const audit = await gql(server.url, '{ auditLog(first: 20) { edges { node { action } } } }', {}, admin);
    expect(audit.auditLog.edges.map((e: any) => e.node.action)).toEqual(
      expect.arrayContaining(['user.create', 'role.create', 'user.roles', 'quota.update', 'apikey.create', 'login']),
    );
    await server.stop();
    server = undefined;
  });

  test('second start on the same data: no new admin, data kept, the key still works', { timeout: 90_000 }, async () => {
    server = await startServerProcess(env);
    expect(server.output()).not.toMatch(/password:/);
    const { me } = await gql(server.url, '{ me { id quota { dailyInputLimit } } }', {}, apiKey);
    expect(me).toEqual({ id: userId, quota: { dailyInputLimit: 200000 } });
  });
});
