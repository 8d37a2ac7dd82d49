import { describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION, type ChatRequest } from '../plugin-api.ts';
import { drain } from '../../test/conformance/provider-conformance.ts';
import plugin from './index.ts';

const make = (options: unknown = {}) => plugin.create({ instanceId: 'mock', options: plugin.configSchema.parse(options) });
const req = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'mock-small',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'tell me a story' },
  ],
  signal: new AbortController().signal,
  ...extra,
});

describe('mock plugin', () => {
  it('declares the current API version', () => {
    expect(plugin.apiVersion).toBe(PLUGIN_API_VERSION);
  });

  it('echoes the last user message in several deltas with word-count usage', async () => {
    const out = await drain(make(), req());
    expect(out.deltas).toEqual(['You ', 'said: ', 'tell ', 'me ', 'a ', 'story']);
    expect(out.usage).toEqual({ inputTokens: 6, outputTokens: 6 });
    expect(out.chunks.at(-1)).toMatchObject({ type: 'usage', finishReason: 'stop' });
  });

  it('is deterministic and answers non-streaming requests with one delta', async () => {
    const a = await drain(make(), req());
    const b = await drain(make(), req({ stream: false }));
    expect(b.deltas).toEqual([a.deltas.join('')]);
    expect(b.usage).toEqual(a.usage);
  });

  it('truncates to maxTokens words with finishReason length', async () => {
    const out = await drain(make({ reply: 'one two three four' }), req({ maxTokens: 2 }));
    expect(out.deltas.join('')).toBe('one two ');
    expect(out.chunks.at(-1)).toMatchObject({ usage: { outputTokens: 2 }, finishReason: 'length' });
  });

  it('fails the first N calls with the configured kind, then recovers', async () => {
    const p = make({ failFirst: 2, failWith: 'rate_limited', retryAfterMs: 20 });
    expect((await drain(p, req())).error).toMatchObject({ kind: 'rate_limited', status: 429, retryable: true, retryAfterMs: 20 });
    expect((await drain(p, req())).error?.kind).toBe('rate_limited');
    expect((await drain(p, req())).error).toBeUndefined();
  });

  it('breaks mid-stream after N deltas', async () => {
    const out = await drain(make({ failAfterDeltas: 2 }), req());
    expect(out.deltas).toHaveLength(2);
    expect(out.error).toMatchObject({ kind: 'stream' });
  });

  it('delays each delta by latencyMs and honours abort promptly', async () => {
    const ctl = new AbortController();
    const start = performance.now();
    const out = await drain(make({ latencyMs: 40 }), req({ signal: ctl.signal }), () => ctl.abort());
    expect(out.deltas).toHaveLength(1);
    expect(out.error?.kind).toBe('aborted');
    expect(performance.now() - start).toBeLessThan(80);
  });

  it('reports a timeout when the signal fires with a TimeoutError', async () => {
    const out = await drain(make({ latencyMs: 200 }), req({ signal: AbortSignal.timeout(30) }));
    expect(out.error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('lists its configured models and reports health', async () => {
    expect(await make({ models: ['a'] }).listModels()).toEqual([{ id: 'a' }]);
    expect(await make().health()).toMatchObject({ ok: true });
    expect(await make({ healthy: false }).health()).toMatchObject({ ok: false });
  });
});
