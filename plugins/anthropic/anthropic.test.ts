import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drain, runProviderConformance } from '../../test/conformance/provider-conformance.ts';
import { startFakeAnthropic } from '../../test/fakes/anthropic.ts';
import { startHeldOpenStream, type FakeUpstream } from '../../test/fakes/fake-server.ts';
import { PNG_BASE64, TIME_TOOL, USER_SCHEMA, WEATHER_TOOL } from '../../test/conformance/scenarios.ts';
import plugin from './index.ts';

const model = 'claude-fake-1';
const base = { model, max_tokens: 4096, stream: true };
const tools = [
  { name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.parameters, strict: true },
  { name: TIME_TOOL.name, input_schema: TIME_TOOL.parameters },
];
const question = [{ role: 'user', content: 'Weather in Paris, and the time in Rome?' }];
const picture = (source: unknown) => [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image', source },
    ],
  },
];
const asJson = [{ role: 'user', content: 'Describe a user as JSON.' }];

runProviderConformance({
  plugin,
  startFake: (o) => startFakeAnthropic({ apiKey: 'sk-ant-test', ...o }),
  model,
  instance: { apiKey: 'sk-ant-test' },
  features: {
    wire: {
      options: {
        body: {
          ...base,
          max_tokens: 50,
          system: 'Be brief.',
          messages: [{ role: 'user', content: 'Say hello.' }],
          temperature: 0.3,
          top_p: 0.9,
          stop_sequences: ['END'],
          metadata: { user_id: 'user-42' },
        },
      },
      seed: { refuses: 'seed' },
      tools: { body: { ...base, messages: question, tools, tool_choice: { type: 'auto' } } },
      toolChoiceNone: { body: { ...base, messages: question, tools, tool_choice: { type: 'none' } } },
      toolChoiceRequired: { body: { ...base, messages: question, tools, tool_choice: { type: 'any' } } },
      toolChoiceNamed: { body: { ...base, messages: question, tools, tool_choice: { type: 'tool', name: 'get_time' } } },
      toolHistory: {
        body: {
          ...base,
          system: 'Use the tools.',
          messages: [
            ...question,
            {
              role: 'assistant',
              content: [
                { type: 'text', text: 'Let me check.' },
                { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
                { type: 'tool_use', id: 'call_2', name: 'get_time', input: { zone: 'Europe/Rome' } },
              ],
            },
            {
              role: 'user',
              content: [
                { type: 'tool_result', tool_use_id: 'call_1', content: '{"temp":21,"sky":"clear"}' },
                { type: 'tool_result', tool_use_id: 'call_2', content: '14:05' },
              ],
            },
          ],
          tools,
        },
      },
      imageUrl: { body: { ...base, messages: picture({ type: 'url', url: 'https://images.example.com/cat.png' }) } },
      imageBase64: { body: { ...base, messages: picture({ type: 'base64', media_type: 'image/png', data: PNG_BASE64 }) } },
      jsonObject: {
        body: {
          ...base,
          messages: asJson,
          tools: [{ name: 'json_object_answer', description: 'Give the answer as a JSON object.', input_schema: { type: 'object' } }],
          tool_choice: { type: 'tool', name: 'json_object_answer' },
        },
      },
      jsonSchema: { body: { ...base, messages: asJson, output_config: { format: { type: 'json_schema', schema: USER_SCHEMA } } } },
    },
    toolCallIds: 'vendor',
    streamsToolArguments: true,
    reportsCachedTokens: true,
  },
});

describe('anthropic plugin', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeAnthropic()));
  afterAll(() => fake.close());
  const make = (options: unknown = {}) =>
    plugin.create({ instanceId: 'an', baseUrl: fake.url, apiKey: 'k-1', options: plugin.configSchema.parse(options) });
  const req = (extra = {}) => ({
    model: 'claude-x',
    messages: [
      { role: 'system' as const, content: 'Rule one.' },
      { role: 'user' as const, content: 'hi' },
    ],
    signal: new AbortController().signal,
    ...extra,
  });

  it('sends x-api-key, anthropic-version, a top-level system prompt and the default max_tokens', async () => {
    const p = make({ betas: ['prompt-caching-2024-07-31'] });
    await drain(p, req({ stop: ['END'] }));
    const seen = fake.requests.at(-1)!;
    expect(seen.headers['x-api-key']).toBe('k-1');
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
    expect(seen.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
    expect(seen.body).toMatchObject({ system: 'Rule one.', max_tokens: 4096, stop_sequences: ['END'], messages: [{ role: 'user', content: 'hi' }] });
    await p.close?.();
  });

  it('treats 529 overloaded as a retryable server error', async () => {
    const p = make();
    fake.setFault({ type: 'status', status: 529 }, { times: 1 });
    expect((await drain(p, req())).error).toMatchObject({ kind: 'server', status: 529, retryable: true });
    await p.close?.();
  });

  it('maps an in-stream overloaded_error event to a retryable server error after the deltas', async () => {
    const p = make();
    fake.setFault({ type: 'streamError', afterDeltas: 2, status: 529 }, { times: 1 });
    const out = await drain(p, req());
    expect(out.deltas).toHaveLength(2);
    expect(out.error).toMatchObject({ kind: 'server', status: 529, retryable: true });
    await p.close?.();
  });

  it('uses anthropic-ratelimit-*-reset of the exhausted limit when retry-after is absent', async () => {
    const p = make();
    const reset = new Date(Date.now() + 4000).toISOString();
    fake.setFault(
      { type: 'status', status: 429, headers: { 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': reset } },
      { times: 1 },
    );
    const err = (await drain(p, req())).error!;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterMs).toBeGreaterThan(3000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(4000);
    await p.close?.();
  });
});

describe('anthropic plugin: plugin API 2 specifics', () => {
  let fake: FakeUpstream;
  beforeAll(async () => (fake = await startFakeAnthropic()));
  afterAll(() => fake.close());
  afterEach(() => fake.setAnswer(null));
  const make = () => plugin.create({ instanceId: 'an', baseUrl: fake.url, apiKey: 'k-1', options: plugin.configSchema.parse({}) });
  const signal = () => new AbortController().signal;

  it('refuses json_object together with tools, and images it cannot take, by name before sending', async () => {
    const p = make();
    const before = fake.requests.length;
    const both = await drain(p, { model: 'c', messages: [{ role: 'user', content: 'x' }], tools: [WEATHER_TOOL], responseFormat: { type: 'json_object' }, signal: signal() });
    expect(both.error).toMatchObject({ kind: 'bad_request', unsupportedFeature: 'json_object together with tools' });
    expect(both.error!.message).toBe('json_object together with tools not supported by anthropic: its JSON object mode is a forced tool call');
    const bmp = await drain(p, {
      model: 'c',
      messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/bmp', data: 'Qk0=' } }] }],
      signal: signal(),
    });
    expect(bmp.error).toMatchObject({ kind: 'bad_request', unsupportedFeature: 'images of type image/bmp' });
    expect(fake.requests.length).toBe(before);
    await p.close?.();
  });

  it('puts tool results first in one user turn with the text that follows them, and maps foreign tool ids on both sides', async () => {
    const p = make();
    const out = await drain(p, {
      model: 'c',
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'fc.gemini:0', name: 'get_weather', arguments: '' }] },
        { role: 'tool', toolCallId: 'fc.gemini:0', content: 'sunny' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [WEATHER_TOOL],
      signal: signal(),
    });
    expect(out.error).toBeUndefined();
    const seen = fake.requests.at(-1)!;
    expect(seen.problems).toEqual([]);
    expect(seen.body.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'fc_gemini_0', name: 'get_weather', input: {} }] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'fc_gemini_0', content: 'sunny' },
          { type: 'text', text: 'And tomorrow?' },
        ],
      },
    ]);
    await p.close?.();
  });

  it('refuses tool call arguments that are not a JSON object, before sending', async () => {
    const p = make();
    const out = await drain(p, {
      model: 'c',
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'a', name: 'get_weather', arguments: '[1,2' }] },
        { role: 'tool', toolCallId: 'a', content: 'y' },
      ],
      tools: [WEATHER_TOOL],
      signal: signal(),
    });
    expect(out.error).toMatchObject({ kind: 'bad_request', message: 'invalid request: the arguments of tool call a (get_weather) are not valid JSON' });
    await p.close?.();
  });

  it('gives a tool called without input the empty object as its arguments', async () => {
    const p = make();
    fake.setAnswer({ toolCalls: [{ id: 'toolu_1', name: 'get_time', arguments: '' }] });
    const out = await drain(p, { model: 'c', messages: [{ role: 'user', content: 'time?' }], tools: [TIME_TOOL], signal: signal() });
    const calls = out.chunks.filter((c) => c.type === 'tool_call');
    expect(calls).toEqual([
      { type: 'tool_call', index: 0, id: 'toolu_1', name: 'get_time' },
      { type: 'tool_call', index: 0, arguments: '{}' },
    ]);
    expect(out.finishReason).toBe('tool_calls');
    await p.close?.();
  });
});

describe('anthropic plugin: the end of a stream', () => {
  it('ends at message_stop even when the upstream keeps the connection open after it', async () => {
    const frame = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    // The whole message, message_stop included, and then the response is never ended.
    const upstream = await startHeldOpenStream(
      frame('message_start', { message: { id: 'm', model: 'claude', usage: { input_tokens: 3, output_tokens: 0 } } }) +
        frame('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }) +
        frame('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Held open.' } }) +
        frame('content_block_stop', { index: 0 }) +
        frame('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }) +
        frame('message_stop', {}),
    );
    const p = plugin.create({ instanceId: 'an', baseUrl: upstream.url, apiKey: 'k-1', options: plugin.configSchema.parse({}) });
    const started = performance.now();
    const out = await drain(p, { model: 'claude', messages: [{ role: 'user', content: 'x' }], stream: true, signal: new AbortController().signal });
    expect(out.deltas.join('')).toBe('Held open.');
    expect(out.usage).toMatchObject({ inputTokens: 3, outputTokens: 2 });
    expect(performance.now() - started).toBeLessThan(2_000);
    await p.close?.();
    await upstream.close();
  });
});
