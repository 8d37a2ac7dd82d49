import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { adminApi } from '../fixtures/admin-api.ts';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, sseSubscribe, wsClient, type ListeningGateway } from '../fixtures/http.ts';

const CONFIG = parseConfig({
  providers: [{ id: 'slow', plugin: 'mock', options: { reply: Array.from({ length: 200 }, (_, i) => `w${i}`).join(' '), latencyMs: 50 } }],
  models: [{ name: 'slow', primary: { provider: 'slow', model: 'slow' } }],
});

interface Ending {
  code?: string;
  /** ms from the change to the end. */
  afterMs?: number;
  events: number;
}

/** Consumes a subscription and records how it ended relative to `changedAt()`. */
async function watch(stream: AsyncIterable<any>, changedAt: () => number | undefined): Promise<Ending> {
  const ending: Ending = { events: 0 };
  try {
    for await (const payload of stream) {
      if (payload.errors) {
        ending.code = payload.errors[0].extensions?.code;
        break;
      }
      ending.events++;
    }
  } catch (error) {
    ending.code ??= `closed:${(error as { code?: number }).code ?? (error as Error).message}`;
  }
  const at = changedAt();
  if (at !== undefined) ending.afterMs = performance.now() - at;
  return ending;
}

function wsIterate(url: string, token: string, query: string, variables: Record<string, unknown> = {}): AsyncIterable<any> {
  const client = wsClient(url, token);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* client.iterate({ query, variables });
      } finally {
        await client.dispose();
      }
    },
  };
}

const CHAT = 'subscription { chat(input: { model: "slow", messages: [{ role: USER, content: "go" }] }) { __typename } }';

// Two instances share a database only on PostgreSQL; the embedded one has one instance.
const places = [{ where: 'the same instance', second: false }, ...(inject('databaseBaseUrl') ? [{ where: 'another instance (PostgreSQL)', second: true }] : [])];

describe.each(places)('live subscriptions end when credentials change on $where', ({ second }) => {
  let a: TestGateway;
  let b: TestGateway | undefined;
  let serverA: ListeningGateway;
  let api: ReturnType<typeof adminApi>;
  let role = '';

  beforeAll(async () => {
    a = await startTestGateway({ config: CONFIG });
    serverA = await listen(a);
    if (second) b = await startSecondGateway(a, { config: CONFIG });
    api = adminApi(b ?? a);
    role = await api.createRole(`watcher-${second ? 'b' : 'a'}`, ['usage:read', 'budgets:read', 'chat']);
  });
  afterAll(async () => {
    await serverA?.close();
    await b?.close();
    await a?.close();
  });

  const changes: Record<string, (user: { id: string; keyId: string }) => Promise<unknown>> = {
    'the key is revoked': (u) => api.must('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: u.keyId }),
    'the user is suspended': (u) => api.must('mutation($id: ID!) { setUserStatus(id: $id, status: SUSPENDED) { id } }', { id: u.id }),
    'the user is deleted': (u) => api.must('mutation($id: ID!) { deleteUser(id: $id) }', { id: u.id }),
    'the role granting the permissions is taken away': async (u) => api.must('mutation($id: ID!) { setUserRoles(userId: $id, roleIds: []) { id } }', { id: u.id }),
  };

  test.each(Object.keys(changes))('%s: usageEvents (SSE), budgetAlerts (graphql-ws) and a chat in flight end with a coded error within 1 s', async (change) => {
    const email = `watcher-${Math.random().toString(36).slice(2)}@test.local`;
    const id = await api.createUser(email, { roleIds: [role] });
    const key = await api.createApiKey(id);
    let changedAt: number | undefined;
    const when = () => changedAt;

    const usage = watch(sseSubscribe(serverA.url, 'subscription { usageEvents { model } }', {}, key.secret), when);
    const alerts = watch(wsIterate(serverA.wsUrl, key.secret, 'subscription { budgetAlerts { threshold } }'), when);
    const chat = watch(sseSubscribe(serverA.url, CHAT, {}, key.secret), when);
    await new Promise((r) => setTimeout(r, 600)); // all three running, the chat streaming

    changedAt = performance.now();
    await changes[change]({ id, keyId: key.id });
    const [u, al, c] = await Promise.all([usage, alerts, chat]);

    for (const ending of [u, al, c]) {
      expect(ending.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN|closed:44\d\d)$/);
      expect(ending.afterMs).toBeLessThan(1000);
    }
    expect(c.events).toBeGreaterThan(0); // the chat was streaming when it was cut
  });
});
