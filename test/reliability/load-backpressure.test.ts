import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, type ListeningGateway } from '../fixtures/http.ts';
import { jsonChat, streamChat, type ClientChat } from './helpers.ts';

const REPLY = 'Load is not a provider failure, and the gateway must not treat it as one.';

/** Resilience as the README's example config has it. */
const RESILIENCE = { maxRetries: 2, baseBackoffMs: 100, maxBackoffMs: 10000, attemptTimeoutMs: 30000, firstTokenTimeoutMs: 15000, circuit: { failureThreshold: 5, openMs: 30000 } };

describe('load against a healthy upstream', () => {
  let fake: FakeUpstream;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ reply: REPLY, record: false });
    // Every answer takes a while, so the chats really overlap.
    fake.setFault({ type: 'slow', chunkDelayMs: 20 });
  });
  afterAll(() => fake?.close());

  describe('within the limits', () => {
    let gw: TestGateway;
    let server: ListeningGateway;
    beforeAll(async () => {
      gw = await startTestGateway({
        config: parseConfig({
          providers: [{ id: 'upstream', plugin: 'openai', baseUrl: fake.url }],
          models: [{ name: 'busy', primary: { provider: 'upstream', model: 'gpt-4o-mini' } }],
          resilience: RESILIENCE,
        }),
      });
      server = await listen(gw);
    });
    afterAll(async () => {
      await server?.close();
      await gw?.close();
    });

    test('200 streams plus 100 non-streamed chats at once: every one answered, no provider failure, the circuit stays closed', { timeout: 120_000 }, async () => {
      const started = performance.now();
      const chats = await Promise.all([
        ...Array.from({ length: 200 }, () => streamChat(server.url, gw.adminToken, 'busy')),
        ...Array.from({ length: 100 }, () => jsonChat(server.url, gw.adminToken, 'busy')),
      ]);
      const seconds = (performance.now() - started) / 1000;
      const failed = chats.filter((c) => !c.result);
      console.info(`load: 300 concurrent chats in ${seconds.toFixed(1)} s, ${failed.length} failed`);
      expect(failed.map((c) => c.error ?? c.transport)).toEqual([]);
      for (const c of chats) expect(c.text).toBe(REPLY);
      const providers = gw.gateway.app.providers.router.describe().providers;
      expect(providers.find((p) => p.id === 'upstream')).toMatchObject({ circuit: 'closed', errorRate: 0 });
    });
  });

  describe('past the admission limits', () => {
    let gw: TestGateway;
    let server: ListeningGateway;
    beforeAll(async () => {
      gw = await startTestGateway({
        maxConcurrentChats: 40,
        config: parseConfig({
          providers: [{ id: 'upstream', plugin: 'openai', baseUrl: fake.url, maxConcurrent: 25 }],
          models: [
            { name: 'busy', primary: { provider: 'upstream', model: 'gpt-4o-mini' } },
          ],
          resilience: RESILIENCE,
        }),
      });
      server = await listen(gw);
    });
    afterAll(async () => {
      await server?.close();
      await gw?.close();
    });

    const timed = async (run: () => Promise<ClientChat>) => {
      const t0 = performance.now();
      const chat = await run();
      return { ...chat, ms: performance.now() - t0 };
    };

    test('a provider at its concurrency limit: the excess is answered OVERLOADED at once, the rest normally, the circuit stays closed', { timeout: 60_000 }, async () => {
      const chats = await Promise.all(Array.from({ length: 35 }, () => timed(() => streamChat(server.url, gw.adminToken, 'busy'))));
      const overloaded = chats.filter((c) => c.error === 'OVERLOADED');
      expect(chats.filter((c) => c.result)).toHaveLength(25);
      expect(overloaded).toHaveLength(10);
      for (const c of overloaded) expect(c.ms).toBeLessThan(1000);
      expect(gw.gateway.app.providers.router.describe().providers[0]).toMatchObject({ circuit: 'closed' });
    });

    test('the instance at its chat limit: OVERLOADED at once over GraphQL, and 503 with retry-after over REST', { timeout: 60_000 }, async () => {
      // Hold 40 slots with chats that wait on the upstream.
      fake.setFault({ type: 'delay', ms: 1500 }, { times: 40 });
      const held = Array.from({ length: 40 }, (_, i) => (i < 25 ? jsonChat(server.url, gw.adminToken, 'busy') : streamChat(server.url, gw.adminToken, 'busy')));
      await new Promise((r) => setTimeout(r, 300));
      const refused = await timed(() => jsonChat(server.url, gw.adminToken, 'busy'));
      expect(refused.error).toBe('OVERLOADED');
      expect(refused.ms).toBeLessThan(1000);
      const rest = await fetch(`${server.url}/api/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.adminToken}` },
        body: JSON.stringify({ model: 'busy', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(rest.status).toBe(503);
      expect(rest.headers.get('retry-after')).toBe('1');
      expect((await rest.json()).error.code).toBe('OVERLOADED');
      await Promise.all(held);
      fake.setFault({ type: 'slow', chunkDelayMs: 20 });
    });
  });
});
