import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { screenshot, signIn, skipBrowserTests, startGateway } from './console-harness.ts';
import { seedChats, seedPeople, type Seeded } from './console-seed.ts';

const ADMIN = { email: 'admin@manage.e2e', password: 'admin-password-e2e' };

describe.skipIf(skipBrowserTests)('managing budgets, prices, DLP policies and the audit trail from the console', () => {
  const gateway = startGateway(ADMIN);
  let seeded: Seeded;
  let page: Page;
  const gql = (query: string, variables: object = {}) => gateway.gql(query, variables, seeded.adminToken);

  beforeAll(async () => {
    seeded = await seedPeople(gateway);
    await seedChats(gateway, seeded.memberKey);
    const context = await gateway.context({ locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, gateway.url, ADMIN.email, ADMIN.password);
  });

  it('sets a model price on the prices page, checking it first', async () => {
    await page.goto(`${gateway.url}/admin/prices`);
    const row = page.locator('[data-testid=price-row][data-model=mock-small]');
    await row.getByText(zhCN['prices.unpriced']).first().waitFor();
    await row.getByRole('button', { name: zhCN['common.editNamed'].replace('{name}', 'mock-small') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=inputPerMillion]').fill('-1');
    await dialog.getByRole('button', { name: zhCN['common.save'] }).click();
    await dialog.getByText(zhCN['validation.price']).first().waitFor();
    await dialog.locator('input[name=inputPerMillion]').fill('2,000');
    await dialog.locator('input[name=outputPerMillion]').fill('6000');
    await dialog.getByRole('button', { name: zhCN['common.save'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('¥2,000.00').waitFor();
    const prices = await gql('{ prices { model inputPerMillion outputPerMillion } }');
    expect(prices.data.prices).toEqual([{ model: 'mock-small', inputPerMillion: 2000, outputPerMillion: 6000 }]);
    await screenshot(page, 'manage-prices-zh-1440');
  });

  it('creates a role budget with a hard stop (asked first), edits its thresholds and deletes it', async () => {
    await page.goto(`${gateway.url}/admin/budgets`);
    await page.getByRole('button', { name: zhCN['budgets.add'] }).click();
    const dialog = page.getByRole('dialog', { name: zhCN['budgets.createTitle'] });
    await dialog.getByRole('radio', { name: zhCN['budgets.scope.ROLE'] }).click();
    await dialog.locator('input[name=amount]').fill('0');
    await dialog.locator('input[name=thresholds]').fill('50, 50');
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await dialog.getByText(zhCN['validation.amount']).waitFor();
    await dialog.getByText(zhCN['validation.thresholds']).waitFor();
    await dialog.getByText(zhCN['validation.chooseRole']).waitFor();
    await dialog.locator('select[name=roleId]').selectOption({ label: zhCN['role.member.name'] });
    await dialog.locator('input[name=amount]').fill('1,000');
    await dialog.locator('input[name=thresholds]').fill('100，80 50%');
    await dialog.getByRole('checkbox', { name: new RegExp(zhCN['budgets.hardStop']) }).check();
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    // Refusing chats is an access change: confirmed first.
    const confirm = page.getByRole('alertdialog', { name: zhCN['budgets.hardStopTitle'] });
    await confirm.getByText('¥1,000.00', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: zhCN['budgets.hardStopConfirm'] }).click();
    const row = page.getByTestId('budget-row').filter({ hasText: zhCN['role.member.name'] });
    await row.waitFor();
    await row.getByText('50% · 80% · 100%').waitFor();
    await row.getByTestId('budget-hard-stop').waitFor();
    const budgets = await gql('{ budgets { scope amount thresholds hardStop role { name } } }');
    expect(budgets.data.budgets).toEqual([{ scope: 'ROLE', amount: 1000, thresholds: [50, 80, 100], hardStop: true, role: { name: 'member' } }]);
    await screenshot(page, 'manage-budgets-zh-1440');

    await row.getByRole('button', { name: zhCN['common.edit'] }).click();
    const edit = page.getByRole('dialog', { name: zhCN['budgets.editTitle'] });
    await edit.locator('input[name=thresholds]').fill('90');
    await edit.getByRole('button', { name: zhCN['common.save'] }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('90%').waitFor();

    await row.getByRole('button', { name: zhCN['common.delete'] }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: zhCN['common.delete'] }).click();
    await page.getByText(zhCN['budgets.empty']).waitFor();
  });

  it('changes what a detector does for a role, after naming the change', async () => {
    await page.goto(`${gateway.url}/admin/dlp/policies`);
    const email = page.locator('[data-testid=policy-row][data-detector=EMAIL]');
    await email.waitFor();
    const label = zhCN['dlpPolicies.choiceLabel'].replace('{detector}', zhCN['dlp.detector.EMAIL']).replace('{scope}', zhCN['role.member.name']);
    await email.getByRole('combobox', { name: label }).selectOption('REDACT');
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(zhCN['dlp.action.REDACT'], { exact: false }).waitFor();
    await screenshot(page, 'manage-dlp-policy-confirm-zh-1440', false);
    await confirm.getByRole('button', { name: zhCN['common.save'] }).click();
    await page.getByText(zhCN['dlpPolicies.saved']).waitFor();
    const policies = await gql('{ dlpPolicies { detector action role { name } } }');
    expect(policies.data.dlpPolicies).toContainEqual({ detector: 'EMAIL', action: 'REDACT', role: { name: 'member' } });
    // The select shows the saved choice once the page has read the policies again.
    await expect.poll(() => email.getByRole('combobox', { name: label }).inputValue()).toBe('REDACT');
    await screenshot(page, 'manage-dlp-policies-zh-1440');
    // Back to the organisation default.
    await email.getByRole('combobox', { name: label }).selectOption('');
    await page.getByRole('alertdialog').getByRole('button', { name: zhCN['common.save'] }).click();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-detector=EMAIL] select[data-action]:not([data-action=""])') !== null);
  });

  it('lists DLP events with filters and pages through them', async () => {
    for (let i = 0; i < 12; i++) {
      await gateway.gql('mutation($i: ChatInput!) { chat(input: $i) { text } }', { i: { model: 'mock-small', messages: [{ role: 'USER', content: `call me on 13800138${String(i).padStart(3, '0')}` }] } }, seeded.memberKey);
    }
    await page.goto(`${gateway.url}/admin/dlp/events?size=10`);
    await page.getByTestId('dlp-row').first().waitFor();
    expect(await page.getByTestId('dlp-row').count()).toBe(10);
    await page.getByRole('button', { name: zhCN['common.next'] }).click();
    await page.getByText(zhCN['common.pageOf'].replace('{page}', '2')).waitFor();
    await page.locator('select[name=detector]').selectOption('SECRET');
    await page.waitForURL(/detector=SECRET/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dlp-row]').length === 1);
    const rows = await page.getByTestId('dlp-row').allTextContents();
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain(zhCN['dlp.detector.SECRET']);
    expect(rows[0]).toContain(zhCN['dlp.action.BLOCK']);
    // The filter is in the address: a reload keeps it.
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dlp-row]').length === 1);
    expect(await page.locator('select[name=detector]').inputValue()).toBe('SECRET');
    await screenshot(page, 'manage-dlp-events-zh-1440');
  });

  it('filters the audit trail, opens a record, exports it and verifies the chain', async () => {
    await page.goto(`${gateway.url}/admin/audit`);
    await page.locator('select[name=action]').selectOption('role.create');
    await page.waitForURL(/action=role\.create/);
    const row = page.locator('[data-testid=audit-row][data-action="role.create"]');
    await row.first().waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(1);
    // The time cell: the actor and target cells hold links of their own.
    await row.locator('td').first().click();
    const detail = page.getByTestId('audit-detail');
    await detail.getByText(zhCN['permission.audit:read']).waitFor();
    await detail.getByText(ADMIN.email).first().waitFor();
    await page.keyboard.press('Escape');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const file = await (await download).path();
    const csv = await readFile(file, 'utf8');
    expect(csv.split('\n')[0]).toBe('# verification: ok');
    expect(csv).toContain('role.create');
    expect(csv).not.toContain('user.create');
    await page.locator('[data-testid=audit-exported][data-verification=ok]').waitFor();

    await page.getByTestId('audit-verify').click();
    const verified = page.locator('[data-testid=audit-verified][data-ok=true]');
    await verified.waitFor();
    expect(await verified.textContent()).toMatch(/已校验 [\d,]+ 条记录/);
    await screenshot(page, 'manage-audit-verified-zh-1440');
    // The export itself is on the record.
    const exports = await gql('{ auditLog(filter: { action: "audit.export" }) { totalCount } }');
    expect(exports.data.auditLog.totalCount).toBe(1);
  });

  it('keeps what was typed when the session ends, and carries on after signing in again', async () => {
    await page.goto(`${gateway.url}/admin/users/${seeded.member.id}`);
    const quota = page.getByRole('form', { name: zhCN['user.quotaTitle'] });
    await quota.locator('input[name=dailyInputLimit]').fill('123456');
    // The session ends elsewhere (signed out on another tab): the next request is refused.
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('zero.console.session')!).token as string);
    await gateway.gql('mutation { logout }', {}, token);
    await quota.getByRole('button', { name: zhCN['common.save'] }).click();
    const again = page.getByRole('dialog', { name: zhCN['session.expiredTitle'] });
    await again.waitFor();
    await screenshot(page, 'manage-session-expired-zh-1440', false);
    await again.locator('input[name=password]').fill(ADMIN.password);
    await again.getByRole('button', { name: zhCN['login.submit'] }).click();
    await again.waitFor({ state: 'detached' });
    expect(await quota.locator('input[name=dailyInputLimit]').inputValue()).toBe('123456');
    await quota.getByRole('button', { name: zhCN['common.save'] }).click();
    await page.getByText(zhCN['user.quotaSaved']).waitFor();
    const user = await gql('query($id: ID!) { user(id: $id) { quota { dailyInputLimit } } }', { id: seeded.member.id });
    expect(user.data.user.quota.dailyInputLimit).toBe(123456);
  });

  it('saves a quota and shows the new limit on the page without reading the user again', async () => {
    await page.goto(`${gateway.url}/admin/users/${seeded.member.id}`);
    const quota = page.getByRole('form', { name: zhCN['user.quotaTitle'] });
    await quota.locator('input[name=dailyInputLimit]').fill('777777');
    const sent: string[] = [];
    const record = (request: { url(): string; method(): string; postData(): string | null }) => {
      if (request.method() === 'POST' && request.url().endsWith('/graphql')) sent.push(/(?:query|mutation|subscription)\s+(\w+)/.exec(request.postData() ?? '')?.[1] ?? '?');
    };
    page.on('request', record);
    await quota.getByRole('button', { name: zhCN['common.save'] }).click();
    await page.getByText(zhCN['user.quotaSaved']).waitFor();
    // The bar of today's input tokens measures against the new limit: the mutation's answer updated the cache.
    await page.locator('.quota-stack [role=meter][aria-valuemax="777777"]').waitFor();
    await page.waitForTimeout(500);
    page.off('request', record);
    expect(sent).toEqual(['SetQuota']);
    const user = await gql('query($id: ID!) { user(id: $id) { quota { dailyInputLimit } } }', { id: seeded.member.id });
    expect(user.data.user.quota.dailyInputLimit).toBe(777777);
  });

  it('warns a minute before the session ends, and signing in again renews it', async () => {
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('zero.console.session')!);
      localStorage.setItem('zero.console.session', JSON.stringify({ ...session, expiresAt: new Date(Date.now() + 40_000).toISOString() }));
    });
    await page.reload();
    const warning = page.getByTestId('session-warning');
    await warning.waitFor();
    await warning.getByRole('button', { name: zhCN['session.renew'] }).click();
    const renew = page.getByRole('dialog', { name: zhCN['session.renewTitle'] });
    await renew.locator('input[name=password]').fill(ADMIN.password);
    await renew.getByRole('button', { name: zhCN['login.submit'] }).click();
    await renew.waitFor({ state: 'detached' });
    await warning.waitFor({ state: 'detached' });
    const expiresAt = await page.evaluate(() => JSON.parse(localStorage.getItem('zero.console.session')!).expiresAt as string);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(3_600_000);
  });
});
