import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { chat, pricedConfig } from './helpers.ts';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ config: pricedConfig() });
});
afterAll(() => gw?.close());

const costByModel = async () => {
  const r = await gw.gql('{ usage(groupBy: [MODEL]) { model inputTokens outputTokens cost } }', {}, gw.adminToken);
  return Object.fromEntries(r.data.usage.map((row: any) => [row.model, row]));
};

test('the config seeds the price table, which anyone signed in may read', async () => {
  const r = await gw.gql('{ prices { model inputPerMillion outputPerMillion currency } }', {}, gw.adminToken);
  expect(r.data.prices).toEqual([{ model: 'mock-small', inputPerMillion: 1_000_000, outputPerMillion: 2_000_000, currency: 'CNY' }]);
});

test('every usage row carries its cost, priced when the chat settled: a later price change does not rewrite it', async () => {
  const first = (await chat(gw, gw.adminToken)).data.chat.usage;
  const firstCost = first.inputTokens * 1 + first.outputTokens * 2;
  expect((await costByModel())['mock-small'].cost).toBe(firstCost);

  const set = await gw.gql('mutation { setPrice(model: "mock-small", inputPerMillion: 3000000, outputPerMillion: 0) { model inputPerMillion outputPerMillion } }', {}, gw.adminToken);
  expect(set.data.setPrice).toEqual({ model: 'mock-small', inputPerMillion: 3_000_000, outputPerMillion: 0 });
  const second = (await chat(gw, gw.adminToken)).data.chat.usage;
  expect((await costByModel())['mock-small'].cost).toBe(firstCost + second.inputTokens * 3);

  // A model without a price costs nothing.
  await chat(gw, gw.adminToken, 'unpriced', 'mock-large');
  expect((await costByModel())['mock-large'].cost).toBe(0);

  const audit = await gw.gql('{ auditLog(filter: { action: "price.update" }) { edges { node { targetId metadata } } } }', {}, gw.adminToken);
  expect(audit.data.auditLog.edges[0].node).toEqual({
    targetId: 'mock-small',
    metadata: { currency: 'CNY', changes: { inputPerMillion: { from: 1_000_000, to: 3_000_000 }, outputPerMillion: { from: 2_000_000, to: 0 } } },
  });
});

test('a member sees the cost of their own usage only', async () => {
  const api = adminApi(gw);
  const id = await api.createUser('cost@budget.test', { roleIds: [await api.roleId('member')] });
  const key = (await api.createApiKey(id)).secret;
  const usage = (await chat(gw, key, 'mine')).data.chat.usage;
  const r = await gw.gql('{ usage { cost requests } }', {}, key);
  expect(r.data.usage).toEqual([{ cost: usage.inputTokens * 3, requests: 1 }]);
});

test('setPrice refuses unknown models and negative prices', async () => {
  expect(codeOf(await gw.gql('mutation { setPrice(model: "nope", inputPerMillion: 1, outputPerMillion: 1) { model } }', {}, gw.adminToken))).toBe('BAD_USER_INPUT');
  const negative = await gw.gql('mutation { setPrice(model: "mock-small", inputPerMillion: -1, outputPerMillion: 1) { model } }', {}, gw.adminToken);
  expect(codeOf(negative)).toBe('BAD_USER_INPUT');
  expect(negative.errors![0].extensions!.field).toBe('inputPerMillion');
});
