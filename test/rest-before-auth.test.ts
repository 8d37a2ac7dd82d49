import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { test } from './fixtures/gateway.ts';

const call = (gw: any, method: string, path: string, token?: string, body?: string) =>
  gw.gateway.yoga.fetch(`http://gateway${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
  }) as Promise<Response>;

// Each route with a request that is wrong in some other way too: bad parameters, a bad body, a missing id.
const ROUTES: [method: string, path: string, body?: string][] = [
  ['GET', '/api/v1/metering/users?limit=lots&status=nope'],
  ['GET', '/api/v1/metering/users/not-a-uuid'],
  ['PUT', '/api/v1/metering/users/not-a-uuid', '{not json'],
  ['GET', '/api/v1/metering/usage?from=yesterday&group_by=colour'],
  ['POST', '/api/v1/chat', '{"model": 42}'],
  ['GET', '/api/v1/audit/export?format=pdf&userId=x'],
  ['GET', '/api/v1/executive/summary'],
  ['GET', '/api/v1/executive/trends?granularity=fortnight&limit=many'],
];

test('every /api/v1 route answers 401 to a caller without valid credentials, before looking at the request', async ({ gw }) => {
  for (const token of [undefined, 'zgk_00000000_unknown-key', 'not-even-a-token']) {
    for (const [method, path, body] of ROUTES) {
      const res = await call(gw, method, path, token, body);
      const answer = await res.json();
      expect({ method, path, token, status: res.status, code: answer.error.code }).toEqual({ method, path, token, status: 401, code: 'UNAUTHENTICATED' });
    }
  }
});

test('a signed-in caller without the permission gets 403 before any 400', async ({ gw }) => {
  const api = adminApi(gw);
  const member = await api.createUser('member@rest-auth.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(member);
  for (const [method, path, body] of [ROUTES[0], ROUTES[2], ROUTES[5], ROUTES[6], ROUTES[7]]) {
    const res = await call(gw, method, path, key.secret, body);
    expect({ path, status: res.status, code: (await res.json()).error.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
  }
});

test('the executive routes default to the last 30 days when from and to are missing', async ({ gw }) => {
  const summary = await call(gw, 'GET', '/api/v1/executive/summary', gw.adminToken);
  expect(summary.status).toBe(200);
  const body = await summary.json();
  const from = new Date(body.from).getTime();
  const to = new Date(body.to).getTime();
  expect(Math.abs(to - Date.now())).toBeLessThan(60_000);
  expect(to - from).toBe(30 * 24 * 3600_000);
  expect(body).toMatchObject({ requests: expect.any(Number), top_users: expect.any(Array) });

  const trends = await call(gw, 'GET', '/api/v1/executive/trends?granularity=week', gw.adminToken);
  expect(trends.status).toBe(200);
  expect(await trends.json()).toEqual({ trends: expect.any(Array) });
  // Only one end given: the other is filled in.
  const fromOnly = await call(gw, 'GET', `/api/v1/executive/summary?from=${new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10)}`, gw.adminToken);
  expect(fromOnly.status).toBe(200);
});
