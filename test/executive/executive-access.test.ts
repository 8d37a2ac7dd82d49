import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { test } from '../fixtures/gateway.ts';
import { insertChats, makeChats } from './dataset.ts';

const call = (gw: any, path: string, token?: string) =>
  gw.gateway.yoga.fetch(`http://gateway${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }) as Promise<Response>;

const SUMMARY = '{ executiveSummary(range: { from: "2025-05-01T00:00:00Z", to: "2025-05-08T00:00:00Z" }) { requests topUsers { email } } }';

test('executive:read alone opens the summary and trends (user emails included); usage:read or audit:read do not', async ({ gw }) => {
  const api = adminApi(gw);
  const executive = await api.createRole('executive', ['executive:read']);
  const analyst = await api.createRole('analyst', ['usage:read', 'audit:read']);
  await api.createUser('ceo@access.test', { password: 'ceo-password-123', roleIds: [executive] });
  await api.createUser('analyst@access.test', { password: 'analyst-password-123', roleIds: [analyst] });
  const ceo = await gw.login('ceo@access.test', 'ceo-password-123');
  const other = await gw.login('analyst@access.test', 'analyst-password-123');
  const user = await api.createUser('chatter@access.test');
  await insertChats(gw.gateway.app.sql.durable, makeChats([user], new Date('2025-05-02T00:00:00Z'), 2, 20));

  const allowed = await gw.gql(SUMMARY, {}, ceo);
  expect(allowed.errors).toBeUndefined();
  expect(allowed.data.executiveSummary).toEqual({ requests: 20, topUsers: [{ email: 'chatter@access.test' }] });
  const trends = await gw.gql('{ executiveTrends(range: { from: "2025-05-01T00:00:00Z", to: "2025-05-08T00:00:00Z" }, granularity: DAY, by: USER) { label } }', {}, ceo);
  expect(trends.errors).toBeUndefined();

  const refused = await gw.gql(SUMMARY, {}, other);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(refused.data?.executiveSummary ?? null).toBeNull();
  expect((await gw.gql(SUMMARY)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

  const permissions = await gw.gql('{ permissions { name group } }', {}, ceo);
  expect(permissions.data.permissions).toContainEqual({ name: 'executive:read', group: 'Executive' });
  const admin = await gw.gql('{ roles { name permissions } }', {}, gw.adminToken);
  expect(admin.data.roles.find((r: any) => r.name === 'admin').permissions).toContain('executive:read');
});

test('REST: the summary and trends in snake_case, with the same errors', async ({ gw }) => {
  const user = await adminApi(gw).createUser('rest@access.test');
  await insertChats(gw.gateway.app.sql.durable, makeChats([user], new Date('2025-06-02T00:00:00Z'), 3, 30, 5));

  const summary = await call(gw, '/api/v1/executive/summary?from=2025-06-01T00:00:00Z&to=2025-06-10T00:00:00Z', gw.adminToken);
  expect(summary.status).toBe(200);
  const s = await summary.json();
  expect(Object.keys(s).sort()).toEqual(
    [
      'from', 'to', 'input_tokens', 'output_tokens', 'requests', 'errors', 'fallbacks', 'error_rate', 'fallback_rate', 'active_users',
      'latency_p50_ms', 'latency_p95_ms', 'top_users', 'top_models', 'top_providers', 'dlp_events',
    ].sort(),
  );
  expect(s).toMatchObject({ from: '2025-06-01T00:00:00.000Z', requests: 30, active_users: 1, top_users: [{ user_id: user, email: 'rest@access.test', name: 'rest' }] });
  expect(Object.keys(s.top_models[0]).sort()).toEqual(['errors', 'input_tokens', 'model', 'output_tokens', 'requests']);
  expect(Object.keys(s.top_providers[0]).sort()).toEqual(['errors', 'input_tokens', 'output_tokens', 'provider', 'requests']);

  const trends = await call(gw, '/api/v1/executive/trends?from=2025-06-01T00:00:00Z&to=2025-06-10T00:00:00Z&granularity=week&by=user', gw.adminToken);
  expect(trends.status).toBe(200);
  const t = await trends.json();
  expect(t.trends.length).toBeGreaterThan(0);
  expect(t.trends[0]).toEqual({
    bucket: expect.any(String), key: user, label: 'rest@access.test',
    input_tokens: expect.any(Number), output_tokens: expect.any(Number), requests: expect.any(Number), errors: expect.any(Number),
  });
  expect(t.trends.reduce((a: number, p: any) => a + p.requests, 0)).toBe(30);

  const cases: [string, string | undefined, number, string][] = [
    ['/api/v1/executive/summary?from=2025-06-01&to=2025-06-10', undefined, 401, 'UNAUTHENTICATED'],
    ['/api/v1/executive/summary?from=last-tuesday&to=2025-06-10', gw.adminToken, 400, 'BAD_USER_INPUT'],
    ['/api/v1/executive/summary?from=2025-06-10&to=2025-06-01', gw.adminToken, 400, 'BAD_USER_INPUT'],
    ['/api/v1/executive/trends?from=2025-06-01&to=2025-06-10&granularity=year', gw.adminToken, 400, 'BAD_USER_INPUT'],
    ['/api/v1/executive/trends?from=2025-06-01&to=2025-06-10&by=team', gw.adminToken, 400, 'BAD_USER_INPUT'],
  ];
  for (const [path, token, status, code] of cases) {
    const res = await call(gw, path, token);
    expect({ path, status: res.status, code: (await res.json()).error.code }).toEqual({ path, status, code });
  }
});
