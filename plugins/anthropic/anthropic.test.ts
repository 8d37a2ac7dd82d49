import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import { startFakeAnthropic } from '../../test/fakes/anthropic.ts';
import type { FakeUpstream } from '../../test/fakes/fake-server.ts';
import plugin from './index.ts';

runProviderConformance({
  plugin,
  startFake: () => startFakeAnthropic({ apiKey: 'sk-ant-test' }),
  model: 'claude-fake-1',
  instance: { apiKey: 'sk-ant-test' },
});

describe('anthropic plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeAnthropic()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) =>
    plugin.create({ instanceId: 'an', baseUrl: fake.url, apiKey: 'k-1', options: plugin.configSchema.parse(options) });
  const req = (extra = {}) => ({
    model: 'claude-x',
    messages: [
      { role: 'system' as const, content: 'Rule one.' },
      { role: 'user' as const, content: 'hi' },
    ],
    signal: new AbortController().signal,
    ...extra,
  });

  it('sends x-api-key, anthropic-version, a top-level system prompt and the default max_tokens', async () => {
    const p = make({ betas: ['prompt-caching-2024-07-31'] });
    await drain(p, req({ stop: ['END'] }));
    const seen = fake.requests.at(-1)!;
    expect(seen.headers['x-api-key']).toBe('k-1');
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(seen.body).toMatchObject({ system: 'Rule one.', max_tokens: 4096, stop_sequences: ['END'], messages: [{ role: 'user', content: 'hi' }] });
    await p.close?.();
  });

  it('treats 529 overloaded as a retryable server error', async () => {
    const p = make();
    fake.setFault({ type: 'status', status: 529 }, { times: 1 });
    expect((await drain(p, req())).error).toMatchObject({ kind: 'server', status: 529, retryable: true });
    await p.close?.();
  });

  it('maps an in-stream overloaded_error event to a retryable server error after the deltas', async () => {
    const p = make();
    fake.setFault({ type: 'streamError', afterDeltas: 2, status: 529 }, { times: 1 });
    const out = await drain(p, req());
    expect(out.deltas).toHaveLength(2);
    expect(out.error).toMatchObject({ kind: 'server', status: 529, retryable: true });
    await p.close?.();
  });

  it('uses anthropic-ratelimit-*-reset of the exhausted limit when retry-after is absent', async () => {
    const p = make();
    const reset = new Date(Date.now() + 4000).toISOString();
    fake.setFault(
      { type: 'status', status: 429, headers: { 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': reset } },
      { times: 1 },
    );
    const err = (await drain(p, req())).error!;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(3000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(4000);
    await p.close?.();
  });
});
