import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEXT_ONLY, type ChatChunk, type ChatRequest, type ProviderPlugin } from '../../plugins/plugin-api.ts';
import { defaultConfig, parseConfig } from '../../server/config/load-config.ts';
import { bootProviders } from '../../server/plugin-host/boot-providers.ts';
import { createProviders } from '../../server/plugin-host/create-providers.ts';
import { loadPlugins } from '../../server/plugin-host/load-plugins.ts';
import { createRouter } from '../../server/router/router.ts';

describe('provider instances from config', () => {
  it('creates valid instances and reports each bad one by id with the reason', async () => {
    const loaded = await loadPlugins({ packages: ['zero-gateway-no-such-plugin'] });
    const config = parseConfig({
      providers: [
        { id: 'mock-a', plugin: 'mock', options: { latencyMs: 5 } },
        { id: 'mock-bad', plugin: 'mock', options: { latencyMs: 'slow', failWith: 'gremlins' } },
        { id: 'oa', plugin: 'openai', apiKeyEnv: 'ZERO_TEST_OPENAI_KEY' },
        { id: 'oa-nokey', plugin: 'openai', apiKeyEnv: 'ZERO_TEST_MISSING_KEY' },
        { id: 'vllm', plugin: 'openai-compatible' },
        { id: 'ghost', plugin: 'zero-gateway-no-such-plugin' },
        { id: 'nope', plugin: 'not-installed' },
      ],
    });
    const { providers, failures } = createProviders({
      providers: config.providers,
      plugins: loaded.plugins,
      pluginFailures: loaded.failures,
      env: { ZERO_TEST_OPENAI_KEY: 'sk-x' },
    });
    expect([...providers.keys()]).toEqual(['mock-a', 'oa']);
    const byId = Object.fromEntries(failures.map((f) => [f.id, f.reason]));
    expect(byId['mock-bad']).toMatch(/^options\.latencyMs: Expected number, received string; options\.failWith: Invalid enum value/);
    expect(byId['oa-nokey']).toBe('environment variable ZERO_TEST_MISSING_KEY is not set');
    expect(byId.vllm).toMatch(/create failed: .*needs baseUrl/);
    expect(byId.ghost).toMatch(/plugin "zero-gateway-no-such-plugin" is not available: failed to load/);
    expect(byId.nope).toBe('plugin "not-installed" is not available');
    await Promise.all([...providers.values()].map((p) => p.close?.()));
  });
});

describe('booting providers from the default config', () => {
  it('serves the offline mock models end to end through the router', async () => {
    const config = defaultConfig();
    const booted = await bootProviders({ config, env: {} });
    expect(booted.failures).toEqual({ plugins: [], providers: [] });
    const router = createRouter({ config, providers: booted.providers });
    let text = '';
    for await (const ev of router.stream('mock-large', { messages: [{ role: 'user', content: 'ping' }] })) if (ev.type === 'delta') text += ev.text;
    expect(text).toBe('You said: ping');
    await booted.close();
  });
});

describe('declared features per instance', () => {
  const schema = z.object({});
  const chatOf = (seen: unknown[]) =>
    async function* (req: ChatRequest): AsyncGenerator<ChatChunk> {
      seen.push(req.messages);
      yield { type: 'usage', usage: { inputTokens: 1, outputTokens: 1 } };
    };
  const base = { listModels: async () => [], health: async () => ({ ok: true, latencyMs: 0 }) };
  const ALL = { tools: true, images: true, jsonObject: true, jsonSchema: true, embeddings: true };

  it('hands the router the features of each instance: declared, embeddings only with embed, text only for version 1', async () => {
    const seen: unknown[] = [];
    const embed = async () => ({ embeddings: [], usage: { inputTokens: 0 } });
    const plugins = new Map<string, ProviderPlugin<any>>([
      ['full', { id: 'full', apiVersion: 2, features: ALL, configSchema: schema, create: () => ({ ...base, chat: chatOf(seen), embed }) }],
      ['no-embed', { id: 'no-embed', apiVersion: 2, features: ALL, configSchema: schema, create: () => ({ ...base, chat: chatOf(seen) }) }],
      ['legacy', { id: 'legacy', apiVersion: 1, features: ALL, configSchema: schema, create: () => ({ ...base, chat: chatOf(seen), embed }) }],
      ['plain', { id: 'plain', apiVersion: 2, configSchema: schema, create: () => ({ ...base, chat: chatOf(seen) }) }],
    ]);
    const warnings: unknown[] = [];
    const { providers, features } = createProviders({
      providers: [...plugins.keys()].map((id) => ({ id, plugin: id, options: {} })),
      plugins,
      logger: { info() {}, warn: (obj) => warnings.push(obj) },
    });
    expect(Object.fromEntries(features)).toEqual({
      full: ALL,
      'no-embed': { ...ALL, embeddings: false },
      legacy: TEXT_ONLY,
      plain: TEXT_ONLY,
    });
    expect(warnings).toEqual([{ provider: 'no-embed' }]);
    // A version 1 instance gets text content and offers no embed even if its object has one.
    expect(providers.get('legacy')!.embed).toBeUndefined();
    const parts = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'a' }, { type: 'image' as const, source: { kind: 'url' as const, url: 'https://x/y.png' } }, { type: 'text' as const, text: 'b' }] }];
    for await (const _ of providers.get('legacy')!.chat({ model: 'm', messages: parts, signal: new AbortController().signal }));
    expect(seen).toEqual([[{ role: 'user', content: 'ab' }]]);
  });
});
