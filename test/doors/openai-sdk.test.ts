import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { startDoorsGateway, type DoorsGateway } from './doors-gateway.ts';

let d: DoorsGateway;
const client = (key: string) => new OpenAI({ baseURL: `${d.server.url}/v1`, apiKey: key, maxRetries: 0 });

beforeAll(async () => {
  d = await startDoorsGateway();
}, 60_000);
afterAll(async () => {
  await d?.close();
});

const weather = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

test('a plain chat answers in the OpenAI shape, metered and audited as the openai door', async () => {
  const r = await client(d.keys.member).chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'hello there' }] });
  expect(r.object).toBe('chat.completion');
  expect(r.choices[0].message).toMatchObject({ role: 'assistant', content: 'You said: hello there' });
  expect(r.choices[0].finish_reason).toBe('stop');
  expect(r.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 4, total_tokens: 6 });
  const audit = (await d.chatAudits()).at(-1);
  expect(audit).toMatchObject({ model: 'mock-small', input_tokens: 2, output_tokens: 4 });
  expect(audit.metadata).toMatchObject({ via: 'openai', outcome: 'ok', finishReason: 'stop' });
});

test('a chat through a real vendor plugin (the OpenAI fake) and the models list', async () => {
  const c = client(d.keys.member);
  const r = await c.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] });
  expect(r.choices[0].message.content).toBe('Answer from the OpenAI fake.');
  const models = await c.models.list();
  expect(models.data.map((m) => m.id)).toEqual(['mock-small', 'gpt-fake', 'claude-fake', 'doomed']);
  expect(await c.models.retrieve('mock-small')).toMatchObject({ id: 'mock-small', object: 'model', capabilities: { tools: true, vision: true, embeddings: true } });
});

test('a streamed chat with stream_options.include_usage ends with the usage chunk', async () => {
  const stream = await client(d.keys.member).chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'one two three four' }], stream: true, stream_options: { include_usage: true } });
  let text = '';
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  expect(text).toBe('You said: one two three four');
  expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
  expect(chunks.at(-1)!.choices).toEqual([]);
  expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
});

test('a tool round trip: the call, the tool result, the final answer (not streamed)', async () => {
  const c = client(d.keys.member);
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
  const first = await c.chat.completions.create({ model: 'mock-small', messages, tools: [weather] });
  expect(first.choices[0].finish_reason).toBe('tool_calls');
  const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
  expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
  expect(JSON.parse(call.function.arguments)).toEqual({ city: 'example' });
  messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '21 degrees and sunny' });
  const second = await c.chat.completions.create({ model: 'mock-small', messages, tools: [weather] });
  expect(second.choices[0].message.content).toBe('The get_weather tool returned: 21 degrees and sunny');
  const audit = (await d.chatAudits()).at(-2);
  expect(audit.metadata).toMatchObject({ toolCalls: [{ id: call.id, name: 'get_weather' }], tools: ['get_weather'], finishReason: 'tool_calls' });
});

test('a tool round trip streamed: tool-call deltas assemble into the call', async () => {
  const c = client(d.keys.member);
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather?' }];
  const stream = await c.chat.completions.create({ model: 'mock-small', messages, tools: [weather], stream: true, stream_options: { include_usage: true } });
  const pieces: any[] = [];
  let finish: string | null = null;
  for await (const chunk of stream) {
    for (const t of chunk.choices[0]?.delta.tool_calls ?? []) pieces.push(t);
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  expect(pieces.length).toBeGreaterThan(2);
  expect(pieces[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
  const args = pieces.map((p) => p.function?.arguments ?? '').join('');
  expect(JSON.parse(args)).toEqual({ city: 'example' });
  expect(finish).toBe('tool_calls');
  messages.push({ role: 'assistant', content: null, tool_calls: [{ id: pieces[0].id, type: 'function', function: { name: 'get_weather', arguments: args } }] });
  messages.push({ role: 'tool', tool_call_id: pieces[0].id, content: 'rain' });
  const final = await c.chat.completions.create({ model: 'mock-small', messages, tools: [weather], stream: true });
  let text = '';
  for await (const chunk of final) text += chunk.choices[0]?.delta.content ?? '';
  expect(text).toBe('The get_weather tool returned: rain');
});

test('an image input reaches the provider (the mock counts it) and its bytes are hashed, never stored', async () => {
  const r = await client(d.keys.member).chat.completions.create({
    model: 'mock-small',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}` } }] }],
  });
  expect(r.choices[0].message.content).toBe('I received 1 image. You said: What is this?');
  const audit = (await d.chatAudits()).at(-1);
  expect(audit.metadata).toMatchObject({ images: 1, dlp: { unscreenedImages: 1 } });
  expect(JSON.stringify(audit)).not.toContain(PIXEL.slice(0, 40));
});

test('a json_schema request is answered with JSON valid against the schema', async () => {
  const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } }, required: ['name', 'age'], additionalProperties: false };
  const r = await client(d.keys.member).chat.completions.create({
    model: 'mock-small',
    messages: [{ role: 'user', content: 'Describe a person' }],
    response_format: { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } },
  });
  const value = JSON.parse(r.choices[0].message.content!);
  expect(value).toEqual({ name: 'example', age: 0 });
});

test('embeddings: stable vectors of the requested size, metered and audited with the input hash', async () => {
  const c = client(d.keys.member);
  const a = await c.embeddings.create({ model: 'mock-small', input: ['hello world', 'bye'] });
  const b = await c.embeddings.create({ model: 'mock-small', input: 'hello world', encoding_format: 'float' });
  expect(a.data).toHaveLength(2);
  expect(a.data[0].embedding).toHaveLength(8);
  // The SDK asks for base64 by default and decodes float32: equal to float32 precision.
  a.data[0].embedding.forEach((v, i) => expect(v).toBeCloseTo(b.data[0].embedding[i], 5));
  expect(a.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  const short = await c.embeddings.create({ model: 'mock-small', input: 'x', dimensions: 3, encoding_format: 'float' });
  expect(short.data[0].embedding).toHaveLength(3);
  const audit = (await d.chatAudits()).at(-1);
  expect(audit).toMatchObject({ input_tokens: 1, output_tokens: 0, response_hash: null });
  expect(audit.metadata).toMatchObject({ via: 'openai', kind: 'embeddings', outcome: 'ok', dimensions: 3, inputs: 1 });
  expect(audit.prompt_hash).toMatch(/^[0-9a-f]{64}$/);
});

test('each error class arrives as the SDK\'s own exception', async () => {
  const ask = (key: string, body: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming> = {}) =>
    client(key).chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'hello' }], ...body });
  await expect(ask('zk_not-a-real-key')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  await expect(ask(d.keys.noChat)).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  await expect(ask(d.keys.member, { model: 'no-such-model' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  await expect(client(d.keys.member).models.retrieve('no-such-model')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  await expect(ask(d.keys.member, { temperature: 7 })).rejects.toBeInstanceOf(OpenAI.BadRequestError);

  const quota = await ask(d.keys.starved).catch((e) => e);
  expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
  expect(quota.code).toBe('insufficient_quota');
  expect(quota.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(quota.headers.get('x-ratelimit-limit-tokens')).toBe('1');
  expect(quota.headers.get('x-ratelimit-remaining-tokens')).toBe('1');

  const dlp = await ask(d.keys.dlp, { messages: [{ role: 'user', content: 'mail me at jane.doe@example.com' }] }).catch((e) => e);
  expect(dlp).toBeInstanceOf(OpenAI.BadRequestError);
  expect(dlp.code).toBe('content_policy_violation');

  const down = await ask(d.keys.member, { model: 'doomed' }).catch((e) => e);
  expect(down).toBeInstanceOf(OpenAI.APIError);
  expect(down.status).toBe(502);
  const streamDown = await client(d.keys.member).chat.completions.create({ model: 'doomed', messages: [{ role: 'user', content: 'x' }], stream: true }).catch((e) => e);
  expect(streamDown).toBeInstanceOf(OpenAI.InternalServerError);
});

test('a failure after streaming began ends the stream with the error event; what was delivered is metered and audited', async () => {
  d.openaiUpstream.setFault({ type: 'cut', afterDeltas: 2, mode: 'destroy' }, { times: 1 });
  const stream = await client(d.keys.member).chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  const error = await (async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  })().catch((e) => e);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  expect(error.message).toMatch(/cut off/);
  expect(text.length).toBeGreaterThan(0);
  const audit = (await d.chatAudits()).at(-1);
  expect(audit.metadata).toMatchObject({ via: 'openai', outcome: 'interrupted' });
  expect(audit.output_tokens).toBeGreaterThan(0);
});

test('a body over the limit is refused with 413 in each vendor\'s error body, before it is read', async () => {
  const post = (path: string, headers: Record<string, string>) =>
    d.gw.gateway.yoga.fetch(`http://gateway${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024), ...headers }, body: '{}' });
  const openai = await post('/v1/chat/completions', { authorization: `Bearer ${d.keys.member}` });
  expect(openai.status).toBe(413);
  expect((await openai.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'payload_too_large' });
  const anthropic = await post('/v1/messages', { 'x-api-key': d.keys.member });
  expect(anthropic.status).toBe(413);
  expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  const unknown = await d.gw.gateway.yoga.fetch('http://gateway/v1/nothing-here', { headers: { authorization: `Bearer ${d.keys.member}` } });
  expect(unknown.status).toBe(404);
});

test('a rate-limit refusal is a RateLimitError with retry-after and the x-ratelimit-* headers; answers carry the limits too', async () => {
  const api = adminApi(d.gw);
  const userId = await api.createUser('limited@doors.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(userId);
  await api.must('mutation($k: ID!) { setRateLimit(scope: API_KEY, targetId: $k, requestsPerMinute: 1) { requestsPerMinute } }', { k: key.id });
  const c = client(key.secret);
  const ok = await c.chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'one' }] }).withResponse();
  expect(ok.response.headers.get('x-ratelimit-limit-requests')).toBe('1');
  expect(ok.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  const refused = await c.chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'two' }] }).catch((e) => e);
  expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  expect(refused.code).toBe('rate_limit_exceeded');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('1');
  expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
});

test('a streamed answer carries the rate limits in its headers, as admission left them', async () => {
  const api = adminApi(d.gw);
  const userId = await api.createUser('streamed-limits@doors.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(userId);
  await api.must('mutation($k: ID!) { setRateLimit(scope: API_KEY, targetId: $k, requestsPerMinute: 3) { requestsPerMinute } }', { k: key.id });
  const { data: stream, response } = await client(key.secret).chat.completions.create({ model: 'mock-small', messages: [{ role: 'user', content: 'one' }], stream: true }).withResponse();
  expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
  expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('2');
  expect(response.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d/);
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  expect(text.length).toBeGreaterThan(0);
});

test('embeddings count against the input quota and hard-stop budgets: refused as RateLimitError, nothing embedded', async () => {
  const before = (await d.chatAudits()).length;
  const quota = await client(d.keys.starved).embeddings.create({ model: 'mock-small', input: 'too much for one token' }).catch((e) => e);
  expect(quota).toBeInstanceOf(OpenAI.RateLimitError);
  expect(quota.code).toBe('insufficient_quota');
  const api = adminApi(d.gw);
  const userId = await api.createUser('budgeted@doors.test', { roleIds: [await api.roleId('member')] });
  const key = await api.createApiKey(userId);
  await api.must('mutation { setPrice(model: "mock-small", inputPerMillion: 1000000, outputPerMillion: 1000000) { model } }');
  await api.must('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 5, hardStop: true }) { id } }', { u: userId });
  const ok = await client(key.secret).embeddings.create({ model: 'mock-small', input: 'hi', encoding_format: 'float' });
  expect(ok.usage.prompt_tokens).toBe(1);
  const refused = await client(key.secret).embeddings.create({ model: 'mock-small', input: 'a text far longer than what is left of the budget' }).catch((e) => e);
  expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  expect((await d.chatAudits()).length).toBe(before + 1);
  await api.must('mutation { setPrice(model: "mock-small", inputPerMillion: 0, outputPerMillion: 0) { model } }');
});
