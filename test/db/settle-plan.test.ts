import { describe, expect, it } from 'vitest';
import { settleChats } from '../../server/modules/metering/metering.store.ts';
import { admitOne, useLedgerDatabase } from '../fixtures/ledger.ts';

// Settled ledger rows stay a while (so a replayed settlement is recognised), so the ledger
// grows with traffic. settle_chats keeps one generic plan per session: a plan made while the
// ledger was small must not go on reading the whole ledger once it is large.

// One session, as a pool connection of the gateway keeps its plans.
const ledger = useLedgerDatabase(1);
const { userId, day } = ledger;

describe('settle_chats on a grown ledger', () => {
  it('reads ledger rows by key, never the whole ledger or a whole partial index of it, with a plan made while it was small', async () => {
    const pool = ledger.pool();
    // The session's plan is made now, over an almost empty ledger.
    expect((await settleChats(pool, [await admitOne(pool, userId, day)])).size).toBe(1);
    // Then traffic settles thousands of chats.
    await pool.query(
      `insert into chat_in_flight (id, request_id, instance_id, user_id, model, prompt_hash, via, day, reserved_input, reserved_output, settled_at, audit_id)
       select gen_random_uuid(), 'r' || i, 'plan-test', $1, 'm', 'h', 'mutation', $2, 1, 1, now(), null from generate_series(1, 5000) i`,
      [userId, day],
    );
    const client = await pool.connect();
    try {
      await client.query('begin');
      // This session's own table statistics, read before and after: how often the ledger was read whole.
      // Its partial indexes (open rows, settled rows) count too: each update leaves a dead entry in them until vacuum.
      const ledgerScans = async () =>
        Number(
          (
            await client.query<{ n: string }>(
              `select pg_stat_get_xact_numscans('chat_in_flight'::regclass) + coalesce(sum(pg_stat_get_xact_numscans(i.indexrelid)), 0) as n
               from pg_index i where i.indrelid = 'chat_in_flight'::regclass and i.indexrelid <> 'chat_in_flight_pkey'::regclass`,
            )
          ).rows[0]?.n ?? 0,
        );
      const chat = await admitOne(client, userId, day);
      const before = await ledgerScans();
      const settled = await settleChats(client, [chat]);
      expect(settled.has(chat.chatId)).toBe(true);
      expect((await ledgerScans()) - before).toBe(0);
      await client.query('commit');
    } finally {
      client.release();
    }
  });
});
