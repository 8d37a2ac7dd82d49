import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { pricedConfig, settled } from '../budgets/helpers.ts';

const CREATE = 'mutation($i: CreateBudgetInput!) { createBudget(input: $i) { id } }';
const STATUS = 'query($id: ID!) { budgetStatus(id: $id) { spent } }';
// At these prices (1 CNY per input token, 2 per output token) a chat costs 19 CNY (5 words in, 7 out);
// with maxTokens 10 its worst case (the prompt's byte bound plus 10 output tokens) is 55.
const CHAT = 'mutation { chat(input: { model: "mock-small", messages: [{ role: USER, content: "how much does this cost" }], maxTokens: 10 }) { text } }';

describe('a hard-stopped budget under 100 concurrent chats', () => {
  let a: TestGateway;
  let b: TestGateway | undefined;
  beforeAll(async () => {
    a = await startTestGateway({ config: pricedConfig() });
    // A second instance on the same database when the suite runs on PostgreSQL.
    if (a.databaseUrl) b = await startSecondGateway(a, { config: pricedConfig() });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  test('is never overspent: each chat holds its worst-case cost at admission, on every instance', async () => {
    const api = adminApi(a);
    const role = await api.roleId('member');
    const users = await Promise.all(Array.from({ length: 5 }, (_, i) => api.createUser(`spender${i}@budget.test`, { roleIds: [role] })));
    const keys = await Promise.all(users.map(async (id) => (await api.createApiKey(id)).secret));
    const amount = 400;
    const { createBudget } = await api.must(CREATE, { i: { scope: 'ROLE', roleId: role, amount, hardStop: true } });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 && b ? b : a).gql(CHAT, {}, keys[i % keys.length]).then((r) => (r.errors ? r.errors[0].extensions?.code : 'ok'))),
    );
    await settled(a);
    if (b) await settled(b);
    const answered = results.filter((r) => r === 'ok').length;
    expect(new Set(results.filter((r) => r !== 'ok'))).toEqual(new Set(['BUDGET_EXCEEDED']));
    expect(answered).toBeGreaterThan(5);
    const { budgetStatus } = await api.must(STATUS, { id: createBudget.id });
    console.info(`hard stop: ${answered} of 100 concurrent chats answered, ${budgetStatus.spent} of ${amount} CNY spent`);
    expect(budgetStatus.spent).toBeLessThanOrEqual(amount);
    // Nothing is left held once every chat settled.
    const spendRows = await a.gateway.app.sql.durable.query('select held from budget_spend where budget_id = $1', [createBudget.id]);
    expect(spendRows.rows.every((r) => Number(r.held) === 0)).toBe(true);
  });
});
