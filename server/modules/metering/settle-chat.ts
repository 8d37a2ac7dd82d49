import type { Pool } from 'pg';
import type { TokenUsage } from '../../../plugins/plugin-api.ts';
import type { Reservation } from './quota-reservation.ts';

export interface ChatSettlement {
  /** The chat's ledger id: settling the same chat twice writes it once. */
  chatId: string;
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

// The database function settle_chats (server/db/functions/settle_chats.sql): one atomic call
// for a whole batch, one round trip and one WAL flush. It releases each chat's reservation (read
// from its ledger row) in favour of the real counts, adds usage and cost, inserts one audit record
// per chat in batch order (for the sealer to chain) and closes the ledger rows; chats already
// settled are skipped.
const SETTLE_SQL = `select chat_id, audit_id from settle_chats($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::int8[], $7::int8[],
  $8::text[], $9::text[], $10::int4[], $11::jsonb[])`;

/**
 * Meters and audits finished chats (answered, failed, cut off, abandoned or
 * interrupted) in one atomic statement. Returns each chat's audit record id.
 */
export async function settleChats(pool: Pool, batch: readonly ChatSettlement[]): Promise<Map<string, string>> {
  const column = <T>(pick: (s: ChatSettlement) => T) => batch.map(pick);
  const { rows } = await pool.query<{ chat_id: string; audit_id: string }>({
    name: 'chat-settle-batch',
    text: SETTLE_SQL,
    values: [
      column((s) => s.chatId),
      column((s) => s.reservation.userId),
      column((s) => s.reservation.day),
      column((s) => s.model),
      column((s) => s.provider),
      column((s) => s.usage.inputTokens),
      column((s) => s.usage.outputTokens),
      column((s) => s.audit.promptHash),
      column((s) => s.audit.responseHash),
      column((s) => Math.round(s.audit.latencyMs)),
      column((s) => JSON.stringify(s.audit.metadata)),
    ],
  });
  return new Map(rows.map((r) => [r.chat_id, String(r.audit_id)]));
}
