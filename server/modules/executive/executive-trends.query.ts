import type { Pool } from 'pg';
import { assertRange, type ExecutiveRange } from './executive.query.ts';
import { badInput } from '../../errors.ts';

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

type Sums = Omit<TrendPoint, 'bucket' | 'key' | 'label'>;
interface Row extends Sums {
  bucket: Date;
  key: string;
}

// Whole buckets that overlap [from, to), in the time zone: [lo, hi), and the same as dates.
const BOUNDS_SQL = `select lo, hi, to_char(lo at time zone $3, 'YYYY-MM-DD') as lo_day, to_char(hi at time zone $3, 'YYYY-MM-DD') as hi_day from (select
  date_trunc($4, $1::timestamptz, $3) as lo,
  ((date_trunc($4, $2::timestamptz - interval '1 microsecond', $3) at time zone $3) + ('1 ' || $4)::interval) at time zone $3 as hi) b`;

const SUMS = 'sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(requests) as requests, sum(errors) as errors';

const HOURLY_SQL = (column: 'model' | 'provider') => `select date_trunc($3, hour, $4) as bucket, ${column} as key, ${SUMS}
  from chat_rollup_hourly where hour >= $1 and hour < $2 group by 1, 2`;

// One pass gives both the ranking (per user) and the totals (per day, then per bucket), from which "Other" follows.
// Grouping by the plain day first keeps the per-row work small; days become buckets on the few grouped rows.
const USER_RANK_SQL = `with g as (
    select grouping(user_id) as gu, user_id, day, ${SUMS}
    from chat_rollup_user_daily where day >= $1::date and day < $2::date group by grouping sets ((user_id), (day)))
  select gu, user_id, null::timestamptz as bucket, input_tokens, output_tokens, requests, errors from g where gu = 0
  union all
  select 1, null, date_trunc($3, day::timestamp) at time zone $4, ${SUMS} from g where gu = 1 group by 3`;

const USER_SERIES_SQL = `select date_trunc($3, day::timestamp) at time zone $4 as bucket, user_id as key, ${SUMS} from (
    select day, user_id, input_tokens, output_tokens, requests, errors
    from chat_rollup_user_daily where user_id = any($5::uuid[]) and day >= $1::date and day < $2::date) d group by 1, 2`;

const ROLE_SQL = `with g as (
    select d.day, ur.role_id, sum(d.input_tokens) as input_tokens, sum(d.output_tokens) as output_tokens, sum(d.requests) as requests, sum(d.errors) as errors
    from chat_rollup_user_daily d join user_role ur on ur.user_id = d.user_id
    where d.day >= $1::date and d.day < $2::date group by d.day, ur.role_id)
  select date_trunc($3, g.day::timestamp) at time zone $4 as bucket, g.role_id::text as key, min(r.name) as label, ${SUMS}
  from g join role r on r.id = g.role_id group by 1, 2`;

const toRow = (r: Record<string, unknown>): Row => ({
  bucket: r.bucket as Date,
  key: String(r.key),
  inputTokens: Number(r.input_tokens ?? 0),
  outputTokens: Number(r.output_tokens ?? 0),
  requests: Number(r.requests ?? 0),
  errors: Number(r.errors ?? 0),
});
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
  const unit = granularity.toLowerCase();
  const { rows } = await pool.query(BOUNDS_SQL, [range.from, range.to, timezone, unit]);
  const { lo, hi, lo_day: loDay, hi_day: hiDay } = rows[0] as { lo: Date; hi: Date; lo_day: string; hi_day: string };

  if (by === 'MODEL' || by === 'PROVIDER') {
    const series = (await pool.query(HOURLY_SQL(by === 'MODEL' ? 'model' : 'provider'), [lo, hi, unit, timezone])).rows.map(toRow);
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
    const result = await pool.query(ROLE_SQL, [loDay, hiDay, unit, timezone]);
    const series = result.rows.map(toRow);
    const labels = new Map(result.rows.map((r) => [String(r.key), String(r.label)]));
    const totals = new Map<string, Sums>();
    for (const r of series) {
      if (!totals.has(r.key)) totals.set(r.key, zero());
      add(totals.get(r.key)!, r);
    }
    return assemble(series, topKeys(totals, limit), labels, null);
  }

  const ranked = (await pool.query(USER_RANK_SQL, [loDay, hiDay, unit, timezone])).rows;
  const totals = new Map<string, Sums>(ranked.filter((r) => r.gu === 0).map((r) => [String(r.user_id), toRow({ ...r, key: r.user_id })]));
  const bucketTotals = ranked.filter((r) => r.gu === 1).map((r) => toRow({ ...r, key: '' }));
  const keys = topKeys(totals, limit);
  const [seriesResult, users] = await Promise.all([
    pool.query(USER_SERIES_SQL, [loDay, hiDay, unit, timezone, keys]),
    pool.query('select id::text as id, email from app_user where id = any($1::uuid[])', [keys]),
  ]);
  const series = seriesResult.rows.map(toRow);
  const labels = new Map(users.rows.map((u) => [String(u.id), String(u.email)]));
  const other = keys.length < totals.size ? otherByBucket(bucketTotals, series, new Set(keys)) : null;
  return assemble(series, keys, labels, other);
}
