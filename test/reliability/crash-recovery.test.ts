import { rmSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';
import { books, gqlHttp, jsonChat, login, sql, streamChat, writeSlowConfig } from './helpers.ts';

const ADMIN = { email: 'admin@crash.local', password: 'crash-admin-password-1' };
const LIMIT = 100_000;

describe('kill -9 with chats in flight, then a restart', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  const config = writeSlowConfig();

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(config.dir, { recursive: true, force: true });
  });

  test('every chat has exactly one audit record, counters equal usage, the chain verifies and the quota is free again', { timeout: 180_000 }, async (ctx) => {
    db = await createTestDatabase();
    if (!db.url) ctx.skip(); // two processes in turn on one database: PostgreSQL (the suite's DATABASE_URL)
    const env = {
      DATABASE_URL: db.url,
      ZERO_DATA_DIR: config.dir,
      ZERO_CONFIG: config.path,
      ZERO_ADMIN_EMAIL: ADMIN.email,
      ZERO_ADMIN_PASSWORD: ADMIN.password,
      // The same instance coming back (as under a process supervisor): it settles what it left at once.
      ZERO_INSTANCE_ID: 'crash-test-instance',
    };
    server = await startServerProcess(env);
    let url = server.url;
    let admin = await login(url, ADMIN.email, ADMIN.password);

    const { body: created } = await gqlHttp(url, 'mutation { createUser(input: { email: "wang.fang@example.cn", name: "王芳" }) { id } }', {}, admin);
    const userId = created.data.createUser.id;
    const { body: roles } = await gqlHttp(url, '{ roles { id name } }', {}, admin);
    const member = roles.data.roles.find((r: any) => r.name === 'member').id;
    await gqlHttp(url, 'mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: userId, r: [member] }, admin);
    await gqlHttp(url, 'mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 100000, dailyOutputLimit: 100000) { dailyInputLimit } }', { u: userId }, admin);
    const { body: key } = await gqlHttp(url, 'mutation($u: ID!) { createApiKey(userId: $u, name: "crash") { secret } }', { u: userId }, admin);
    const apiKey = key.data.createApiKey.secret;

    // Ten chats that finish before the crash.
    const before = await Promise.all(Array.from({ length: 10 }, () => jsonChat(url, apiKey, 'slow-stream')));
    expect(before.every((c) => c.result)).toBe(true);

    // Fifty in flight (streamed and not), then the process is killed without warning.
    const inFlight = [
      ...Array.from({ length: 25 }, () => streamChat(url, apiKey, 'slow-stream')),
      ...Array.from({ length: 25 }, () => jsonChat(url, apiKey, 'slow-json')),
    ];
    await new Promise((r) => setTimeout(r, 2500));
    server.signal('SIGKILL');
    const crashed = await Promise.all(inFlight);
    await server.exited;
    expect(crashed.filter((c) => c.result)).toHaveLength(0);
    const delivered = crashed.filter((c) => c.text).length;
    expect(delivered).toBeGreaterThan(0); // streams had received words

    const [{ open }] = await sql<{ open: string }>(db.url!, 'select count(*) as open from chat_in_flight where settled_at is null');
    expect(Number(open)).toBe(50);

    server = await startServerProcess(env);
    url = server.url;
    admin = await login(url, ADMIN.email, ADMIN.password);

    const ledger = await books(db.url!);
    expect(ledger.openChats).toBe(0);
    expect(ledger.audit.chats).toBe(60);
    const perChat = await sql<{ chat_id: string; n: string; outcome: string }>(
      db.url!,
      `select metadata->>'chatId' as chat_id, count(*) as n, min(metadata->>'outcome') as outcome from audit_record where action = 'chat' group by 1`,
    );
    expect(perChat).toHaveLength(60);
    expect(perChat.every((r) => Number(r.n) === 1)).toBe(true);
    expect(perChat.filter((r) => r.outcome === 'interrupted')).toHaveLength(50);
    // Streams checkpoint what they delivered every 2 s: the interrupted ones are billed for it.
    const [{ checkpointed }] = await sql<{ checkpointed: string }>(db.url!, `select coalesce(sum(output_tokens), 0) as checkpointed from audit_record where metadata->>'outcome' = 'interrupted'`);
    expect(Number(checkpointed)).toBeGreaterThan(0);
    expect(ledger.counter).toEqual({ input: ledger.usage.input, output: ledger.usage.output });
    expect(ledger.audit).toMatchObject({ input: ledger.usage.input, output: ledger.usage.output });

    const { body: verify } = await gqlHttp(url, '{ auditVerify { ok checkedRecords } }', {}, admin);
    expect(verify.data.auditVerify.ok).toBe(true);

    // The user is at about 1% of the quota and can use the rest at once: no stuck reservation.
    const { body: usage } = await gqlHttp(url, '{ me { todayUsage { inputTokens outputTokens } } }', {}, apiKey);
    const used = usage.data.me.todayUsage;
    expect(used.outputTokens).toBeLessThan(LIMIT * 0.05);
    const rest = LIMIT - used.outputTokens;
    const { body: big } = await gqlHttp(
      url,
      'mutation($i: ChatInput!) { chat(input: $i) { text } }',
      { i: { model: 'slow-stream', messages: [{ role: 'USER', content: 'one more' }], maxTokens: rest } },
      apiKey,
    );
    expect(big.errors).toBeUndefined();
  });
});
