import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseConfig } from '../../server/config/index.ts';
import { loadPlugins, createProviders } from '../../server/plugin-host/index.ts';

test('the example config in the repository validates, and every instance in it can be created', async () => {
  const raw = JSON.parse(readFileSync(new URL('../../zero.config.example.json', import.meta.url), 'utf8'));
  const config = parseConfig(raw, 'zero.config.example.json');
  expect(config.models.find((m) => m.name === 'assistant')!.fallbacks.map((f) => f.provider)).toEqual(['openai', 'gemini', 'ollama-local']);
  const { plugins } = await loadPlugins();
  const env = { ANTHROPIC_API_KEY: 'a', OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g', DEEPSEEK_API_KEY: 'd' };
  const created = createProviders({ providers: config.providers, plugins, env });
  expect(created.failures).toEqual([]);
  expect([...created.providers.keys()].sort()).toEqual(['anthropic', 'deepseek', 'gemini', 'ollama-local', 'openai']);
  await Promise.all([...created.providers.values()].map((p) => p.close?.()));
});
