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

// One call for a whole batch (see migration 0003): atomic, one round trip and one WAL flush.
// It releases each reservation in favour of the real counts, adds the usage rows and appends
// one audit record per chat to the hash chain, in batch order.
const SETTLE_SQL = `select id from settle_chats($1::uuid[], $2::date[], $3::text[], $4::text[], $5::int8[], $6::int8[], $7::int8[], $8::int8[],
  $9::text[], $10::text[], $11::int4[], $12::jsonb[]) as id`;

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
