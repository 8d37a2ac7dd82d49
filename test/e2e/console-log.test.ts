import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { screenshot, signIn, skipBrowserTests, startGateway } from './console-harness.ts';
import { seedChats, seedPeople, type Seeded } from './console-seed.ts';

const ADMIN = { email: 'admin@log.e2e', password: 'admin-password-e2e' };

describe.skipIf(skipBrowserTests)('the request log, error rates that count refusals, rate limits and role names in the console', () => {
  const gateway = startGateway(ADMIN);
  let seeded: Seeded;
  let page: Page;
  const gql = (query: string, variables: object = {}) => gateway.gql(query, variables, seeded.adminToken);

  beforeAll(async () => {
    seeded = await seedPeople(gateway);
    // Three answered chats and one blocked by DLP (a secret in the prompt) ...
    await seedChats(gateway, seeded.memberKey);
    // ... and one refused by the daily quota.
    await gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1000000, dailyOutputLimit: 5) { dailyInputLimit } }', { u: seeded.member.id });
    const refused = await gateway.gql('mutation { chat(input: { model: "mock-small", maxTokens: 100, messages: [{ role: USER, content: "再来一次" }] }) { text } }', {}, seeded.memberKey);
    expect(refused.errors?.[0].extensions?.code).toBe('QUOTA_EXCEEDED');
    // Refusals are recorded off the request path: wait until all five requests are in.
    for (let i = 0; i < 100; i++) {
      const log = await gql('{ requestLog(first: 10) { totalCount } }');
      if (log.data?.requestLog.totalCount >= 5) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const context = await gateway.context({ locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, gateway.url, ADMIN.email, ADMIN.password);
  });

  it('shows a quota refusal and a DLP block next to answered chats, filtered by outcome in the address', async () => {
    await page.goto(`${gateway.url}/admin/requests`);
    const rows = page.getByTestId('request-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    const outcomes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-outcome')));
    expect(outcomes.sort()).toEqual(['OK', 'OK', 'OK', 'REFUSED_DLP', 'REFUSED_QUOTA']);
    const quotaRow = page.locator('[data-testid=request-row][data-outcome=REFUSED_QUOTA]');
    await quotaRow.getByText(zhCN['requests.outcome.REFUSED_QUOTA']).waitFor();
    await quotaRow.getByText(seeded.member.name).waitFor();
    await quotaRow.getByText('laptop').waitFor();
    await page.locator('[data-testid=request-row][data-outcome=REFUSED_DLP]').getByText(zhCN['requests.outcome.REFUSED_DLP']).waitFor();
    const okRow = page.locator('[data-testid=request-row][data-outcome=OK]').first();
    await okRow.getByText('mock', { exact: true }).waitFor();
    await screenshot(page, 'request-log-zh-1440');

    await page.locator('select[name=outcome]').selectOption('refused');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=request-row]').length === 2);
    expect(page.url()).toContain('outcome=refused');
    // The filter survives a reload: it lives in the address.
    await page.reload();
    await page.locator('[data-testid=request-row]').first().waitFor();
    expect(await page.getByTestId('request-row').count()).toBe(2);
    expect(await page.locator('select[name=outcome]').inputValue()).toBe('refused');
  });

  it('counts the refusals in the dashboard and executive error rates, by kind', async () => {
    await page.goto(`${gateway.url}/admin/`);
    const card = page.locator('[data-stat=error-rate]');
    await card.locator('.stat-card-value').getByText('40%').waitFor();
    const detail = await card.locator('.stat-detail').textContent();
    expect(detail).toContain(`${zhCN['errorKinds.quota']} 1`);
    expect(detail).toContain(`${zhCN['errorKinds.dlp']} 1`);
    expect(detail).toContain('5');

    await page.goto(`${gateway.url}/admin/executive`);
    const exec = page.locator('[data-testid=executive-summary] [data-stat=error-rate]');
    await exec.locator('.stat-card-value').getByText('40%').waitFor();
    const execDetail = await exec.locator('.stat-detail').textContent();
    expect(execDetail).toContain(`${zhCN['errorKinds.quota']} 1`);
    expect(execDetail).toContain(`${zhCN['errorKinds.dlp']} 1`);
    await screenshot(page, 'request-log-executive-zh-1440');
  });

  it('sets a user’s and a role’s rate limit in the console', async () => {
    await page.goto(`${gateway.url}/admin/users/${seeded.member.id}`);
    const panel = page.getByTestId('rate-limit-user');
    await panel.locator('input[name=requestsPerMinute]').fill('0');
    await panel.getByRole('button', { name: zhCN['rateLimits.save'] }).click();
    await panel.getByText(zhCN['rateLimits.positive']).waitFor();
    await panel.locator('input[name=requestsPerMinute]').fill('30');
    await panel.locator('input[name=tokensPerMinute]').fill('20,000');
    await panel.getByRole('button', { name: zhCN['rateLimits.save'] }).click();
    await panel.getByRole('button', { name: zhCN['rateLimits.clear'] }).waitFor();
    const user = await gql('query($t: ID) { rateLimits(scope: USER, targetId: $t) { requestsPerMinute tokensPerMinute } }', { t: seeded.member.id });
    expect(user.data.rateLimits).toEqual([{ requestsPerMinute: 30, tokensPerMinute: 20000 }]);
    await screenshot(page, 'rate-limit-user-zh-1440');

    await page.goto(`${gateway.url}/admin/roles`);
    const row = page.locator('[data-testid=role-row][data-role=member]');
    await row.getByText(zhCN['rateLimits.none']).waitFor();
    await row.getByTestId('role-rate-limit-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=requestsPerMinute]').fill('60');
    await dialog.getByRole('button', { name: zhCN['rateLimits.save'] }).click();
    await dialog.getByRole('button', { name: zhCN['rateLimits.clear'] }).waitFor();
    await page.keyboard.press('Escape');
    await row.getByText(zhCN['rateLimits.current'].replace('{requests}', '60').replace('{tokens}', zhCN['rateLimits.unlimited'])).waitFor();
    const roles = await gql('{ rateLimits(scope: ROLE) { requestsPerMinute tokensPerMinute role { name } } }');
    expect(roles.data.rateLimits).toEqual([{ requestsPerMinute: 60, tokensPerMinute: null, role: { name: 'member' } }]);
  });

  it('creates a role named in Chinese; the same name again is refused at the field, in view', async () => {
    await page.goto(`${gateway.url}/admin/roles`);
    const create = async (name: string) => {
      await page.getByRole('button', { name: zhCN['roles.add'] }).click();
      const dialog = page.getByRole('dialog', { name: zhCN['roles.createTitle'] });
      await dialog.locator('input[name=roleName]').fill(name);
      await dialog.locator('input[type=checkbox][value="usage:read"]').check();
      await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
      return dialog;
    };
    const first = await create('财务分析师');
    await first.waitFor({ state: 'detached' });
    await page.locator('[data-testid=role-row][data-role=财务分析师]').waitFor();
    const again = await create('财务分析师');
    await again.getByText(zhCN['error.CONFLICT.name']).waitFor();
    expect(await again.locator('input[name=roleName]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('roleName');
    // Scrolled into view (smoothly: wait for the scroll to end).
    await page.waitForFunction(
      (text) => {
        const el = [...document.querySelectorAll('[role=dialog] .field-error')].find((e) => e.textContent?.includes(text));
        const box = el?.getBoundingClientRect();
        return Boolean(box && box.top >= 0 && box.bottom <= window.innerHeight);
      },
      zhCN['error.CONFLICT.name'],
      { timeout: 3000 },
    );
    await screenshot(page, 'role-name-conflict-zh-1440', false);
    await page.keyboard.press('Escape');
  });

  it('adds a WeCom webhook, sends a test that shows in its delivery log, and never shows the robot key again', async () => {
    const received: string[] = [];
    const robot: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send`;
    try {
      await page.goto(`${gateway.url}/admin/webhooks`);
      await page.getByText(zhCN['webhooks.empty']).waitFor();
      await page.getByRole('button', { name: zhCN['webhooks.add'] }).click();
      const dialog = page.getByRole('dialog', { name: zhCN['webhooks.createTitle'] });
      await dialog.locator('input[name=url]').fill('ftp://nope');
      await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
      await dialog.getByText(zhCN['webhooks.badUrl']).waitFor();
      await dialog.locator('input[name=url]').fill(`${url}?key=robot-secret-key`);
      await dialog.locator('select[name=format]').selectOption('WECOM');
      await dialog.locator('input[name=description]').fill('财务群');
      await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.getByTestId('webhook-row').first();
      await row.getByText('财务群').waitFor();
      await row.getByTestId('webhook-test').click();
      await page.getByText(zhCN['webhooks.testOk'].split('{')[0]).first().waitFor();
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]).msgtype).toBe('markdown');
      await row.getByTestId('webhook-log').click();
      const log = page.getByRole('dialog', { name: zhCN['webhooks.logTitle'] });
      await log.getByTestId('webhook-delivery').first().waitFor();
      await log.getByText(zhCN['webhooks.kind.test']).waitFor();
      await screenshot(page, 'webhooks-log-zh-1440', false);
      await page.keyboard.press('Escape');
      expect(await page.content()).not.toContain('robot-secret-key');
      const hooks = await gql('{ webhooks { url hasQuery format description } }');
      expect(hooks.data.webhooks).toEqual([{ url, hasQuery: true, format: 'WECOM', description: '财务群' }]);
    } finally {
      robot.closeAllConnections();
      await new Promise<void>((resolve) => robot.close(() => resolve()));
    }
  });
});
