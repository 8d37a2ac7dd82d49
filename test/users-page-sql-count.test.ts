import { expect } from 'vitest';
import { DailyUsage } from '../server/modules/usage/daily-usage.entity.ts';
import { dayIn } from '../server/util/days.ts';
import { adminApi } from './fixtures/admin-api.ts';
import { test } from './fixtures/gateway.ts';
import { countStatements } from './fixtures/sql-count.ts';

const PAGE_QUERY = `query($first: Int!) {
  users(first: $first) {
    edges { node { id email status roles { name } quota { dailyInputLimit dailyOutputLimit } todayUsage { inputTokens outputTokens } apiKeys(first: 5) { edges { node { prefix } } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

test('the users page issues the same small number of SQL statements for 10 or 50 users', async ({ gw }) => {
  const api = adminApi(gw);
  const member = await api.roleId('member');
  const extra = await api.createRole('analyst', ['usage:read']);
  const em = gw.gateway.orm.em.fork();
  const today = dayIn('UTC');
  for (let i = 0; i < 60; i++) {
    const id = await api.createUser(`user${String(i).padStart(2, '0')}@page.test`, { roleIds: i % 2 ? [member, extra] : [member] });
    await api.must(`mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: ${1000 + i}, dailyOutputLimit: 500) { dailyInputLimit } }`, { u: id });
    if (i % 3 === 0) await api.createApiKey(id);
    em.create(DailyUsage, { day: today, userId: id, model: 'm', provider: 'p', inputTokens: i, outputTokens: 2 * i, requests: 1 } as never);
  }
  await em.flush();

  // Warm the credential cache so both runs measure the page, not the login lookup.
  await gw.gql('{ me { id } }', {}, gw.adminToken);
  const small = await countStatements(gw, async () => {
    const r = await gw.gql(PAGE_QUERY, { first: 10 }, gw.adminToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.users.edges).toHaveLength(10);
  });
  let page: any;
  const large = await countStatements(gw, async () => {
    page = await gw.gql(PAGE_QUERY, { first: 50 }, gw.adminToken);
    expect(page.errors).toBeUndefined();
  });

  const users = page.data.users.edges.map((e: any) => e.node);
  expect(users).toHaveLength(50);
  const user07 = users.find((u: any) => u.email === 'user07@page.test');
  expect(user07.roles.map((r: any) => r.name)).toEqual(['analyst', 'member']);
  expect(user07.quota).toEqual({ dailyInputLimit: 1007, dailyOutputLimit: 500 });
  expect(user07.todayUsage).toEqual({ inputTokens: 7, outputTokens: 14 });
  expect(users.find((u: any) => u.email === 'user06@page.test').apiKeys.edges).toHaveLength(1);

  // users, user_role, role, quota, today's usage, api keys: one statement each, whatever the page size.
  expect(large.count, large.sql.join('\n')).toBe(small.count);
  expect(large.count, large.sql.join('\n')).toBeLessThanOrEqual(6);
  // Guards the counter itself: the page cannot be served without reading users and their roles.
  expect(large.sql.some((s) => s.includes('app_user'))).toBe(true);
  expect(large.sql.some((s) => s.includes('user_role'))).toBe(true);
});
