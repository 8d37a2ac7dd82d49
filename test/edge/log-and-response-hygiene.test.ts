/**
 * A broad run of what users and integrators do, right and wrong, against
 * upstreams that echo our request (headers with our provider key, the prompt)
 * in their error bodies, with the gateway's own logger capturing every line at
 * debug level. Afterwards no provider key, API key secret, session token,
 * password, password hash or prompt text may appear in any response body,
 * log line or audit record, except a token or key secret in the one response
 * that issued it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { createLogger } from '../../server/logger.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, wsClient, type ListeningGateway } from '../fixtures/http.ts';

const tag = () => randomBytes(6).toString('hex');
// One key of a well-known shape, one of no known shape: only knowing it as configured can mask the second.
const OPENAI_KEY = `sk-hyg-${tag()}${tag()}`;
const ANTHROPIC_KEY = `prov-key-${tag()}-${tag()}`;
const MEMBER_PASSWORD = `member-Passphrase-${tag()}`;
const WRONG_PASSWORDS = [`wrong-Passphrase-${tag()}`, `another-Wrong-${tag()}`];

const logLines: string[] = [];
const responses: { label: string; text: string }[] = [];
/** Each session token and key secret, with the label of the one response allowed to carry it. */
const issued = new Map<string, string>();
const prompts: string[] = [];

let openai: FakeUpstream;
let anthropic: FakeUpstream;
let deadUrl: string;
let gw: TestGateway;
let server: ListeningGateway;
let adminSession: string;
let memberKey: string;
let memberId: string;

/** A prompt nobody else writes: the whole text and its marker are searched for afterwards. */
function prompt(what: string): string {
  const text = `Confidential ${what} plan for project HYG-${tag()}: acquire Globex before the March board meeting`;
  prompts.push(text);
  return text;
}

async function call(label: string, path: string, init: RequestInit = {}, token?: string): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) },
  });
  const text = await response.text();
  responses.push({ label, text });
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, text, json };
}

const gql = (label: string, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  call(label, '/graphql', { method: 'POST', body: JSON.stringify({ query, variables }) }, token).then((r) => r.json);

/** A whole SSE response, raw. */
const sse = (label: string, query: string, variables: Record<string, unknown>, token: string) =>
  call(label, '/graphql', { method: 'POST', headers: { accept: 'text/event-stream' }, body: JSON.stringify({ query, variables }) }, token).then((r) => r.text);

async function ws(label: string, query: string, variables: Record<string, unknown>, token: string): Promise<string> {
  const client = wsClient(server.wsUrl, token);
  const seen: unknown[] = [];
  try {
    for await (const payload of client.iterate({ query, variables })) seen.push(payload);
  } catch (errors) {
    seen.push(errors);
  } finally {
    await client.dispose();
  }
  const text = JSON.stringify(seen);
  responses.push({ label, text });
  return text;
}

const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text provider attempts { provider code error status } requestId } }`;
const CHAT_SUB = `subscription($i: ChatInput!) { chat(input: $i) { ... on ChatDelta { text } ... on ChatCompleted { result { text attempts { provider error } } } } }`;
const input = (model: string, content: string) => ({ i: { model, messages: [{ role: 'USER', content }] } });

beforeAll(async () => {
  [openai, anthropic, deadUrl] = await Promise.all([
    startFakeOpenAI({ apiKey: OPENAI_KEY, reply: 'Here is a harmless answer.' }),
    startFakeAnthropic({ apiKey: ANTHROPIC_KEY, reply: 'Another harmless answer.' }),
    refusedUrl('/v1'),
  ]);
  process.env.HYG_OPENAI_KEY = OPENAI_KEY;
  process.env.HYG_ANTHROPIC_KEY = ANTHROPIC_KEY;
  gw = await startTestGateway({
    logger: createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } }),
    config: parseConfig({
      providers: [
        { id: 'openai-echo', plugin: 'openai', baseUrl: openai.url, apiKeyEnv: 'HYG_OPENAI_KEY' },
        { id: 'anthropic-echo', plugin: 'anthropic', baseUrl: anthropic.url, apiKeyEnv: 'HYG_ANTHROPIC_KEY' },
        { id: 'dead', plugin: 'openai', baseUrl: deadUrl, apiKeyEnv: 'HYG_OPENAI_KEY' },
      ],
      models: [
        { name: 'primary', primary: { provider: 'openai-echo', model: 'gpt-4o' }, fallbacks: [{ provider: 'anthropic-echo', model: 'claude-sonnet-4' }] },
        { name: 'anthropic-only', primary: { provider: 'anthropic-echo', model: 'claude-sonnet-4' } },
        { name: 'dead', primary: { provider: 'dead', model: 'gpt-4o' } },
      ],
      resilience: { maxRetries: 0, baseBackoffMs: 1, maxBackoffMs: 5, circuit: { failureThreshold: 1000, openMs: 1000 } },
    }),
  });
  server = await listen(gw);
});
afterAll(async () => {
  await server?.close();
  await gw?.close();
  await Promise.all([openai?.close(), anthropic?.close()]);
  delete process.env.HYG_OPENAI_KEY;
  delete process.env.HYG_ANTHROPIC_KEY;
});

describe('a broad run of right and wrong use', () => {
  test('sign-ins, right and wrong, and account set-up', async () => {
    const login = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email } } }`;
    const ok = await gql('admin login', login, { e: ADMIN_EMAIL, p: ADMIN_PASSWORD });
    adminSession = ok.data.login.token;
    issued.set(adminSession, 'admin login');
    for (const wrong of WRONG_PASSWORDS) expect((await gql('wrong login', login, { e: ADMIN_EMAIL, p: wrong })).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await gql('unknown login', login, { e: 'nobody@hygiene.test', p: WRONG_PASSWORDS[0] })).errors).toBeDefined();

    const roles = await gql('roles', '{ roles { id name } }', {}, adminSession);
    const member = roles.data.roles.find((r: any) => r.name === 'member').id;
    const created = await gql('create user', 'mutation($i: CreateUserInput!) { createUser(input: $i) { id email } }', { i: { email: 'member@hygiene.test', name: 'Mei', password: MEMBER_PASSWORD, roleIds: [member] } }, adminSession);
    memberId = created.data.createUser.id;
    const memberLogin = await gql('member login', login, { e: 'member@hygiene.test', p: MEMBER_PASSWORD });
    issued.set(memberLogin.data.login.token, 'member login');
    await gql('member me', '{ me { email roles { name } } }', {}, memberLogin.data.login.token);
    expect((await gql('member wrong login', login, { e: 'member@hygiene.test', p: WRONG_PASSWORDS[1] })).errors).toBeDefined();
    await gql('logout', 'mutation { logout }', {}, memberLogin.data.login.token);
    expect((await gql('after logout', '{ me { email } }', {}, memberLogin.data.login.token)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('API keys: created, used, revoked, used again', async () => {
    const create = 'mutation($u: ID, $n: String!) { createApiKey(userId: $u, name: $n) { secret apiKey { id prefix } } }';
    const mine = await gql('member key', create, { u: memberId, n: 'ci' }, adminSession);
    memberKey = mine.data.createApiKey.secret;
    issued.set(memberKey, 'member key');
    const spare = await gql('spare key', create, { u: memberId, n: 'spare' }, adminSession);
    issued.set(spare.data.createApiKey.secret, 'spare key');
    await gql('keys listed', '{ me { apiKeys { edges { node { prefix name lastUsedAt } } } } }', {}, memberKey);
    await gql('revoke', 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: spare.data.createApiKey.apiKey.id }, adminSession);
    expect((await gql('revoked key used', '{ me { email } }', {}, spare.data.createApiKey.secret)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await call('garbage key', '/api/v1/metering/users', {}, 'zgk_deadbeef_notakey')).status).toBe(401);
  });

  test('chats that succeed: mutation, REST, SSE and WebSocket', async () => {
    const answered = await gql('chat ok', CHAT, input('primary', prompt('mutation')), memberKey);
    expect(answered.data.chat.text).toBe(openai.reply);
    const rest = await call('rest chat ok', '/api/v1/chat', { method: 'POST', body: JSON.stringify({ model: 'primary', messages: [{ role: 'user', content: prompt('rest') }] }) }, memberKey);
    expect(rest.status).toBe(200);
    expect(await sse('sse chat ok', CHAT_SUB, input('anthropic-only', prompt('sse')), memberKey)).toContain('Another harmless');
    expect(await ws('ws chat ok', CHAT_SUB, input('primary', prompt('websocket')), memberKey)).toContain('harmless');
  });

  test('chats that fail against upstreams echoing our headers and the prompt', async () => {
    // 401 from both: each echoes the key it was sent.
    openai.setFault({ type: 'status', status: 401, message: 'Incorrect API key provided', echo: true }, { times: 1 });
    anthropic.setFault({ type: 'status', status: 401, message: 'invalid x-api-key', echo: true }, { times: 1 });
    const unauthorised = await gql('chat 401', CHAT, input('primary', prompt('credentials')), memberKey);
    expect(unauthorised.errors[0].extensions.code).toBe('PROVIDER_UNAVAILABLE');
    expect(unauthorised.errors[0].extensions.attempts.map((a: any) => a.error)).toEqual(['upstream rejected our credentials (401)', 'upstream rejected our credentials (401)']);
    expect(unauthorised.errors[0].message).toMatch(/request id [\w-]+/);

    // 400 echoing the prompt, over GraphQL and REST.
    openai.setFault({ type: 'status', status: 400, message: 'Invalid value for messages[0].content', echo: true }, { times: 2 });
    const rejected = await gql('chat 400', CHAT, input('primary', prompt('rejected')), memberKey);
    expect(rejected.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(rejected.errors[0].message).toMatch(/^upstream rejected the request \(400\)/);
    const restRejected = await call('rest chat 400', '/api/v1/chat', { method: 'POST', body: JSON.stringify({ model: 'primary', messages: [{ role: 'user', content: prompt('rest rejected') }] }) }, memberKey);
    expect(restRejected.status).toBe(400);

    // 500 from both, streamed over SSE; then over WebSocket.
    openai.setFault({ type: 'status', status: 500, message: 'internal error at 10.12.0.7:8443', echo: true }, { times: 2 });
    anthropic.setFault({ type: 'status', status: 500, message: 'internal error', echo: true }, { times: 2 });
    expect(await sse('sse chat 500', CHAT_SUB, input('primary', prompt('sse failure')), memberKey)).toContain('PROVIDER_UNAVAILABLE');
    expect(await ws('ws chat 500', CHAT_SUB, input('primary', prompt('ws failure')), memberKey)).toContain('PROVIDER_UNAVAILABLE');

    // Nothing listens: the client learns "unreachable", not our internal address.
    const unreachable = await call('rest chat dead', '/api/v1/chat', { method: 'POST', body: JSON.stringify({ model: 'dead', messages: [{ role: 'user', content: prompt('unreachable') }] }) }, memberKey);
    expect(unreachable.status).toBe(502);
    expect(unreachable.json.error.attempts[0].error).toBe('upstream unreachable');

    // Cut mid-stream with an in-band error quoting the key and the prompt.
    const cut = prompt('interrupted');
    anthropic.setFault({ type: 'streamError', afterDeltas: 1, status: 529, message: `overloaded; key ${ANTHROPIC_KEY}; prompt ${cut}` }, { times: 1 });
    expect(await sse('sse chat cut', CHAT_SUB, input('anthropic-only', cut), memberKey)).toContain('STREAM_INTERRUPTED');
  });

  test('bad input of every kind, some of it carrying a password', async () => {
    const loginText = `mutation { login(email: \\"${ADMIN_EMAIL}\\", password: \\"${ADMIN_PASSWORD}\\") { token } }`;
    expect((await call('invalid json', '/graphql', { method: 'POST', body: `{"query": "${loginText}` })).status).toBe(400);
    expect((await call('form login', '/graphql', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(loginText)}` })).status).toBe(415);
    const nul = await gql('nul with password', 'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }', { i: { email: 'nul@hygiene.test', name: 'N\u0000', password: MEMBER_PASSWORD } }, adminSession);
    expect(nul.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql('bad id', '{ user(id: "1 or 1=1") { id } }', {}, adminSession)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql('bad date', '{ usage(filter: { from: "2026-02-31" }) { requests } }', {}, adminSession)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await gql('unknown field', '{ me { passwordHash } }', {}, memberKey)).errors).toBeDefined();
    expect((await gql('too deep', `{ me { ${'apiKeys { edges { node { owner { '.repeat(5)} id ${'} } } } '.repeat(5)} } }`, {}, memberKey)).errors).toBeDefined();
    const quota = await call('rest bad quota', `/api/v1/metering/users/${memberId}`, { method: 'PUT', body: JSON.stringify({ daily_input_limit: 'lots' }) }, adminSession);
    expect(quota.status).toBe(400);
  });

  test('REST calls of the seed system and the audit export', async () => {
    expect((await call('rest users', '/api/v1/metering/users?limit=50', {}, adminSession)).status).toBe(200);
    expect((await call('rest user', `/api/v1/metering/users/${memberId}`, {}, adminSession)).status).toBe(200);
    expect((await call('rest quota', `/api/v1/metering/users/${memberId}`, { method: 'PUT', body: JSON.stringify({ daily_input_limit: 100000, daily_output_limit: 50000 }) }, adminSession)).status).toBe(200);
    expect((await call('rest usage', '/api/v1/metering/usage?group_by=user,model', {}, adminSession)).status).toBe(200);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    expect((await call('rest summary', `/api/v1/executive/summary?from=${from}&to=${to}`, {}, adminSession)).status).toBe(200);
    await gw.gateway.app.settlements.idle();
    const exported = await call('audit export', '/api/v1/audit/export?format=jsonl', {}, adminSession);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain('"chat"');
    await gql('audit log', '{ auditLog(first: 100) { edges { node { action metadata } } } }', {}, adminSession);
  });
});

describe('afterwards', () => {
  test('no secret, hash or prompt text is in any response, log line or audit record', async () => {
    await gw.gateway.app.settlements.idle();
    const sql = gw.gateway.app.sql.durable;
    const hashes = (await sql.query<{ password_hash: string }>('select password_hash from app_user where password_hash is not null')).rows.map((r) => r.password_hash);
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    const audit = (await sql.query('select * from audit_record order by at')).rows;
    expect(audit.length).toBeGreaterThan(10);
    const auditText = JSON.stringify(audit);
    const logText = logLines.join('\n');

    const secrets: [string, string][] = [
      ['provider key (sk- shape)', OPENAI_KEY],
      ['provider key (no known shape)', ANTHROPIC_KEY],
      ['admin password', ADMIN_PASSWORD],
      ['member password', MEMBER_PASSWORD],
      ...WRONG_PASSWORDS.map((p): [string, string] => ['wrong password', p]),
      ...hashes.map((h): [string, string] => ['password hash', h]),
      ['argon2id hash prefix', '$argon2id$'],
      ...[...issued.keys()].map((s): [string, string] => [s.startsWith('zgk_') ? 'API key secret' : 'session token', s]),
      ...prompts.flatMap((p): [string, string][] => [['prompt', p], ['prompt marker', /HYG-\w+/.exec(p)![0]]]),
    ];
    const leaks: string[] = [];
    for (const [what, value] of secrets) {
      for (const r of responses) if (r.text.includes(value) && issued.get(value) !== r.label) leaks.push(`${what} in the response to "${r.label}"`);
      if (logText.includes(value)) leaks.push(`${what} in the log: ${logLines.find((l) => l.includes(value))!.slice(0, 300)}`);
      if (auditText.includes(value)) leaks.push(`${what} in the audit trail`);
    }
    // Clients and the audit trail never learn our internal addresses either.
    const deadPort = new URL(deadUrl).port;
    for (const r of responses) if (/ECONNREFUSED|10\.12\.0\.7/.test(r.text) || r.text.includes(`:${deadPort}`)) leaks.push(`an internal address in the response to "${r.label}"`);
    if (/ECONNREFUSED|10\.12\.0\.7/.test(auditText)) leaks.push('an internal address in the audit trail');
    expect(leaks).toEqual([]);
  });

  test('the test had teeth: the upstreams did echo, and the log and audit trail kept what happened, masked', async () => {
    const failures = logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'upstream attempt failed');
    const byStatus = (status: number) => failures.filter((f) => f.status === status);
    expect(byStatus(401).length).toBeGreaterThanOrEqual(2);
    expect(byStatus(401).every((f) => f.upstream.includes('[redacted]') && f.requestId)).toBe(true);
    expect(byStatus(400).some((f) => f.upstream.includes('[prompt]'))).toBe(true);
    expect(failures.some((f) => f.kind === 'network' && /ECONNREFUSED/.test(f.upstream))).toBe(true);
    expect(failures.some((f) => f.kind === 'stream' || f.status === 529)).toBe(true);
    // Debug lines were written too: the capture saw everything the gateway logs.
    expect(logLines.some((l) => l.includes('"level":20'))).toBe(true);
    // Each failed chat's audit record keeps the generic reason and the request id the client was given.
    const failed = (await gw.gateway.app.sql.durable.query(`select metadata from audit_record where action = 'chat' and metadata->>'outcome' <> 'ok'`)).rows.map((r: any) => r.metadata);
    expect(failed.length).toBeGreaterThanOrEqual(6);
    for (const m of failed) {
      expect(m.error).toMatch(/^(no provider could serve|upstream rejected|stream interrupted)/);
      expect(m.error).toContain(`request id ${m.requestId}`);
      for (const a of m.attempts) if (a.error) expect(a.error).toMatch(/^upstream |^provider unavailable|^circuit open/);
    }
  });
});
