import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect } from 'vitest';
import { adminApi } from './fixtures/admin-api.ts';
import { codeOf, test } from './fixtures/gateway.ts';

/** Raw HTTP POST to the running server, so transport-level faults are real. */
function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, chunked = false): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    // A fresh socket per request: a connection the server cut after a 413 must not be reused.
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    if (chunked) {
      // No Content-Length: the server must count bytes as they arrive.
      const piece = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < body.length; sent += piece.length) req.write(piece);
      req.end();
    } else {
      req.end(body);
    }
  });
}

describe('bad input gets a typed error and the server keeps serving', () => {
  let server: Server;
  let url: string;

  test('arrange a real HTTP server', async ({ gw }) => {
    server = createServer(gw.gateway.yoga);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  const assertNoInternals = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
    expect(text).not.toContain('"stack"');
  };

  test('malformed JSON', async () => {
    const r = await post(`${url}/graphql`, '{"query": "{ me { id }');
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    assertNoInternals(r.body);
  });

  test('unknown field', async ({ gw }) => {
    const r = await gw.gql('{ me { id favouriteColour } }', {}, gw.adminToken);
    expect(codeOf(r)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors![0].message).toContain('favouriteColour');
  });

  test('unknown argument and unknown input field', async ({ gw }) => {
    expect(codeOf(await gw.gql('{ users(sortBy: "x") { totalCount } }', {}, gw.adminToken))).toBe('GRAPHQL_VALIDATION_FAILED');
    const r = await gw.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email: 'a@b.co', name: 'A', admin: true } }, gw.adminToken);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });

  test('wrong types, in the document and in variables', async ({ gw }) => {
    expect(codeOf(await gw.gql('{ users(first: "ten") { totalCount } }', {}, gw.adminToken))).toBe('GRAPHQL_VALIDATION_FAILED');
    const r = await gw.gql('query($n: Int) { users(first: $n) { totalCount } }', { n: 'ten' }, gw.adminToken);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.gql('query($d: Date) { usage(filter: { from: $d }) { requests } }', { d: '2026-13-45' }, gw.adminToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.gql('{ users(first: 1000) { totalCount } }', {}, gw.adminToken))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.gql('{ users(after: "not-a-cursor") { totalCount } }', {}, gw.adminToken))).toBe('BAD_USER_INPUT');
  });

  test('a too-deep query', async ({ gw }) => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `apiKeys { edges { node { owner { ${selection} } } } }`;
    const r = await gw.gql(`{ me { ${selection} } }`, {}, gw.adminToken);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors![0].message).toMatch(/depth/);
  });

  test('a too-costly query', async ({ gw }) => {
    const r = await gw.gql(
      '{ users(first: 100) { edges { node { apiKeys(first: 100) { edges { node { owner { roles { name } } } } } } } } }',
      {},
      gw.adminToken,
    );
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors![0].message).toMatch(/complexity/);
  });

  test('too many aliases, and too many tokens', async ({ gw }) => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: me { id }`).join(' ');
    const r = await gw.gql(`{ ${aliases} }`, {}, gw.adminToken);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    const tokens = `{ me { ${'id '.repeat(6000)} } }`;
    expect(codeOf(await gw.gql(tokens, {}, gw.adminToken))).toBe('GRAPHQL_PARSE_FAILED');
  });

  test('an oversized body, with and without Content-Length', async () => {
    const big = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const declared = await post(`${url}/graphql`, big);
    expect(declared.status).toBe(413);
    expect(declared.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const chunked = await post(`${url}/graphql`, Buffer.alloc(2 * 1024 * 1024), {}, true);
    expect(chunked.status).toBe(413);
    expect(chunked.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('an invalid email, a negative quota, a duplicate email', async ({ gw }) => {
    const api = adminApi(gw);
    const bad = await gw.gql('mutation { createUser(input: { email: "not-an-email", name: "X" }) { id } }', {}, gw.adminToken);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions!.field).toBe('email');

    const id = await api.createUser('dup@bad.test');
    const negative = await gw.gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: -5, dailyOutputLimit: 10) { dailyInputLimit } }', { u: id }, gw.adminToken);
    expect(codeOf(negative)).toBe('BAD_USER_INPUT');
    const quota = await gw.gql('query($u: ID!) { user(id: $u) { quota { dailyInputLimit } } }', { u: id }, gw.adminToken);
    expect(quota.data.user.quota.dailyInputLimit).toBeNull(); // nothing half-applied

    const dup = await gw.gql('mutation { createUser(input: { email: "DUP@bad.test", name: "Again" }) { id } }', {}, gw.adminToken);
    expect(codeOf(dup)).toBe('CONFLICT');
  });

  test("a deleted user's key, a revoked key, an expired key and a garbage token are refused", async ({ gw }) => {
    const api = adminApi(gw);
    const doomed = await api.createUser('doomed@bad.test', { roleIds: [await api.roleId('member')] });
    const key = await api.createApiKey(doomed);
    expect((await gw.gql('{ me { email } }', {}, key.secret)).data.me.email).toBe('doomed@bad.test');
    await api.must('mutation($id: ID!) { deleteUser(id: $id) }', { id: doomed });
    const afterDelete = await gw.gql('{ me { email } }', {}, key.secret);
    expect(codeOf(afterDelete)).toBe('UNAUTHENTICATED');
    expect(afterDelete.status).toBe(401);

    const keeper = await api.createUser('keeper@bad.test');
    const revoked = await api.createApiKey(keeper);
    await api.must('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: revoked.id });
    expect(codeOf(await gw.gql('{ me { email } }', {}, revoked.secret))).toBe('UNAUTHENTICATED');

    const soon = await api.must('mutation($u: ID!, $at: DateTime!) { createApiKey(userId: $u, name: "short", expiresAt: $at) { secret } }', {
      u: keeper,
      at: new Date(Date.now() + 1500).toISOString(),
    });
    expect(codeOf(await gw.gql('{ me { email } }', {}, soon.createApiKey.secret))).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1600));
    expect(codeOf(await gw.gql('{ me { email } }', {}, soon.createApiKey.secret))).toBe('UNAUTHENTICATED');

    expect(codeOf(await gw.gql('{ me { email } }', {}, 'zgk_deadbeef_nope'))).toBe('UNAUTHENTICATED');
    const malformed = await gw.gql('{ permissions { name } }', {}, 'hello');
    expect(codeOf(malformed)).toBe('UNAUTHENTICATED');
  });

  test('a suspended user is refused with FORBIDDEN on every credential, and works again when reactivated', async ({ gw }) => {
    const api = adminApi(gw);
    const id = await api.createUser('pause@bad.test', { password: 'pause-password-1', roleIds: [await api.roleId('member')] });
    const key = await api.createApiKey(id);
    const session = await gw.login('pause@bad.test', 'pause-password-1');
    await api.must('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { status } }', { id });
    expect(codeOf(await gw.gql('{ me { id } }', {}, key.secret))).toBe('FORBIDDEN');
    expect(codeOf(await gw.gql('{ me { id } }', {}, session))).toBe('FORBIDDEN');
    expect(codeOf(await gw.gql('mutation { login(email: "pause@bad.test", password: "pause-password-1") { token } }'))).toBe('FORBIDDEN');
    await api.must('mutation($id: ID!) { setUserStatus(id: $id, status: ACTIVE) { status } }', { id });
    expect(codeOf(await gw.gql('{ me { id } }', {}, key.secret))).toBeUndefined();
  });

  test('after all of that, the server still serves', async ({ gw }) => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', dependencies: { database: { ok: true } } });
    const r = await post(`${url}/graphql`, JSON.stringify({ query: '{ me { email } }' }), { authorization: `Bearer ${gw.adminToken}` });
    expect(r.status).toBe(200);
    expect(r.body.data.me.email).toBe('admin@test.local');
  });
});
