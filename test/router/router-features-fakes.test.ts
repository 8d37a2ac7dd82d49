import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import anthropic from '../../plugins/anthropic/index.ts';
import ollama from '../../plugins/ollama/index.ts';
import openai from '../../plugins/openai/index.ts';
import { FAKE_CALLS, TOOLS, WEATHER_TOOL } from '../conformance/scenarios.ts';
import { startFakeAnthropic } from '../fakes/anthropic.ts';
import { fakeEmbedding, type FakeUpstream } from '../fakes/fake-server.ts';
import { startFakeOllama } from '../fakes/ollama.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import { RouterError, StreamInterruptedError } from '../../server/router/errors.ts';
import type { RouterEvent, RouterRequest } from '../../server/router/router.ts';
import { harness, type Harness } from './router-harness.ts';

async function events(h: Harness, request: RouterRequest): Promise<{ events: RouterEvent[]; error?: RouterError }> {
  const out: RouterEvent[] = [];
  try {
    for await (const ev of h.router.stream('m', request)) out.push(ev);
  } catch (err) {
    if (!(err instanceof RouterError)) throw err;
    return { events: out, error: err };
  }
  return { events: out };
}

describe('router features through real plugins and fake upstreams', () => {
  let oa: FakeUpstream, an: FakeUpstream, ol: FakeUpstream;
  let h: Harness | undefined;
  beforeAll(async () => {
    [oa, an, ol] = await Promise.all([startFakeOpenAI(), startFakeAnthropic(), startFakeOllama()]);
  });
  afterAll(() => Promise.all([oa.close(), an.close(), ol.close()]));
  afterEach(async () => {
    for (const f of [oa, an, ol]) {
      f.setFault(null);
      f.setAnswer(null);
      f.requests.length = 0;
    }
    await h?.close();
    h = undefined;
  });

  it('falls back past a plugin that refuses image URLs by name, without sending it anything', async () => {
    h = harness([
      { id: 'local', plugin: ollama, baseUrl: ol.url },
      { id: 'cloud', plugin: openai, baseUrl: oa.url },
    ]);
    const { events: evs } = await events(h, {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image', source: { kind: 'url', url: 'https://x.example/cat.png' } }] }],
    });
    expect(evs.at(-1)).toMatchObject({
      type: 'done',
      provider: 'cloud',
      attempts: [{ provider: 'local', code: 'unsupported', error: 'image URLs not supported by ollama: it takes images as base64 data only' }, { provider: 'cloud' }],
    });
    expect(ol.requests).toHaveLength(0);
    expect(oa.requests[0].body.messages[0].content[1]).toEqual({ type: 'image_url', image_url: { url: 'https://x.example/cat.png' } });
  });

  it('streams tool calls from the vendor in pieces, and done says tool_calls', async () => {
    h = harness([{ id: 'an', plugin: anthropic, baseUrl: an.url }]);
    an.setAnswer({ toolCalls: FAKE_CALLS });
    const { events: evs } = await events(h, TOOLS);
    const calls = evs.filter((e) => e.type === 'tool_call');
    expect(calls.length).toBeGreaterThan(FAKE_CALLS.length);
    expect(calls[0]).toEqual({ type: 'tool_call', index: 0, id: FAKE_CALLS[0].id, name: 'get_weather' });
    const args = (i: number) => calls.filter((c) => c.type === 'tool_call' && c.index === i).map((c) => (c as { arguments?: string }).arguments ?? '').join('');
    expect([args(0), args(1)]).toEqual(FAKE_CALLS.map((c) => c.arguments));
    expect(evs.at(-1)).toMatchObject({ type: 'done', finishReason: 'tool_calls', provider: 'an' });
  });

  it('treats a delivered tool-call piece as committed: a cut afterwards ends the stream, no fallback', async () => {
    h = harness([
      { id: 'an', plugin: anthropic, baseUrl: an.url },
      { id: 'oa', plugin: openai, baseUrl: oa.url },
    ]);
    an.setAnswer({ toolCalls: FAKE_CALLS });
    an.setFault({ type: 'cut', afterDeltas: 2, mode: 'destroy' });
    const { error } = await events(h, TOOLS);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(error).toMatchObject({ code: 'STREAM_INTERRUPTED', provider: 'an' });
    expect(oa.requests).toHaveLength(0);
  });

  it('moves on when Anthropic refuses json_object together with tools', async () => {
    h = harness([
      { id: 'an', plugin: anthropic, baseUrl: an.url },
      { id: 'oa', plugin: openai, baseUrl: oa.url },
    ]);
    const { events: evs } = await events(h, { messages: [{ role: 'user', content: 'JSON' }], tools: [WEATHER_TOOL], responseFormat: { type: 'json_object' } });
    expect(evs.at(-1)).toMatchObject({ provider: 'oa', attempts: [{ provider: 'an', code: 'unsupported' }, { provider: 'oa' }] });
    expect(an.requests).toHaveLength(0);
    expect(oa.requests[0].body.response_format).toEqual({ type: 'json_object' });
  });

  it('embeds through the first provider that can, retrying a 503 there', async () => {
    h = harness([
      { id: 'an', plugin: anthropic, baseUrl: an.url },
      { id: 'oa', plugin: openai, baseUrl: oa.url },
    ]);
    oa.setFault({ type: 'status', status: 503 }, { times: 1 });
    const result = await h.router.embed('m', { input: ['alpha', 'beta'], dimensions: 3 });
    expect(result).toMatchObject({ provider: 'oa', embeddings: [fakeEmbedding('alpha', 3), fakeEmbedding('beta', 3)], usage: { inputTokens: 2 } });
    expect(result.attempts.map((a) => [a.provider, a.code])).toEqual([
      ['an', 'unsupported'],
      ['oa', 'server'],
      ['oa', undefined],
    ]);
    expect(an.requests).toHaveLength(0);
  });

  it('shows model capabilities derived from the real plugins', () => {
    h = harness([{ id: 'an', plugin: anthropic, baseUrl: an.url }]);
    expect(h.router.describe().models[0].capabilities).toEqual({ vision: true, tools: true, json: true, embeddings: false, contextWindow: null, maxOutputTokens: null });
  });
});
