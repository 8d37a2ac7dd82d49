import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { recordErrorCodes, screenshot, signIn, skipBrowserTests, startGateway } from './console-harness.ts';
import { seedChats, seedPeople, type Seeded } from './console-seed.ts';

const ADMIN = { email: 'admin@permissions.e2e', password: 'admin-password-e2e' };

/** Every page of the console and the sidebar label it goes by. */
const PAGES = [
  ['/', 'nav.dashboard'],
  ['/executive', 'nav.executive'],
  ['/usage', 'nav.usage'],
  ['/users', 'nav.users'],
  ['/roles', 'nav.roles'],
  ['/budgets', 'nav.budgets'],
  ['/prices', 'nav.prices'],
  ['/dlp/policies', 'nav.dlpPolicies'],
  ['/dlp/events', 'nav.dlpEvents'],
  ['/audit', 'nav.audit'],
  ['/providers', 'nav.providers'],
  ['/playground', 'nav.playground'],
  ['/account', 'nav.account'],
] as const;

type NavKey = (typeof PAGES)[number][1];

const navLabels = (page: Page) => page.locator('#main-nav .nav-link').allTextContents();

describe.skipIf(skipBrowserTests)('the console follows the permissions of whoever signs in', () => {
  const gateway = startGateway(ADMIN);
  let seeded: Seeded;

  beforeAll(async () => {
    seeded = await seedPeople(gateway);
    await seedChats(gateway, seeded.adminToken);
    await seedChats(gateway, seeded.memberKey);
  });

  /**
   * Signs in as someone, checks the sidebar offers exactly `expected`, opens every page
   * of the console (allowed or not), and returns the page for more checks. No request
   * is refused as FORBIDDEN and no error notice shows on any page.
   */
  async function walkAs(who: string, email: string, password: string, expected: readonly NavKey[]) {
    const context = await gateway.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    const codes = recordErrorCodes(page);
    await signIn(page, gateway.url, email, password);
    expect(await navLabels(page)).toEqual(PAGES.filter(([, key]) => expected.includes(key)).map(([, key]) => zhCN[key]));
    for (const [path, key] of PAGES) {
      await page.goto(`${gateway.url}/admin${path}`);
      if (expected.includes(key)) {
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => {});
        await screenshot(page, `permissions-${who}-${path === '/' ? 'dashboard' : path.slice(1).replace(/\//g, '-')}-zh-1440`);
      } else if (path !== '/') {
        // Not offered, and not refused either: the page says it is not part of this console.
        await page.getByText(zhCN['error.notAllowedPage']).waitFor();
      } else {
        // Home for someone who may not see the gateway's usage is their own account.
        await page.waitForURL(/\/admin\/account$/);
      }
      expect(await page.locator('[role=alert]').count(), `error notice on ${path} for ${who}`).toBe(0);
    }
    expect(codes.filter((c) => c === 'FORBIDDEN'), `refused requests for ${who}`).toEqual([]);
    return { page, context };
  }

  it('shows an admin every page, every panel and every action', async () => {
    const { page, context } = await walkAs('admin', ADMIN.email, ADMIN.password, PAGES.map(([, key]) => key));
    await page.goto(`${gateway.url}/admin/`);
    for (const section of ['providers', 'activity', 'playground', 'budgets', 'dlp']) await page.locator(`[data-section=${section}]`).waitFor();
    await page.goto(`${gateway.url}/admin/users/${seeded.member.id}`);
    for (const action of ['common.edit', 'user.suspend', 'user.delete']) await page.getByRole('button', { name: zhCN[action as 'common.edit'] }).waitFor();
    await page.getByTestId('api-keys').getByRole('button', { name: zhCN['keys.create'] }).waitFor();
    await context.close();
  });

  it('shows a read-only auditor the audit trail, usage and users, and no action that changes anything', async () => {
    const { page, context } = await walkAs('auditor', seeded.auditor.email, seeded.auditor.password, [
      'nav.dashboard',
      'nav.usage',
      'nav.users',
      'nav.roles',
      'nav.audit',
      'nav.account',
    ]);
    // The dashboard leaves out what the auditor may not read: providers, budgets, DLP, the playground.
    await page.goto(`${gateway.url}/admin/`);
    await page.locator('[data-section=activity]').waitFor();
    for (const section of ['providers', 'playground', 'budgets', 'dlp']) expect(await page.locator(`[data-section=${section}]`).count()).toBe(0);
    expect(await page.locator('[data-stat=healthy-providers]').count()).toBe(0);

    await page.goto(`${gateway.url}/admin/users`);
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByRole('button', { name: zhCN['users.add'] }).count()).toBe(0);
    await page.getByTestId('user-row').filter({ hasText: seeded.member.email }).getByRole('link').click();
    await page.getByRole('heading', { name: seeded.member.name, level: 1 }).waitFor();
    await page.getByTestId('api-key-row').first().waitFor();
    for (const action of ['common.edit', 'user.suspend', 'user.reactivate', 'user.delete', 'keys.create', 'keys.revoke', 'common.save']) {
      expect(await page.getByRole('button', { name: zhCN[action as 'common.edit'], exact: true }).count(), action).toBe(0);
    }
    await page.getByTestId('quota-readonly').waitFor();
    await page.getByTestId('roles-readonly').waitFor();
    await screenshot(page, 'permissions-auditor-user-detail-zh-1440');

    await page.goto(`${gateway.url}/admin/roles`);
    await page.getByTestId('role-row').first().waitFor();
    expect(await page.getByRole('button', { name: zhCN['roles.add'] }).count()).toBe(0);
    expect(await page.getByRole('button', { name: zhCN['common.edit'] }).count()).toBe(0);

    // The audit trail is theirs to read, export and verify.
    await page.goto(`${gateway.url}/admin/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-verify').click();
    await page.locator('[data-testid=audit-verified][data-ok=true]').waitFor();
    await context.close();
  });

  it('lands a member on My account, where they create, copy once and revoke their own keys', async () => {
    const { page, context } = await walkAs('member', seeded.member.email, seeded.member.password, ['nav.playground', 'nav.account']);
    await page.goto(`${gateway.url}/admin/`);
    await page.waitForURL(/\/admin\/account$/);
    await page.getByRole('heading', { name: zhCN['account.title'], level: 1 }).waitFor();
    // Their own usage: the seeded chats of this month, and today's against the quota.
    await page.locator('[data-stat=month-requests] .stat-value').filter({ hasText: /[1-9]/ }).waitFor();
    await page.getByTestId('account-today').getByRole('meter').count();
    await page.getByTestId('account-permissions').getByText(zhCN['permission.chat']).waitFor();
    await page.getByTestId('api-key-row').filter({ hasText: 'laptop' }).waitFor();

    await page.getByTestId('api-keys').getByRole('button', { name: zhCN['keys.create'] }).click();
    const form = page.getByRole('dialog', { name: zhCN['keys.create'] });
    await form.locator('input[name=keyName]').fill('脚本');
    await form.getByRole('button', { name: zhCN['keys.create'] }).click();
    const created = page.getByRole('dialog', { name: zhCN['keys.createdTitle'] });
    const secret = (await created.getByTestId('api-key-secret').textContent())!.trim();
    expect(secret).toMatch(/^zgk_/);
    await screenshot(page, 'permissions-member-key-created-zh-1440', false);
    await created.getByRole('button', { name: zhCN['keys.done'] }).click();
    expect(await page.content()).not.toContain(secret);

    const me = await gateway.gql('{ me { email } }', {}, secret);
    expect(me.data?.me.email).toBe(seeded.member.email);

    const row = page.getByTestId('api-key-row').filter({ hasText: '脚本' });
    await row.getByRole('button', { name: zhCN['keys.revokeNamed'].replace('{name}', '脚本') }).click();
    const confirm = page.getByRole('alertdialog', { name: zhCN['keys.revokeTitle'].replace('{name}', '脚本') });
    await confirm.getByRole('button', { name: zhCN['keys.revoke'] }).click();
    await row.getByText(zhCN['keys.revoked']).waitFor();
    const refused = await gateway.gql('{ me { email } }', {}, secret);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await screenshot(page, 'permissions-member-account-zh-1440');
    await context.close();
  });
});
