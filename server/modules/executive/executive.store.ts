import type { Pool } from 'pg';

/**
 * The executive view's SQL: its rollups (chat_rollup_hourly, chat_latency_hourly,
 * chat_rollup_user_daily, kept by server/db/functions/chat_rollup_extend.sql),
 * read together with the audit records the rollups have not reached.
 */

/**
 * Folds up to `maxRows` sealed audit records into the rollups; returns how many
 * it consumed (0 when another instance is rolling up and `wait` is false).
 */
export async function extendChatRollups(pool: Pool, o: { maxRows: number; timezone: string; wait: boolean }): Promise<number> {
  const { rows } = await pool.query<{ n: number }>({ name: 'chat-rollup', text: 'select chat_rollup_extend($1, $2, $3) as n', values: [o.maxRows, o.timezone, o.wait] });
  return rows[0].n;
}

/** Token and request sums. */
export interface ChatSums {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
}

export interface KeyUsage extends ChatSums {
  key: string;
}

export interface UserUsage extends ChatSums {
  userId: string;
  email: string | null;
  name: string | null;
}

/** A time range: whole UTC hours [hoursFrom, hoursTo) of it come from the hourly rollups, the rest from the audit records. */
export interface RollupRange {
  from: Date;
  to: Date;
  hoursFrom: Date;
  hoursTo: Date;
}

/** The whole UTC hours and whole days (in the time zone, also as YYYY-MM-DD) inside [from, to); empty ones have from >= to. */
export async function wholeHoursAndDays(pool: Pool, from: Date, to: Date, timezone: string) {
  const { rows } = await pool.query(
    `select hf, ht, df, dt, to_char(df at time zone $3, 'YYYY-MM-DD') as df_day, to_char(dt at time zone $3, 'YYYY-MM-DD') as dt_day from (select
      date_trunc('hour', $1::timestamptz - interval '1 microsecond', 'UTC') + interval '1 hour' as hf,
      date_trunc('hour', $2::timestamptz, 'UTC') as ht,
      ((date_trunc('day', $1::timestamptz - interval '1 microsecond', $3) at time zone $3) + interval '1 day') at time zone $3 as df,
      date_trunc('day', $2::timestamptz, $3) as dt) b`,
    [from, to, timezone],
  );
  const r = rows[0] as { hf: Date; ht: Date; df: Date; dt: Date; df_day: string; dt_day: string };
  return { hours: { from: r.hf, to: r.ht }, days: { from: r.df, to: r.dt, fromDay: r.df_day, toDay: r.dt_day } };
}

// The raw records outside the whole hours: [from, edge1) and [edge2, to). Refused chats count as
// requests (and errors) wherever chats are counted, but have no latency.
const RAW_CHATS = (edge1: string, edge2: string, actions = `'chat', 'chat.refused'`) =>
  `from audit_record where action in (${actions}) and ((at >= $1 and at < ${edge1}) or (at >= ${edge2} and at < $2))`;

const REFUSAL_KINDS = ['quota', 'budget', 'rate', 'dlp', 'access'] as const;
/** Refusals by kind (server/db/functions/chat_refusal_kind.sql). */
export type RefusalKind = (typeof REFUSAL_KINDS)[number];
export type RefusalCounts = Record<RefusalKind, number>;

const TOTALS_SQL = `with src as (
    select model, provider, requests, errors, fallbacks, input_tokens, output_tokens, ${REFUSAL_KINDS.map((k) => `refused_${k}`).join(', ')}
    from chat_rollup_hourly where hour >= $3 and hour < $4
    union all
    select coalesce(model, ''), coalesce(provider, ''), 1, chat_is_error(metadata)::int, chat_fell_back(provider, metadata)::int,
      coalesce(input_tokens, 0), coalesce(output_tokens, 0), ${REFUSAL_KINDS.map((k) => `(chat_refusal_kind(action, metadata) is not distinct from '${k}')::int`).join(', ')}
    ${RAW_CHATS('$3', '$4')}
  )
  select grouping(model) as gm, grouping(provider) as gp, model, provider, sum(requests) as requests, sum(errors) as errors,
    sum(fallbacks) as fallbacks, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
    ${REFUSAL_KINDS.map((k) => `sum(refused_${k}) as refused_${k}`).join(', ')}
  from src group by grouping sets ((), (model), (provider))`;

const LATENCY_SQL = `select bucket, sum(chats) as chats from (
    select bucket, chats from chat_latency_hourly where hour >= $3 and hour < $4
    union all
    select chat_latency_bucket(latency_ms), 1 ${RAW_CHATS('$3', '$4', `'chat'`)}
  ) s group by bucket`;

const num = (v: unknown) => Number(v ?? 0);
const sumsOf = (r: Record<string, unknown>): ChatSums => ({
  inputTokens: num(r.input_tokens),
  outputTokens: num(r.output_tokens),
  requests: num(r.requests),
  errors: num(r.errors),
});

/** Chat totals over the range, overall and per model and per provider ('' for chats that reached none). */
export async function chatTotals(
  pool: Pool,
  range: RollupRange,
): Promise<{ all: ChatSums & { fallbacks: number; refused: RefusalCounts }; byModel: KeyUsage[]; byProvider: KeyUsage[] }> {
  const { rows } = await pool.query(TOTALS_SQL, [range.from, range.to, range.hoursFrom, range.hoursTo]);
  const all = rows.find((r) => r.gm === 1 && r.gp === 1) ?? {};
  const refused = Object.fromEntries(REFUSAL_KINDS.map((k) => [k, num(all[`refused_${k}`])])) as RefusalCounts;
  return {
    all: { ...sumsOf(all), fallbacks: num(all.fallbacks), refused },
    byModel: rows.filter((r) => r.gm === 0 && r.model !== null).map((r) => ({ key: r.model, ...sumsOf(r) })),
    byProvider: rows.filter((r) => r.gp === 0 && r.provider !== null).map((r) => ({ key: r.provider, ...sumsOf(r) })),
  };
}

/** Chats per latency bucket over the range (server/db/functions/chat_latency_bucket.sql). */
export async function latencyHistogram(pool: Pool, range: RollupRange): Promise<Map<number, number>> {
  const { rows } = await pool.query(LATENCY_SQL, [range.from, range.to, range.hoursFrom, range.hoursTo]);
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.chats)]));
}

/**
 * The users with the most tokens over the range, most first, and how many users
 * chatted at all. Whole days [days.from, days.to) in the time zone come from the
 * per-user rollup, the rest of the range from the audit records.
 */
export async function topChatUsers(
  pool: Pool,
  range: { from: Date; to: Date },
  days: { from: Date; to: Date; fromDay: string; toDay: string },
  limit: number,
): Promise<{ activeUsers: number; top: UserUsage[] }> {
  const { rows } = await pool.query(
    `with src as (
      select user_id, requests, errors, input_tokens, output_tokens, refused from chat_rollup_user_daily where day >= $5::date and day < $6::date
      union all
      select user_id, 1, chat_is_error(metadata)::int, coalesce(input_tokens, 0), coalesce(output_tokens, 0), (action = 'chat.refused')::int
      ${RAW_CHATS('$3', '$4')} and user_id is not null
    ), per_user as (
      select user_id, sum(requests) as requests, sum(errors) as errors, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
        sum(refused) as refused
      from src group by user_id
    ), top as (
      select * from per_user order by input_tokens + output_tokens desc, user_id limit ${Number(limit)}
    )
    -- Active: had a chat admitted; a user only ever refused did not use the gateway.
    select (select count(*) from per_user where requests > refused) as active, t.*, u.email, u.name
    from (select 1) one left join top t on true left join app_user u on u.id = t.user_id
    order by t.input_tokens + t.output_tokens desc, t.user_id`,
    [range.from, range.to, days.from, days.to, days.fromDay, days.toDay],
  );
  return {
    activeUsers: num(rows[0]?.active),
    top: rows.filter((r) => r.user_id).map((r) => ({ userId: r.user_id, email: r.email ?? null, name: r.name ?? null, ...sumsOf(r) })),
  };
}

/** One bucket of a trend series. */
export interface TrendRow extends ChatSums {
  bucket: Date;
  key: string;
}

const SUMS = 'sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(requests) as requests, sum(errors) as errors';
const toTrendRow = (r: Record<string, unknown>): TrendRow => ({ bucket: r.bucket as Date, key: String(r.key), ...sumsOf(r) });

/** Buckets of a trend: `unit` is day, week or month, in the time zone. */
export interface TrendBuckets {
  unit: string;
  timezone: string;
  /** The whole buckets that overlap the range: [from, to), and the same as days. */
  from: Date;
  to: Date;
  fromDay: string;
  toDay: string;
}

/** The whole buckets of `unit` in the time zone that overlap [from, to). */
export async function trendBuckets(pool: Pool, range: { from: Date; to: Date }, unit: string, timezone: string): Promise<TrendBuckets> {
  const { rows } = await pool.query(
    `select lo, hi, to_char(lo at time zone $3, 'YYYY-MM-DD') as lo_day, to_char(hi at time zone $3, 'YYYY-MM-DD') as hi_day from (select
      date_trunc($4, $1::timestamptz, $3) as lo,
      ((date_trunc($4, $2::timestamptz - interval '1 microsecond', $3) at time zone $3) + ('1 ' || $4)::interval) at time zone $3 as hi) b`,
    [range.from, range.to, timezone, unit],
  );
  const r = rows[0] as { lo: Date; hi: Date; lo_day: string; hi_day: string };
  return { unit, timezone, from: r.lo, to: r.hi, fromDay: r.lo_day, toDay: r.hi_day };
}

/** Usage per bucket and model (or provider), from the hourly rollup. */
export async function hourlyTrend(pool: Pool, column: 'model' | 'provider', b: TrendBuckets): Promise<TrendRow[]> {
  const { rows } = await pool.query(
    `select date_trunc($3, hour, $4) as bucket, ${column === 'model' ? 'model' : 'provider'} as key, ${SUMS}
     from chat_rollup_hourly where hour >= $1 and hour < $2 group by 1, 2`,
    [b.from, b.to, b.unit, b.timezone],
  );
  return rows.map(toTrendRow);
}

/** Usage per bucket and role held now (a user counts for each of their roles), with the role's name. */
export async function roleTrend(pool: Pool, b: TrendBuckets): Promise<(TrendRow & { label: string })[]> {
  const { rows } = await pool.query(
    `with g as (
      select d.day, ur.role_id, sum(d.input_tokens) as input_tokens, sum(d.output_tokens) as output_tokens, sum(d.requests) as requests, sum(d.errors) as errors
      from chat_rollup_user_daily d join user_role ur on ur.user_id = d.user_id
      where d.day >= $1::date and d.day < $2::date group by d.day, ur.role_id)
    select date_trunc($3, g.day::timestamp) at time zone $4 as bucket, g.role_id::text as key, min(r.name) as label, ${SUMS}
    from g join role r on r.id = g.role_id group by 1, 2`,
    [b.fromDay, b.toDay, b.unit, b.timezone],
  );
  return rows.map((r) => ({ ...toTrendRow(r), label: String(r.label) }));
}

/**
 * One pass over the per-user rollup giving both the ranking (totals per user)
 * and the totals per bucket, from which "Other" follows. Grouping by the plain
 * day first keeps the per-row work small; days become buckets on the few grouped rows.
 */
export async function userTrendTotals(pool: Pool, b: TrendBuckets): Promise<{ perUser: Map<string, ChatSums>; perBucket: TrendRow[] }> {
  const { rows } = await pool.query(
    `with g as (
      select grouping(user_id) as gu, user_id, day, ${SUMS}
      from chat_rollup_user_daily where day >= $1::date and day < $2::date group by grouping sets ((user_id), (day)))
    select gu, user_id, null::timestamptz as bucket, input_tokens, output_tokens, requests, errors from g where gu = 0
    union all
    select 1, null, date_trunc($3, day::timestamp) at time zone $4, ${SUMS} from g where gu = 1 group by 3`,
    [b.fromDay, b.toDay, b.unit, b.timezone],
  );
  return {
    perUser: new Map(rows.filter((r) => r.gu === 0).map((r) => [String(r.user_id), sumsOf(r)])),
    perBucket: rows.filter((r) => r.gu === 1).map((r) => toTrendRow({ ...r, key: '' })),
  };
}

/** Usage per bucket of these users, with each one's e-mail (null once deleted). */
export async function userTrendSeries(pool: Pool, b: TrendBuckets, userIds: string[]): Promise<(TrendRow & { email: string | null })[]> {
  const { rows } = await pool.query(
    `select date_trunc($3, d.day::timestamp) at time zone $4 as bucket, d.user_id as key, min(u.email) as email, ${SUMS} from (
      select day, user_id, input_tokens, output_tokens, requests, errors
      from chat_rollup_user_daily where user_id = any($5::uuid[]) and day >= $1::date and day < $2::date) d
    left join app_user u on u.id = d.user_id group by 1, 2`,
    [b.fromDay, b.toDay, b.unit, b.timezone, userIds],
  );
  return rows.map((r) => ({ ...toTrendRow(r), email: r.email ?? null }));
}
