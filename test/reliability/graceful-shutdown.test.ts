import { rmSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';
import { books, FIFTY_WORDS, gqlHttp, jsonChat, login, streamChat, writeSlowConfig } from './helpers.ts';

const ADMIN = { email: 'admin@drain.local', password: 'drain-admin-password-1' };

describe('SIGTERM drains chats in flight instead of dropping them', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  const config = writeSlowConfig();

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(config.dir, { recursive: true, force: true });
  });

  test('30 five-second chats (20 streamed, 10 not) all finish, metered and audited; new chats meet a coded refusal; exit 0', { timeout: 120_000 }, async () => {
    db = await createTestDatabase();
    server = await startServerProcess({
      // npm start's command on PostgreSQL when the suite runs on it, else on the embedded database.
      DATABASE_URL: db.url,
      ZERO_DATA_DIR: config.dir,
      ZERO_CONFIG: config.path,
      ZERO_ADMIN_EMAIL: ADMIN.email,
      ZERO_ADMIN_PASSWORD: ADMIN.password,
      ZERO_SHUTDOWN_GRACE_MS: '30000',
      LOG_LEVEL: 'info',
    });
    const url = server.url;
    const token = await login(url, ADMIN.email, ADMIN.password);

    const started = performance.now();
    const chats = [
      ...Array.from({ length: 20 }, () => streamChat(url, token, 'slow-stream')),
      ...Array.from({ length: 10 }, () => jsonChat(url, token, 'slow-json')),
    ];
    await new Promise((r) => setTimeout(r, 1000));
    server.signal('SIGTERM');
    const signalledAt = performance.now();
    await new Promise((r) => setTimeout(r, 300));

    // During the drain: not ready, and a new chat is refused with a retryable code (REST: 503 + retry-after).
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ reason: 'shutting down' });
    const refusedGraphQL = await gqlHttp(url, 'mutation { chat(input: { model: "slow-json", messages: [{ role: USER, content: "hi" }] }) { text } }', {}, token);
    expect(refusedGraphQL.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const refusedRest = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ model: 'slow-json', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refusedRest.status).toBe(503);
    expect(refusedRest.headers.get('retry-after')).toBeTruthy();
    expect((await refusedRest.json()).error.code).toBe('SERVICE_UNAVAILABLE');

    const results = await Promise.all(chats);
    for (const chat of results) {
      expect(chat.transport).toBeUndefined();
      expect(chat.error).toBeUndefined();
      expect(chat.text).toBe(FIFTY_WORDS);
      expect(chat.result?.auditId).toBeTruthy();
    }
    const code = await server.exited;
    const exitedAfterMs = performance.now() - signalledAt;
    expect(code).toBe(0);
    expect(exitedAfterMs).toBeLessThan(30_000);
    expect(performance.now() - started).toBeGreaterThan(4_500);
    // The log says what it waited for.
    const log = server.output() + server.errors();
    expect(log).toMatch(/draining chats/);
    expect(log).toMatch(/"finished":30/);

    if (!db.url) return; // the embedded database's books are read through the gateway in other tests
    const ledger = await books(db.url);
    expect(ledger.audit.chats).toBe(30);
    expect(ledger.usage.requests).toBe(30);
    const clientOutput = results.reduce((n, c) => n + c.result!.usage.outputTokens, 0);
    const clientInput = results.reduce((n, c) => n + c.result!.usage.inputTokens, 0);
    expect(ledger.usage).toMatchObject({ input: clientInput, output: clientOutput });
    expect(ledger.audit).toMatchObject({ input: clientInput, output: clientOutput });
    // No reservation outlived its chat.
    expect(ledger.counter).toEqual({ input: clientInput, output: clientOutput });
    expect(ledger.openChats).toBe(0);
  });
});
