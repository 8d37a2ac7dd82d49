import type pg from 'pg';

/** The numbers the statements below enforce; see `THROTTLE_POLICY` in login-throttle.ts. */
export interface ThrottleNumbers {
  /** Failed attempts per account answered without delay. */
  accountFreeFailures: number;
  /** Delay after each further failure, in ms; the last value repeats. */
  accountDelaysMs: number[];
  /** An account's count starts over after this long without an attempt. */
  accountForgetMs: number;
  /** Attempts per source address and window before the source is refused for the rest of it. */
  sourceMaxFailures: number;
  sourceWindowMs: number;
  /** One `login.failed` audit record per (source, account) and window this long. */
  auditWindowMs: number;
}

const ms = (param: string) => `(${param}::double precision * interval '1 millisecond')`;

// The account's delay once it has `n` failures: none for the free ones, then the schedule.
const accountDelay = (n: string) =>
  `case when ${n} > $3::int then now() + ${ms(`($4::int[])[least(${n} - $3::int, cardinality($4::int[]))]`)} end`;
const accountCount = `case when t.last_attempt_at <= now() - ${ms('$5')} then 1 else t.failures + 1 end`;
const sourceExpired = `t.window_started_at <= now() - ${ms('$7')}`;
const sourceCount = `case when ${sourceExpired} then 1 else t.failures + 1 end`;
const sourceWindowStart = `case when ${sourceExpired} then now() else t.window_started_at end`;

/**
 * Counts one attempt for the source, then (only if the source is not blocked)
 * for the account, each only when not blocked; both in one statement. The
 * attempt is counted before the password is checked, so a burst of parallel
 * guesses cannot slip through while the first is being verified; a success
 * gives it back. `do update ... where` re-checks the row after waiting for its
 * lock, so exactly one attempt gets each free slot across all instances.
 */
const ADMIT_SQL = `with src as (
    insert into login_throttle as t (key, failures, window_started_at, last_attempt_at, blocked_until)
    values ($1, 1, now(), now(), case when 1 >= $6::int then now() + ${ms('$7')} end)
    on conflict (key) do update set
      failures = ${sourceCount},
      window_started_at = ${sourceWindowStart},
      last_attempt_at = now(),
      blocked_until = case when ${sourceCount} >= $6::int then ${sourceWindowStart} + ${ms('$7')} end
    where t.blocked_until is null or t.blocked_until <= now()
    returning 1
  ), acct as (
    insert into login_throttle as t (key, failures, window_started_at, last_attempt_at, blocked_until)
    select $2, 1, now(), now(), ${accountDelay('1')} where exists (select 1 from src)
    on conflict (key) do update set
      failures = ${accountCount},
      window_started_at = case when t.last_attempt_at <= now() - ${ms('$5')} then now() else t.window_started_at end,
      last_attempt_at = now(),
      blocked_until = ${accountDelay(accountCount)}
    where t.blocked_until is null or t.blocked_until <= now()
    returning 1
  )
  select (select count(*) from src)::int as source_ok, (select count(*) from acct)::int as account_ok`;

// Gives back one counted attempt of a source (after a success, or when the account refused it).
const GIVE_BACK_SOURCE = `update login_throttle set failures = greatest(failures - 1, 0),
    blocked_until = case when failures - 1 >= $2::int then blocked_until end
  where key = $1`;

export interface Admission {
  sourceOk: boolean;
  accountOk: boolean;
}

export async function admitAttempt(pool: pg.Pool, keys: { source: string; account: string }, n: ThrottleNumbers): Promise<Admission> {
  const { rows } = await pool.query<{ source_ok: number; account_ok: number }>(ADMIT_SQL, [
    keys.source,
    keys.account,
    n.accountFreeFailures,
    n.accountDelaysMs,
    n.accountForgetMs,
    n.sourceMaxFailures,
    n.sourceWindowMs,
  ]);
  return { sourceOk: rows[0].source_ok > 0, accountOk: rows[0].account_ok > 0 };
}

/** Milliseconds until the later of the given keys' blocks ends (0 when none is blocked). */
export async function blockedForMs(pool: pg.Pool, keys: string[]): Promise<number> {
  const { rows } = await pool.query<{ ms: number | null }>(
    `select ceil(extract(epoch from max(blocked_until) - now()) * 1000)::float8 as ms from login_throttle where key = any($1::text[]) and blocked_until > now()`,
    [keys],
  );
  return Math.max(0, rows[0]?.ms ?? 0);
}

export async function giveBackSourceAttempt(pool: pg.Pool, sourceKey: string, n: ThrottleNumbers): Promise<void> {
  await pool.query(GIVE_BACK_SOURCE, [sourceKey, n.sourceMaxFailures]);
}

/** After a correct password: the account starts over, the source gets its attempt back. */
export async function recordSuccess(pool: pg.Pool, keys: { source: string; account: string }, n: ThrottleNumbers): Promise<void> {
  await pool.query(`with acct as (delete from login_throttle where key = $3) ${GIVE_BACK_SOURCE}`, [keys.source, n.sourceMaxFailures, keys.account]);
}

/** Lifts an account's delay (an admin reset its password, or the recovery command ran). */
export async function forgetAccount(pool: pg.Pool, accountKey: string): Promise<void> {
  await pool.query(`delete from login_throttle where key = $1`, [accountKey]);
}

/**
 * Counts a failure for a (source, account) pair in the current audit window.
 * `first` is true for exactly one failure per pair and window, across instances:
 * that one writes the audit record; `previousWindowFailures` tells it how many
 * the pair's previous window had, when that window has just ended.
 */
export async function countPairFailure(pool: pg.Pool, pairKey: string, n: ThrottleNumbers): Promise<{ first: boolean; previousWindowFailures: number }> {
  const expired = `t.window_started_at <= now() - ${ms('$2')}`;
  const { rows } = await pool.query<{ failures: number; previous: number | null }>(
    `with prev as (select failures, window_started_at from login_throttle where key = $1)
     insert into login_throttle as t (key, failures, window_started_at, last_attempt_at) values ($1, 1, now(), now())
     on conflict (key) do update set
       failures = case when ${expired} then 1 else t.failures + 1 end,
       window_started_at = case when ${expired} then now() else t.window_started_at end,
       last_attempt_at = now()
     returning failures, (select p.failures from prev p where p.window_started_at <= now() - ${ms('$2')}) as previous`,
    [pairKey, n.auditWindowMs],
  );
  return { first: rows[0].failures === 1, previousWindowFailures: rows[0].previous ?? 0 };
}

/** Drops rows a day past their last attempt whose block (if any) has ended. */
export async function sweepThrottle(pool: pg.Pool): Promise<number> {
  const result = await pool.query(`delete from login_throttle where last_attempt_at < now() - interval '1 day' and (blocked_until is null or blocked_until < now())`);
  return result.rowCount ?? 0;
}
