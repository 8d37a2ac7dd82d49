import type { Pool } from 'pg';
import { assertRange, type ExecutiveRange } from './executive.service.ts';
import { badInput } from '../../errors.ts';
import { hourlyTrend, roleTrend, trendBuckets, userTrendSeries, userTrendTotals, type ChatSums, type TrendRow } from './executive.store.ts';

export const TREND_GRANULARITIES = ['DAY', 'WEEK', 'MONTH'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];
export const TREND_DIMENSIONS = ['MODEL', 'USER', 'ROLE', 'PROVIDER'] as const;
export type TrendDimension = (typeof TREND_DIMENSIONS)[number];

export interface TrendPoint {
  /** Start of the bucket (midnight in the configured time zone). */
  bucket: Date;
  /** Model, user id, role id or provider; null for the sum of every key outside the top ones. */
  key: string | null;
  label: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

export const DEFAULT_TREND_KEYS = 10;
const MAX_TREND_KEYS = 50;
const OTHER_LABEL = 'Other';

type Sums = ChatSums;
type Row = TrendRow;

const tokens = (s: Sums) => s.inputTokens + s.outputTokens;
const zero = (): Sums => ({ inputTokens: 0, outputTokens: 0, requests: 0, errors: 0 });
const add = (a: Sums, b: Sums, sign = 1) => {
  a.inputTokens += sign * b.inputTokens;
  a.outputTokens += sign * b.outputTokens;
  a.requests += sign * b.requests;
  a.errors += sign * b.errors;
};

/** The `limit` keys with the most tokens, most first (ties by key). */
function topKeys(totals: Map<string, Sums>, limit: number): string[] {
  return [...totals.entries()]
    .sort(([ka, a], [kb, b]) => tokens(b) - tokens(a) || (ka < kb ? -1 : 1))
    .slice(0, limit)
    .map(([k]) => k);
}

/** Points ordered by bucket, then by the keys' rank, with "Other" last. */
function assemble(series: Row[], keys: string[], labels: Map<string, string>, other: Map<number, Sums & { bucket: Date }> | null): TrendPoint[] {
  const rank = new Map(keys.map((k, i) => [k, i]));
  const points: TrendPoint[] = series
    .filter((r) => rank.has(r.key))
    .map((r) => ({ ...r, label: labels.get(r.key) ?? r.key }));
  for (const o of other?.values() ?? []) {
    if (o.requests !== 0 || tokens(o) !== 0) points.push({ ...o, key: null, label: OTHER_LABEL });
  }
  const order = (p: TrendPoint) => (p.key === null ? keys.length : rank.get(p.key)!);
  return points.sort((a, b) => a.bucket.getTime() - b.bucket.getTime() || order(a) - order(b));
}

function otherByBucket(bucketTotals: Row[] | Map<number, Sums & { bucket: Date }>, series: Row[], keys: Set<string>) {
  const other = new Map<number, Sums & { bucket: Date }>();
  if (bucketTotals instanceof Map) for (const [t, s] of bucketTotals) other.set(t, { ...s });
  else for (const r of bucketTotals) other.set(r.bucket.getTime(), { ...zero(), bucket: r.bucket, ...pick(r) });
  for (const r of series) {
    if (!keys.has(r.key)) continue;
    add(other.get(r.bucket.getTime())!, r, -1);
  }
  return other;
}
const pick = (r: Sums): Sums => ({ inputTokens: r.inputTokens, outputTokens: r.outputTokens, requests: r.requests, errors: r.errors });

/**
 * Usage per bucket and key over the whole buckets that overlap [from, to):
 * the `limit` keys with the most tokens in the range, plus one "Other" series
 * (key null) for the rest. ROLE attributes a user's usage to every role they
 * hold now (so roles can add up to more than the total; users without roles
 * are left out), and has no "Other" series.
 */
export async function executiveTrends(
  pool: Pool,
  range: ExecutiveRange,
  granularity: TrendGranularity,
  by: TrendDimension,
  timezone: string,
  limit = DEFAULT_TREND_KEYS,
): Promise<TrendPoint[]> {
  assertRange(range);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TREND_KEYS) throw badInput(`limit must be between 1 and ${MAX_TREND_KEYS}`, 'limit');
  const buckets = await trendBuckets(pool, range, granularity.toLowerCase(), timezone);

  if (by === 'MODEL' || by === 'PROVIDER') {
    const series = await hourlyTrend(pool, by === 'MODEL' ? 'model' : 'provider', buckets);
    const totals = new Map<string, Sums>();
    const perBucket = new Map<number, Sums & { bucket: Date }>();
    for (const r of series) {
      if (!totals.has(r.key)) totals.set(r.key, zero());
      add(totals.get(r.key)!, r);
      if (!perBucket.has(r.bucket.getTime())) perBucket.set(r.bucket.getTime(), { ...zero(), bucket: r.bucket });
      add(perBucket.get(r.bucket.getTime())!, r);
    }
    const keys = topKeys(totals, limit);
    const labels = new Map(keys.map((k) => [k, k === '' ? '(no provider reached)' : k]));
    const other = keys.length < totals.size ? otherByBucket(perBucket, series, new Set(keys)) : null;
    return assemble(series, keys, labels, other);
  }

  if (by === 'ROLE') {
    const series = await roleTrend(pool, buckets);
    const labels = new Map(series.map((r) => [r.key, r.label]));
    const totals = new Map<string, Sums>();
    for (const r of series) {
      if (!totals.has(r.key)) totals.set(r.key, zero());
      add(totals.get(r.key)!, r);
    }
    return assemble(series, topKeys(totals, limit), labels, null);
  }

  const { perUser: totals, perBucket: bucketTotals } = await userTrendTotals(pool, buckets);
  const keys = topKeys(totals, limit);
  const series = await userTrendSeries(pool, buckets, keys);
  // A deleted user has no e-mail left: the label falls back to the id.
  const labels = new Map(series.filter((r) => r.email !== null).map((r) => [r.key, r.email!]));
  const other = keys.length < totals.size ? otherByBucket(bucketTotals, series, new Set(keys)) : null;
  return assemble(series, keys, labels, other);
}
