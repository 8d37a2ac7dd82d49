import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { StoredCounter } from './sliding-window.ts';

export type RateLimitScope = 'USER' | 'ROLE' | 'API_KEY';

export interface RateLimitRow {
  scope: RateLimitScope;
  targetId: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  updatedAt: Date;
}

interface DbRow {
  scope: RateLimitScope;
  target_id: string;
  requests_per_minute: number | null;
  tokens_per_minute: string | number | null;
  updated_at: Date;
}

const COLUMN: Record<RateLimitScope, string> = { USER: 'user_id', ROLE: 'role_id', API_KEY: 'api_key_id' };
const TARGET_TABLE: Record<RateLimitScope, string> = { USER: 'app_user', ROLE: 'role', API_KEY: 'api_key' };
const SELECT = `select scope, coalesce(user_id, role_id, api_key_id) as target_id, requests_per_minute, tokens_per_minute, updated_at from rate_limit`;

const toRow = (r: DbRow): RateLimitRow => ({
  scope: r.scope,
  targetId: r.target_id,
  requestsPerMinute: r.requests_per_minute,
  tokensPerMinute: r.tokens_per_minute === null ? null : Number(r.tokens_per_minute),
  updatedAt: r.updated_at,
});

/** Every limit (a small table: the limiter holds it in memory). */
export async function loadRateLimits(pool: Pool): Promise<RateLimitRow[]> {
  const { rows } = await pool.query<DbRow>({ name: 'rate-limits-all', text: SELECT });
  return rows.map(toRow);
}

/** Limits, optionally of one scope or one target, in a stable order. */
export async function listRateLimits(em: EntityManager, filter: { scope?: RateLimitScope | null; targetId?: string | null }): Promise<RateLimitRow[]> {
  const rows = await em.execute<DbRow[]>(
    `${SELECT} where (?::text is null or scope = ?) and (?::uuid is null or coalesce(user_id, role_id, api_key_id) = ?::uuid) order by scope, updated_at desc`,
    [filter.scope ?? null, filter.scope ?? null, filter.targetId ?? null, filter.targetId ?? null],
  );
  return rows.map(toRow);
}

/** Whether the user, role or API key exists. */
export async function targetExists(em: EntityManager, scope: RateLimitScope, targetId: string): Promise<boolean> {
  const rows = await em.execute(`select 1 from ${TARGET_TABLE[scope]} where id = ?`, [targetId]);
  return rows.length > 0;
}

/** The target's limit, locked for the rest of the transaction. */
export async function lockRateLimit(em: EntityManager, scope: RateLimitScope, targetId: string): Promise<RateLimitRow | null> {
  const [row] = await em.execute<DbRow[]>(`${SELECT} where ${COLUMN[scope]} = ? for update`, [targetId]);
  return row ? toRow(row) : null;
}

export async function upsertRateLimit(em: EntityManager, scope: RateLimitScope, targetId: string, requestsPerMinute: number | null, tokensPerMinute: number | null): Promise<RateLimitRow> {
  const column = COLUMN[scope];
  const [row] = await em.execute<DbRow[]>(
    `insert into rate_limit as l (scope, ${column}, requests_per_minute, tokens_per_minute, updated_at) values (?, ?, ?, ?, now())
     on conflict (${column}) do update set requests_per_minute = excluded.requests_per_minute, tokens_per_minute = excluded.tokens_per_minute, updated_at = now()
     returning scope, coalesce(user_id, role_id, api_key_id) as target_id, requests_per_minute, tokens_per_minute, updated_at`,
    [scope, targetId, requestsPerMinute, tokensPerMinute],
  );
  return toRow(row);
}

export async function deleteRateLimit(em: EntityManager, scope: RateLimitScope, targetId: string): Promise<RateLimitRow | null> {
  const [row] = await em.execute<DbRow[]>(
    `delete from rate_limit where ${COLUMN[scope]} = ? returning scope, coalesce(user_id, role_id, api_key_id) as target_id, requests_per_minute, tokens_per_minute, updated_at`,
    [targetId],
  );
  return row ? toRow(row) : null;
}

// ---- Sliding-window counters on PostgreSQL (several instances, no Redis) ----
// Time is the database's (`now()`, one instant per statement), so instances whose clocks differ agree on the window.

const NOW_MS = `(extract(epoch from now()) * 1000)`;
const WINDOW = `floor(${NOW_MS} / $1::float8)::int8`;
// The row's window when a concurrent statement (whose now() was later) already moved it past ours: a
// counter never goes back to an older window, so a statement that waited across a boundary cannot reset it.
const EFFECTIVE = `greatest(${WINDOW}, c.window_index)`;
// How much of the previous window still counts: all of it while our clock is not yet inside the row's window.
const WEIGHT = `((($1::float8 - least($1::float8, greatest(0, ${NOW_MS} - ${EFFECTIVE} * $1::float8))) / $1::float8))`;
const CURRENT = (column: string) => `case when c.window_index = ${EFFECTIVE} then c.${column} else 0 end`;
const PREVIOUS = (column: string) => `case when c.window_index = ${EFFECTIVE} then c.prev_${column} when c.window_index = ${EFFECTIVE} - 1 then c.${column} else 0 end`;
const LIMIT = (column: string) => `(select i.${column} from input i where i.key = c.key)`;

/**
 * Checks each counter under its row lock and counts one request and `$5`
 * tokens on those that fit, in one statement: `do update ... where`
 * re-evaluates the row after waiting for a concurrent writer, so across all
 * instances no admission passes a limit. A new counter is inserted only when
 * the request fits an empty one. Rows are locked in key order (no deadlock
 * between two chats of one user). Answers every counter as it was before this
 * statement counted, and whether it counted.
 */
const TAKE_SQL = `with input as (
    select * from unnest($2::text[], $3::int8[], $4::int8[]) as i(key, requests_limit, tokens_limit)
  ), taken as (
    insert into rate_limit_counter as c (key, window_index, requests, tokens, prev_requests, prev_tokens)
    select i.key, ${WINDOW}, 1, $5::int8, 0, 0 from input i
    where (i.requests_limit < 0 or 1 <= i.requests_limit) and (i.tokens_limit < 0 or $5::int8 <= i.tokens_limit)
    order by i.key
    on conflict (key) do update set
      window_index = ${EFFECTIVE},
      requests = ${CURRENT('requests')} + 1,
      tokens = ${CURRENT('tokens')} + $5::int8,
      prev_requests = ${PREVIOUS('requests')},
      prev_tokens = ${PREVIOUS('tokens')}
    where (${LIMIT('requests_limit')} < 0 or ${PREVIOUS('requests')} * ${WEIGHT} + ${CURRENT('requests')} + 1 <= ${LIMIT('requests_limit')})
      and (${LIMIT('tokens_limit')} < 0 or ${PREVIOUS('tokens')} * ${WEIGHT} + ${CURRENT('tokens')} + $5::int8 <= ${LIMIT('tokens_limit')})
    returning c.key, c.window_index, c.requests - 1 as requests, c.tokens - $5::int8 as tokens, c.prev_requests, c.prev_tokens
  )
  select i.key, t.key is not null as taken, ${NOW_MS}::float8 as now_ms,
    coalesce(t.window_index, c.window_index) as window_index,
    coalesce(t.requests, c.requests) as requests, coalesce(t.tokens, c.tokens) as tokens,
    coalesce(t.prev_requests, c.prev_requests) as prev_requests, coalesce(t.prev_tokens, c.prev_tokens) as prev_tokens
  from input i left join taken t on t.key = i.key left join rate_limit_counter c on c.key = i.key`;

export interface CounterTake {
  key: string;
  taken: boolean;
  /** As stored before this take; undefined for a counter that does not exist yet. */
  stored: StoredCounter | undefined;
}

/** One row per key, in the order given; a limit of null is none. */
export async function takeCounters(
  pool: Pool,
  windowMs: number,
  counters: { key: string; requestsPerMinute: number | null; tokensPerMinute: number | null }[],
  tokens: number,
): Promise<{ nowMs: number; counters: CounterTake[] }> {
  const { rows } = await pool.query<{
    key: string;
    taken: boolean;
    now_ms: number;
    window_index: string | null;
    requests: number | null;
    tokens: string | null;
    prev_requests: number | null;
    prev_tokens: string | null;
  }>({
    name: 'rate-limit-take',
    text: TAKE_SQL,
    values: [windowMs, counters.map((c) => c.key), counters.map((c) => c.requestsPerMinute ?? -1), counters.map((c) => c.tokensPerMinute ?? -1), tokens],
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    nowMs: rows[0].now_ms,
    counters: counters.map(({ key }) => {
      const r = byKey.get(key)!;
      const stored =
        r.window_index === null
          ? undefined
          : { window: Number(r.window_index), requests: r.requests!, tokens: Number(r.tokens), prevRequests: r.prev_requests!, prevTokens: Number(r.prev_tokens) };
      return { key, taken: r.taken, stored };
    }),
  };
}

/** Gives back what a take counted on some counters when another refused it (all or nothing). */
export async function giveBackCounters(pool: Pool, keys: string[], window: number, tokens: number): Promise<void> {
  await pool.query({
    name: 'rate-limit-give-back',
    text: `update rate_limit_counter set requests = greatest(requests - 1, 0), tokens = greatest(tokens - $3::int8, 0) where key = any($1::text[]) and window_index = $2::int8`,
    values: [keys, window, tokens],
  });
}

/** Adds tokens (a chat's output, at settlement) to counters, without checking any limit. */
export async function addCounterTokens(pool: Pool, windowMs: number, keys: string[], tokens: number): Promise<void> {
  await pool.query({
    name: 'rate-limit-add',
    text: `insert into rate_limit_counter as c (key, window_index, requests, tokens, prev_requests, prev_tokens)
      select k, ${WINDOW}, 0, $3::int8, 0, 0 from unnest($2::text[]) as k order by k
      on conflict (key) do update set
        window_index = ${EFFECTIVE},
        requests = ${CURRENT('requests')},
        tokens = ${CURRENT('tokens')} + $3::int8,
        prev_requests = ${PREVIOUS('requests')},
        prev_tokens = ${PREVIOUS('tokens')}`,
    values: [windowMs, keys, tokens],
  });
}

/** Counters untouched for two windows count nothing any more. */
export async function dropStaleCounters(pool: Pool, windowMs: number): Promise<number> {
  const { rowCount } = await pool.query({ text: `delete from rate_limit_counter where window_index < ${WINDOW} - 1`, values: [windowMs] });
  return rowCount ?? 0;
}
