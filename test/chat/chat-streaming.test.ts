import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, sseSubscribe, wsClient, wsCollect, type ListeningGateway } from '../fixtures/http.ts';

const SUBSCRIBE = `subscription($i: ChatInput!) { chat(input: $i) {
  __typename
  ... on ChatDelta { text }
  ... on ChatCompleted { result { text usage { inputTokens outputTokens } provider model attempts { provider } auditId } }
} }`;

const input = (model: string, content = 'Tell me about gateways') => ({ i: { model, messages: [{ role: 'USER', content }] } });

describe('streaming chat over SSE and graphql-ws', () => {
  let fake: FakeUpstream;
  let gw: TestGateway;
  let server: ListeningGateway;

  beforeAll(async () => {
    fake = await startFakeOpenAI({ reply: 'Gateways route, meter and audit every model call for the whole company.' });
    gw = await startTestGateway({
      config: parseConfig({
        providers: [{ id: 'openai-fake', plugin: 'openai', baseUrl: fake.url }],
        models: [{ name: 'gpt-test', primary: { provider: 'openai-fake', model: 'gpt-4o-mini' } }],
      }),
    });
    server = await listen(gw);
  });
  afterAll(async () => {
    await server?.close();
    await gw?.close();
    await fake?.close();
  });

  const chatAudits = async () => (await gw.gql('{ auditLog(filter: { action: "chat" }, first: 100) { edges { node { id outputTokens metadata } } } }', {}, gw.adminToken)).data.auditLog.edges.map((e: any) => e.node);

  test('SSE: deltas arrive in order, then one completed event whose text is their concatenation', async () => {
    // Tokens spaced in time, as a real model sends them (a burst read at once is merged into one delta).
    fake.setFault({ type: 'slow', chunkDelayMs: 5 }, { times: 1 });
    const events: any[] = [];
    for await (const payload of sseSubscribe(server.url, SUBSCRIBE, input('gpt-test'), gw.adminToken)) {
      expect(payload.errors).toBeUndefined();
      events.push(payload.data.chat);
    }
    const deltas = events.filter((e) => e.__typename === 'ChatDelta');
    expect(deltas.length).toBeGreaterThan(3);
    const completed = events.filter((e) => e.__typename === 'ChatCompleted');
    expect(completed).toHaveLength(1);
    expect(events.at(-1).__typename).toBe('ChatCompleted');
    expect(deltas.map((d) => d.text).join('')).toBe(fake.reply);
    expect(completed[0].result).toMatchObject({ text: fake.reply, provider: 'openai-fake', model: 'gpt-4o-mini', usage: fake.usage });
    expect(fake.requests.at(-1)!.stream).toBe(true);
  });

  test('graphql-ws: the same stream, authenticated by connection params', async () => {
    const client = wsClient(server.wsUrl, gw.adminToken);
    try {
      const payloads = await wsCollect(client, SUBSCRIBE, input('gpt-test'));
      const events = payloads.map((p) => p.data.chat);
      expect(events.filter((e) => e.__typename === 'ChatDelta').map((d) => d.text).join('')).toBe(fake.reply);
      expect(events.at(-1).result.text).toBe(fake.reply);
    } finally {
      await client.dispose();
    }
  });

  test('graphql-ws without credentials is refused: the socket is closed with 4401', async () => {
    const client = wsClient(server.wsUrl);
    try {
      const failure = await wsCollect(client, SUBSCRIBE, input('gpt-test')).then(
        (payloads) => payloads,
        (closed) => closed,
      );
      expect(failure.code).toBe(4401);
    } finally {
      await client.dispose();
    }
  });

  test('an SSE client that disconnects aborts the upstream call, and the chat is still metered and audited', async () => {
    fake.setFault({ type: 'slow', chunkDelayMs: 150 }, { times: 1 });
    const before = (await chatAudits()).length;
    const abort = new AbortController();
    let received = '';
    await expect(
      (async () => {
        for await (const payload of sseSubscribe(server.url, SUBSCRIBE, input('gpt-test', 'slow please'), gw.adminToken, abort.signal)) {
          received += payload.data.chat.text ?? '';
          if (received) abort.abort();
        }
      })(),
    ).rejects.toThrow();
    const upstream = fake.requests.at(-1)!;
    await Promise.race([upstream.settled, new Promise((r) => setTimeout(r, 3000))]);
    expect(upstream.clientClosed).toBe(true);
    await expect.poll(async () => (await chatAudits()).length, { timeout: 5000 }).toBe(before + 1);
    const [latest] = await chatAudits();
    expect(latest.metadata.outcome).toBe('disconnected');
    expect(latest.outputTokens).toBeGreaterThan(0);
  });

  test('a graphql-ws client that unsubscribes aborts the upstream call', async () => {
    fake.setFault({ type: 'slow', chunkDelayMs: 150 }, { times: 1 });
    const before = (await chatAudits()).length;
    const client = wsClient(server.wsUrl, gw.adminToken);
    try {
      const iterator = client.iterate({ query: SUBSCRIBE, variables: input('gpt-test', 'slow again') });
      const first = await iterator.next();
      expect(first.value.data.chat.__typename).toBe('ChatDelta');
      await iterator.return?.();
      const upstream = fake.requests.at(-1)!;
      await Promise.race([upstream.settled, new Promise((r) => setTimeout(r, 3000))]);
      expect(upstream.clientClosed).toBe(true);
      await expect.poll(async () => (await chatAudits()).length, { timeout: 5000 }).toBe(before + 1);
      expect((await chatAudits())[0].metadata.outcome).toBe('disconnected');
    } finally {
      await client.dispose();
    }
  });
});

describe('live usage events', () => {
  test('a usage:read subscriber sees each settled chat; a member may not subscribe', async () => {
    const fake = await startFakeOpenAI();
    const gw = await startTestGateway({
      config: parseConfig({ providers: [{ id: 'o', plugin: 'openai', baseUrl: fake.url }], models: [{ name: 'gpt-test', primary: { provider: 'o', model: 'm' } }] }),
    });
    const server = await listen(gw);
    const client = wsClient(server.wsUrl, gw.adminToken);
    try {
      const events = client.iterate({ query: 'subscription { usageEvents { model provider inputTokens outputTokens outcome fellBack user { email } } }' });
      const first = events.next();
      await new Promise((r) => setTimeout(r, 100)); // let the subscription start before the chat settles
      await gw.gql('mutation { chat(input: { model: "gpt-test", messages: [{ role: USER, content: "hi" }] }) { text } }', {}, gw.adminToken);
      const { value } = await first;
      expect(value.data.usageEvents).toEqual({ model: 'gpt-test', provider: 'o', ...fake.usage, outcome: 'ok', fellBack: false, user: { email: 'admin@test.local' } });
      await events.return?.();

      const roles = await gw.gql('{ roles { id name } }', {}, gw.adminToken);
      const member = roles.data.roles.find((r: any) => r.name === 'member').id;
      const user = await gw.gql('mutation($r: ID!) { createUser(input: { email: "m@ev.test", name: "M", roleIds: [$r] }) { id } }', { r: member }, gw.adminToken);
      const key = await gw.gql('mutation($u: ID!) { createApiKey(userId: $u, name: "k") { secret } }', { u: user.data.createUser.id }, gw.adminToken);
      const memberClient = wsClient(server.wsUrl, key.data.createApiKey.secret);
      try {
        const refused = await wsCollect(memberClient, 'subscription { usageEvents { model } }', {}).then((p) => p, (e) => e);
        expect(JSON.stringify(refused)).toContain('FORBIDDEN');
      } finally {
        await memberClient.dispose();
      }
    } finally {
      await client.dispose();
      await server.close();
      await gw.close();
      await fake.close();
    }
  });
});
