import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSecondGateway, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { chat, pricedConfig, settled, startReceiver, type FakeReceiver } from './helpers.ts';

// Two gateways need one shared PostgreSQL: the embedded database lives inside one process.
// Outside CI this is skipped without DATABASE_URL; under CI=true it must run.
const skip = !process.env.DATABASE_URL && process.env.CI !== 'true';

let receiver: FakeReceiver;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  if (skip) return;
  receiver = await startReceiver();
  const config = pricedConfig({ alerts: { webhooks: [{ url: `${receiver.url}/hook`, format: 'json' }], retry: { attempts: 3, baseBackoffMs: 10 } } });
  a = await startTestGateway({ config });
  b = await startSecondGateway(a, { config });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
  await receiver?.close();
});

test.skipIf(skip)('two gateway instances racing to evaluate the same crossing raise exactly one alert per threshold, delivered once', async () => {
  const probe = (await chat(a, a.adminToken)).data.chat.usage;
  const cost = probe.inputTokens + 2 * probe.outputTokens;
  await settled(a);
  const tokenB = await b.login();
  // Instance B's subscribers, listening from the start.
  const seenOnB: number[] = [];
  const feed = b.gateway.app.budgets.monitor.pubsub.subscribe('budgetAlert');
  const reading = (async () => {
    for await (const alert of feed) seenOnB.push(alert.threshold);
  })();
  // Thresholds every 10%: 20 chats of this size cross them all, settled on both instances at once.
  await a.gql('mutation($a: Float!) { createBudget(input: { scope: ORGANISATION, amount: $a, thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] }) { id } }', { a: cost * 20 }, a.adminToken);
  await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? chat(a, a.adminToken) : chat(b, tokenB))));
  // And both evaluate at the same moment, several times over.
  const raised = (await Promise.all(Array.from({ length: 5 }, () => [a.gateway.app.budgets.monitor.evaluate(), b.gateway.app.budgets.monitor.evaluate()]).flat())).flat();
  await Promise.all([settled(a), settled(b)]);

  const alerts = (await a.gql('{ budgetAlerts(first: 50) { totalCount edges { node { id threshold deliveries { status attempts } } } } }', {}, a.adminToken)).data.budgetAlerts;
  expect(alerts.totalCount).toBe(10);
  expect(alerts.edges.map((e: any) => e.node.threshold).sort((x: number, y: number) => x - y)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  expect(alerts.edges.every((e: any) => e.node.deliveries[0].status === 'delivered' && e.node.deliveries[0].attempts === 1)).toBe(true);
  // No alert was returned to two evaluators (whatever evaluation created it).
  expect(new Set(raised.map((r) => r.id)).size).toBe(raised.length);
  // The receiver got each alert exactly once.
  const ids = receiver.calls.map((c) => c.body.id);
  expect(ids.sort()).toEqual(alerts.edges.map((e: any) => e.node.id).sort());
  // B's subscribers see every alert once, whichever instance raised it (A's over the cluster bus; a catch-up read adds nothing twice).
  await b.gateway.app.budgets.monitor.publishOthers();
  await b.gateway.app.budgets.monitor.publishOthers();
  await new Promise((r) => setTimeout(r, 20));
  expect(seenOnB.sort((x, y) => x - y)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  await feed.return?.();
  await reading;
});
