import { expect } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { test, type TestGateway } from '../fixtures/gateway.ts';
import { countStatements } from '../fixtures/sql-count.ts';
import { setRateLimit } from './helpers.ts';

const LIMITS = '{ rateLimits(scope: API_KEY) { targetId requestsPerMinute apiKey { id name prefix } } }';

/** Gives `n` more API keys a rate limit; answers their ids and names. */
async function limitKeys(gw: TestGateway, userId: string, n: number, from: number) {
  const keys: { id: string; name: string }[] = [];
  for (let i = from; i < from + n; i++) {
    const name = `key ${i}`;
    const { id } = await adminApi(gw).createApiKey(userId, name);
    await setRateLimit(gw, 'API_KEY', id, 10 + i);
    keys.push({ id, name });
  }
  return keys;
}

test('the rate-limit list reads the keys it names in one statement, for 3 keys or 30', async ({ gw }) => {
  const userId = await adminApi(gw).createUser('keys@limits.test');
  const few = await limitKeys(gw, userId, 3, 0);
  await gw.gql('{ me { id } }', {}, gw.adminToken);
  const small = await countStatements(gw, async () => expect((await gw.gql(LIMITS, {}, gw.adminToken)).errors).toBeUndefined());

  const many = few.concat(await limitKeys(gw, userId, 27, 3));
  let answer: any;
  const large = await countStatements(gw, async () => {
    answer = await gw.gql(LIMITS, {}, gw.adminToken);
    expect(answer.errors).toBeUndefined();
  });

  // Each limit names its own key.
  const named = answer.data.rateLimits.map((l: any) => ({ id: l.targetId, name: l.apiKey.name, rpm: l.requestsPerMinute }));
  expect(named.sort((a: any, b: any) => a.rpm - b.rpm)).toEqual(many.map((k, i) => ({ id: k.id, name: k.name, rpm: 10 + i })));
  expect(answer.data.rateLimits.every((l: any) => l.apiKey.id === l.targetId)).toBe(true);
  // One read of api_key, whatever the number of limits.
  expect(large.count, large.sql.join('\n')).toBe(small.count);
  expect(large.sql.filter((s) => s.includes('from "api_key"')), large.sql.join("\n")).toHaveLength(1);
});
