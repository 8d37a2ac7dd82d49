import { describe, expect, it } from 'vitest';
import { ProviderError, unsupportedFeature, type ChatChunk } from '../../plugins/plugin-api.ts';
import { RouterError } from '../../server/router/errors.ts';
import type { RouterRequest } from '../../server/router/router.ts';
import { harness, run } from './router-harness.ts';
import { ALL, stubPlugin, TEXT } from './stub-plugin.ts';

const toolsRequest: RouterRequest = {
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  tools: [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
};
const imageRequest: RouterRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } }] }],
};

async function drain(iterable: AsyncIterable<unknown>): Promise<{ events: unknown[]; error?: RouterError }> {
  const events: unknown[] = [];
  try {
    for await (const ev of iterable) events.push(ev);
  } catch (err) {
    if (!(err instanceof RouterError)) throw err;
    return { events, error: err };
  }
  return { events };
}

describe('router feature gating', () => {
  it('skips a provider whose plugin lacks a feature the request uses, without calling it or touching its circuit', async () => {
    const text = stubPlugin('text-only', TEXT);
    const full = stubPlugin('full', ALL);
    const h = harness([{ id: 'a', plugin: text.plugin }, { id: 'b', plugin: full.plugin }], { circuit: { failureThreshold: 1, openMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const { events, error } = await drain(h.router.stream('m', toolsRequest));
      expect(error).toBeUndefined();
      expect(events.at(-1)).toMatchObject({
        type: 'done',
        provider: 'b',
        attempts: [
          { provider: 'a', code: 'unsupported', error: 'cannot serve tools (plugin text-only does not support it)', latencyMs: 0 },
          { provider: 'b', model: 'fake-model-a' },
        ],
      });
    }
    expect(text.chats).toHaveLength(0);
    expect(full.chats[0].tools).toEqual(toolsRequest.tools);
    expect(h.router.describe().providers.find((p) => p.id === 'a')).toMatchObject({ circuit: 'closed', requests: 0 });
    // A plain chat still goes to the text-only primary.
    expect((await run(h.router)).done?.provider).toBe('a');
  });

  it('answers BAD_REQUEST naming the feature and every provider when none can serve it, before anything goes upstream', async () => {
    const a = stubPlugin('plain-a', TEXT);
    const b = stubPlugin('plain-b', { ...TEXT, tools: true });
    const h = harness([{ id: 'a', plugin: a.plugin }, { id: 'b', plugin: b.plugin }]);
    const { error } = await drain(h.router.stream('m', imageRequest));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(error!.message).toBe(
      'model "m" cannot serve images: a: cannot serve images (plugin plain-a does not support it); b: cannot serve images (plugin plain-b does not support it)',
    );
    expect(error!.attempts.map((x) => [x.provider, x.code])).toEqual([
      ['a', 'unsupported'],
      ['b', 'unsupported'],
    ]);
    expect(a.chats).toHaveLength(0);
    expect(b.chats).toHaveLength(0);
  });

  it('counts tool history (assistant tool calls, tool results) as using tools', async () => {
    const text = stubPlugin('text-only', TEXT);
    const h = harness([{ id: 'a', plugin: text.plugin }]);
    const { error } = await drain(
      h.router.stream('m', {
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{}' }] },
          { role: 'tool', toolCallId: 'c1', content: 'sunny' },
        ],
      }),
    );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error!.message).toMatch(/cannot serve tools/);
  });

  it('gates json_object and json_schema separately on the plugin, and both on the json capability', async () => {
    const objOnly = stubPlugin('json-object-only', { ...TEXT, jsonObject: true });
    const h = harness([{ id: 'a', plugin: objOnly.plugin }]);
    const base = { messages: [{ role: 'user' as const, content: 'JSON please' }] };
    expect((await drain(h.router.stream('m', { ...base, responseFormat: { type: 'json_object' } }))).error).toBeUndefined();
    const schema = await drain(h.router.stream('m', { ...base, responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' } } }));
    expect(schema.error!.message).toMatch(/cannot serve json_schema/);

    const off = harness([{ id: 'a', plugin: objOnly.plugin }], {}, { capabilities: { json: false } });
    const refused = await drain(off.router.stream('m', { ...base, responseFormat: { type: 'json_object' } }));
    expect(refused.error!.message).toBe('model "m" cannot serve json_object: a: cannot serve json_object (the model\'s capabilities set json: false)');
  });

  it('refuses a feature the model turns off although its plugin has it, and honours per-target overrides', async () => {
    const full = stubPlugin('full', ALL);
    const other = stubPlugin('full-two', ALL);
    const noVision = harness([{ id: 'a', plugin: full.plugin }], {}, { capabilities: { vision: false } });
    const { error } = await drain(noVision.router.stream('m', imageRequest));
    expect(error!.message).toBe('model "m" cannot serve images: a: cannot serve images (the model\'s capabilities set vision: false)');
    expect(full.chats).toHaveLength(0);

    const mixed = harness([
      { id: 'a', plugin: full.plugin, capabilities: { vision: false } },
      { id: 'b', plugin: other.plugin },
    ]);
    const served = await drain(mixed.router.stream('m', imageRequest));
    expect(served.events.at(-1)).toMatchObject({ provider: 'b', attempts: [{ provider: 'a', code: 'unsupported', error: 'cannot serve images (this target sets vision: false)' }, { provider: 'b' }] });
    expect(full.chats).toHaveLength(0);
  });

  it('treats a plugin refusing a feature by name as unsupported: next provider, refusal shown, circuit untouched', async () => {
    async function* refuse(): AsyncGenerator<ChatChunk> {
      throw unsupportedFeature('image URLs', 'bytes-only', 'it takes base64 images only');
    }
    const bytesOnly = stubPlugin('bytes-only', ALL, { chat: refuse });
    const full = stubPlugin('full', ALL);
    const h = harness([{ id: 'a', plugin: bytesOnly.plugin }, { id: 'b', plugin: full.plugin }], { circuit: { failureThreshold: 1, openMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const { events } = await drain(h.router.stream('m', imageRequest));
      expect(events.at(-1)).toMatchObject({
        provider: 'b',
        attempts: [{ provider: 'a', code: 'unsupported', error: 'image URLs not supported by bytes-only: it takes base64 images only' }, { provider: 'b' }],
      });
    }
    expect(bytesOnly.chats).toHaveLength(3);
    expect(h.router.describe().providers.find((p) => p.id === 'a')).toMatchObject({ circuit: 'closed', requests: 0, errorRate: 0 });

    const alone = harness([{ id: 'a', plugin: bytesOnly.plugin }]);
    const { error } = await drain(alone.router.stream('m', imageRequest));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: 'model "m" cannot serve images: a: image URLs not supported by bytes-only: it takes base64 images only' });
  });

  it('answers PROVIDER_UNAVAILABLE, not BAD_REQUEST, when a capable provider exists but fails', async () => {
    async function* down(): AsyncGenerator<ChatChunk> {
      throw new ProviderError('upstream 503', { kind: 'server', status: 503, retryable: true });
    }
    const text = stubPlugin('text-only', TEXT);
    const broken = stubPlugin('broken', ALL, { chat: down });
    const h = harness([{ id: 'a', plugin: text.plugin }, { id: 'b', plugin: broken.plugin }], { maxRetries: 0 });
    const { error } = await drain(h.router.stream('m', toolsRequest));
    expect(error?.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error!.attempts.map((x) => x.code)).toEqual(['unsupported', 'server']);
  });

  it('serves version 1 and feature-less plugins text only', async () => {
    const legacy = stubPlugin('legacy', undefined);
    const h = harness([{ id: 'a', plugin: legacy.plugin }]);
    expect((await drain(h.router.stream('m', toolsRequest))).error?.code).toBe('BAD_REQUEST');
    expect((await run(h.router)).done?.provider).toBe('a');
  });
});

describe('model capabilities in describe()', () => {
  it('derives unset flags from the plugins behind the model and keeps configured ones and sizes', () => {
    const full = stubPlugin('full', { ...ALL, embeddings: false });
    const text = stubPlugin('text-only', TEXT);
    const derived = harness([{ id: 'a', plugin: text.plugin }, { id: 'b', plugin: full.plugin }]);
    expect(derived.router.describe().models[0].capabilities).toEqual({
      vision: true,
      tools: true,
      json: true,
      embeddings: false,
      contextWindow: null,
      maxOutputTokens: null,
    });
    const configured = harness([{ id: 'b', plugin: full.plugin, capabilities: { tools: false } }], {}, { capabilities: { vision: false, contextWindow: 128_000, maxOutputTokens: 16_384 } });
    expect(configured.router.describe().models[0]).toEqual({
      name: 'm',
      primary: { provider: 'b', model: 'fake-model-a' },
      fallbacks: [],
      capabilities: { vision: false, tools: false, json: true, embeddings: false, contextWindow: 128_000, maxOutputTokens: 16_384 },
    });
  });

  it('shows embeddings only for instances that really have embed', () => {
    const declaresOnly = stubPlugin('declares-only', ALL);
    const embeds = stubPlugin('embeds', ALL, { embed: async (req) => ({ embeddings: req.input.map(() => [0]), usage: { inputTokens: 1 } }) });
    expect(harness([{ id: 'a', plugin: declaresOnly.plugin }]).router.describe().models[0].capabilities.embeddings).toBe(false);
    expect(harness([{ id: 'a', plugin: embeds.plugin }]).router.describe().models[0].capabilities.embeddings).toBe(true);
  });
});
