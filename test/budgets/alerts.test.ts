import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { listen, wsClient, type ListeningGateway } from '../fixtures/http.ts';
import { chat, pricedConfig, settled, startReceiver, type FakeReceiver } from './helpers.ts';

let gw: TestGateway;
let receiver: FakeReceiver;
let server: ListeningGateway;
const SECRET = 'alert-signing-secret';

beforeAll(async () => {
  receiver = await startReceiver();
  process.env.ZERO_TEST_ALERT_SECRET = SECRET;
  gw = await startTestGateway({
    config: pricedConfig({
      alerts: {
        webhooks: [
          { url: `${receiver.url}/json`, format: 'json', secretEnv: 'ZERO_TEST_ALERT_SECRET' },
          { url: `${receiver.url}/cgi-bin/webhook/send?key=robot-key`, format: 'wecom' },
        ],
        retry: { attempts: 4, baseBackoffMs: 20 },
      },
    }),
  });
  server = await listen(gw);
});
afterAll(async () => {
  await server?.close();
  await gw?.close();
  await receiver?.close();
});

const ALERTS = '{ budgetAlerts(first: 10) { totalCount edges { node { threshold period spent amount currency scope deliveries { url format status attempts lastError deliveredAt } } } } }';

test('crossing thresholds raises one alert each, posted once to every webhook (JSON and WeCom), retried after a 500, and streamed to subscribers', async () => {
  const probe = (await chat(gw, gw.adminToken)).data.chat.usage;
  const cost = probe.inputTokens + 2 * probe.outputTokens;
  await settled(gw);
  const client = wsClient(server.wsUrl, gw.adminToken);
  const events = client.iterate({ query: 'subscription { budgetAlerts { threshold budgetId scope currency } }' });
  const firstEvent = events.next();
  await new Promise((r) => setTimeout(r, 100)); // let the subscription start

  receiver.failNext('/json', 1);
  receiver.failNext('/cgi-bin/webhook/send', 1);
  // Spend so far is one chat: 1/1.9 of the budget, past 50% and short of 80%. Creating the
  // budget schedules an evaluation, which raises the 50% alert.
  const created = await gw.gql('mutation($a: Float!) { createBudget(input: { scope: ORGANISATION, amount: $a }) { id } }', { a: cost * 1.9 }, gw.adminToken);
  const budgetId = created.data.createBudget.id;
  await settled(gw);
  const { value } = await firstEvent;
  expect(value.data.budgetAlerts).toEqual({ threshold: 50, budgetId, scope: 'ORGANISATION', currency: 'CNY' });

  // Evaluating again, and again after more chats below the next threshold, raises nothing new.
  expect(await gw.gateway.app.budgets.monitor.evaluate()).toEqual([]);
  let alerts = (await gw.gql(ALERTS, {}, gw.adminToken)).data.budgetAlerts;
  expect(alerts.totalCount).toBe(1);
  expect(alerts.edges[0].node).toMatchObject({ threshold: 50, spent: cost, amount: cost * 1.9, currency: 'CNY', scope: 'ORGANISATION' });
  // Both receivers failed once, then took it: two tries each, recorded on the alert.
  expect(alerts.edges[0].node.deliveries).toEqual([
    { url: `${receiver.url}/json`, format: 'json', status: 'delivered', attempts: 2, lastError: expect.stringContaining('HTTP 500'), deliveredAt: expect.any(String) },
    { url: `${receiver.url}/cgi-bin/webhook/send`, format: 'wecom', status: 'delivered', attempts: 2, lastError: expect.stringContaining('HTTP 500'), deliveredAt: expect.any(String) },
  ]);
  const accepted = () => receiver.calls.filter((c) => c.status === 200);
  expect(accepted().map((c) => c.path)).toEqual(expect.arrayContaining(['/json', '/cgi-bin/webhook/send']));
  expect(accepted()).toHaveLength(2);

  const json = accepted().find((c) => c.path === '/json')!;
  expect(json.body).toMatchObject({ type: 'budget.alert', budgetId, scope: 'ORGANISATION', threshold: 50, spent: cost, currency: 'CNY' });
  expect(json.headers['x-zero-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(JSON.stringify(json.body)).digest('hex')}`);
  const wecom = accepted().find((c) => c.path === '/cgi-bin/webhook/send')!;
  expect(wecom.body.msgtype).toBe('markdown');
  expect(wecom.body.markdown.content).toContain('预算提醒');
  expect(wecom.body.markdown.content).toContain('50%');

  // One more chat takes spend to 2/1.9: 80% and 100% cross together, one alert each.
  await chat(gw, gw.adminToken);
  await settled(gw);
  alerts = (await gw.gql(ALERTS, {}, gw.adminToken)).data.budgetAlerts;
  expect(alerts.edges.map((e: any) => e.node.threshold)).toEqual([100, 80, 50]);
  expect(accepted()).toHaveLength(6);
  expect(accepted().filter((c) => c.path === '/json').map((c) => c.body.threshold).sort()).toEqual([100, 50, 80]);
  await events.return?.();
  await client.dispose();
});

test('a receiver that never answers 2xx gets a bounded number of tries, and the alert says so', async () => {
  const { data } = await gw.gql('mutation { createBudget(input: { scope: USER, userId: null, amount: 1 }) { id } }', {}, gw.adminToken);
  expect(data).toBeNull();
  const admin = (await gw.gql('{ me { id } }', {}, gw.adminToken)).data.me.id;
  receiver.failNext('/json', 100);
  const before = receiver.calls.length;
  await gw.gql('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 0.000001, thresholds: [100] }) { id } }', { u: admin }, gw.adminToken);
  await settled(gw);
  const alerts = (await gw.gql(ALERTS, {}, gw.adminToken)).data.budgetAlerts;
  const alert = alerts.edges.find((e: any) => e.node.scope === 'USER').node;
  expect(alert.deliveries[0]).toMatchObject({ status: 'failed', attempts: 4, lastError: expect.stringContaining('HTTP 500'), deliveredAt: null });
  expect(alert.deliveries[1]).toMatchObject({ status: 'delivered', attempts: 1 });
  expect(receiver.calls.slice(before).filter((c) => c.path === '/json')).toHaveLength(4);
  receiver.failNext('/json', 0);
});

test('deliveries left pending by an instance that stopped are taken over once its lease has run out', async () => {
  const sql = gw.gateway.app.sql.durable;
  const { rows: [budget] } = await sql.query(`select id from budget where scope = 'ORGANISATION'`);
  const pending = (url: string, format: string, attempts: number) => ({ url, format, status: 'pending', attempts, lastError: attempts ? 'HTTP 500' : null, deliveredAt: null });
  // As a crashed instance leaves it: raised, one try made on the JSON hook, none on WeCom, lease expired.
  const { rows: [alert] } = await sql.query(
    `insert into budget_alert (budget_id, scope, period, threshold, spent, amount, currency, deliveries, delivery_lease_until)
     values ($1, 'ORGANISATION', '2000-01', 100, 2, 1, 'CNY', $2::jsonb, now() - interval '1 second') returning id`,
    [budget.id, JSON.stringify([pending(`${receiver.url}/json`, 'json', 1), pending(`${receiver.url}/cgi-bin/webhook/send`, 'wecom', 0)])],
  );
  // A live lease is left alone.
  await sql.query(`update budget_alert set delivery_lease_until = now() + interval '1 hour' where id <> $1 and delivery_lease_until is not null`, [alert.id]);
  const before = receiver.calls.length;
  expect(await gw.gateway.app.budgets.monitor.resumeDeliveries()).toBe(2);
  await settled(gw);
  expect(receiver.calls.slice(before).map((c) => [c.path, c.body.msgtype ?? c.body.id])).toEqual(
    expect.arrayContaining([['/json', String(alert.id)], ['/cgi-bin/webhook/send', 'markdown']]),
  );
  expect(receiver.calls.length - before).toBe(2);
  const { rows: [after] } = await sql.query('select deliveries, delivery_lease_until from budget_alert where id = $1', [alert.id]);
  expect(after.deliveries.map((d: any) => [d.status, d.attempts])).toEqual([['delivered', 2], ['delivered', 1]]);
  expect(after.delivery_lease_until).toBeNull();
  // Nothing is taken over twice.
  expect(await gw.gateway.app.budgets.monitor.resumeDeliveries()).toBe(0);
});
