import { expect, test } from 'vitest';
import { codeOf } from '../fixtures/gateway.ts';
import { useChatGateway } from './chat-gateway.ts';

const CHAT = 'mutation($i: ChatInput!) { chat(input: $i) { text } }';
const EMBED = 'mutation($i: EmbedInput!) { embed(input: $i) { inputTokens } }';
const SECRET = 'sk-proj-' + 'Q7vX2mN9pL4kR8tW1zY6bC3dF5gH0jK2'.repeat(2);
const CARD = '6222 0212 3456 7894';
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const chat = useChatGateway();
const sentUpstream = () => JSON.stringify(chat.fake.requests.at(-1)!.body);

test('tool results and the arguments of tool calls echoed back are screened like any text', async () => {
  const r = await chat.gw.gql(
    CHAT,
    {
      i: {
        model: 'gpt-test',
        tools: [{ name: 'pay', parameters: { type: 'object', properties: { card: { type: 'string' } } } }],
        messages: [
          { role: 'USER', content: 'pay the bill' },
          { role: 'ASSISTANT', toolCalls: [{ id: 'c1', name: 'pay', arguments: JSON.stringify({ card: CARD }) }] },
          { role: 'TOOL', toolCallId: 'c1', content: `charged ${CARD}` },
        ],
      },
    },
    chat.gw.adminToken,
  );
  expect(r.errors).toBeUndefined();
  expect(sentUpstream()).not.toContain('6222');
  expect(sentUpstream().match(/\[BANK_CARD\]/g)).toHaveLength(2);
  const blocked = await chat.gw.gql(CHAT, { i: { model: 'gpt-test', messages: [{ role: 'USER', content: 'x' }, { role: 'ASSISTANT', toolCalls: [{ id: 'c2', name: 'f', arguments: `{"k":"${SECRET}"}` }] }, { role: 'TOOL', toolCallId: 'c2', content: 'ok' }] } }, chat.gw.adminToken);
  expect(codeOf(blocked)).toBe('DLP_BLOCKED');
});

test('images pass unscreened and the DLP event says how many', async () => {
  const r = await chat.gw.gql(CHAT, { i: { model: 'gpt-test', messages: [{ role: 'USER', parts: [{ text: 'from jane.doe@example.com' }, { image: { data: PIXEL, mediaType: 'image/png' } }] }] } }, chat.gw.adminToken);
  expect(r.errors).toBeUndefined();
  await Promise.all([...chat.gw.gateway.app.background]);
  const events = await chat.gw.gql('{ dlpEvents(first: 1) { edges { node { detector action unscreenedImages } } } }', {}, chat.gw.adminToken);
  expect(events.data.dlpEvents.edges[0].node).toEqual({ detector: 'EMAIL', action: 'LOG', unscreenedImages: 1 });
});

test('embedding inputs are screened: redacted before they go upstream, or blocked with nothing sent', async () => {
  const ok = await chat.gw.gql(EMBED, { i: { model: 'gpt-test', input: [`card ${CARD}`, 'plain'] } }, chat.gw.adminToken);
  expect(ok.errors).toBeUndefined();
  expect(sentUpstream()).not.toContain('6222');
  expect(sentUpstream()).toContain('[BANK_CARD]');
  const before = chat.fake.requests.length;
  const blocked = await chat.gw.gql(EMBED, { i: { model: 'gpt-test', input: [`key ${SECRET}`] } }, chat.gw.adminToken);
  expect(codeOf(blocked)).toBe('DLP_BLOCKED');
  expect(chat.fake.requests.length).toBe(before);
});
