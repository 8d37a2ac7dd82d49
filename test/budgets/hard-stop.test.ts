import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { chat, pricedConfig, settled } from './helpers.ts';

let gw: TestGateway;
let api: ReturnType<typeof adminApi>;
beforeAll(async () => {
  gw = await startTestGateway({ config: pricedConfig(), timezone: 'Asia/Shanghai' });
  api = adminApi(gw);
});
afterAll(() => gw?.close());

const STATUS = 'query($id: ID!) { budgetStatus(id: $id) { period spent remaining percent thresholdsCrossed exceeded resetsAt } }';
const CREATE = 'mutation($i: CreateBudgetInput!) { createBudget(input: $i) { id scope amount currency thresholds hardStop } }';

async function member(email: string, roleIds: string[]) {
  const id = await api.createUser(email, { roleIds });
  return { id, key: (await api.createApiKey(id)).secret };
}

test('budget status: spent, remaining, percent and thresholds crossed this month', async () => {
  const analysts = await api.createRole('analysts', ['chat']);
  const alice = await member('alice@budget.test', [analysts]);
  const probe = (await chat(gw, alice.key)).data.chat.usage;
  const cost = probe.inputTokens + 2 * probe.outputTokens;
  const created = await api.must(CREATE, { i: { scope: 'USER', userId: alice.id, amount: cost * 2.5 } });
  expect(created.createBudget).toMatchObject({ scope: 'USER', amount: cost * 2.5, currency: 'CNY', thresholds: [50, 80, 100], hardStop: false });
  await chat(gw, alice.key);
  await settled(gw);
  const status = (await api.must(STATUS, { id: created.createBudget.id })).budgetStatus;
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  expect(status).toMatchObject({ period: month, spent: cost * 2, remaining: cost * 0.5, percent: 80, thresholdsCrossed: [50, 80], exceeded: false });
  // The month resets at midnight Shanghai time (16:00 UTC the day before).
  expect(status.resetsAt).toMatch(/T16:00:00.000Z$/);

  const all = await api.must('{ budgets { id scope user { email } status { spent } } }');
  expect(all.budgets).toContainEqual({ id: created.createBudget.id, scope: 'USER', user: { email: 'alice@budget.test' }, status: { spent: cost * 2 } });
  const audit = await api.must('{ auditLog(filter: { action: "budget.create" }) { edges { node { targetId metadata } } } }');
  expect(audit.auditLog.edges[0].node).toMatchObject({ targetId: created.createBudget.id, metadata: { scope: 'USER', amount: cost * 2.5, currency: 'CNY' } });
});

test('a hard-stop budget refuses chats with BUDGET_EXCEEDED once spent, before anything goes upstream', async () => {
  const bob = await member('bob@budget.test', [await api.roleId('member')]);
  const probe = (await chat(gw, bob.key)).data.chat.usage;
  const cost = probe.inputTokens + 2 * probe.outputTokens;
  const { createBudget } = await api.must(CREATE, { i: { scope: 'USER', userId: bob.id, amount: cost * 1.5, hardStop: true } });
  await settled(gw);
  // Half a chat's cost left: the next chat's worst case does not fit, so it is refused before it runs (no overshoot).
  const refused = await chat(gw, bob.key);
  expect(codeOf(refused)).toBe('BUDGET_EXCEEDED');
  expect(refused.errors![0].extensions).toMatchObject({ budgetId: createBudget.id, scope: 'USER', amount: cost * 1.5, spent: cost, currency: 'CNY' });
  // Refused before a reservation or a provider call: one chat metered, not two.
  const usage = await gw.gql('{ usage { requests } }', {}, bob.key);
  expect(usage.data.usage).toEqual([{ requests: 1 }]);

  // REST answers 429, like QUOTA_EXCEEDED.
  const rest = await gw.gateway.yoga.fetch('http://gateway/api/v1/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bob.key}` },
    body: JSON.stringify({ model: 'mock-small', messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(rest.status).toBe(429);
  expect((await rest.json()).error.code).toBe('BUDGET_EXCEEDED');

  // Raising the amount lets the user chat again at once (the change invalidates this instance's cache).
  await api.must('mutation($id: ID!) { updateBudget(id: $id, input: { amount: 1000000 }) { amount } }', { id: createBudget.id });
  expect((await chat(gw, bob.key)).errors).toBeUndefined();
  const audit = await api.must('{ auditLog(filter: { action: "budget.update" }) { edges { node { metadata } } } }');
  expect(audit.auditLog.edges[0].node.metadata).toEqual({ changes: { amount: { from: cost * 1.5, to: 1000000 } } });
});

test("a role's hard stop counts the spend of everyone holding the role, lets chats run while their worst case fits, and stops them all", async () => {
  const support = await api.createRole('support', ['chat']);
  const carol = await member('carol@budget.test', [support]);
  const dave = await member('dave@budget.test', [support]);
  const amount = 60;
  const { createBudget } = await api.must(CREATE, { i: { scope: 'ROLE', roleId: support, amount, hardStop: true } });
  // Chats run (their output capped to what the budget can still pay for) until the next one's worst case no longer fits.
  const answered: string[] = [];
  let refusedFor = '';
  for (let i = 0; i < 20 && !refusedFor; i++) {
    const who = i % 2 ? dave : carol;
    const result = await chat(gw, who.key);
    if (result.errors) refusedFor = codeOf(result)!;
    else answered.push(who.id);
    await settled(gw);
  }
  expect(refusedFor).toBe('BUDGET_EXCEEDED');
  expect(new Set(answered)).toEqual(new Set([carol.id, dave.id]));
  const status = (await api.must(STATUS, { id: createBudget.id })).budgetStatus;
  // Settled spend never passes the amount.
  expect(status.spent).toBeGreaterThan(amount / 2);
  expect(status.spent).toBeLessThanOrEqual(amount);
  expect(codeOf(await chat(gw, dave.key))).toBe('BUDGET_EXCEEDED');
  expect(codeOf(await chat(gw, carol.key))).toBe('BUDGET_EXCEEDED');
  // Users outside the role are unaffected.
  expect((await chat(gw, gw.adminToken)).errors).toBeUndefined();
  await settled(gw);
  await api.must('mutation($id: ID!) { deleteBudget(id: $id) }', { id: createBudget.id });
  expect((await chat(gw, dave.key)).errors).toBeUndefined();
  // Its alerts are history and stay, naming the role.
  const alerts = await api.must('{ budgetAlerts { edges { node { budgetId scope target threshold } } } }');
  const roleAlerts = alerts.budgetAlerts.edges.map((e: any) => e.node).filter((a: any) => a.scope === 'ROLE');
  expect(roleAlerts.map((a: any) => a.threshold)).toContain(50);
  for (const a of roleAlerts) expect(a).toMatchObject({ budgetId: null, scope: 'ROLE', target: 'support' });
});

test('an organisation budget sums everyone; bad budgets are refused', async () => {
  const { createBudget } = await api.must(CREATE, { i: { scope: 'ORGANISATION', amount: 1_000_000 } });
  await settled(gw);
  const total = (await api.must('{ usage { cost } }')).usage[0].cost;
  expect((await api.must(STATUS, { id: createBudget.id })).budgetStatus.spent).toBe(total);
  expect(codeOf(await gw.gql(CREATE, { i: { scope: 'ORGANISATION', amount: 5 } }, gw.adminToken))).toBe('CONFLICT');
  expect(codeOf(await gw.gql(CREATE, { i: { scope: 'USER', amount: 5 } }, gw.adminToken))).toBe('BAD_USER_INPUT');
  expect(codeOf(await gw.gql(CREATE, { i: { scope: 'ROLE', roleId: await api.roleId('member'), amount: 0 } }, gw.adminToken))).toBe('BAD_USER_INPUT');
  expect(codeOf(await gw.gql(CREATE, { i: { scope: 'ROLE', roleId: await api.roleId('member'), amount: 5, thresholds: [50, 50] } }, gw.adminToken))).toBe('BAD_USER_INPUT');
  expect(codeOf(await gw.gql(STATUS, { id: '00000000-0000-4000-8000-000000000000' }, gw.adminToken))).toBe('NOT_FOUND');
});
