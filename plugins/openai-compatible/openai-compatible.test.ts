import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAIStyleWire } from '../../test/conformance/openai-style-wire.ts';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import type { FakeUpstream } from '../../test/fakes/fake-server.ts';
import { startFakeOpenAI } from '../../test/fakes/openai.ts';
import { countUsage } from '../_shared/tokens.ts';
import plugin from './index.ts';

runProviderConformance({
  plugin,
  startFake: (o) => startFakeOpenAI(o),
  model: 'Qwen/Qwen2.5-7B-Instruct',
  countsMissingUsage: true,
  features: {
    wire: openAIStyleWire('Qwen/Qwen2.5-7B-Instruct', { maxTokensField: 'max_tokens', endUserField: 'user', includeUsage: true }),
    toolCallIds: 'vendor',
    streamsToolArguments: true,
    reportsCachedTokens: true,
  },
  embeddings: {
    model: 'BAAI/bge-m3',
    path: '/v1/embeddings',
    body: (input, dimensions, user) => ({ model: 'BAAI/bge-m3', input, encoding_format: 'float', ...(dimensions && { dimensions }), ...(user && { user }) }),
  },
});

describe('openai-compatible plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeOpenAI({ usageSupported: false })));
  afterAll(() => fake.close());
  const make = (options: unknown = {}, apiKey?: string) =>
    plugin.create({ instanceId: 'vllm', baseUrl: fake.url, apiKey, options: plugin.configSchema.parse(options) });
  const messages = [{ role: 'user' as const, content: 'How many tokens is this?' }];

  it('counts usage with the bundled cl100k_base encoding when the server reports none', async () => {
    const p = make();
    const out = await drain(p, { model: 'm', messages, signal: new AbortController().signal });
    expect(out.deltas.join('')).toBe(fake.reply);
    expect(out.usage).toEqual(await countUsage(messages, fake.reply));
    // "Hello from the fake upstream, streamed in several pieces." is 11 cl100k tokens.
    expect(out.usage!.outputTokens).toBe(11);
    await p.close?.();
  });

  it('omits stream_options when streamUsage is false and uses max_tokens', async () => {
    const p = make({ streamUsage: false });
    await drain(p, { model: 'm', messages, maxTokens: 3, signal: new AbortController().signal });
    const body = fake.requests.at(-1)!.body;
    expect(body.stream_options).toBeUndefined();
    expect(body.max_tokens).toBe(3);
    await p.close?.();
  });

  it('puts the key in a custom header when configured', async () => {
    const p = make({ authHeader: 'api-key' }, 'secret');
    await drain(p, { model: 'm', messages, signal: new AbortController().signal });
    expect(fake.requests.at(-1)!.headers['api-key']).toBe('secret');
    expect(fake.requests.at(-1)!.headers.authorization).toBeUndefined();
    await p.close?.();
  });

  it('counts embedding tokens when the server reports none', async () => {
    const p = make();
    const out = await p.embed!({ model: 'bge', input: ['hello world'], signal: new AbortController().signal });
    expect(out.usage.inputTokens).toBe(2);
    await p.close?.();
  });

  it('offers no embed when the server has no /embeddings (options.embeddings false)', async () => {
    const p = make({ embeddings: false });
    expect(p.embed).toBeUndefined();
    await p.close?.();
  });

  it('refuses to create an instance without baseUrl', () => {
    expect(() => plugin.create({ instanceId: 'x', options: plugin.configSchema.parse({}) })).toThrow(/needs baseUrl/);
  });
});
