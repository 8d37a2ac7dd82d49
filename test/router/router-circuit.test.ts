import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import anthropic from '../../plugins/anthropic/index.ts';
import openai from '../../plugins/openai/index.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { harness, run } from './router-harness.ts';

describe('router circuit breaker against fake upstreams', () => {
  let primary: FakeUpstream;
  let secondary: FakeUpstream;
  beforeAll(async () => {
    [primary, secondary] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  });
  afterAll(() => Promise.all([primary.close(), secondary.close()]));

  it('opens on a dead primary, skips it at ~zero cost, then probes and closes after openMs', async () => {
    primary.setFault({ type: 'status', status: 503 });
    const h = harness(
      [
        { id: 'oa', plugin: openai, baseUrl: primary.url },
        { id: 'an', plugin: anthropic, baseUrl: secondary.url },
      ],
      { maxRetries: 1, circuit: { failureThreshold: 2, openMs: 200 } },
    );
    const first = await run(h.router);
    expect(first.done?.provider).toBe('an');
    expect(primary.requests).toHaveLength(2);
    expect(h.router.describe().providers.find((p) => p.id === 'oa')!.circuit).toBe('open');

    const second = await run(h.router);
    expect(second.done?.provider).toBe('an');
    expect(second.done!.attempts[0]).toEqual({ provider: 'oa', model: 'fake-model-a', error: 'circuit open', code: 'circuit_open', latencyMs: 0 });
    expect(primary.requests).toHaveLength(2);

    await new Promise((r) => setTimeout(r, 220));
    primary.setFault(null);
    const third = await run(h.router);
    expect(third.done?.provider).toBe('oa');
    expect(primary.requests).toHaveLength(3);
    expect(h.router.describe().providers.find((p) => p.id === 'oa')!.circuit).toBe('closed');
    await h.close();
  });

  it('describes providers (plugin, circuit, error rate, p50) and models', async () => {
    primary.setFault(null);
    const h = harness([
      { id: 'oa', plugin: openai, baseUrl: primary.url },
      { id: 'an', plugin: anthropic, baseUrl: secondary.url },
    ]);
    primary.setFault({ type: 'status', status: 500 }, { times: 1 });
    await run(h.router);
    const d = h.router.describe();
    // Capabilities are covered in router-features.test.ts.
    expect(d.models).toMatchObject([{ name: 'm', primary: { provider: 'oa', model: 'fake-model-a' }, fallbacks: [{ provider: 'an', model: 'fake-model-a' }] }]);
    const oa = d.providers.find((p) => p.id === 'oa')!;
    expect(oa).toMatchObject({ plugin: 'openai', available: true, circuit: 'closed', requests: 2, errorRate: 0.5 });
    expect(oa.p50LatencyMs).toBeGreaterThan(0);
    expect(d.providers.find((p) => p.id === 'an')).toMatchObject({ requests: 0, p50LatencyMs: null });
    await h.close();
  });
});
