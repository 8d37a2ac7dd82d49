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

// One statement, so it is atomic without a transaction and costs one round trip:
// release the reservation in favour of the real counts, add the usage row, write the audit record.
const SETTLE_SQL = `
with counter as (
  update quota_counter set input_tokens = greatest(0, input_tokens + $1), output_tokens = greatest(0, output_tokens + $2)
  where user_id = $3 and day = $4
), usage as (
  insert into daily_usage as d (day, user_id, model, provider, input_tokens, output_tokens, requests)
  values ($4, $3, $5, $6, $7, $8, 1)
  on conflict (day, user_id, model, provider) do update set
    input_tokens = d.input_tokens + excluded.input_tokens,
    output_tokens = d.output_tokens + excluded.output_tokens,
    requests = d.requests + 1
)
insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
values ($3, now(), 'chat', 'model', $5, $9, $10, $5, nullif($6, ''), $7, $8, $11, $12::jsonb)
returning id`;

/** Meters and audits one finished chat (success, failure, cut stream or disconnect) in one atomic statement. */
export async function settleChat(pool: Pool, s: ChatSettlement): Promise<string> {
  const { reservation: r, usage } = s;
  const { rows } = await pool.query<{ id: string }>({
    name: 'chat-settle',
    text: SETTLE_SQL,
    values: [
      usage.inputTokens - r.inputTokens,
      usage.outputTokens - r.outputTokens,
      r.userId,
      r.day,
      s.model,
      s.provider,
      usage.inputTokens,
      usage.outputTokens,
      s.audit.promptHash,
      s.audit.responseHash,
      Math.round(s.audit.latencyMs),
      JSON.stringify(s.audit.metadata),
    ],
  });
  return String(rows[0].id);
}
