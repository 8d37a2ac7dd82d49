import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { startDoorsGateway, type DoorsGateway } from './doors-gateway.ts';

let d: DoorsGateway;
const client = (key: string) => new Anthropic({ baseURL: d.server.url, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  d = await startDoorsGateway();
}, 60_000);
afterAll(async () => {
  await d?.close();
});

const weather: Anthropic.Tool = { name: 'get_weather', description: 'The weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

test('a plain message answers in the Anthropic shape, metered and audited as the anthropic door', async () => {
  const r = await client(d.keys.member).messages.create({ model: 'mock-small', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'hello there' }] });
  expect(r).toMatchObject({ type: 'message', role: 'assistant', model: 'mock-small', stop_reason: 'end_turn', content: [{ type: 'text', text: 'You said: hello there' }] });
  expect(r.usage).toMatchObject({ input_tokens: 4, output_tokens: 4 });
  const audit = (await d.chatAudits()).at(-1);
  expect(audit).toMatchObject({ input_tokens: 4, output_tokens: 4 });
  expect(audit.metadata).toMatchObject({ via: 'anthropic', outcome: 'ok' });
});

test('a message through another vendor (the OpenAI fake) and through the Anthropic fake', async () => {
  const c = client(d.keys.member);
  const viaOpenAI = await c.messages.create({ model: 'gpt-fake', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  expect(viaOpenAI.content).toEqual([{ type: 'text', text: 'Answer from the OpenAI fake.' }]);
  const viaAnthropic = await c.messages.create({ model: 'claude-fake', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  expect(viaAnthropic.content).toEqual([{ type: 'text', text: 'Answer from the Anthropic fake.' }]);
});

test('a streamed message follows the event grammar and ends with the usage', async () => {
  const stream = client(d.keys.member).messages.stream({ model: 'mock-small', max_tokens: 100, messages: [{ role: 'user', content: 'one two three' }] });
  const types: string[] = [];
  stream.on('streamEvent', (e) => types.push(e.type));
  const message = await stream.finalMessage();
  expect(message.content).toEqual([{ type: 'text', text: 'You said: one two three', citations: null }].map(({ citations: _c, ...b }) => expect.objectContaining(b)));
  expect(message.usage).toMatchObject({ output_tokens: 5 });
  expect(message.stop_reason).toBe('end_turn');
  expect(types[0]).toBe('message_start');
  expect(types).toContain('content_block_start');
  expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  const audit = (await d.chatAudits()).at(-1);
  expect(audit).toMatchObject({ output_tokens: 5 });
  expect(message.usage.input_tokens).toBe(audit.input_tokens);
});

test('a streamed message carries the rate limits in its headers, as admission left them', async () => {
  const api = adminApi(d.gw);
  const userId = await api.createUser('streamed-limits@anthropic.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(userId);
  await api.must('mutation($k: ID!) { setRateLimit(scope: API_KEY, targetId: $k, requestsPerMinute: 3) { requestsPerMinute } }', { k: key.id });
  const { data: stream, response } = await client(key.secret).messages.create({ model: 'mock-small', max_tokens: 100, messages: [{ role: 'user', content: 'one' }], stream: true }).withResponse();
  expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
  expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('2');
  const kinds: string[] = [];
  for await (const event of stream) kinds.push(event.type);
  expect(kinds.at(-1)).toBe('message_stop');
});

test('a tool round trip, not streamed: tool_use, tool_result, the final answer', async () => {
  const c = client(d.keys.member);
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
  const first = await c.messages.create({ model: 'mock-small', max_tokens: 200, messages, tools: [weather] });
  expect(first.stop_reason).toBe('tool_use');
  const use = first.content.find((b) => b.type === 'tool_use') as Anthropic.ToolUseBlock;
  expect(use).toMatchObject({ name: 'get_weather', input: { city: 'example' } });
  messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '21 degrees' }] });
  const second = await c.messages.create({ model: 'mock-small', max_tokens: 200, messages, tools: [weather] });
  expect(second.content).toEqual([{ type: 'text', text: 'The get_weather tool returned: 21 degrees' }]);
});

test('a tool round trip streamed: input_json_delta pieces assemble into the input', async () => {
  const c = client(d.keys.member);
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather?' }];
  const stream = c.messages.stream({ model: 'mock-small', max_tokens: 200, messages, tools: [weather] });
  const deltas: string[] = [];
  stream.on('streamEvent', (e) => {
    if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') deltas.push(e.delta.partial_json);
  });
  const first = await stream.finalMessage();
  expect(deltas.length).toBeGreaterThan(1);
  const use = first.content.find((b) => b.type === 'tool_use') as Anthropic.ToolUseBlock;
  expect(use.input).toEqual({ city: 'example' });
  expect(first.stop_reason).toBe('tool_use');
  messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: [{ type: 'text', text: 'rain' }] }] });
  const final = await c.messages.stream({ model: 'mock-small', max_tokens: 200, messages, tools: [weather] }).finalText();
  expect(final).toBe('The get_weather tool returned: rain');
});

test('an image block reaches the provider, and count_tokens counts without metering', async () => {
  const c = client(d.keys.member);
  const r = await c.messages.create({
    model: 'mock-small',
    max_tokens: 100,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } }, { type: 'text', text: 'What is this?' }] }],
  });
  expect(r.content).toEqual([{ type: 'text', text: 'I received 1 image. You said: What is this?' }]);
  const before = (await d.chatAudits()).length;
  const counted = await c.messages.countTokens({ model: 'mock-small', messages: [{ role: 'user', content: 'hello there' }] });
  expect(counted.input_tokens).toBeGreaterThan(2);
  expect((await d.chatAudits()).length).toBe(before);
});

test('each error class arrives as the SDK\'s own exception', async () => {
  const ask = (key: string, body: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}) =>
    client(key).messages.create({ model: 'mock-small', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }], ...body });
  await expect(ask('zk_not-a-real-key')).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  await expect(ask(d.keys.noChat)).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
  await expect(ask(d.keys.member, { model: 'no-such-model' })).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  await expect(ask(d.keys.member, { temperature: 9 } as Partial<Anthropic.MessageCreateParamsNonStreaming>)).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  const quota = await ask(d.keys.starved).catch((e) => e);
  expect(quota).toBeInstanceOf(Anthropic.RateLimitError);
  expect(quota.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(quota.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  const dlp = await ask(d.keys.dlp, { messages: [{ role: 'user', content: 'write to jane.doe@example.com' }] }).catch((e) => e);
  expect(dlp).toBeInstanceOf(Anthropic.BadRequestError);
  const down = await ask(d.keys.member, { model: 'doomed' }).catch((e) => e);
  expect(down).toBeInstanceOf(Anthropic.InternalServerError);
  expect(down.status).toBe(502);
});

test('a failure after streaming began ends with the error event; what was delivered is metered and audited', async () => {
  d.anthropicUpstream.setFault({ type: 'cut', afterDeltas: 2, mode: 'destroy' }, { times: 1 });
  const stream = client(d.keys.member).messages.stream({ model: 'claude-fake', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
  let text = '';
  stream.on('text', (t) => (text += t));
  const error = await stream.finalMessage().catch((e) => e);
  expect(error).toBeInstanceOf(Anthropic.APIError);
  expect(text.length).toBeGreaterThan(0);
  const audit = (await d.chatAudits()).at(-1);
  expect(audit.metadata).toMatchObject({ via: 'anthropic', outcome: 'interrupted' });
  expect(audit.output_tokens).toBeGreaterThan(0);
});

test('structured outputs (output_config.format json_schema) answer JSON valid against the schema', async () => {
  const schema = { type: 'object', properties: { city: { type: 'string' }, rainy: { type: 'boolean' } }, required: ['city', 'rainy'], additionalProperties: false };
  const params = { model: 'mock-small', max_tokens: 100, messages: [{ role: 'user', content: 'Weather as JSON' }], output_config: { format: { type: 'json_schema', schema } } };
  const r = await client(d.keys.member).messages.create(params as unknown as Anthropic.MessageCreateParamsNonStreaming);
  const text = r.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
  expect(JSON.parse(text)).toEqual({ city: 'example', rainy: true });
});
