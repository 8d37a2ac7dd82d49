import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import anthropic from '../../plugins/anthropic/index.ts';
import openai from '../../plugins/openai/index.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import { refusedUrl, type FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { AttemptFailure } from '../../server/router/router.ts';
import { harness, run, type Harness } from './router-harness.ts';

describe('router retry and fallback against fake upstreams', () => {
  let primary: FakeUpstream;
  let secondary: FakeUpstream;
  let dead: string;
  let h: Harness | undefined;
  beforeAll(async () => {
    [primary, secondary, dead] = await Promise.all([startFakeOpenAI(), startFakeAnthropic({ reply: 'Fallback answer here.' }), refusedUrl('/v1')]);
  });
  afterAll(() => Promise.all([primary.close(), secondary.close()]));
  afterEach(async () => {
    primary.setFault(null);
    secondary.setFault(null);
    primary.requests.length = 0;
    secondary.requests.length = 0;
    await h?.close();
    h = undefined;
  });
  const both = (resilience = {}, extra = {}) =>
    (h = harness(
      [
        { id: 'oa', plugin: openai, baseUrl: primary.url },
        { id: 'an', plugin: anthropic, baseUrl: secondary.url },
      ],
      resilience,
      extra,
    ));

  it('retries a 503 on the same provider, then succeeds there', async () => {
    primary.setFault({ type: 'status', status: 503 }, { times: 1 });
    const out = await run(both().router);
    expect(out.error).toBeUndefined();
    expect(out.text).toBe(primary.reply);
    expect(out.done).toMatchObject({ provider: 'oa', model: 'fake-model-a', usage: primary.usage });
    expect(out.done!.attempts.map((a) => [a.provider, a.code, a.status])).toEqual([
      ['oa', 'server', 503],
      ['oa', undefined, undefined],
    ]);
    expect(primary.requests).toHaveLength(2);
    expect(secondary.requests).toHaveLength(0);
  });

  it('waits at least retry-after before retrying a 429', async () => {
    primary.setFault({ type: 'status', status: 429, retryAfter: '0.3' }, { times: 1 });
    const out = await run(both().router);
    expect(out.done?.provider).toBe('oa');
    expect(out.done!.attempts[0]).toMatchObject({ code: 'rate_limited', status: 429 });
    const [first, second] = primary.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(300);
  });

  it('moves on instead of waiting when retry-after exceeds maxBackoffMs', async () => {
    primary.setFault({ type: 'status', status: 429, retryAfter: '30' }, { times: 1 });
    const out = await run(both().router);
    expect(out.done?.provider).toBe('an');
    expect(out.ms).toBeLessThan(1000);
    expect(primary.requests).toHaveLength(1);
  });

  it('falls back when the primary refuses connections', async () => {
    h = harness([
      { id: 'oa', plugin: openai, baseUrl: dead },
      { id: 'an', plugin: anthropic, baseUrl: secondary.url },
    ]);
    const out = await run(h.router);
    expect(out.text).toBe('Fallback answer here.');
    expect(out.done!.provider).toBe('an');
    expect(out.done!.attempts.map((a) => [a.provider, a.code])).toEqual([
      ['oa', 'network'],
      ['oa', 'network'],
      ['an', undefined],
    ]);
  });

  it('throws PROVIDER_UNAVAILABLE with every attempt when the whole chain is down', async () => {
    secondary.setFault({ type: 'status', status: 500 });
    h = harness([
      { id: 'oa', plugin: openai, baseUrl: dead },
      { id: 'an', plugin: anthropic, baseUrl: secondary.url },
    ]);
    const out = await run(h.router);
    expect(out.error?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(out.error!.attempts.map((a) => `${a.provider}:${a.code}:${a.status ?? ''}`)).toEqual([
      'oa:network:',
      'oa:network:',
      'an:server:500',
      'an:server:500',
    ]);
    expect(out.error!.message).toContain('"m"');
  });

  it('moves on after a 401 without retrying the same provider', async () => {
    primary.setFault({ type: 'status', status: 401 });
    const out = await run(both().router);
    expect(out.done?.provider).toBe('an');
    expect(primary.requests).toHaveLength(1);
  });

  it('stops the chain on a 400: the fallback is never asked', async () => {
    primary.setFault({ type: 'status', status: 400, message: 'context too long' });
    const out = await run(both().router);
    expect(out.error?.code).toBe('BAD_REQUEST');
    expect(out.error!.message).toBe('upstream rejected the request (400)');
    expect(secondary.requests).toHaveLength(0);
  });

  it("reports the upstream's own words to onAttemptFailure only; attempts and errors carry a generic reason", async () => {
    const failures: AttemptFailure[] = [];
    primary.setFault({ type: 'status', status: 401, message: 'Incorrect API key provided: sk-leaked-123456' });
    secondary.setFault({ type: 'status', status: 500, message: 'internal trace at 10.0.0.7:8443' });
    const out = await run(both({ maxRetries: 0 }, { onAttemptFailure: (f: AttemptFailure) => failures.push(f) }).router);
    expect(out.error?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(out.error!.attempts.map((a) => a.error)).toEqual(['upstream rejected our credentials (401)', 'upstream server error (500)']);
    expect(out.error!.message).toBe('no provider could serve "m"; last error: upstream server error (500)');
    expect(JSON.stringify(out.error!.attempts) + out.error!.message).not.toMatch(/sk-leaked|10\.0\.0\.7/);
    expect(failures.map((f) => [f.provider, f.error.kind, f.attempt.error])).toEqual([
      ['oa', 'auth', 'upstream rejected our credentials (401)'],
      ['an', 'server', 'upstream server error (500)'],
    ]);
    expect(failures[0].error.message).toContain('sk-leaked-123456');
    expect(failures[1].error.message).toContain('10.0.0.7:8443');
  });

  it('times out a silent attempt (attemptTimeoutMs) and falls back', async () => {
    primary.setFault({ type: 'delay', ms: 3000 });
    const out = await run(both({ attemptTimeoutMs: 150, maxRetries: 0 }).router);
    expect(out.done?.provider).toBe('an');
    expect(out.done!.attempts[0]).toMatchObject({ provider: 'oa', code: 'timeout' });
    expect(out.ms).toBeLessThan(1000);
  });

  it('applies the attempt timeout between chunks, so a slow but steady stream completes', async () => {
    primary.setFault({ type: 'slow', chunkDelayMs: 60 });
    const out = await run(both({ attemptTimeoutMs: 250 }).router);
    expect(out.done?.provider).toBe('oa');
    expect(out.ms).toBeGreaterThan(250);
  });

  it('applies firstTokenTimeoutMs to the first delta only', async () => {
    primary.setFault({ type: 'delay', ms: 400 }, { times: 1 });
    const out = await run(both({ firstTokenTimeoutMs: 100, maxRetries: 0 }).router);
    expect(out.done?.provider).toBe('an');
    expect(out.done!.attempts[0].code).toBe('timeout');
  });

  it('skips a provider whose instance failed to load, recording it as unavailable', async () => {
    h = harness(
      [
        { id: 'oa', plugin: openai, baseUrl: primary.url },
        { id: 'an', plugin: anthropic, baseUrl: secondary.url },
      ],
      {},
      { skipCreate: ['oa'] },
    );
    const out = await run(h.router);
    expect(out.done?.provider).toBe('an');
    expect(out.done!.attempts[0]).toEqual({ provider: 'oa', model: 'fake-model-a', error: 'provider unavailable', code: 'unavailable', latencyMs: 0 });
  });
});
