import { expect } from 'vitest';
import { test } from '../fixtures/gateway.ts';
import { listen, sseSubscribe } from '../fixtures/http.ts';

const weather = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const CHAT = `mutation($i: ChatInput!) { chat(input: $i) { text finishReason toolCalls { id name arguments } usage { inputTokens outputTokens cachedInputTokens } auditId } }`;

test('Mutation.chat carries tools, tool calls, tool results, images and JSON schema answers', async ({ gw }) => {
  const first = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'weather?' }], tools: [weather] } }, gw.adminToken);
  expect(first.errors).toBeUndefined();
  expect(first.data.chat).toMatchObject({ text: '', finishReason: 'tool_calls', toolCalls: [{ name: 'get_weather', arguments: '{"city":"example"}' }], usage: { cachedInputTokens: 0 } });
  const call = first.data.chat.toolCalls[0];
  const second = await gw.gql(
    CHAT,
    {
      i: {
        model: 'mock-small',
        tools: [weather],
        toolChoice: { mode: 'AUTO' },
        messages: [
          { role: 'USER', content: 'weather?' },
          { role: 'ASSISTANT', toolCalls: [call] },
          { role: 'TOOL', toolCallId: call.id, content: 'sunny' },
        ],
      },
    },
    gw.adminToken,
  );
  expect(second.data.chat).toMatchObject({ text: 'The get_weather tool returned: sunny', finishReason: 'stop', toolCalls: [] });

  const image = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', parts: [{ text: 'look' }, { image: { data: PIXEL, mediaType: 'image/png' } }] }] } }, gw.adminToken);
  expect(image.data.chat.text).toBe('I received 1 image. You said: look');

  const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
  const json = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'status?' }], responseFormat: { type: 'JSON_SCHEMA', name: 'status', schema } } }, gw.adminToken);
  expect(JSON.parse(json.data.chat.text)).toEqual({ ok: true });

  const bad = await gw.gql(CHAT, { i: { model: 'mock-small', messages: [{ role: 'TOOL', toolCallId: 'nope', content: 'x' }, { role: 'USER', content: 'hi' }] } }, gw.adminToken);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('Subscription.chat streams tool-call pieces; Query.models shows capabilities; Mutation.embed is metered', async ({ gw }) => {
  const server = await listen(gw);
  try {
    const events: any[] = [];
    const sub = `subscription($i: ChatInput!) { chat(input: $i) { __typename ... on ChatToolCallDelta { index id name arguments } ... on ChatCompleted { result { toolCalls { name arguments } finishReason } } } }`;
    for await (const payload of sseSubscribe(server.url, sub, { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'go' }], tools: [weather] } }, gw.adminToken)) events.push(payload.data.chat);
    const pieces = events.filter((e) => e.__typename === 'ChatToolCallDelta');
    expect(pieces[0]).toMatchObject({ index: 0, name: 'get_weather' });
    expect(pieces.map((p) => p.arguments ?? '').join('')).toBe('{"city":"example"}');
    expect(events.at(-1).result).toEqual({ toolCalls: [{ name: 'get_weather', arguments: '{"city":"example"}' }], finishReason: 'tool_calls' });
  } finally {
    await server.close();
  }
  const models = await gw.gql('{ models { name capabilities { vision tools json embeddings contextWindow } } }', {}, gw.adminToken);
  expect(models.data.models[0].capabilities).toEqual({ vision: true, tools: true, json: true, embeddings: true, contextWindow: null });

  const embed = await gw.gql('mutation($i: EmbedInput!) { embed(input: $i) { embeddings { index vector } inputTokens provider auditId } }', { i: { model: 'mock-small', input: ['one two', 'three'], dimensions: 4 } }, gw.adminToken);
  expect(embed.errors).toBeUndefined();
  expect(embed.data.embed).toMatchObject({ inputTokens: 3, provider: 'mock' });
  expect(embed.data.embed.embeddings.map((e: any) => e.vector.length)).toEqual([4, 4]);
  const audit = await gw.gql('query($f: AuditFilter) { auditLog(filter: $f, first: 1) { edges { node { id inputTokens outputTokens metadata } } } }', { f: { action: 'chat' } }, gw.adminToken);
  expect(audit.data.auditLog.edges[0].node).toMatchObject({ id: embed.data.embed.auditId, inputTokens: 3, outputTokens: 0, metadata: { kind: 'embeddings', via: 'mutation', dimensions: 4, inputs: 2 } });
});
