import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIStyleWire } from '../../test/conformance/openai-style-wire.ts';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import type { FakeUpstream } from '../../test/fakes/fake-server.ts';
import { startFakeOpenRouter } from '../../test/fakes/openrouter.ts';
import plugin from './index.ts';

runProviderConformance({
  plugin,
  startFake: (o) => startFakeOpenRouter({ apiKey: 'or-test', ...o }),
  model: 'openai/gpt-4o-mini',
  instance: { apiKey: 'or-test' },
  countsMissingUsage: true,
  features: {
    wire: openAIStyleWire('openai/gpt-4o-mini', { maxTokensField: 'max_tokens', endUserField: 'user', includeUsage: true }),
    toolCallIds: 'vendor',
    streamsToolArguments: true,
    reportsCachedTokens: true,
  },
});

describe('openrouter plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeOpenRouter()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) =>
    plugin.create({ instanceId: 'or', baseUrl: fake.url, apiKey: 'or-1', options: plugin.configSchema.parse(options) });
  const req = () => ({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }], signal: new AbortController().signal });

  it('sends the attribution headers', async () => {
    const p = make({ referer: 'https://zero.example', title: 'Zero Gateway' });
    await drain(p, req());
    const seen = fake.requests.at(-1)!;
    expect(seen.path).toBe('/api/v1/chat/completions');
    expect(seen.headers['http-referer']).toBe('https://zero.example');
    expect(seen.headers['x-title']).toBe('Zero Gateway');
    await p.close?.();
  });

  it('classifies an in-stream error chunk by its code', async () => {
    const p = make();
    fake.setFault({ type: 'streamError', afterDeltas: 1, status: 502, message: 'provider returned error' }, { times: 1 });
    const out = await drain(p, req());
    expect(out.deltas).toHaveLength(1);
    expect(out.error).toMatchObject({ kind: 'server', status: 502, retryable: true });
    await p.close?.();
  });

  it('uses x-ratelimit-reset (epoch ms) when retry-after is absent', async () => {
    const p = make();
    fake.setFault({ type: 'status', status: 429, headers: { 'x-ratelimit-reset': String(Date.now() + 3000) } }, { times: 1 });
    const err = (await drain(p, req())).error!;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(2000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(3000);
    await p.close?.();
  });
});
