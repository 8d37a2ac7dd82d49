import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { createGateway, type Gateway } from '../../server/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../fixtures/private-postgres.ts';
import { books, jsonChat, login, streamChat, type ClientChat } from './helpers.ts';

const ADMIN = { email: 'admin@outage.local', password: 'outage-admin-password-1' };
const REPLY = 'one two three four five six seven eight nine ten';

describe.runIf(privatePostgresAvailable())('the database stops for 10 s under steady traffic', () => {
  let pg: PrivatePostgres | undefined;
  let gateway: Gateway | undefined;
  let server: ListeningGateway | undefined;
  const spoolDir = mkdtempSync(join(tmpdir(), 'zero-spool-'));

  afterAll(async () => {
    await server?.close();
    await gateway?.close();
    pg?.destroy();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  test('answered chats are all metered and audited once it returns; refusals meanwhile are SERVICE_UNAVAILABLE; the spool empties', { timeout: 180_000 }, async () => {
    pg = await startPrivatePostgres();
    gateway = await createGateway({
      logger: pino({ level: 'silent' }),
      databaseUrl: pg.url,
      admin: ADMIN,
      spoolDir,
      config: parseConfig({
        providers: [{ id: 'mock', plugin: 'mock', options: { reply: REPLY, latencyMs: 40, wordsPerDelta: 1 } }],
        models: [{ name: 'steady', primary: { provider: 'mock', model: 'steady' } }],
      }),
    });
    server = await listen({ gateway } as Parameters<typeof listen>[0]);
    const url = server.url;
    const token = await login(url, ADMIN.email, ADMIN.password);

    const chats: (ClientChat & { at: number })[] = [];
    const t0 = performance.now();
    let running = true;
    const app = gateway.app as any;
    const knexPool = () => { try { const p = (app.orm.em.getConnection().getKnex() as any).client.pool; return `knex used=${p.numUsed()} free=${p.numFree()} pendAcq=${p.numPendingAcquires()} pendCreate=${p.numPendingCreates()}`; } catch (e) { return 'knex ?'; } };
    const pools = () => ['durable','relaxed'].map((n) => `${n} total=${app.sql[n].totalCount} idle=${app.sql[n].idleCount} waiting=${app.sql[n].waitingCount}`).join(' ');
    const watch = setInterval(() => console.log(`t=${((performance.now() - t0) / 1000).toFixed(1)} chats=${chats.length} inflight=${app.chats.size} backlog=${app.settlements.backlog} flushing=${Boolean(app.settlements.flushing)} waiting=${app.settlements.waiting.length} ${pools()} ${knexPool()} last=${JSON.stringify(chats.at(-1)?.error ?? chats.at(-1)?.transport ?? 'ok')}`), 2000);
    const loops = Array.from({ length: 6 }, async (_, i) => {
      for (let n = 0; running; n++) {
        const at = performance.now() - t0;
        const chat = (i + n) % 2 ? await streamChat(url, token, 'steady') : await jsonChat(url, token, 'steady');
        chats.push({ ...chat, at });
        if (chat.error) await new Promise((r) => setTimeout(r, 100));
      }
    });
    await new Promise((r) => setTimeout(r, 3000));
    pg.stop();
    const stoppedAt = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10_000));
    pg.start();
    const startedAt = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 7000));
    running = false;
    await Promise.all(loops);
    clearInterval(watch);

    // Wait for the spool to be written back.
    for (let i = 0; i < 100 && gateway.app.settlements.backlog > 0; i++) await new Promise((r) => setTimeout(r, 200));
    expect(gateway.app.settlements.backlog).toBe(0);
    expect(readdirSync(spoolDir).filter((f) => f.endsWith('.jsonl'))).toEqual([]);

    const answered = chats.filter((c) => c.result);
    const refused = chats.filter((c) => !c.result);
    expect(chats.every((c) => !c.transport)).toBe(true);
    expect(new Set(refused.map((c) => c.error))).toEqual(new Set(['SERVICE_UNAVAILABLE']));
    expect(refused.length).toBeGreaterThan(0);
    // Some chats were answered while the database was down (their audit records waited in the spool).
    expect(answered.filter((c) => c.result!.auditId === null).length).toBeGreaterThan(0);
    expect(answered.filter((c) => c.at > stoppedAt && c.at < startedAt - 1000).length).toBe(0);
    for (const c of answered) expect(c.text).toBe(REPLY);

    console.info(
      `database outage: ${chats.length} chats, ${answered.length} answered (${answered.filter((c) => c.result!.auditId === null).length} of them spooled), ${refused.length} refused with SERVICE_UNAVAILABLE`,
    );
    const ledger = await books(pg.url);
    const input = answered.reduce((n, c) => n + c.result!.usage.inputTokens, 0);
    const output = answered.reduce((n, c) => n + c.result!.usage.outputTokens, 0);
    expect(ledger.audit).toEqual({ chats: answered.length, input, output });
    expect(ledger.usage).toEqual({ requests: answered.length, input, output });
    expect(ledger.counter).toEqual({ input, output });
    expect(ledger.openChats).toBe(0);
  });
});
