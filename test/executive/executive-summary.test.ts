import { describe, expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { test } from '../fixtures/gateway.ts';
import { exactPercentile, fellBack, insertChats, isError, makeChats, sumBy, top, type ChatRow } from './dataset.ts';

const SUMMARY = `query($r: ExecutiveRange!) { executiveSummary(range: $r) {
  inputTokens outputTokens requests errors fallbacks errorRate fallbackRate activeUsers latencyP50Ms latencyP95Ms
  topUsers { userId email inputTokens outputTokens requests errors }
  topModels { key inputTokens outputTokens requests errors }
  topProviders { key inputTokens outputTokens requests errors }
  dlpEvents { detector action events hits } } }`;

const START = new Date('2025-03-01T00:00:00Z');

/** What the summary must say, computed from the raw chats alone. */
function expected(rows: ChatRow[], from: Date, to: Date) {
  const inRange = rows.filter((r) => r.at >= from && r.at < to);
  const requests = inRange.length;
  const errors = inRange.filter(isError).length;
  const fallbacks = inRange.filter(fellBack).length;
  const asKeyUsage = ([key, t]: [string, ReturnType<typeof sumBy> extends Map<string, infer T> ? T : never]) => ({ key, ...t });
  return {
    inputTokens: inRange.reduce((a, r) => a + r.inputTokens, 0),
    outputTokens: inRange.reduce((a, r) => a + r.outputTokens, 0),
    requests,
    errors,
    fallbacks,
    errorRate: requests ? errors / requests : 0,
    fallbackRate: requests ? fallbacks / requests : 0,
    activeUsers: new Set(inRange.map((r) => r.userId)).size,
    topUsers: top(sumBy(inRange, (r) => r.userId), 5).map(([userId, t]) => ({ userId, ...t })),
    topModels: top(sumBy(inRange, (r) => r.model), 5).map(asKeyUsage),
    topProviders: top(sumBy(inRange.filter((r) => r.provider), (r) => r.provider!), 5).map(asKeyUsage),
    p50: exactPercentile(inRange.map((r) => r.latencyMs), 0.5),
    p95: exactPercentile(inRange.map((r) => r.latencyMs), 0.95),
  };
}

function expectSummary(actual: any, want: ReturnType<typeof expected>) {
  const { p50, p95, ...exact } = want;
  expect({ ...actual, topUsers: actual.topUsers.map(({ email: _e, ...u }: any) => u), latencyP50Ms: undefined, latencyP95Ms: undefined, dlpEvents: undefined }).toEqual({
    ...exact,
    latencyP50Ms: undefined,
    latencyP95Ms: undefined,
    dlpEvents: undefined,
  });
  // The histogram reports a bucket's geometric middle: within 10% (and 1 ms for the smallest latencies).
  expect(Math.abs(actual.latencyP50Ms - p50)).toBeLessThanOrEqual(Math.max(1, 0.1 * p50));
  expect(Math.abs(actual.latencyP95Ms - p95)).toBeLessThanOrEqual(Math.max(1, 0.1 * p95));
}

describe('executive summary', () => {
  let users: string[] = [];
  let rows: ChatRow[] = [];

  test('arrange: six users, 3,000 chats over ten days, DLP events', async ({ gw }) => {
    const api = adminApi(gw);
    users = [];
    for (let i = 0; i < 6; i++) users.push(await api.createUser(`exec-${i}@summary.test`));
    rows = makeChats(users, START, 10, 3000);
    await insertChats(gw.gateway.app.sql.durable, rows);
    await gw.gateway.app.sql.durable.query(
      `insert into dlp_event (at, user_id, detector, kind, action, count) values
       ('2025-03-02T10:00:00Z', $1, 'email', null, 'LOG', 2), ('2025-03-02T11:00:00Z', $1, 'email', null, 'LOG', 1),
       ('2025-03-03T10:00:00Z', $2, 'secret', 'aws', 'BLOCK', 1), ('2025-04-01T10:00:00Z', $2, 'secret', 'aws', 'BLOCK', 1)`,
      [users[0], users[1]],
    );
  });

  test('over whole days it equals what the raw records say', async ({ gw }) => {
    const from = new Date('2025-03-02T00:00:00Z');
    const to = new Date('2025-03-09T00:00:00Z');
    const result = await gw.gql(SUMMARY, { r: { from, to } }, gw.adminToken);
    expect(result.errors).toBeUndefined();
    expectSummary(result.data.executiveSummary, expected(rows, from, to));
    expect(result.data.executiveSummary.dlpEvents).toEqual([
      { detector: 'email', action: 'LOG', events: 2, hits: 3 },
      { detector: 'secret', action: 'BLOCK', events: 1, hits: 1 },
    ]);
    expect(result.data.executiveSummary.topUsers[0].email).toMatch(/@summary\.test$/);
  });

  test('ranges that cut through hours and days are exact too (the partial ends come from the records)', async ({ gw }) => {
    for (const [from, to] of [
      ['2025-03-01T05:17:13.250Z', '2025-03-07T14:43:10Z'],
      ['2025-03-04T10:05:00Z', '2025-03-04T10:55:00Z'],
      ['2025-03-04T10:05:00Z', '2025-03-04T19:55:00Z'],
      ['2025-02-27T00:00:00Z', '2025-03-20T00:00:00Z'],
    ].map(([f, t]) => [new Date(f), new Date(t)])) {
      const result = await gw.gql(SUMMARY, { r: { from, to } }, gw.adminToken);
      expect(result.errors).toBeUndefined();
      expectSummary(result.data.executiveSummary, expected(rows, from, to));
    }
  });

  test('chats recorded after a summary show up in the next one (the rollup catches up on demand)', async ({ gw }) => {
    const from = new Date('2025-03-01T00:00:00Z');
    const to = new Date('2025-03-15T00:00:00Z');
    const more = makeChats(users, new Date('2025-03-05T00:00:00Z'), 3, 500, 99);
    await insertChats(gw.gateway.app.sql.durable, more);
    rows = [...rows, ...more];
    const result = await gw.gql(SUMMARY, { r: { from, to } }, gw.adminToken);
    expectSummary(result.data.executiveSummary, expected(rows, from, to));
  });

  test('an empty range answers zeros and no percentiles', async ({ gw }) => {
    const result = await gw.gql(SUMMARY, { r: { from: '2024-01-01T00:00:00Z', to: '2024-01-02T00:00:00Z' } }, gw.adminToken);
    expect(result.data.executiveSummary).toMatchObject({ requests: 0, errorRate: 0, activeUsers: 0, latencyP50Ms: null, topUsers: [], topModels: [], dlpEvents: [] });
  });

  test('a chat through the gateway counts, with its provider and user', async ({ gw }) => {
    const from = new Date(Date.now() - 60_000);
    const chat = await gw.gql('mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "hello there" }] }) { provider usage { inputTokens outputTokens } } }', {}, gw.adminToken);
    expect(chat.errors).toBeUndefined();
    const result = await gw.gql(SUMMARY, { r: { from, to: new Date(Date.now() + 60_000) } }, gw.adminToken);
    const s = result.data.executiveSummary;
    expect(s).toMatchObject({ requests: 1, errors: 0, fallbacks: 0, activeUsers: 1 });
    expect(s.inputTokens).toBe(chat.data.chat.usage.inputTokens);
    expect(s.topProviders.map((p: any) => p.key)).toEqual([chat.data.chat.provider]);
    expect(s.topModels.map((p: any) => p.key)).toEqual(['mock-small']);
  });

  test('bad ranges are refused', async ({ gw }) => {
    const backwards = await gw.gql(SUMMARY, { r: { from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z' } }, gw.adminToken);
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooLong = await gw.gql(SUMMARY, { r: { from: '2020-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' } }, gw.adminToken);
    expect(tooLong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
