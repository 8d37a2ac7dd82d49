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

  const weather = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 }, unit: { enum: ['c', 'f'] } }, required: ['city', 'days', 'unit'] } };

  it('calls the first tool with arguments valid against its schema, streamed in pieces', async () => {
    const out = await drain(make(), req({ tools: [weather, { name: 'other', parameters: { type: 'object' } }] }));
    const calls = out.chunks.filter((c) => c.type === 'tool_call');
    expect(calls[0]).toEqual({ type: 'tool_call', index: 0, id: 'call_mock_2_0', name: 'get_weather' });
    expect(calls.length).toBeGreaterThan(2);
    const args = calls.map((c) => (c.type === 'tool_call' ? (c.arguments ?? '') : '')).join('');
    expect(JSON.parse(args)).toEqual({ city: 'example', days: 1, unit: 'c' });
    expect(out.chunks.at(-1)).toMatchObject({ type: 'usage', finishReason: 'tool_calls' });
  });

  it('answers with text after a tool result, and not with a tool call when tool choice is none', async () => {
    const messages = [
      { role: 'user' as const, content: 'weather?' },
      { role: 'assistant' as const, content: null, toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{}' }] },
      { role: 'tool' as const, content: 'sunny', toolCallId: 'c1' },
    ];
    const out = await drain(make(), req({ messages, tools: [weather] }));
    expect(out.deltas.join('')).toBe('The get_weather tool returned: sunny');
    const none = await drain(make(), req({ tools: [weather], toolChoice: 'none' }));
    expect(none.deltas.join('')).toBe('You said: tell me a story');
  });

  it('answers a json_schema request with JSON valid against the schema, and counts images', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['name', 'tags'] };
    const out = await drain(make(), req({ responseFormat: { type: 'json_schema', name: 'person', schema } }));
    expect(JSON.parse(out.deltas.join(''))).toEqual({ name: 'example', tags: ['example'] });
    const image = { type: 'image' as const, source: { kind: 'base64' as const, mediaType: 'image/png', data: 'AAAA' } };
    const seen = await drain(make(), req({ messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this' }, image, image] }] }));
    expect(seen.deltas.join('')).toBe('I received 2 images. You said: what is this');
  });

  it('returns stable unit embeddings of the configured or requested size', async () => {
    const provider = make({ embeddingDimensions: 4 });
    const signal = new AbortController().signal;
    const a = await provider.embed!({ model: 'mock-small', input: ['hello world', 'bye'], signal });
    const b = await make({ embeddingDimensions: 4 }).embed!({ model: 'mock-small', input: ['hello world'], signal });
    expect(a.embeddings[0]).toEqual(b.embeddings[0]);
    expect(a.embeddings[0]).toHaveLength(4);
    expect(Math.hypot(...a.embeddings[0])).toBeCloseTo(1, 4);
    expect(a.usage).toEqual({ inputTokens: 3 });
    expect((await provider.embed!({ model: 'm', input: ['x'], dimensions: 16, signal })).embeddings[0]).toHaveLength(16);
  });
});
