import type { EntityManager } from '@mikro-orm/postgresql';
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
  update quota_counter set input_tokens = greatest(0, input_tokens + ?), output_tokens = greatest(0, output_tokens + ?)
  where user_id = ? and day = ?
), usage as (
  insert into daily_usage as d (day, user_id, model, provider, input_tokens, output_tokens, requests)
  values (?, ?, ?, ?, ?, ?, 1)
  on conflict (day, user_id, model, provider) do update set
    input_tokens = d.input_tokens + excluded.input_tokens,
    output_tokens = d.output_tokens + excluded.output_tokens,
    requests = d.requests + 1
)
insert into audit_record (user_id, at, action, target_type, target_id, prompt_hash, response_hash, model, provider, input_tokens, output_tokens, latency_ms, metadata)
values (?, now(), 'chat', 'model', ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
returning id`;

/** Meters and audits one finished chat (success, failure, cut stream or disconnect) in one atomic statement. */
export async function settleChat(em: EntityManager, s: ChatSettlement): Promise<string> {
  const { reservation: r, usage } = s;
  const [row] = await em.execute<{ id: string }[]>(SETTLE_SQL, [
    usage.inputTokens - r.inputTokens,
    usage.outputTokens - r.outputTokens,
    r.userId,
    r.day,
    r.day,
    r.userId,
    s.model,
    s.provider,
    usage.inputTokens,
    usage.outputTokens,
    r.userId,
    s.model,
    s.audit.promptHash,
    s.audit.responseHash,
    s.model,
    s.provider || null,
    usage.inputTokens,
    usage.outputTokens,
    Math.round(s.audit.latencyMs),
    JSON.stringify(s.audit.metadata),
  ]);
  return String(row.id);
}
