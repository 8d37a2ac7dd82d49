import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AdmissionQueue } from '../../server/modules/metering/admission-queue.ts';
import type { LedgerEntry } from '../../server/modules/metering/metering.store.ts';
import { dayIn } from '../../server/util/days.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

describe('group admission', () => {
  let gw: TestGateway;
  let pool: Pool;
  let userId = '';
  const day = dayIn('UTC');

  beforeAll(async () => {
    gw = await startTestGateway();
    pool = gw.gateway.app.sql.relaxed;
    const user = await gw.gql(`mutation { createUser(input: { email: "group@test.local", name: "Group" }) { id } }`, {}, gw.adminToken);
    userId = user.data.createUser.id;
    await gw.gql(`mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000, dailyOutputLimit: 1000000) { dailyInputLimit } }`, { u: userId }, gw.adminToken);
  });
  afterAll(async () => gw?.close());

  const ledger = (chatId = randomUUID()): LedgerEntry => ({ chatId, requestId: `r-${chatId}`, instanceId: 'group-test', apiKeyId: null, model: 'mock-small', promptHash: 'h', via: 'mutation' });

  test('chats arriving together share statements, and each is admitted or refused exactly as alone: never past the quota', async () => {
    let statements = 0;
    const counting = { query: (...args: Parameters<Pool['query']>) => (statements++, (pool.query as (...a: unknown[]) => unknown)(...args)) } as unknown as Pool;
    const queue = new AdmissionQueue(counting);
    const answers = await Promise.all(Array.from({ length: 40 }, () => queue.admit({ userId, day, inputTokens: 100, outputTokens: 10 }, ledger())));
    expect(answers.filter((a) => a.status === 'ok')).toHaveLength(10);
    expect(answers.filter((a) => a.status === 'quota')).toHaveLength(30);
    // The first goes alone at once; the rest waited for it and went out together.
    expect(statements).toBeLessThan(5);
    const counter = await pool.query('select input_tokens from quota_counter where user_id = $1 and day = $2', [userId, day]);
    expect(Number(counter.rows[0].input_tokens)).toBe(1000);
    const ledgerRows = await pool.query('select count(*)::int as n from chat_in_flight where user_id = $1', [userId]);
    expect(ledgerRows.rows[0].n).toBe(10);
  });

  test('one admission that fails does not take the rest of its batch with it', async () => {
    await pool.query('delete from quota_counter where user_id = $1', [userId]);
    await pool.query('delete from chat_in_flight where user_id = $1', [userId]);
    const queue = new AdmissionQueue(pool);
    const taken = randomUUID();
    await queue.admit({ userId, day, inputTokens: 1, outputTokens: 1 }, ledger(taken));
    // Held back behind a first admission, the next five go out as one batch; one of them reuses a chat id.
    const first = queue.admit({ userId, day, inputTokens: 1, outputTokens: 1 }, ledger());
    const rest = [ledger(), ledger(taken), ledger(), ledger(), ledger()].map((l) => queue.admit({ userId, day, inputTokens: 1, outputTokens: 1 }, l));
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    const counter = await pool.query('select input_tokens from quota_counter where user_id = $1 and day = $2', [userId, day]);
    expect(Number(counter.rows[0].input_tokens)).toBe(6);
  });
});
