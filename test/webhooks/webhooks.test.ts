import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { chat, pricedConfig, settled, startReceiver, type FakeReceiver } from '../budgets/helpers.ts';

let gw: TestGateway;
let receiver: FakeReceiver;
const SECRET = 'webhook-test-secret';

const WEBHOOKS = `{ webhooks { id url hasQuery format secretEnv secretSet description enabled deliveries(first: 10) { totalCount edges { node { kind ok attempt error alertId } } } } }`;

beforeAll(async () => {
  receiver = await startReceiver();
  process.env.ZERO_TEST_WEBHOOK_SECRET = SECRET;
  gw = await startTestGateway({
    config: pricedConfig({ alerts: { webhooks: [{ url: `${receiver.url}/from-config`, format: 'json' }], retry: { attempts: 2, baseBackoffMs: 10 } } }),
  });
});
afterAll(async () => {
  await gw?.close();
  await receiver?.close();
});

test('the config file seeds the webhooks; they are created, changed, tested and deleted through GraphQL, audited, never showing a robot key', async () => {
  const api = adminApi(gw);
  const seeded = (await api.must(WEBHOOKS)).webhooks;
  expect(seeded).toMatchObject([{ url: `${receiver.url}/from-config`, format: 'JSON', description: 'from the config file', enabled: true }]);

  const created = await api.must(`mutation($i: WebhookInput!) { createWebhook(input: $i) { id url hasQuery format } }`, {
    i: { url: `${receiver.url}/cgi-bin/webhook/send?key=robot-key-123`, format: 'WECOM', description: '财务群' },
  });
  expect(created.createWebhook).toMatchObject({ url: `${receiver.url}/cgi-bin/webhook/send`, hasQuery: true, format: 'WECOM' });
  const wecom = created.createWebhook.id;
  const jsonHook = (await api.must(`mutation($i: WebhookInput!) { createWebhook(input: $i) { id secretSet } }`, { i: { url: `${receiver.url}/json`, secretEnv: 'ZERO_TEST_WEBHOOK_SECRET' } })).createWebhook;
  expect(jsonHook.secretSet).toBe(true);
  const json = jsonHook.id as string;

  const duplicate = await gw.gql(`mutation($i: WebhookInput!) { createWebhook(input: $i) { id } }`, { i: { url: `${receiver.url}/json` } }, gw.adminToken);
  expect([codeOf(duplicate), duplicate.errors![0].extensions!.field]).toEqual(['CONFLICT', 'url']);
  for (const [i, field] of [[{ url: 'ftp://x.example/' }, 'url'], [{ url: 'http://u:p@x.example/' }, 'url'], [{ url: `${receiver.url}/x`, secretEnv: 'not valid' }, 'secretEnv']] as const) {
    const r = await gw.gql(`mutation($i: WebhookInput!) { createWebhook(input: $i) { id } }`, { i }, gw.adminToken);
    expect([codeOf(r), r.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', field]);
  }

  // Send test: the WeCom robot gets a markdown line; the JSON receiver a signed test event.
  const before = receiver.calls.length;
  expect((await api.must(`mutation($id: ID!) { testWebhook(id: $id) { ok error } }`, { id: wecom })).testWebhook).toEqual({ ok: true, error: null });
  expect((await api.must(`mutation($id: ID!) { testWebhook(id: $id) { ok } }`, { id: json })).testWebhook.ok).toBe(true);
  const [robot, signed] = receiver.calls.slice(before);
  expect(robot.body.msgtype).toBe('markdown');
  expect(signed.body.type).toBe('webhook.test');
  expect(signed.headers['x-zero-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(JSON.stringify(signed.body)).digest('hex')}`);
  receiver.failNext('/json', 1);
  expect((await api.must(`mutation($id: ID!) { testWebhook(id: $id) { ok error } }`, { id: json })).testWebhook).toMatchObject({ ok: false, error: expect.stringContaining('HTTP 500') });

  // Disabled: no alert goes there. Changing the description keeps the stored key.
  await api.must(`mutation($id: ID!) { updateWebhook(id: $id, input: { enabled: false, description: "财务群（停用）" }) { enabled } }`, { id: wecom });
  const rows = (await api.must(WEBHOOKS)).webhooks;
  expect(rows.find((w: any) => w.id === wecom)).toMatchObject({ enabled: false, hasQuery: true, description: '财务群（停用）' });
  expect(rows.find((w: any) => w.id === json).deliveries.edges.map((e: any) => [e.node.kind, e.node.ok])).toEqual([['test', false], ['test', true]]);

  // An alert goes to the enabled webhooks and is logged on each.
  await api.must('mutation { createBudget(input: { scope: ORGANISATION, amount: 1, thresholds: [1] }) { id } }');
  await chat(gw, gw.adminToken);
  await gw.gateway.app.budgets.monitor.evaluate();
  await settled(gw);
  const after = (await api.must(WEBHOOKS)).webhooks;
  const kinds = (id: string) => after.find((w: any) => w.id === id).deliveries.edges.map((e: any) => e.node.kind);
  expect(kinds(json)[0]).toBe('alert');
  expect(kinds(seeded[0].id)).toEqual(['alert']);
  expect(kinds(wecom)).toEqual(['test']);

  await api.must(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: wecom });
  expect((await api.must(WEBHOOKS)).webhooks.map((w: any) => w.id)).not.toContain(wecom);
  const audit = await api.must(`{ auditLog(filter: { actionGroup: CONFIG }, first: 20) { edges { node { action metadata } } } }`);
  expect(audit.auditLog.edges.map((e: any) => e.node.action).sort()).toEqual(['webhook.create', 'webhook.create', 'webhook.delete', 'webhook.test', 'webhook.test', 'webhook.test', 'webhook.update']);
  expect(JSON.stringify(audit)).not.toContain('robot-key-123');
  expect(JSON.stringify(await api.must(WEBHOOKS))).not.toContain('robot-key-123');
});

test('webhooks are read with budgets:read and changed with budgets:write', async () => {
  const api = adminApi(gw);
  const role = await api.createRole('budget-reader', ['budgets:read']);
  await api.createUser('reader@webhooks.test', { roleIds: [role], password: 'a long reader passphrase 7' });
  const token = await gw.login('reader@webhooks.test', 'a long reader passphrase 7');
  expect(codeOf(await gw.gql(WEBHOOKS, {}, token))).toBeUndefined();
  expect(codeOf(await gw.gql(`mutation { createWebhook(input: { url: "http://127.0.0.1:9/x" }) { id } }`, {}, token))).toBe('FORBIDDEN');
});
