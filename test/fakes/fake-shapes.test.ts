import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from './anthropic.ts';
import type { FakeUpstream } from './fake-server.ts';
import { startFakeGemini } from './gemini.ts';
import { startFakeOllama } from './ollama.ts';
import { startFakeOpenAI } from './openai.ts';

/**
 * The conformance suite trusts the fakes to refuse what the real vendors refuse:
 * each case here is a request in another vendor's shape, or one that breaks a
 * vendor rule, and must come back 400 with the problem named.
 */
async function post(fake: FakeUpstream, path: string, body: unknown) {
  const res = await fetch(new URL(path, fake.url).href, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  return { status: res.status, problems: fake.requests.at(-1)!.problems };
}

describe('fake upstreams refuse requests out of their vendor shape', () => {
  const fakes: FakeUpstream[] = [];
  let openai: FakeUpstream, anthropic: FakeUpstream, gemini: FakeUpstream, ollama: FakeUpstream;
  beforeAll(async () => {
    [openai, anthropic, gemini, ollama] = await Promise.all([startFakeOpenAI(), startFakeAnthropic(), startFakeGemini(), startFakeOllama()]);
    fakes.push(openai, anthropic, gemini, ollama);
  });
  afterAll(() => Promise.all(fakes.map((f) => f.close())));

  it('OpenAI: Anthropic-style image blocks, a tool result answering no call, tool_choice without tools, unknown fields', async () => {
    const image = await post(openai, '/v1/chat/completions', {
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }],
    });
    expect(image.status).toBe(400);
    expect(image.problems.join('\n')).toMatch(/messages\.0\.content/);
    const orphan = await post(openai, '/v1/chat/completions', { model: 'm', messages: [{ role: 'tool', tool_call_id: 'c9', content: 'x' }] });
    expect(orphan.problems).toEqual(["messages.0.tool_call_id: a tool message must answer a preceding assistant message's tool_calls"]);
    const choice = await post(openai, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }], tool_choice: 'auto', top_k: 3 });
    expect(choice.problems).toEqual(["(body): Unrecognized key(s) in object: 'top_k'", 'tool_choice: tool_choice is only allowed when tools are given']);
    const ok = await post(openai, '/v1/embeddings', { model: 'e', input: ['a'], dimensions: 4 });
    expect(ok).toEqual({ status: 200, problems: [] });
  });

  it('Anthropic: OpenAI-style tool messages, a tool_use left unanswered, tool results after text, a system role in messages', async () => {
    const toolRole = await post(anthropic, '/v1/messages', { model: 'c', max_tokens: 5, messages: [{ role: 'tool', content: 'x' }] });
    expect(toolRole.status).toBe(400);
    const unanswered = await post(anthropic, '/v1/messages', {
      model: 'c',
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'text', text: 'no result' }] },
      ],
    });
    expect(unanswered.problems).toContain('messages.2: tool_use t1 has no tool_result in the next user message');
    const late = await post(anthropic, '/v1/messages', {
      model: 'c',
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'text', text: 'first' }, { type: 'tool_result', tool_use_id: 't1', content: 'r' }] },
      ],
    });
    expect(late.problems).toEqual(['messages.2: tool_result blocks must come first in the user message']);
    const system = await post(anthropic, '/v1/messages', { model: 'c', max_tokens: 5, messages: [{ role: 'system', content: 'x' }] });
    expect(system.status).toBe(400);
  });

  it('Gemini: responses in a model turn, fewer responses than calls, a schema without the JSON mime type, a mismatched embedding model', async () => {
    const path = '/v1beta/models/g:generateContent';
    const turns = await post(gemini, path, {
      contents: [
        { role: 'user', parts: [{ text: 'x' }] },
        { role: 'model', parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'a', response: {} } }] },
      ],
    });
    expect(turns.problems).toEqual(['contents.2: the number of function response parts must equal the number of function call parts of the turn before']);
    const schema = await post(gemini, path, { contents: [{ role: 'user', parts: [{ text: 'x' }] }], generationConfig: { responseJsonSchema: { type: 'object' } } });
    expect(schema.problems).toEqual(['generationConfig: a response schema needs responseMimeType application/json']);
    const embed = await post(gemini, '/v1beta/models/e1:batchEmbedContents', { requests: [{ model: 'models/e2', content: { parts: [{ text: 'x' }] } }] });
    expect(embed.problems).toEqual(['requests[].model: must be models/e1, the model of /v1beta/models/e1:batchEmbedContents']);
  });

  it('Ollama: content parts instead of a string, data URLs as images, string tool arguments', async () => {
    const parts = await post(ollama, '/api/chat', { model: 'l', messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] });
    expect(parts.status).toBe(400);
    const dataUrl = await post(ollama, '/api/chat', { model: 'l', messages: [{ role: 'user', content: 'x', images: ['data:image/png;base64,AAAA'] }] });
    expect(dataUrl.problems).toEqual(['messages.0.images.0: base64 data, not a URL']);
    const args = await post(ollama, '/api/chat', {
      model: 'l',
      messages: [{ role: 'assistant', content: '', tool_calls: [{ function: { name: 'f', arguments: '{"a":1}' } }] }],
    });
    expect(args.problems).toEqual(['messages.0.tool_calls.0.function.arguments: Expected object, received string']);
  });
});
