import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import anthropic from '../../plugins/anthropic/index.ts';
import mock from '../../plugins/mock/index.ts';
import openai from '../../plugins/openai/index.ts';
import { StreamInterruptedError } from '../../server/router/errors.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { harness, hello, run, type Harness } from './router-harness.ts';

describe('router streaming guarantees', () => {
  let primary: FakeUpstream;
  let secondary: FakeUpstream;
  let h: Harness;
  beforeAll(async () => {
    [primary, secondary] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
    h = harness([
      { id: 'oa', plugin: openai, baseUrl: primary.url },
      { id: 'an', plugin: anthropic, baseUrl: secondary.url },
    ]);
  });
  afterAll(async () => {
    await h.close();
    await Promise.all([primary.close(), secondary.close()]);
  });
  afterEach(() => {
    primary.setFault(null);
    primary.requests.length = 0;
    secondary.requests.length = 0;
  });

  it('yields deltas in order, then done with usage, provider and latency', async () => {
    const events = [];
    for await (const ev of h.router.stream('m', hello)) events.push(ev);
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => (d as { text: string }).text).join('')).toBe(primary.reply);
    expect(events.at(-1)).toMatchObject({ type: 'done', usage: primary.usage, provider: 'oa', model: 'fake-model-a', finishReason: 'stop' });
  });

  it('ends a stream cut after the first token with a typed error, no fallback, delivered text reported', async () => {
    primary.setFault({ type: 'cut', afterDeltas: 1, mode: 'destroy' });
    const out = await run(h.router);
    expect(out.error).toBeInstanceOf(StreamInterruptedError);
    const err = out.error as StreamInterruptedError;
    expect(err.code).toBe('STREAM_INTERRUPTED');
    expect(err.deliveredText).toBe(out.text);
    expect(err.deliveredText).toBe('Hello ');
    expect(err.usage).toBeNull();
    expect(err.provider).toBe('oa');
    expect(err.attempts).toEqual([expect.objectContaining({ provider: 'oa', code: 'stream' })]);
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
  });

  it('reports a caller abort mid-stream as ABORTED with the delivered text and closes the upstream', async () => {
    primary.setFault({ type: 'slow', chunkDelayMs: 80 });
    const ctl = new AbortController();
    const out = await run(h.router, ctl.signal, () => ctl.abort());
    expect(out.error).toBeInstanceOf(StreamInterruptedError);
    expect(out.error).toMatchObject({ code: 'ABORTED', deliveredText: 'Hello ' });
    await primary.requests[0].settled;
    expect(primary.requests[0].clientClosed).toBe(true);
    expect(secondary.requests).toHaveLength(0);
  });

  it('reports a caller abort before the first delta as ABORTED without trying the fallback', async () => {
    primary.setFault({ type: 'delay', ms: 2000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const out = await run(h.router, ctl.signal);
    expect(out.error?.code).toBe('ABORTED');
    expect(out.error).not.toBeInstanceOf(StreamInterruptedError);
    expect(out.ms).toBeLessThan(500);
    expect(secondary.requests).toHaveLength(0);
  });

  it('closes the upstream connection when the consumer stops iterating', async () => {
    primary.setFault({ type: 'slow', chunkDelayMs: 80 });
    for await (const ev of h.router.stream('m', hello)) if (ev.type === 'delta') break;
    await primary.requests[0].settled;
    expect(primary.requests[0].clientClosed).toBe(true);
    expect(h.router.describe().providers.find((p) => p.id === 'oa')!.circuit).toBe('closed');
  });

  it('throws MODEL_NOT_FOUND for an unknown model name', async () => {
    const out = await run(h.router, undefined, undefined, 'no-such-model');
    expect(out.error).toMatchObject({ code: 'MODEL_NOT_FOUND', attempts: [] });
  });

  it('retries the mock provider\'s injected failures and meters its deterministic usage', async () => {
    const m = harness([{ id: 'mock', plugin: mock, options: { failFirst: 1, failWith: 'server' } }]);
    const out = await run(m.router);
    expect(out.text).toBe('You said: Say hello.');
    expect(out.done).toMatchObject({ provider: 'mock', usage: { inputTokens: 2, outputTokens: 4 } });
    expect(out.done!.attempts.map((a) => a.code)).toEqual(['server', undefined]);
  });
});
