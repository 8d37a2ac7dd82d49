import type { Pool } from 'pg';
import { AppError } from '../../errors.ts';
import { startOfNextDay } from '../../util/time-zone.ts';

export interface Reservation {
  userId: string;
  day: string;
  inputTokens: number;
  outputTokens: number;
}

/** The chat's write-ahead record, stored with its reservation (see migration 0008). */
export interface LedgerEntry {
  chatId: string;
  requestId: string;
  instanceId: string;
  apiKeyId: string | null;
  model: string;
  promptHash: string;
  via: string;
}

// One statement: create today's counter or add to it, but only while both limits still cover
// the request, and write the chat ahead in the ledger when (and only when) the reservation held.
// The row lock of the upsert serializes one user's concurrent requests.
const RESERVE_SQL = `
with q as (select daily_input_limit as il, daily_output_limit as ol from quota where user_id = $1),
r as (
  insert into quota_counter as c (user_id, day, input_tokens, output_tokens)
  select $1, $2, $3, $4
  where ((select il from q) is null or $3 <= (select il from q))
    and ((select ol from q) is null or $4 <= (select ol from q))
  on conflict (user_id, day) do update
    set input_tokens = c.input_tokens + excluded.input_tokens, output_tokens = c.output_tokens + excluded.output_tokens
    where ((select il from q) is null or c.input_tokens + excluded.input_tokens <= (select il from q))
      and ((select ol from q) is null or c.output_tokens + excluded.output_tokens <= (select ol from q))
  returning 1
)
insert into chat_in_flight (id, request_id, instance_id, user_id, api_key_id, model, prompt_hash, via, day, reserved_input, reserved_output)
select $5, $6, $7, $1, $8, $9, $10, $11, $2, $3, $4 from r
returning (select ol from q) as output_limit`;

const STATE_SQL = `select q.daily_input_limit as il, q.daily_output_limit as ol,
  coalesce(c.input_tokens, 0) as iu, coalesce(c.output_tokens, 0) as ou
  from (select 1) one left join quota q on q.user_id = $1 left join quota_counter c on c.user_id = $1 and c.day = $2`;

export interface QuotaLimits {
  dailyInputLimit: number | null;
  dailyOutputLimit: number | null;
  inputUsed: number;
  outputUsed: number;
}

export async function quotaState(pool: Pool, userId: string, day: string): Promise<QuotaLimits> {
  const { rows } = await pool.query<{ il: string | null; ol: string | null; iu: string; ou: string }>({ name: 'quota-state', text: STATE_SQL, values: [userId, day] });
  const row = rows[0];
  return {
    dailyInputLimit: row?.il == null ? null : Number(row.il),
    dailyOutputLimit: row?.ol == null ? null : Number(row.ol),
    inputUsed: Number(row?.iu ?? 0),
    outputUsed: Number(row?.ou ?? 0),
  };
}

/**
 * Reserves the estimated tokens of one request against the user's daily quota
 * and writes the chat ahead in the ledger, atomically, or throws QUOTA_EXCEEDED
 * saying which limit, what is used, what remains and when it resets.
 */
export async function reserveQuota(pool: Pool, request: Reservation & { timezone: string; ledger: LedgerEntry }): Promise<Reservation & { outputLimited: boolean }> {
  const { userId, day, inputTokens, outputTokens, ledger } = request;
  let state: QuotaLimits;
  let inputShort: boolean;
  for (let attempt = 0; ; attempt++) {
    const { rows, rowCount } = await pool.query<{ output_limit: string | null }>({
      name: 'quota-reserve',
      text: RESERVE_SQL,
      values: [userId, day, inputTokens, outputTokens, ledger.chatId, ledger.requestId, ledger.instanceId, ledger.apiKeyId, ledger.model, ledger.promptHash, ledger.via],
    });
    if (rowCount) return { userId, day, inputTokens, outputTokens, outputLimited: rows[0].output_limit !== null };
    state = await quotaState(pool, userId, day);
    inputShort = state.dailyInputLimit !== null && state.inputUsed + inputTokens > state.dailyInputLimit;
    const outputShort = state.dailyOutputLimit !== null && state.outputUsed + outputTokens > state.dailyOutputLimit;
    // Requests settling in between may have returned reserved tokens: then it fits now, try again.
    if (inputShort || outputShort) break;
    if (attempt >= 2) {
      // Still racing other requests of this user: blame the limit with the least room for this request.
      const room = (limit: number | null, used: number, need: number) => (limit === null ? Infinity : (limit - used) / Math.max(need, 1));
      inputShort = room(state.dailyInputLimit, state.inputUsed, inputTokens) <= room(state.dailyOutputLimit, state.outputUsed, outputTokens);
      break;
    }
  }
  const which = inputShort ? 'input' : 'output';
  const limit = (inputShort ? state.dailyInputLimit : state.dailyOutputLimit) ?? 0;
  const used = inputShort ? state.inputUsed : state.outputUsed;
  const requested = inputShort ? inputTokens : outputTokens;
  const resetsAt = startOfNextDay(request.timezone).toISOString();
  throw new AppError(
    'QUOTA_EXCEEDED',
    `Daily ${which} token quota exceeded: this request needs about ${requested}, ${Math.max(0, limit - used)} of ${limit} remain today; resets at ${resetsAt}`,
    { limit: which === 'input' ? 'DAILY_INPUT' : 'DAILY_OUTPUT', limitTokens: limit, usedTokens: used, remainingTokens: Math.max(0, limit - used), requestedTokens: requested, resetsAt },
  );
}
