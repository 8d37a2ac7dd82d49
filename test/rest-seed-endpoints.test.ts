import { expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { test } from './fixtures/gateway.ts';

const call = (gw: any, method: string, path: string, token?: string, body?: unknown) =>
  gw.gateway.yoga.fetch(`http://gateway${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }) as Promise<Response>;

test("the seed system's metering endpoints answer in its shapes, over the same auth and quota rules", async ({ gw }) => {
  const api = adminApi(gw);
  const id = await api.createUser('seed@rest.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(id);

  const put = await call(gw, 'PUT', `/api/v1/metering/users/${id}`, gw.adminToken, { daily_input_limit: 5000, daily_output_limit: null });
  expect(put.status).toBe(200);
  expect(await put.json()).toEqual({
    user_id: id,
    email: 'seed@rest.test',
    name: 'seed',
    status: 'ACTIVE',
    daily_usage: { input_tokens: 0, output_tokens: 0 },
    quota: { daily_input_limit: 5000, daily_output_limit: null },
  });

  const chat = await call(gw, 'POST', '/api/v1/chat', key.secret, { model: 'mock-small', messages: [{ role: 'user', content: 'one two three' }] });
  expect(chat.status).toBe(200);
  const answer = await chat.json();
  expect(answer).toMatchObject({ text: 'You said: one two three', provider: 'mock', usage: { input_tokens: 3, output_tokens: 5 } });

  const one = await (await call(gw, 'GET', `/api/v1/metering/users/${id}`, key.secret)).json();
  expect(one.daily_usage).toEqual({ input_tokens: 3, output_tokens: 5 });

  const list = await (await call(gw, 'GET', '/api/v1/metering/users?search=seed&limit=10', gw.adminToken)).json();
  expect(list).toEqual({ users: [one], next_cursor: null });

  const usage = await (await call(gw, 'GET', '/api/v1/metering/usage?group_by=user,model', gw.adminToken)).json();
  expect(usage.usage).toEqual([{ user_id: id, model: 'mock-small', input_tokens: 3, output_tokens: 5, requests: 1 }]);
});

test('REST errors carry the GraphQL codes with matching HTTP statuses', async ({ gw }) => {
  const api = adminApi(gw);
  const id = await api.createUser('limited@rest.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(id);
  const cases: [Promise<Response>, number, string][] = [
    [call(gw, 'GET', `/api/v1/metering/users/${id}`), 401, 'UNAUTHENTICATED'],
    [call(gw, 'GET', '/api/v1/metering/users', key.secret), 403, 'FORBIDDEN'],
    [call(gw, 'PUT', `/api/v1/metering/users/${id}`, gw.adminToken, { daily_input_limit: -1, daily_output_limit: 1 }), 400, 'BAD_USER_INPUT'],
    [call(gw, 'PUT', `/api/v1/metering/users/${id}`, gw.adminToken, '{not json'), 400, 'BAD_USER_INPUT'],
    [call(gw, 'GET', '/api/v1/metering/users/00000000-0000-4000-8000-000000000000', gw.adminToken), 404, 'NOT_FOUND'],
    [call(gw, 'POST', '/api/v1/chat', key.secret, { model: 'nope', messages: [{ role: 'user', content: 'x' }] }), 400, 'BAD_USER_INPUT'],
    [call(gw, 'DELETE', '/api/v1/chat', key.secret), 405, 'METHOD_NOT_ALLOWED'],
  ];
  for (const [pending, status, code] of cases) {
    const res = await pending;
    const body = await res.json();
    expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
    expect(body.error.requestId).toBeTruthy();
  }
  await call(gw, 'PUT', `/api/v1/metering/users/${id}`, gw.adminToken, { daily_input_limit: 1, daily_output_limit: 100 });
  const refused = await call(gw, 'POST', '/api/v1/chat', key.secret, { model: 'mock-small', messages: [{ role: 'user', content: 'too long for the quota' }] });
  expect(refused.status).toBe(429);
  expect((await refused.json()).error).toMatchObject({ code: 'QUOTA_EXCEEDED', limit: 'DAILY_INPUT', limitTokens: 1 });
});
