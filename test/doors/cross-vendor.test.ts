import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDoorsGateway, type DoorsGateway } from './doors-gateway.ts';

let d: DoorsGateway;

beforeAll(async () => {
  d = await startDoorsGateway();
}, 60_000);
afterAll(async () => {
  await d?.close();
});

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

test('Anthropic SDK → gateway → OpenAI vendor: a streamed tool round trip, translated both ways', async () => {
  const c = new Anthropic({ baseURL: d.server.url, apiKey: d.keys.member, maxRetries: 0 });
  d.openaiUpstream.setAnswer({ toolCalls: [{ id: 'call_abc', name: 'get_weather', arguments: '{"city":"Paris"}' }] }, { times: 1 });
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
  const tools: Anthropic.Tool[] = [{ name: 'get_weather', input_schema: schema as Anthropic.Tool.InputSchema }];
  const first = await c.messages.stream({ model: 'gpt-fake', max_tokens: 100, messages, tools }).finalMessage();
  expect(first.stop_reason).toBe('tool_use');
  expect(first.content).toEqual([expect.objectContaining({ type: 'tool_use', id: 'call_abc', name: 'get_weather', input: { city: 'Paris' } })]);
  messages.push({ role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_abc', content: 'sunny' }] });
  const final = await c.messages.create({ model: 'gpt-fake', max_tokens: 100, messages, tools });
  expect(final.content).toEqual([{ type: 'text', text: 'Answer from the OpenAI fake.' }]);
  // What the OpenAI vendor received: its own shapes for the call and its result.
  const sent = d.openaiUpstream.requests.at(-1)!;
  expect(sent.problems).toEqual([]);
  expect(sent.body.messages.slice(1)).toEqual([
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
    { role: 'tool', tool_call_id: 'call_abc', content: 'sunny' },
  ]);
});

test('OpenAI SDK → gateway → Anthropic vendor: a tool round trip, translated both ways', async () => {
  const c = new OpenAI({ baseURL: `${d.server.url}/v1`, apiKey: d.keys.member, maxRetries: 0 });
  d.anthropicUpstream.setAnswer({ toolCalls: [{ id: 'toolu_01', name: 'get_weather', arguments: '{"city":"Oslo"}' }] }, { times: 1 });
  const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: schema } }];
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
  const first = await c.chat.completions.create({ model: 'claude-fake', messages, tools });
  expect(first.choices[0].finish_reason).toBe('tool_calls');
  expect(first.choices[0].message.tool_calls).toEqual([{ id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
  messages.push(first.choices[0].message, { role: 'tool', tool_call_id: 'toolu_01', content: 'snow' });
  const final = await c.chat.completions.create({ model: 'claude-fake', messages, tools });
  expect(final.choices[0].message.content).toBe('Answer from the Anthropic fake.');
  const sent = d.anthropicUpstream.requests.at(-1)!;
  expect(sent.problems).toEqual([]);
  expect(sent.body.messages).toEqual([
    { role: 'user', content: 'Weather in Oslo?' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Oslo' } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'snow' }] },
  ]);
});

test('an Anthropic image block reaches an OpenAI vendor as a data URL, and an embedding call goes to its /embeddings', async () => {
  const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  const a = new Anthropic({ baseURL: d.server.url, apiKey: d.keys.member, maxRetries: 0 });
  await a.messages.create({ model: 'gpt-fake', max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is it?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } }] }] });
  const sent = d.openaiUpstream.requests.at(-1)!;
  expect(sent.problems).toEqual([]);
  expect(sent.body.messages[0].content).toEqual([
    { type: 'text', text: 'What is it?' },
    { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}` } },
  ]);
  const o = new OpenAI({ baseURL: `${d.server.url}/v1`, apiKey: d.keys.member, maxRetries: 0 });
  const e = await o.embeddings.create({ model: 'gpt-fake', input: ['alpha beta'], encoding_format: 'float' });
  expect(e.data[0].embedding).toHaveLength(4);
  expect(d.openaiUpstream.requests.at(-1)!.path).toMatch(/\/embeddings$/);
  // A model whose providers cannot embed is a 400 naming the feature, before anything goes upstream.
  await expect(o.embeddings.create({ model: 'claude-fake', input: 'x' })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
});
