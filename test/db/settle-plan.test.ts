import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitChatRow, settleChats, type ChatSettlement } from '../../server/modules/metering/metering.store.ts';
import { createMigratedDatabase } from '../fixtures/database.ts';

// Settled ledger rows stay a while (so a replayed settlement is recognised), so the ledger
// grows with traffic. settle_chats keeps one generic plan per session: a plan made while the
// ledger was small must not go on reading the whole ledger once it is large.

let pool: pg.Pool;
let database: Awaited<ReturnType<typeof createMigratedDatabase>> | undefined;
const userId = randomUUID();
const day = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createMigratedDatabase();
  const url = database.url;
  // One session, as a pool connection of the gateway keeps its plans.
  pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query(`insert into app_user (id, email, name, created_at, updated_at) values ($1, 'ledger@plan.test', 'Ledger', now(), now())`, [userId]);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** Admits one chat on `db` and answers its settlement, ready to settle. */
async function admitOne(db: Pick<pg.Pool, 'query'>): Promise<ChatSettlement> {
  const chatId = randomUUID();
  const reservation = { userId, day, inputTokens: 10, outputTokens: 20 };
  await admitChatRow(db, reservation, { chatId, requestId: `req-${chatId}`, instanceId: 'plan-test', apiKeyId: null, model: 'm', promptHash: 'h', via: 'mutation' }, undefined);
  return {
    chatId,
    reservation,
    usage: { inputTokens: 8, outputTokens: 12 },
    model: 'm',
    provider: 'p',
    audit: { promptHash: 'h', responseHash: 'r', latencyMs: 5, metadata: { outcome: 'ok' } },
  };
}

describe('settle_chats on a grown ledger', () => {
  it('reads ledger rows by key, never the whole ledger or a whole partial index of it, with a plan made while it was small', async () => {
    // The session's plan is made now, over an almost empty ledger.
    expect((await settleChats(pool, [await admitOne(pool)])).size).toBe(1);
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
      const chat = await admitOne(client);
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
