import { describe, expect } from 'vitest';
import { estimatePromptTokens } from '../../server/modules/metering/token-estimate.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, test } from '../fixtures/gateway.ts';
import { awayFromMinuteBoundary, chat, chatUser, restChat, setRateLimit } from './helpers.ts';

// One instance: on the embedded database counters live in process, on PostgreSQL (DATABASE_URL) in the database.

describe('rate limits through GraphQL', () => {
  test('set, list and clear, each audited with what changed; quotas:write sets them, users:read reads them', async ({ gw }) => {
    const api = adminApi(gw);
    const user = await chatUser(gw);
    const set = await setRateLimit(gw, 'USER', user.id, 10);
    expect(set.setRateLimit).toEqual({ scope: 'USER', targetId: user.id, requestsPerMinute: 10, tokensPerMinute: null });
    await setRateLimit(gw, 'USER', user.id, 20, 5000);
    const listed = await api.must('query($t: ID) { rateLimits(targetId: $t) { scope requestsPerMinute tokensPerMinute user { email } role { name } } }', { t: user.id });
    expect(listed.rateLimits).toEqual([{ scope: 'USER', requestsPerMinute: 20, tokensPerMinute: 5000, user: { email: user.email }, role: null }]);
    expect((await api.must('mutation($t: ID!) { clearRateLimit(scope: USER, targetId: $t) }', { t: user.id })).clearRateLimit).toBe(true);
    expect((await api.must('mutation($t: ID!) { clearRateLimit(scope: USER, targetId: $t) }', { t: user.id })).clearRateLimit).toBe(false);
    expect((await api.must('query($t: ID) { rateLimits(targetId: $t) { scope } }', { t: user.id })).rateLimits).toEqual([]);

    const audit = await api.must('query($t: String) { auditLog(filter: { targetId: $t }, first: 10) { edges { node { action metadata user { email } } } } }', { t: user.id });
    const records = audit.auditLog.edges.map((e: any) => e.node).filter((n: any) => n.action.startsWith('ratelimit.')).reverse();
    expect(records.map((r: any) => [r.action, r.metadata])).toEqual([
      ['ratelimit.update', { scope: 'USER', changes: { requestsPerMinute: { from: null, to: 10 } } }],
      ['ratelimit.update', { scope: 'USER', changes: { requestsPerMinute: { from: 10, to: 20 }, tokensPerMinute: { from: null, to: 5000 } } }],
      ['ratelimit.clear', { scope: 'USER', changes: { requestsPerMinute: { from: 20, to: null }, tokensPerMinute: { from: 5000, to: null } } }],
    ]);
    expect(records[0].user.email).toBe('admin@test.local');

    // Who may: quotas:write sets; users:read (or quotas:write) reads; chat alone neither.
    const setter = await api.createRole('limit-setter', ['quotas:write']);
    const reader = await api.createRole('limit-reader', ['users:read']);
    const password = 'limits-password-123';
    await api.createUser('setter@limits.test', { password, roleIds: [setter] });
    await api.createUser('reader@limits.test', { password, roleIds: [reader] });
    const setterToken = await gw.login('setter@limits.test', password);
    const readerToken = await gw.login('reader@limits.test', password);
    const mutation = 'mutation($t: ID!) { setRateLimit(scope: ROLE, targetId: $t, requestsPerMinute: 100) { requestsPerMinute } }';
    expect((await gw.gql(mutation, { t: setter }, setterToken)).data.setRateLimit.requestsPerMinute).toBe(100);
    expect(codeOf(await gw.gql(mutation, { t: setter }, readerToken))).toBe('FORBIDDEN');
    expect((await gw.gql('{ rateLimits(scope: ROLE) { requestsPerMinute role { name } } }', {}, readerToken)).data.rateLimits).toEqual([{ requestsPerMinute: 100, role: { name: 'limit-setter' } }]);
    expect(codeOf(await gw.gql('{ rateLimits { scope } }', {}, user.key))).toBe('FORBIDDEN');
  });

  test('bad input is refused by field; a target that does not exist is NOT_FOUND', async ({ gw }) => {
    const user = await chatUser(gw);
    const set = (scope: string, t: string, r: unknown, k: unknown = null) =>
      gw.gql('mutation($s: RateLimitScope!, $t: ID!, $r: Int, $k: Long) { setRateLimit(scope: $s, targetId: $t, requestsPerMinute: $r, tokensPerMinute: $k) { scope } }', { s: scope, t, r, k }, gw.adminToken);
    const zero = await set('USER', user.id, 0);
    expect([codeOf(zero), zero.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', 'requestsPerMinute']);
    expect((await set('USER', user.id, null, -5)).errors![0].extensions!.field).toBe('tokensPerMinute');
    expect(codeOf(await set('USER', user.id, null, null))).toBe('BAD_USER_INPUT');
    expect(codeOf(await set('ROLE', user.id, 5))).toBe('NOT_FOUND');
    expect(codeOf(await set('API_KEY', 'not-a-uuid', 5))).toBe('BAD_USER_INPUT');
    expect(codeOf(await set('API_KEY', user.keyId, 5))).toBeUndefined();
  });
});

describe('rate limits on chats', () => {
  test("the strictest of the user's and their roles' limits applies; an API key's limit counts on top", async ({ gw }) => {
    await awayFromMinuteBoundary(5_000);
    const api = adminApi(gw);
    const role = await api.createRole('limited-chatters', ['chat']);
    const user = await chatUser(gw, [role]);
    await setRateLimit(gw, 'USER', user.id, 10);
    await setRateLimit(gw, 'ROLE', role, 5);
    await setRateLimit(gw, 'API_KEY', user.keyId, 3);
    const viaKey = [];
    for (let i = 0; i < 4; i++) viaKey.push(await chat(gw, user.key));
    expect(viaKey.map(codeOf)).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    expect(viaKey[3].errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'REQUESTS_PER_MINUTE', scope: 'API_KEY', targetId: user.keyId, perMinute: 3 });
    // The same user through another key: their own counter already has 3 of the role's 5.
    const session = await api.must('mutation($u: ID!) { createApiKey(userId: $u, name: "second key") { secret } }', { u: user.id });
    const viaOther = [];
    for (let i = 0; i < 3; i++) viaOther.push(await chat(gw, session.createApiKey.secret));
    expect(viaOther.map(codeOf)).toEqual([undefined, undefined, 'RATE_LIMITED']);
    const refused = viaOther[2].errors![0];
    expect(refused.extensions).toMatchObject({ limit: 'REQUESTS_PER_MINUTE', scope: 'ROLE', targetId: role, perMinute: 5 });
    expect(refused.extensions!.retryAfterMs).toBeGreaterThan(0);
    expect(refused.extensions!.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(refused.extensions!.retryAfterSeconds).toBe(Math.ceil((refused.extensions!.retryAfterMs as number) / 1000));
    expect(refused.message).toMatch(/your role's limit of 5 requests per minute; retry in/);
  });

  test("tokens per minute: the prompt's estimate at admission, the output at settlement", async ({ gw }) => {
    await awayFromMinuteBoundary(5_000);
    const user = await chatUser(gw);
    const prompt = 'count these tokens please';
    const estimate = estimatePromptTokens([{ role: 'user', content: prompt }]);
    const first = await chat(gw, user.key, prompt);
    const output = first.data.chat.usage.outputTokens as number;
    expect(output).toBeGreaterThan(0);
    // Room for two prompts and the first one's output, not for a third prompt after the second's output.
    await setRateLimit(gw, 'USER', user.id, null, 2 * estimate + output + 1);
    const second = await chat(gw, user.key, prompt);
    expect(codeOf(second)).toBeUndefined();
    await gw.gateway.app.rateLimits.idle();
    const third = await chat(gw, user.key, prompt);
    expect(codeOf(third)).toBeUndefined();
    await gw.gateway.app.rateLimits.idle();
    const fourth = await chat(gw, user.key, prompt);
    expect(fourth.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'TOKENS_PER_MINUTE', scope: 'USER', perMinute: 2 * estimate + output + 1 });
    // A prompt larger than the limit by itself can never pass: said so, without a retry time.
    const huge = await chat(gw, user.key, 'word '.repeat(2000));
    expect(huge.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'TOKENS_PER_MINUTE', requestTooLarge: true });
    expect(huge.errors![0].extensions!.retryAfterMs).toBeUndefined();
  });

  test("REST answers OpenAI's x-ratelimit-* headers on success, and 429 with retry-after on a refusal", async ({ gw }) => {
    await awayFromMinuteBoundary(5_000);
    const user = await chatUser(gw);
    await setRateLimit(gw, 'USER', user.id, 2, 100_000);
    const first = await restChat(gw, user.key);
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '1', 'x-ratelimit-limit-tokens': '100000' });
    expect(Number(first.headers['x-ratelimit-remaining-tokens'])).toBeLessThan(100_000);
    expect(first.headers['x-ratelimit-reset-requests']).toMatch(/^(\d+m)?\d+(\.\d)?s$/);
    expect((await restChat(gw, user.key)).headers['x-ratelimit-remaining-requests']).toBe('0');
    const refused = await restChat(gw, user.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', limit: 'REQUESTS_PER_MINUTE', scope: 'USER', perMinute: 2 });
    expect(Number(refused.headers['retry-after'])).toBe(Math.ceil(refused.body.error.retryAfterMs / 1000));
    expect(refused.headers['retry-after-ms']).toBe(String(refused.body.error.retryAfterMs));
    expect(refused.headers).toMatchObject({ 'x-ratelimit-limit-requests': '2', 'x-ratelimit-remaining-requests': '0' });
    // A user under no limit gets no such headers.
    const free = await chatUser(gw);
    const unlimited = await restChat(gw, free.key);
    expect(unlimited.status).toBe(200);
    expect(Object.keys(unlimited.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
  });
});
