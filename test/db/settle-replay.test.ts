import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openChatsOf, settleChats, type ChatSettlement } from '../../server/modules/metering/metering.store.ts';
import { admitOne, useLedgerDatabase } from '../fixtures/ledger.ts';

// A settlement batch whose commit went through but whose answer was lost (the
// connection dropped) is spooled and replayed. The replay must write nothing
// twice: not an answered chat, and not a refusal, which has no admission row.

const ledger = useLedgerDatabase(2);
const { userId, day } = ledger;

/** A refusal as the refusal recorder sends it: no admission row, no usage. */
function refusal(): ChatSettlement {
  return {
    chatId: randomUUID(),
    reservation: { userId, day, inputTokens: 0, outputTokens: 0 },
    usage: { inputTokens: 0, outputTokens: 0 },
    model: 'm',
    provider: '',
    audit: { promptHash: null, responseHash: null, latencyMs: 1, metadata: { requestId: 'req-refused', via: 'openai', outcome: 'refused', reason: 'QUOTA_EXCEEDED', attempts: [], apiKeyId: randomUUID() } },
  };
}

const auditedOf = async (chatIds: string[]) =>
  (await ledger.pool().query<{ action: string; chat_id: string }>(`select action, metadata->>'chatId' as chat_id from audit_record where metadata->>'chatId' = any($1) order by id`, [chatIds])).rows;

describe('a replayed settlement', () => {
  it('audits an answered chat and a refusal once each, answers the same audit ids, and counts usage once', async () => {
    const batch = [await admitOne(ledger.pool(), userId, day), refusal()];
    const ids = batch.map((s) => s.chatId);
    const first = await settleChats(ledger.pool(), batch);
    const replayed = await settleChats(ledger.pool(), batch);
    expect([...replayed.entries()].sort()).toEqual([...first.entries()].sort());
    expect(first.size).toBe(2);

    expect(await auditedOf(ids)).toEqual([
      { action: 'chat', chat_id: ids[0] },
      { action: 'chat.refused', chat_id: ids[1] },
    ]);
    const usage = await ledger.pool().query(`select requests, input_tokens, output_tokens from daily_usage where user_id = $1`, [userId]);
    expect(usage.rows).toEqual([{ requests: 1, input_tokens: '8', output_tokens: '12' }]);
    // The refusal's ledger row is settled: recovery never takes it for a chat left open.
    expect((await openChatsOf(ledger.pool(), null)).map((c) => c.id)).not.toContain(ids[1]);
  });

  it('records a refusal replayed on its own once', async () => {
    const refused = refusal();
    const first = await settleChats(ledger.pool(), [refused]);
    const replayed = await settleChats(ledger.pool(), [refused]);
    expect(replayed.get(refused.chatId)).toBe(first.get(refused.chatId));
    expect(await auditedOf([refused.chatId])).toEqual([{ action: 'chat.refused', chat_id: refused.chatId }]);
  });
});
