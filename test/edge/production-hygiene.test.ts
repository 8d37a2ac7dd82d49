import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const ALLOWED_ORIGIN = 'https://console.example.cn';
const lines: string[] = [];
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    logger: createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } }),
    yoga: { production: true, corsOrigins: [ALLOWED_ORIGIN] },
  });
});
afterAll(() => gw?.close());

const fetchRaw = (path: string, init: RequestInit = {}) => gw.gateway.yoga.fetch(`http://gateway${path}`, init);
const post = (body: string, headers: Record<string, string> = {}) =>
  fetchRaw('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('production mode', () => {
  test('anonymous callers cannot introspect the schema; signed-in callers can', async () => {
    const anonymous = await gw.gql('{ __schema { queryType { name } } }');
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data ?? null).toBeNull();
    expect(codeOf(await gw.gql('query { ...Types } fragment Types on Query { __type(name: "User") { name } }'))).toBe('UNAUTHENTICATED');
    const signedIn = await gw.gql('{ __schema { queryType { name } } }', {}, gw.adminToken);
    expect(signedIn.data.__schema.queryType.name).toBe('Query');
    // __typename names one type, not the schema.
    expect((await gw.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('no "Did you mean" suggestions, for fields, arguments or enum values', async () => {
    const field = await gw.gql('{ mee { id } }');
    expect(codeOf(field)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(field.errors![0].message).toBe('Cannot query field "mee" on type "Query".');
    const signedIn = await gw.gql('{ me { emial } }', {}, gw.adminToken);
    expect(signedIn.errors![0].message).not.toContain('Did you mean');
    const argument = await gw.gql('{ users(frist: 1) { totalCount } }', {}, gw.adminToken);
    expect(argument.errors![0].message).not.toContain('Did you mean');
    const enumValue = await gw.gql('query($s: UserStatus) { users(status: $s) { totalCount } }', { s: 'ACTIV' }, gw.adminToken);
    expect(codeOf(enumValue)).toBe('BAD_USER_INPUT');
    expect(enumValue.errors![0].message).not.toContain('Did you mean');
  });

  test('invalid JSON answers a generic BAD_REQUEST, without the parser message or a body fragment', async () => {
    const response = await post('{"query": "{ me { id }');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    for (const notJsonObject of ['[]', '"text"', '42']) {
      const r = await post(notJsonObject);
      expect(r.status).toBe(400);
      expect((await r.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  test('operations are POSTed as JSON only: form-encoded, text/plain and multipart bodies are refused with 415', async () => {
    const login = `mutation { login(email: "admin@test.local", password: "correct-horse-battery-staple") { token } }`;
    const attempts: [string, string][] = [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent(login)}`],
      ['text/plain', JSON.stringify({ query: login })],
      ['multipart/form-data; boundary=x', `--x\r\ncontent-disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: login })}\r\n--x--\r\n`],
      ['application/graphql', login],
    ];
    for (const [contentType, body] of attempts) {
      const response = await post(body, { 'content-type': contentType });
      expect(response.status, contentType).toBe(415);
      const answer = await response.json();
      expect(answer.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(answer)).not.toContain('zgs_');
    }
    const json = await post(JSON.stringify({ query: login }), { 'content-type': 'application/json; charset=utf-8' });
    expect((await json.json()).data.login.token).toMatch(/^zgs_/);
  });

  test('a mutation over GET is refused', async () => {
    const response = await fetchRaw(`/graphql?query=${encodeURIComponent('mutation { logout }')}`);
    expect(response.status).toBe(405);
  });

  test('CORS answers configured origins only, never "null", never with credentials', async () => {
    const preflight = (origin: string) =>
      fetchRaw('/graphql', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    for (const origin of ['https://evil.example', 'null', 'https://console.example.cn.evil.example']) {
      const refused = await preflight(origin);
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(refused.headers.get('access-control-allow-credentials'), origin).toBeNull();
      const simple = await post(JSON.stringify({ query: '{ __typename }' }), { origin });
      expect(simple.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    // The console is served from the gateway itself: same-origin calls need no CORS headers and keep working.
    const sameOrigin = await post(JSON.stringify({ query: '{ me { email } }' }), { origin: 'http://gateway', authorization: `Bearer ${gw.adminToken}` });
    expect((await sameOrigin.json()).data.me.email).toBe('admin@test.local');
  });
});

describe('bad input is refused at the edge with BAD_USER_INPUT, never an internal error', () => {
  const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

  test('ids that are not UUIDs, in literals, variables, lists and input objects', async () => {
    const t = gw.adminToken;
    const cases: [string, Record<string, unknown>?][] = [
      ['{ user(id: "nope") { id } }'],
      ['{ user(id: 12345) { id } }'],
      ['query($id: ID!) { user(id: $id) { id } }', { id: 'nope' }],
      ['query($id: ID!) { user(id: $id) { id } }', { id: 12345 }],
      [`mutation { setUserRoles(userId: "${UNKNOWN_UUID}", roleIds: ["x"]) { id } }`],
      ['mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email: 'ids@edge.test', name: 'Ids', roleIds: ['admin'] } }],
      ['query($f: AuditFilter) { auditLog(filter: $f) { totalCount } }', { f: { userId: "1' or '1'='1" } }],
      ['{ usage(filter: { userId: "me" }) { requests } }'],
      ['mutation { revokeApiKey(id: "zgk_1a2b3c4d") { id } }'],
    ];
    for (const [query, variables] of cases) {
      const r = await gw.gql(query, variables, t);
      expect(codeOf(r), query).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message, query).toMatch(/not a valid id/);
    }
    // A well-formed id of nobody is simply not found.
    expect(codeOf(await gw.gql(`{ user(id: "${UNKNOWN_UUID}") { id } }`, {}, t))).toBe('NOT_FOUND');
    const rest = await fetchRaw('/api/v1/metering/users/nope', { headers: { authorization: `Bearer ${t}` } });
    expect(rest.status).toBe(400);
    expect((await rest.json()).error.code).toBe('BAD_USER_INPUT');
  });

  test('NUL characters in any string: literal, variable, nested input, REST body and query string', async () => {
    const t = gw.adminToken;
    expect(codeOf(await gw.gql('{ users(search: "a\\u0000b") { totalCount } }', {}, t))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.gql('query($s: String) { users(search: $s) { totalCount } }', { s: 'a\u0000b' }, t))).toBe('BAD_USER_INPUT');
    const nested = await gw.gql('mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email: 'nul@edge.test', name: 'Nul\u0000Name' } }, t);
    expect(codeOf(nested)).toBe('BAD_USER_INPUT');
    expect(codeOf(await gw.gql('mutation($i: RoleInput!) { createRole(input: $i) { id } }', { i: { name: 'r', permissions: ['chat\u0000'] } }, t))).toBe('BAD_USER_INPUT');
    const chat = await fetchRaw('/api/v1/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify({ model: 'mock-small', messages: [{ role: 'user', content: 'hello\u0000there' }] }),
    });
    expect(chat.status).toBe(400);
    expect((await chat.json()).error.code).toBe('BAD_USER_INPUT');
    const exported = await fetchRaw('/api/v1/audit/export?format=jsonl&action=login%00', { headers: { authorization: `Bearer ${t}` } });
    expect(exported.status).toBe(400);
    expect((await exported.json()).error.code).toBe('BAD_USER_INPUT');
  });

  test('impossible dates and out-of-range date-times', async () => {
    const t = gw.adminToken;
    for (const day of ['2026-02-31', '2026-13-01', '2026-00-10', '0000-01-01', '2026-2-3']) {
      const r = await gw.gql('query($d: Date) { usage(filter: { from: $d }) { requests } }', { d: day }, t);
      expect(codeOf(r), day).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await gw.gql('{ usage(filter: { from: "2026-02-31" }) { requests } }', {}, t))).toBe('BAD_USER_INPUT');
    for (const at of ['2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '1', 'March 7', '2026-11-30T25:00:00Z', '99999-01-01T00:00:00Z']) {
      const r = await gw.gql('query($at: DateTime) { auditLog(filter: { from: $at }) { totalCount } }', { at }, t);
      expect(codeOf(r), at).toBe('BAD_USER_INPUT');
    }
    const valid = await gw.gql('query($at: DateTime) { auditLog(filter: { from: $at }) { totalCount } }', { at: '2026-02-28T10:00:00+08:00' }, t);
    expect(valid.errors).toBeUndefined();
    const oldest = await gw.gql('query($at: DateTime) { auditLog(filter: { from: $at }) { totalCount } }', { at: '0001-01-01T00:00:00Z' }, t);
    expect(oldest.errors).toBeUndefined();
    const api = adminApi(gw);
    const id = await api.createUser('dates@edge.test');
    expect(codeOf(await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "k", expiresAt: "2027-02-29T00:00:00Z") { secret } }', { u: id }, t))).toBe('BAD_USER_INPUT');
  });

  test('none of it reached the database as an internal error, and nothing was logged as one', () => {
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/INTERNAL_SERVER_ERROR|invalid input syntax|\bselect\b.+\bfrom\b/i);
  });
});
