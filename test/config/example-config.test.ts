import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { loadPlugins, createProviders } from '../../server/plugin-host/index.ts';
import { createRouter } from '../../server/router/index.ts';

test('the example config in the repository validates, and every instance in it can be created', async () => {
  const raw = JSON.parse(readFileSync(new URL('../../zero.config.example.json', import.meta.url), 'utf8'));
  const config = parseConfig(raw, 'zero.config.example.json');
  expect(config.models.find((m) => m.name === 'assistant')!.fallbacks.map((f) => f.provider)).toEqual(['openai', 'gemini', 'ollama-local']);
  const { plugins } = await loadPlugins();
  const env = { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g', DEEPSEEK_API_KEY: 'd' };
  const created = createProviders({ providers: config.providers, plugins, env });
  expect(created.failures).toEqual([]);
  expect([...created.providers.keys()].sort()).toEqual(['anthropic', 'deepseek', 'gemini', 'ollama-local', 'openai']);
  // What Query.models shows: configured capabilities, the rest derived from the plugins behind each model.
  const router = createRouter({ config, providers: created.providers, features: created.features });
  const capabilities = Object.fromEntries(router.describe().models.map((m) => [m.name, m.capabilities]));
  expect(capabilities).toEqual({
    assistant: { vision: true, tools: true, json: true, embeddings: false, contextWindow: 200000, maxOutputTokens: 64000 },
    cheap: { vision: false, tools: true, json: true, embeddings: false, contextWindow: 64000, maxOutputTokens: null },
    embed: { vision: false, tools: false, json: false, embeddings: true, contextWindow: null, maxOutputTokens: null },
  });
  await Promise.all([...created.providers.values()].map((p) => p.close?.()));
});
