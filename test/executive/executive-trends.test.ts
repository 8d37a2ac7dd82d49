import { describe, expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { startTestGateway, test } from '../fixtures/gateway.ts';
import { insertChats, makeChats, sumBy, top, type ChatRow, type Totals } from './dataset.ts';

const TRENDS = `query($r: ExecutiveRange!, $g: ExecutiveTrendGranularity!, $b: ExecutiveTrendDimension!, $l: Int) {
  executiveTrends(range: $r, granularity: $g, by: $b, limit: $l) { bucket key label inputTokens outputTokens requests errors } }`;

type Point = Totals & { bucket: string; key: string | null; label: string };

// Bucket starts in UTC (the test gateway's time zone): days, weeks from Monday, months.
const bucketOf = {
  DAY: (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
  WEEK: (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7))),
  MONTH: (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
};

/** The series the gateway must answer, from the raw chats: top keys by tokens, then one "Other" per bucket. */
function expectedSeries(rows: ChatRow[], granularity: keyof typeof bucketOf, keyOf: (r: ChatRow) => string, limit: number) {
  const keys = top(sumBy(rows, keyOf), limit).map(([k]) => k);
  const points = new Map<string, Totals & { bucket: string; key: string | null }>();
  for (const r of rows) {
    const bucket = bucketOf[granularity](r.at).toISOString();
    const key = keys.includes(keyOf(r)) ? keyOf(r) : null;
    const id = `${bucket}|${key}`;
    const p = points.get(id) ?? { bucket, key, inputTokens: 0, outputTokens: 0, requests: 0, errors: 0 };
    p.inputTokens += r.inputTokens;
    p.outputTokens += r.outputTokens;
    p.requests += 1;
    p.errors += r.outcome !== 'ok' ? 1 : 0;
    points.set(id, p);
  }
  const rank = (k: string | null) => (k === null ? keys.length : keys.indexOf(k));
  return [...points.values()].sort((a, b) => a.bucket.localeCompare(b.bucket) || rank(a.key) - rank(b.key));
}

const strip = (points: Point[]) => points.map(({ label: _l, ...p }) => p);

describe('executive trends', () => {
  let rows: ChatRow[] = [];
  let users: string[] = [];
  let roles: Record<'eng' | 'sales', string>;
  const from = new Date('2025-01-01T00:00:00Z');
  const to = new Date('2025-04-01T00:00:00Z');

  test('arrange: eight users in two roles (one in both), 4,000 chats over three months', async ({ gw }) => {
    const api = adminApi(gw);
    roles = { eng: await api.createRole('engineering', ['chat']), sales: await api.createRole('sales', ['chat']) };
    users = [];
    for (let i = 0; i < 8; i++) {
      const roleIds = i === 0 ? [roles.eng, roles.sales] : i < 4 ? [roles.eng] : i < 7 ? [roles.sales] : [];
      users.push(await api.createUser(`trend-${i}@trends.test`, { roleIds }));
    }
    rows = makeChats(users, from, 90, 4000, 3);
    await insertChats(gw.gateway.app.sql.durable, rows);
  });

  for (const granularity of ['DAY', 'WEEK', 'MONTH'] as const) {
    test(`by model, per ${granularity.toLowerCase()}`, async ({ gw }) => {
      const result = await gw.gql(TRENDS, { r: { from, to }, g: granularity, b: 'MODEL' }, gw.adminToken);
      expect(result.errors).toBeUndefined();
      // Whole buckets overlapping the range: the first week starts on the Monday before January 1st.
      const inBuckets = rows.filter((r) => bucketOf[granularity](r.at) >= bucketOf[granularity](from));
      expect(strip(result.data.executiveTrends)).toEqual(expectedSeries(inBuckets, granularity, (r) => r.model, 10));
      expect(result.data.executiveTrends.every((p: Point) => p.label === p.key)).toBe(true);
    });
  }

  test('by provider per week, "(no provider reached)" for chats that reached none', async ({ gw }) => {
    const result = await gw.gql(TRENDS, { r: { from, to }, g: 'WEEK', b: 'PROVIDER' }, gw.adminToken);
    expect(strip(result.data.executiveTrends)).toEqual(expectedSeries(rows, 'WEEK', (r) => r.provider ?? '', 10));
    expect(result.data.executiveTrends.find((p: Point) => p.key === '')?.label).toBe('(no provider reached)');
  });

  test('by user: the top users by tokens plus "Other", which adds up to the total', async ({ gw }) => {
    const result = await gw.gql(TRENDS, { r: { from, to }, g: 'DAY', b: 'USER', l: 3 }, gw.adminToken);
    expect(result.errors).toBeUndefined();
    const points = result.data.executiveTrends as Point[];
    expect(strip(points)).toEqual(expectedSeries(rows, 'DAY', (r) => r.userId, 3));
    expect(new Set(points.map((p) => p.key)).size).toBe(4);
    expect(points.filter((p) => p.key).every((p) => p.label.endsWith('@trends.test'))).toBe(true);
    expect(points.filter((p) => p.key === null).every((p) => p.label === 'Other')).toBe(true);
    expect(points.reduce((a, p) => a + p.requests, 0)).toBe(rows.length);
  });

  test('by user, per month, over a range narrower than the data', async ({ gw }) => {
    const r = { from: new Date('2025-02-10T00:00:00Z'), to: new Date('2025-03-05T00:00:00Z') };
    const result = await gw.gql(TRENDS, { r, g: 'MONTH', b: 'USER' }, gw.adminToken);
    const inBuckets = rows.filter((c) => c.at >= new Date('2025-02-01T00:00:00Z') && c.at < new Date('2025-04-01T00:00:00Z'));
    expect(strip(result.data.executiveTrends)).toEqual(expectedSeries(inBuckets, 'MONTH', (c) => c.userId, 10));
  });

  test('by role: each role its users hold now; a user in two roles counts in both, a user without roles in none', async ({ gw }) => {
    const result = await gw.gql(TRENDS, { r: { from, to }, g: 'MONTH', b: 'ROLE' }, gw.adminToken);
    expect(result.errors).toBeUndefined();
    const points = result.data.executiveTrends as Point[];
    const rolesOf = (userId: string) => {
      const i = users.indexOf(userId);
      return i === 0 ? ['eng', 'sales'] : i < 4 ? ['eng'] : i < 7 ? ['sales'] : [];
    };
    for (const role of ['eng', 'sales'] as const) {
      const mine = rows.filter((r) => rolesOf(r.userId).includes(role));
      const want = expectedSeries(mine, 'MONTH', () => roles[role], 1);
      expect(strip(points.filter((p) => p.key === roles[role]))).toEqual(want);
    }
    expect(new Set(points.map((p) => p.label))).toEqual(new Set(['engineering', 'sales']));
  });

  test('limit is checked', async ({ gw }) => {
    const result = await gw.gql(TRENDS, { r: { from, to }, g: 'DAY', b: 'MODEL', l: 0 }, gw.adminToken);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('executive trends in a time zone other than UTC', () => {
  test('days start at midnight in the configured zone', async () => {
    const gw = await startTestGateway({ timezone: 'Asia/Shanghai' });
    try {
      const user = await adminApi(gw).createUser('tz@trends.test');
      // 23:30 UTC on January 1st is 07:30 on January 2nd in Shanghai.
      const rows = makeChats([user], new Date('2025-01-01T23:30:00Z'), 0.01, 5, 11).map((r) => ({ ...r, at: new Date('2025-01-01T23:30:00Z') }));
      await insertChats(gw.gateway.app.sql.durable, rows);
      for (const by of ['MODEL', 'USER']) {
        const result = await gw.gql(TRENDS, { r: { from: '2025-01-01T00:00:00Z', to: '2025-01-03T00:00:00Z' }, g: 'DAY', b: by }, gw.adminToken);
        expect(result.errors).toBeUndefined();
        expect(new Set(result.data.executiveTrends.map((p: Point) => p.bucket))).toEqual(new Set(['2025-01-01T16:00:00.000Z']));
        expect(result.data.executiveTrends.reduce((a: number, p: Point) => a + p.requests, 0)).toBe(5);
      }
    } finally {
      await gw.close();
    }
  });
});
