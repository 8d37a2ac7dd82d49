import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../fixtures/database.ts';
import { startLoadBalancer, nginxAvailable, type LoadBalancer } from '../fixtures/nginx.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';
import { sseSubscribe } from '../fixtures/http.ts';
import { gqlHttp, login, sql, streamChat } from '../reliability/helpers.ts';

const ADMIN = { email: 'admin@cluster.local', password: 'cluster-admin-password-1' };
const WORDS = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Three gateway instances (as `npm start` runs them) on one PostgreSQL database, behind nginx:
 * coordinated through Redis, and again through PostgreSQL alone (LISTEN/NOTIFY).
 */
describe.runIf(Boolean(inject('databaseBaseUrl')) && nginxAvailable()).each([
  { through: 'Redis', redis: true },
  { through: 'PostgreSQL alone', redis: false },
])('three instances behind a load balancer, coordinated through $through', ({ redis }) => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'zero-cluster-'));
  const configPath = join(dir, 'zero.config.json');
  const instances: (ServerProcess | undefined)[] = [];
  let lb: LoadBalancer;
  let admin = '';
  const prefix = `zero-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}:`;
  const env = (id: string) => ({
    REDIS_URL: redis ? REDIS_URL : undefined,
    ZERO_REDIS_PREFIX: prefix,
    DATABASE_URL: db.url,
    ZERO_CONFIG: configPath,
    ZERO_DATA_DIR: join(dir, id),
    ZERO_INSTANCE_ID: id,
    ZERO_ADMIN_EMAIL: ADMIN.email,
    ZERO_ADMIN_PASSWORD: ADMIN.password,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    writeFileSync(
      configPath,
      JSON.stringify({
        providers: [
          { id: 'stream', plugin: 'mock', options: { reply: WORDS, latencyMs: 40 } },
          { id: 'fast', plugin: 'mock', options: {} },
          { id: 'slow', plugin: 'mock', options: { reply: WORDS, latencyMs: 100 } },
        ],
        models: [
          { name: 'streamy', primary: { provider: 'stream', model: 'streamy' } },
          { name: 'quick', primary: { provider: 'fast', model: 'quick' } },
          { name: 'slow', primary: { provider: 'slow', model: 'slow' } },
        ],
        pricing: { currency: 'CNY', models: { quick: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } } },
      }),
    );
    // The first applies the migrations; the others start on a migrated database.
    instances[0] = await startServerProcess(env('gw-a'), 90_000);
    [instances[1], instances[2]] = await Promise.all([startServerProcess(env('gw-b'), 90_000), startServerProcess(env('gw-c'), 90_000)]);
    lb = await startLoadBalancer(instances.map((i) => i!.url));
    admin = await login(lb.url, ADMIN.email, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await lb?.stop();
    await Promise.all(instances.map((i) => i?.stop()));
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const must = async (query: string, variables: Record<string, unknown> = {}, token = admin, url = lb.url) => {
    const { body } = await gqlHttp(url, query, variables, token);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  async function member(email: string) {
    const { createUser } = await must('mutation($e: String!) { createUser(input: { email: $e, name: "Cluster" }) { id } }', { e: email });
    const { roles } = await must('{ roles { id name } }');
    await must('mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }', { u: createUser.id, r: [roles.find((r: any) => r.name === 'member').id] });
    const { createApiKey } = await must('mutation($u: ID!) { createApiKey(userId: $u, name: "c") { secret apiKey { id } } }', { u: createUser.id });
    return { id: createUser.id as string, key: createApiKey.secret as string, keyId: createApiKey.apiKey.id as string };
  }

  /** One chat; 'ok', the error code, or the HTTP status when the balancer itself answered (a dead upstream). */
  const chatOnce = async (token: string, url = lb.url, maxTokens = 5): Promise<string> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($i: ChatInput!) { chat(input: $i) { text } }', variables: { i: { model: 'quick', messages: [{ role: 'USER', content: 'count my tokens please' }], maxTokens } } }),
    });
    const text = await res.text();
    if (!res.headers.get('content-type')?.includes('json')) return `HTTP ${res.status}`;
    const body = JSON.parse(text);
    return body.errors ? (body.errors[0].extensions?.code as string) : 'ok';
  };

  test('300 concurrent chats spread over the instances never overshoot a quota by more than one request, nor a hard-stopped budget at all', { timeout: 120_000 }, async () => {
    const q = await member('quota@cluster.local');
    await must('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 100000, dailyOutputLimit: 400) { dailyInputLimit } }', { u: q.id });
    const b = await member('budget@cluster.local');
    const { createBudget } = await must('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 300, hardStop: true }) { id } }', { u: b.id });

    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => chatOnce(i % 2 ? q.key : b.key)));
    const codes = new Set(results);
    expect([...codes].every((c) => ['ok', 'QUOTA_EXCEEDED', 'BUDGET_EXCEEDED'].includes(c))).toBe(true);

    const usageOf = async (token: string) => (await must('{ me { todayUsage { inputTokens outputTokens } } }', {}, token)).me.todayUsage;
    const qUsed = await usageOf(q.key);
    // One request's worth: its output cap (5 tokens) with the cut's slack.
    expect(qUsed.outputTokens).toBeLessThanOrEqual(400 + 5);
    expect(results.filter((r, i) => i % 2 && r === 'QUOTA_EXCEEDED').length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    const { budgetStatus } = await must('query($id: ID!) { budgetStatus(id: $id) { spent } }', { id: createBudget.id });
    expect(budgetStatus.spent).toBeLessThanOrEqual(300);
    expect(results.filter((r, i) => !(i % 2) && r === 'BUDGET_EXCEEDED').length).toBeGreaterThan(0);
  });

  test("one user's rate limit holds over the instances under 300 concurrent chats", { timeout: 120_000 }, async () => {
    const r = await member('rate@cluster.local');
    await must('mutation($u: ID!) { setRateLimit(scope: USER, targetId: $u, requestsPerMinute: 40) { requestsPerMinute } }', { u: r.id });
    await new Promise((res) => setTimeout(res, 500)); // every instance has heard of the limit
    const results = await Promise.all(Array.from({ length: 300 }, () => chatOnce(r.key)));
    expect(results.filter((x) => x === 'ok').length).toBeLessThanOrEqual(40);
    expect(results.filter((x) => x === 'ok').length).toBeGreaterThan(20);
    expect(new Set(results.filter((x) => x !== 'ok'))).toEqual(new Set(['RATE_LIMITED']));
  });

  test('subscribers on one instance see the chats and budget alerts served by the others', { timeout: 60_000 }, async () => {
    const [a, b, c] = instances.map((i) => i!.url);
    const feed = new AbortController();
    const seen: any[] = [];
    const alerts: any[] = [];
    const usage = (async () => {
      try {
        for await (const p of sseSubscribe(a, 'subscription { usageEvents { model user { email } } }', {}, admin, feed.signal)) seen.push(p.data?.usageEvents);
      } catch {
        // aborted at the end
      }
    })();
    const alerting = (async () => {
      try {
        for await (const p of sseSubscribe(a, 'subscription { budgetAlerts { threshold budget { scope } } }', {}, admin, feed.signal)) alerts.push(p.data?.budgetAlerts);
      } catch {
        // aborted at the end
      }
    })();
    await new Promise((res) => setTimeout(res, 500));
    const f = await member('feed@cluster.local');
    // 20 CNY a chat at these prices: the first chat crosses 50% of a 30 CNY budget, on instance B or C.
    await must('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 30, thresholds: [50] }) { id } }', { u: f.id });
    for (const url of [b, c, b, c]) expect(await chatOnce(f.key, url)).toBe('ok');
    const deadline = performance.now() + 5000;
    while ((seen.filter((e) => e?.user?.email === 'feed@cluster.local').length < 4 || alerts.length < 1) && performance.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
    }
    feed.abort();
    await Promise.all([usage, alerting]);
    expect(seen.filter((e) => e?.user?.email === 'feed@cluster.local')).toHaveLength(4);
    expect(alerts).toContainEqual({ threshold: 50, budget: { scope: 'USER' } });
  });

  test('a key revoked or a user suspended through one instance is refused by every instance within 1 s', async () => {
    const u = await member('revoke@cluster.local');
    const [a, b, c] = instances.map((i) => i!.url);
    // Warm every instance's credential cache.
    for (const url of [a, b, c]) expect(await chatOnce(u.key, url)).toBe('ok');
    await must('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: u.keyId }, admin, a);
    const revokedAt = performance.now();
    for (const url of [b, c, a]) {
      for (;;) {
        const code = await chatOnce(u.key, url);
        if (code === 'UNAUTHENTICATED') break;
        expect(performance.now() - revokedAt).toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(performance.now() - revokedAt).toBeLessThan(1000);

    const v = await member('suspend@cluster.local');
    for (const url of [a, b, c]) expect(await chatOnce(v.key, url)).toBe('ok');
    await must('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: v.id }, admin, b);
    const suspendedAt = performance.now();
    for (const url of [a, c, b]) {
      while ((await chatOnce(v.key, url)) !== 'FORBIDDEN') {
        expect(performance.now() - suspendedAt).toBeLessThan(1000);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });

  test('kill -9 of one instance during streams: the others keep serving, every answered chat is metered once, the chain verifies', { timeout: 120_000 }, async () => {
    const streams = Array.from({ length: 30 }, () => streamChat(lb.url, admin, 'streamy'));
    await new Promise((r) => setTimeout(r, 400));
    instances[2]!.signal('SIGKILL');
    await instances[2]!.exited;
    const results = await Promise.all(streams);
    const answered = results.filter((r) => r.result);
    expect(answered.length).toBeGreaterThan(10);
    expect(results.length - answered.length).toBeGreaterThan(0); // some were on the killed instance
    // The balancer routes around it: a POST it sent to the dead instance fails once (nginx does not
    // resend non-idempotent requests), then the instance is skipped and new chats are served.
    const after = [];
    for (let i = 0; i < 9; i++) after.push(await chatOnce(admin));
    expect(after.filter((r) => r !== 'ok').length).toBeLessThanOrEqual(1);
    expect(after.slice(-6)).toEqual(Array(6).fill('ok'));
    // The instance comes back (as a supervisor would restart it) and settles what it left open.
    instances[2] = await startServerProcess(env('gw-c'), 90_000);
    const open = await sql(db.url!, 'select count(*)::int as n from chat_in_flight where settled_at is null');
    expect(open[0].n).toBe(0);
    for (const r of answered) {
      const rows = await sql(db.url!, `select count(*)::int as n from audit_record where action = 'chat' and metadata->>'chatId' = $1`, [r.result!.chatId]);
      expect(rows[0].n).toBe(1);
    }
    const per = await sql(db.url!, `select metadata->>'chatId' as id, count(*)::int as n from audit_record where action = 'chat' group by 1 having count(*) > 1`);
    expect(per).toEqual([]);
    const { auditVerify } = await must('{ auditVerify { ok } }');
    expect(auditVerify.ok).toBe(true);
  });

  test('SIGTERM of another instance drains its streams to completion behind the balancer', { timeout: 120_000 }, async () => {
    // Three-second streams, all under way (admitted, written ahead in the ledger) when the signal comes,
    // however long admission takes on a loaded machine.
    const [{ t0 }] = await sql(db.url!, 'select now() as t0');
    const streams = Array.from({ length: 24 }, () => streamChat(lb.url, admin, 'slow'));
    const admitted = async () => (await sql(db.url!, `select count(*)::int as n from chat_in_flight where model = 'slow' and started_at >= $1`, [t0]))[0].n;
    const waitingSince = performance.now();
    while ((await admitted()) < 24) {
      expect(performance.now() - waitingSince).toBeLessThan(20_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    instances[1]!.signal('SIGTERM');
    const results = await Promise.all(streams);
    expect(results.filter((r) => !r.result).map((r) => r.error ?? r.transport)).toEqual([]);
    expect(await instances[1]!.exited).toBe(0);
    instances[1] = undefined;
    for (let i = 0; i < 6; i++) expect(await chatOnce(admin)).toBe('ok');
  });
});
