import type { Pool } from 'pg';
import { badInput } from '../../errors.ts';
import { histogramPercentile } from './latency-histogram.ts';

export interface ExecutiveRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface KeyUsage {
  key: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

export interface UserUsage {
  userId: string;
  email: string | null;
  name: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

export interface DlpCount {
  detector: string;
  action: string;
  /** DLP events (one per detector and prompt). */
  events: number;
  /** Matches summed over those events. */
  hits: number;
}

export interface ExecutiveSummary extends ExecutiveRange {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
  fallbacks: number;
  activeUsers: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  topUsers: UserUsage[];
  topModels: KeyUsage[];
  topProviders: KeyUsage[];
  dlpEvents: DlpCount[];
}

const TOP = 5;
const MAX_RANGE_MS = 2 * 366 * 86_400_000;

export function assertRange(range: ExecutiveRange): void {
  if (!(range.from < range.to)) throw badInput('from must be before to', 'from');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_MS) throw badInput('The range may span at most two years', 'to');
}

interface Bounds {
  /** Whole UTC hours [hf, ht) come from the hourly rollups; the rest of [from, to) from the audit records. */
  hf: Date;
  ht: Date;
  /** Whole days [df, dt) in the time zone come from the per-user rollup (as dates: [dfDay, dtDay)). */
  df: Date;
  dt: Date;
  dfDay: string;
  dtDay: string;
}

const BOUNDS_SQL = `select hf, ht, df, dt, to_char(df at time zone $3, 'YYYY-MM-DD') as df_day, to_char(dt at time zone $3, 'YYYY-MM-DD') as dt_day from (select
  date_trunc('hour', $1::timestamptz - interval '1 microsecond', 'UTC') + interval '1 hour' as hf,
  date_trunc('hour', $2::timestamptz, 'UTC') as ht,
  ((date_trunc('day', $1::timestamptz - interval '1 microsecond', $3) at time zone $3) + interval '1 day') at time zone $3 as df,
  date_trunc('day', $2::timestamptz, $3) as dt) b`;

async function bounds(pool: Pool, range: ExecutiveRange, timezone: string): Promise<Bounds> {
  const { rows } = await pool.query(BOUNDS_SQL, [range.from, range.to, timezone]);
  const r = rows[0] as { hf: Date; ht: Date; df: Date; dt: Date; df_day: string; dt_day: string };
  // A range inside one hour (or day) has no whole one: everything comes from the records.
  const hours = r.hf < r.ht ? { hf: r.hf, ht: r.ht } : { hf: range.to, ht: range.to };
  const days = r.df < r.dt ? { df: r.df, dt: r.dt, dfDay: r.df_day, dtDay: r.dt_day } : { df: range.to, dt: range.to, dfDay: r.dt_day, dtDay: r.dt_day };
  return { ...hours, ...days };
}

// The raw records outside the whole hours: [from, edge1) and [edge2, to).
const RAW_CHATS = (edge1: string, edge2: string) =>
  `from audit_record where action = 'chat' and ((at >= $1 and at < ${edge1}) or (at >= ${edge2} and at < $2))`;

const TOTALS_SQL = `with src as (
    select model, provider, requests, errors, fallbacks, input_tokens, output_tokens from chat_rollup_hourly where hour >= $3 and hour < $4
    union all
    select coalesce(model, ''), coalesce(provider, ''), 1, chat_is_error(metadata)::int, chat_fell_back(provider, metadata)::int,
      coalesce(input_tokens, 0), coalesce(output_tokens, 0) ${RAW_CHATS('$3', '$4')}
  )
  select grouping(model) as gm, grouping(provider) as gp, model, provider, sum(requests) as requests, sum(errors) as errors,
    sum(fallbacks) as fallbacks, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens
  from src group by grouping sets ((), (model), (provider))`;

const LATENCY_SQL = `select bucket, sum(chats) as chats from (
    select bucket, chats from chat_latency_hourly where hour >= $3 and hour < $4
    union all
    select chat_latency_bucket(latency_ms), 1 ${RAW_CHATS('$3', '$4')}
  ) s group by bucket`;

const USERS_SQL = `with src as (
    select user_id, requests, errors, input_tokens, output_tokens from chat_rollup_user_daily where day >= $5::date and day < $6::date
    union all
    select user_id, 1, chat_is_error(metadata)::int, coalesce(input_tokens, 0), coalesce(output_tokens, 0) ${RAW_CHATS('$3', '$4')} and user_id is not null
  ), per_user as (
    select user_id, sum(requests) as requests, sum(errors) as errors, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens
    from src group by user_id
  ), top as (
    select * from per_user order by input_tokens + output_tokens desc, user_id limit ${TOP}
  )
  select (select count(*) from per_user) as active, t.*, u.email, u.name
  from (select 1) one left join top t on true left join app_user u on u.id = t.user_id
  order by t.input_tokens + t.output_tokens desc, t.user_id`;

const DLP_SQL = `select detector, action, count(*) as events, sum(count) as hits from dlp_event
  where at >= $1 and at < $2 group by detector, action order by detector, action`;

const num = (v: unknown) => Number(v ?? 0);
const keyUsage = (key: string, r: Record<string, unknown>): KeyUsage => ({
  key,
  inputTokens: num(r.input_tokens),
  outputTokens: num(r.output_tokens),
  requests: num(r.requests),
  errors: num(r.errors),
});
const byTokens = (a: KeyUsage, b: KeyUsage) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || (a.key < b.key ? -1 : 1);

/**
 * Usage, reliability, latency and DLP figures over [from, to): whole hours
 * (and, for users, whole days in the time zone) from the rollups, the partial
 * ones at either end straight from the audit records, so the figures are exact
 * for any range; only percentiles are approximate (the histogram's resolution).
 */
export async function executiveSummary(pool: Pool, range: ExecutiveRange, timezone: string): Promise<ExecutiveSummary> {
  assertRange(range);
  const b = await bounds(pool, range, timezone);
  const hourParams = [range.from, range.to, b.hf, b.ht];
  const [totals, latency, users, dlp] = await Promise.all([
    pool.query(TOTALS_SQL, hourParams),
    pool.query(LATENCY_SQL, hourParams),
    pool.query(USERS_SQL, [range.from, range.to, b.df, b.dt, b.dfDay, b.dtDay]),
    pool.query(DLP_SQL, [range.from, range.to]),
  ]);
  const all = totals.rows.find((r) => r.gm === 1 && r.gp === 1) ?? {};
  const models = totals.rows.filter((r) => r.gm === 0 && r.model !== null).map((r) => keyUsage(r.model, r));
  const providers = totals.rows.filter((r) => r.gp === 0 && r.provider !== null && r.provider !== '').map((r) => keyUsage(r.provider, r));
  const histogram = new Map<number, number>(latency.rows.map((r) => [Number(r.bucket), Number(r.chats)]));
  return {
    ...range,
    inputTokens: num(all.input_tokens),
    outputTokens: num(all.output_tokens),
    requests: num(all.requests),
    errors: num(all.errors),
    fallbacks: num(all.fallbacks),
    activeUsers: num(users.rows[0]?.active),
    latencyP50Ms: histogramPercentile(histogram, 0.5),
    latencyP95Ms: histogramPercentile(histogram, 0.95),
    topUsers: users.rows
      .filter((r) => r.user_id)
      .map((r) => ({
        userId: r.user_id,
        email: r.email ?? null,
        name: r.name ?? null,
        inputTokens: num(r.input_tokens),
        outputTokens: num(r.output_tokens),
        requests: num(r.requests),
        errors: num(r.errors),
      })),
    topModels: models.sort(byTokens).slice(0, TOP),
    topProviders: providers.sort(byTokens).slice(0, TOP),
    dlpEvents: dlp.rows.map((r) => ({ detector: r.detector, action: r.action, events: num(r.events), hits: num(r.hits) })),
  };
}
