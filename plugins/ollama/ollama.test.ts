import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import type { FakeUpstream } from '../../test/fakes/fake-server.ts';
import { startFakeOllama } from '../../test/fakes/ollama.ts';
import { PNG_BASE64, TIME_TOOL, USER_SCHEMA, WEATHER_TOOL } from '../../test/conformance/scenarios.ts';
import plugin from './index.ts';

const model = 'llama3.2:1b';
const base = { model, stream: true, options: {} };
const tools = [
  { type: 'function', function: { name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.parameters } },
  { type: 'function', function: { name: TIME_TOOL.name, parameters: TIME_TOOL.parameters } },
];
const question = [{ role: 'user', content: 'Weather in Paris, and the time in Rome?' }];
const asJson = [{ role: 'user', content: 'Describe a user as JSON.' }];

runProviderConformance({
  plugin,
  startFake: (o) => startFakeOllama(o),
  model,
  features: {
    wire: {
      // Ollama takes no end-user id: it is left out.
      options: {
        body: {
          ...base,
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'Say hello.' },
          ],
          options: { temperature: 0.3, top_p: 0.9, num_predict: 50, stop: ['END'] },
        },
      },
      seed: { body: { ...base, messages: [{ role: 'user', content: 'Pick a number.' }], options: { seed: 7 } } },
      tools: { body: { ...base, messages: question, tools } },
      // No tools offered is how Ollama says "call none".
      toolChoiceNone: { body: { ...base, messages: question } },
      toolChoiceRequired: { refuses: 'tool choice required' },
      toolChoiceNamed: { refuses: 'a named tool choice' },
      toolHistory: {
        body: {
          ...base,
          messages: [
            { role: 'system', content: 'Use the tools.' },
            ...question,
            {
              role: 'assistant',
              content: 'Let me check.',
              tool_calls: [
                { id: 'call_1', function: { name: 'get_weather', arguments: { city: 'Paris' } } },
                { id: 'call_2', function: { name: 'get_time', arguments: { zone: 'Europe/Rome' } } },
              ],
            },
            { role: 'tool', content: '{"temp":21,"sky":"clear"}', tool_name: 'get_weather', tool_call_id: 'call_1' },
            { role: 'tool', content: '14:05', tool_name: 'get_time', tool_call_id: 'call_2' },
          ],
          tools,
        },
      },
      imageUrl: { refuses: 'image URLs' },
      imageBase64: { body: { ...base, messages: [{ role: 'user', content: 'What is in this picture?', images: [PNG_BASE64] }] } },
      jsonObject: { body: { ...base, messages: asJson, format: 'json' } },
      jsonSchema: { body: { ...base, messages: asJson, format: USER_SCHEMA } },
    },
    toolCallIds: 'vendor',
    streamsToolArguments: false,
    reportsCachedTokens: false,
  },
  embeddings: {
    model: 'nomic-embed-text',
    path: '/api/embed',
    body: (input, dimensions) => ({ model: 'nomic-embed-text', input, ...(dimensions && { dimensions }) }),
  },
});

describe('ollama plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeOllama()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) => plugin.create({ instanceId: 'ol', baseUrl: fake.url, options: plugin.configSchema.parse(options) });
  const req = (extra = {}) => ({ model: 'llama3.2:1b', messages: [{ role: 'user' as const, content: 'hi' }], signal: new AbortController().signal, ...extra });

  it('maps maxTokens, stop and numCtx into Ollama options and sends keep_alive', async () => {
    const p = make({ keepAlive: '10m', numCtx: 8192 });
    await drain(p, req({ maxTokens: 9, stop: ['\n\n'], temperature: 0 }));
    expect(fake.requests.at(-1)!.body).toMatchObject({
      stream: true,
      keep_alive: '10m',
      options: { num_predict: 9, stop: ['\n\n'], num_ctx: 8192, temperature: 0 },
    });
    await p.close?.();
  });

  it('reports an {"error"} line mid-stream as a stream error after the deltas', async () => {
    const p = make();
    fake.setFault({ type: 'streamError', afterDeltas: 1, message: 'model runner crashed' }, { times: 1 });
    const out = await drain(p, req());
    expect(out.deltas).toHaveLength(1);
    expect(out.error).toMatchObject({ kind: 'stream' });
    expect(out.error!.message).toContain('model runner crashed');
    await p.close?.();
  });

  it('makes ids for tool calls from servers that send none, and sends keep_alive and num_ctx with embeddings', async () => {
    const p = make({ keepAlive: '10m', numCtx: 8192 });
    fake.setAnswer({ toolCalls: [{ id: '', name: 'get_time', arguments: '{}' }] }, { times: 1 });
    const out = await drain(p, req({ tools: [TIME_TOOL] }));
    const call = out.chunks.find((c) => c.type === 'tool_call');
    expect(call).toMatchObject({ index: 0, name: 'get_time', arguments: '{}', id: expect.stringMatching(/^call_[0-9a-f]{24}$/) });
    await p.embed!({ model: 'nomic-embed-text', input: ['x'], signal: new AbortController().signal });
    expect(fake.requests.at(-1)!.body).toEqual({ model: 'nomic-embed-text', input: ['x'], keep_alive: '10m', options: { num_ctx: 8192 } });
    await p.close?.();
  });
});
