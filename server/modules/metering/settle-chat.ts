import type { Pool } from 'pg';
import type { TokenUsage } from '../../../plugins/plugin-api.ts';
import type { Reservation } from './quota-reservation.ts';

export interface ChatSettlement {
  reservation: Reservation;
  /** What the request actually used (zero when nothing reached a provider). */
  usage: TokenUsage;
  /** Gateway model name the client asked for. */
  model: string;
  /** Provider instance that answered, or the last one tried; '' when none was reached. */
  provider: string;
  audit: {
    promptHash: string;
    responseHash: string | null;
    latencyMs: number;
    metadata: Record<string, unknown>;
  };
}

// One statement for a whole batch, so it is atomic without a transaction and costs one
// round trip and one WAL flush: release each reservation in favour of the real counts,
// add the usage rows, write one audit record per chat (in batch order).
const SETTLE_SQL = `
with input as (
  select * from unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::int8[], $6::int8[], $7::int8[], $8::int8[],
                       $9::text[], $10::text[], $11::int4[], $12::jsonb[]) with ordinality
    as t(user_id, day, model, provider, in_delta, out_delta, input_tokens, output_tokens, prompt_hash, response_hash, latency_ms, metadata, ord)
), counter as (
  update quota_counter c set
    input_tokens = greatest(0, c.input_tokens + d.in_delta),
    output_tokens = greatest(0, c.output_tokens + d.out_delta)
  from (select user_id, day, sum(in_delta) as in_delta, sum(out_delta) as out_delta from input group by user_id, day) d
  where c.user_id = d.user_id and c.day = d.day
), usage as (
  insert into daily_usage as u (day, user_id, model, provider, input_tokens, output_tokens, requests)
  select day, user_id, model, provider, sum(input_tokens), sum(output_tokens), count(*) from input group by day, user_id, model, provider
  on conflict (day, user_id, model, provider) do update set
    input_tokens = u.input_tokens + excluded.input_tokens,
    output_tokens = u.output_tokens + excluded.output_tokens,
    requests = u.requests + excluded.requests
)
insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
select user_id, now(), 'chat', 'model', model, prompt_hash, response_hash, model, nullif(provider, ''), input_tokens, output_tokens, latency_ms, metadata
from input order by ord
returning id`;

/**
 * Meters and audits finished chats (answered, failed, cut off or abandoned) in
 * one atomic statement. Returns the audit record ids in the order given.
 */
export async function settleChats(pool: Pool, batch: readonly ChatSettlement[]): Promise<string[]> {
  const column = <T>(pick: (s: ChatSettlement) => T) => batch.map(pick);
  const { rows } = await pool.query<{ id: string }>({
    name: 'chat-settle-batch',
    text: SETTLE_SQL,
    values: [
      column((s) => s.reservation.userId),
      column((s) => s.reservation.day),
      column((s) => s.model),
      column((s) => s.provider),
      column((s) => s.usage.inputTokens - s.reservation.inputTokens),
      column((s) => s.usage.outputTokens - s.reservation.outputTokens),
      column((s) => s.usage.inputTokens),
      column((s) => s.usage.outputTokens),
      column((s) => s.audit.promptHash),
      column((s) => s.audit.responseHash),
      column((s) => Math.round(s.audit.latencyMs)),
      column((s) => JSON.stringify(s.audit.metadata)),
    ],
  });
  // Ids come from one sequence in insertion order, which follows `ord`.
  return rows.map((r) => String(r.id)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}
