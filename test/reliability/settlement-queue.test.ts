import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChatSettlement } from '../../server/modules/metering/metering.store.ts';
import { SettlementQueue } from '../../server/modules/metering/settlement-queue.ts';
import { SettlementSpool } from '../../server/modules/metering/settlement-spool.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/**
 * The settlement queue around a database that goes away and comes back, on the
 * real database: the "database down" is a refused connection at the pool's
 * door, the way the pg driver reports one.
 */
describe('settlement queue across a database outage', () => {
  let gw: TestGateway;
  let pool: pg.Pool;
  let userId: string;
  const spoolDir = mkdtempSync(join(tmpdir(), 'zero-queue-spool-'));

  beforeAll(async () => {
    gw = await startTestGateway();
    if (!gw.databaseUrl) return;
    pool = new pg.Pool({ connectionString: gw.databaseUrl, max: 2 });
    userId = (await pool.query<{ id: string }>('select id from app_user limit 1')).rows[0].id;
  });
  afterAll(async () => {
    await pool?.end();
    await gw?.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  const settlement = (): ChatSettlement => ({
    chatId: randomUUID(),
    reservation: { userId, day: new Date().toISOString().slice(0, 10), inputTokens: 0, outputTokens: 0 },
    usage: { inputTokens: 3, outputTokens: 5 },
    model: 'queue-test',
    provider: 'mock',
    audit: { promptHash: 'p', responseHash: 'r', latencyMs: 1, metadata: { via: 'mutation', outcome: 'ok' } },
  });

  test.runIf(process.env.DATABASE_URL)('a replay that finds nothing left to do never stalls the settlements after it', async () => {
    let down = true;
    const flaky = new Proxy(pool, {
      get(target, property, receiver) {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return (...args: Parameters<pg.Pool['query']>) =>
          down ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })) : (target.query as (...a: unknown[]) => unknown)(...args);
      },
    });
    const queue = new SettlementQueue(flaky, { spool: new SettlementSpool(spoolDir, 'queue-test'), replayEveryMs: 50 });
    try {
      // Down: the settlement is spooled (no audit id yet) and a replay is scheduled.
      expect(await queue.settle(settlement())).toBeNull();
      expect(queue.backlog).toBe(1);
      // Back: the next settlement replays the spool first, then is written.
      down = false;
      expect(await queue.settle(settlement())).toMatch(/^\d+$/);
      expect(queue.backlog).toBe(0);
      // The scheduled replay now fires with nothing to do...
      await new Promise((r) => setTimeout(r, 150));
      // ...and settlements after it are still written, promptly.
      const later = await Promise.race([queue.settle(settlement()), new Promise((r) => setTimeout(r, 3000, 'stalled'))]);
      expect(later).toMatch(/^\d+$/);
      const { rows } = await pool.query(`select count(*)::int as n from audit_record where action = 'chat' and model = 'queue-test' and user_id = $1`, [userId]);
      expect(rows[0].n).toBe(3);
    } finally {
      queue.stop();
    }
  });
});
