import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { screenshot, SCREENSHOTS, skipBrowserTests, startGateway } from './console-harness.ts';

const ADMIN = { email: 'admin@console.e2e', password: 'admin-password-e2e' };

describe.skipIf(skipBrowserTests)('admin console in headless Chromium, served by the gateway at /admin', () => {
  const gateway = startGateway(ADMIN);
  const server = { get url() { return gateway.url; } };
  let context: BrowserContext;
  let page: Page;
  let userId = '';
  let apiKey = '';

  // Whole pages, except with a dialog open (fixed layers do not stretch with a full-page capture).
  const shot = (name: string, fullPage = true) => screenshot(page, `console-${name}`, fullPage);
  const adminToken = () => page.evaluate(() => JSON.parse(localStorage.getItem('zero.console.session') ?? '{}').token as string);
  const gql = (query: string, variables: object, token: string) => gateway.gql(query, variables, token);

  beforeAll(async () => {
    // A browser that prefers Chinese: the console must open in zh-CN.
    context = await gateway.context({ width: 1366, height: 768, locale: 'zh-CN' });
    page = await context.newPage();
  });

  it('redirects / to /admin/, serves the console with the right headers, and signs in (in Chinese by default)', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/admin/');
    const deep = await fetch(`${server.url}/admin/users/some-id`);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(deep.headers.get('cache-control')).toBe('no-cache');

    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/admin/');
    await page.getByRole('heading', { name: zhCN['login.title'] }).waitFor();
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.getByRole('button', { name: zhCN['login.submit'] }).click();
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
    await page.getByRole('heading', { name: zhCN['dashboard.providers'] }).waitFor();
    await page.getByTestId('provider-row').filter({ hasText: 'mock' }).waitFor();
    await page.locator('[data-testid=usage-chart] canvas').first().waitFor();
    await shot('dashboard-zh');

    // The session survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
  });

  it('creates a user from the users page', async () => {
    await page.getByRole('link', { name: zhCN['nav.users'] }).click();
    await page.getByRole('heading', { name: zhCN['users.title'], level: 1 }).waitFor();
    await page.getByRole('button', { name: zhCN['users.add'] }).click();
    const dialog = page.getByRole('dialog', { name: zhCN['user.createTitle'] });
    await dialog.waitFor();
    // Validation runs before anything is sent.
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await dialog.getByText(zhCN['validation.required']).first().waitFor();
    await dialog.locator('input[name=name]').fill('E2E Person');
    await dialog.getByText(zhCN['validation.required']).first().waitFor(); // the email is still empty

    await dialog.locator('input[name=email]').fill('e2e.person@example.com');
    await dialog.locator('input[name=password]').fill('e2e-password-123');
    await shot('user-create-dialog-zh', false);
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await page.getByRole('heading', { name: 'E2E Person', level: 1 }).waitFor();
    userId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the user a role and a daily quota', async () => {
    const rolesForm = page.locator('form', { has: page.locator('input[name=role]') });
    await rolesForm.getByRole('checkbox', { name: new RegExp(zhCN['role.member.name']) }).check();
    await rolesForm.getByRole('button', { name: zhCN['common.save'] }).click();
    // Roles are permissions: the new set is named and confirmed before it is saved.
    const confirmRoles = page.getByRole('alertdialog', { name: zhCN['user.rolesConfirmTitle'].replace('{name}', 'E2E Person') });
    await confirmRoles.getByText(zhCN['role.member.name'], { exact: false }).waitFor();
    await confirmRoles.getByRole('button', { name: zhCN['common.save'] }).click();
    await page.getByText(zhCN['user.rolesSaved']).waitFor();

    const quotaForm = page.getByRole('form', { name: zhCN['user.quotaTitle'] });
    await quotaForm.locator('input[name=dailyInputLimit]').fill('-1');
    await quotaForm.getByRole('button', { name: zhCN['common.save'] }).click();
    await quotaForm.getByText(zhCN['validation.quota']).waitFor();
    // The complaint sits at its field, which has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('dailyInputLimit');
    await quotaForm.locator('input[name=dailyInputLimit]').fill('50000');
    await quotaForm.locator('input[name=dailyOutputLimit]').fill('20000');
    await quotaForm.getByRole('button', { name: zhCN['common.save'] }).click();
    await page.getByText(zhCN['user.quotaSaved']).waitFor();

    const check = await gql(`query($id: ID!) { user(id: $id) { roles { name } quota { dailyInputLimit dailyOutputLimit } } }`, { id: userId }, await adminToken());
    expect(check.errors).toBeUndefined();
    expect(check.data.user.roles.map((r: { name: string }) => r.name)).toEqual(['member']);
    expect(check.data.user.quota).toEqual({ dailyInputLimit: 50000, dailyOutputLimit: 20000 });
    await shot('user-detail-zh');
  });

  it('creates an API key whose secret is shown once, and the key works', async () => {
    await page.getByTestId('api-keys').getByRole('button', { name: zhCN['keys.create'] }).click();
    const form = page.getByRole('dialog', { name: zhCN['keys.create'] });
    await form.locator('input[name=keyName]').fill('e2e key');
    await form.getByRole('button', { name: zhCN['keys.create'] }).click();
    const created = page.getByRole('dialog', { name: zhCN['keys.createdTitle'] });
    await created.waitFor();
    await created.getByText(zhCN['keys.secretWarning']).waitFor();
    apiKey = (await created.getByTestId('api-key-secret').textContent())!.trim();
    expect(apiKey).toMatch(/^zgk_/);
    await shot('api-key-created-zh', false);
    await created.getByRole('button', { name: zhCN['keys.done'] }).click();
    await created.waitFor({ state: 'detached' });
    // Gone for good: the page lists only the key's prefix.
    expect(await page.content()).not.toContain(apiKey);
    const keyRow = page.getByTestId('api-key-row').filter({ hasText: 'e2e key' });
    await keyRow.waitFor();
    await keyRow.getByText(zhCN['keys.noExpiry']).waitFor();

    const me = await gql('{ me { id } }', {}, apiKey);
    expect(me.data?.me.id).toBe(userId);
  });

  it('shows the usage chart (empty on a new gateway)', async () => {
    await page.getByRole('link', { name: zhCN['nav.usage'] }).click();
    await page.getByRole('heading', { name: zhCN['usage.title'], level: 1 }).waitFor();
    await page.locator('[data-testid=usage-chart] canvas').first().waitFor();
    await page.getByText(zhCN['usage.empty']).first().waitFor();
    await page.getByRole('radio', { name: zhCN['usage.splitModel'] }).click();
    await page.locator('[data-testid=usage-chart] canvas').first().waitFor();
    await shot('usage-zh');
  });

  it('suspends the user, after which their key is refused with FORBIDDEN', async () => {
    await page.getByRole('link', { name: zhCN['nav.users'] }).click();
    await page.getByRole('link', { name: /E2E Person/ }).click();
    await page.getByRole('heading', { name: 'E2E Person', level: 1 }).waitFor();
    await page.getByRole('button', { name: zhCN['user.suspend'] }).click();
    // Suspending changes who may call the gateway: asked first, like deleting.
    const confirm = page.getByRole('alertdialog', { name: zhCN['user.suspendTitle'].replace('{name}', 'E2E Person') });
    await confirm.getByText(zhCN['user.suspendBody']).waitFor();
    await shot('user-suspend-confirm-zh', false);
    await confirm.getByRole('button', { name: zhCN['user.suspend'] }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: zhCN['user.reactivate'] }).waitFor();
    await page.locator('.badge-status-suspended').first().waitFor();

    const refused = await gql('{ me { id } }', {}, apiKey);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await shot('user-suspended-zh');
  });

  it('says in Chinese why a role that a user holds cannot be deleted', async () => {
    const token = await adminToken();
    const role = await gql(`mutation { createRole(input: { name: "e2e-held", description: "Held by a user", permissions: ["chat"] }) { id } }`, {}, token);
    const roleId = role.data.createRole.id as string;
    const assigned = await gql(`mutation($u: ID!, $r: [ID!]!) { setUserRoles(userId: $u, roleIds: $r) { id } }`, { u: userId, r: [roleId] }, token);
    expect(assigned.errors).toBeUndefined();

    await page.getByRole('link', { name: zhCN['nav.roles'] }).click();
    await page.getByRole('heading', { name: zhCN['roles.title'], level: 1 }).waitFor();
    await page.getByRole('button', { name: zhCN['common.deleteNamed'].replace('{name}', 'e2e-held') }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: zhCN['common.delete'] }).click();
    await confirm.getByText(zhCN['error.CONFLICT.roleInUse'].replace('{count}', '1')).waitFor();
    await confirm.locator('[data-code=CONFLICT]').first().waitFor();
    await confirm.getByText(zhCN['roles.deleteRefused']).waitFor();
    expect(await confirm.textContent()).not.toContain('held by');
    await shot('role-delete-conflict-zh', false);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
  });

  it('shows the audit log with readable metadata', async () => {
    await page.getByRole('link', { name: zhCN['nav.audit'] }).click();
    await page.getByRole('heading', { name: zhCN['audit.title'], level: 1 }).waitFor();
    const status = page.locator('[data-testid=audit-row][data-action="user.status"]').first();
    await status.waitFor();
    await status.getByText(`${zhCN['status.ACTIVE']} → ${zhCN['status.SUSPENDED']}`, { exact: false }).waitFor();
    await shot('audit-zh');
  });

  it('switches the language to English and back, and remembers it across a reload', async () => {
    await page.getByLabel(zhCN['header.language']).selectOption('en');
    await page.getByRole('heading', { name: en['audit.title'], level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: en['audit.title'], level: 1 }).waitFor();
    await page.getByRole('link', { name: en['nav.users'] }).click();
    await page.getByRole('heading', { name: en['users.title'], level: 1 }).waitFor();
    await page.getByTestId('user-row').filter({ hasText: 'E2E Person' }).waitFor();
    await shot('users-en');
    await page.getByRole('link', { name: en['nav.dashboard'] }).click();
    await page.getByRole('heading', { name: en['dashboard.title'], level: 1 }).waitFor();
    await shot('dashboard-en');
    await page.getByLabel(en['header.language']).selectOption('zh-CN');
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('zero.console.locale'))).toBe('zh-CN');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('runs a chat in the playground: the answer streams in, then tokens, provider and attempts', async () => {
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.playground'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['playground.title'], level: 1 }).waitFor();
    await page.getByTestId('model-route').waitFor();
    expect(await page.getByLabel(zhCN['playground.model']).inputValue()).toBe('mock-small');
    await page.locator('textarea[name=system]').fill('你是一个简洁的助手。');
    await page.locator('textarea[name=prompt]').fill('hello from the console e2e');
    // Every intermediate answer text, whether Solid edits the text node or replaces it.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __answers: string[] }).__answers = []);
      new MutationObserver((records) => {
        for (const r of records) {
          if (r.type === 'characterData' && r.oldValue) seen.push(r.oldValue);
          r.removedNodes.forEach((n) => n.textContent && seen.push(n.textContent));
        }
      }).observe(document.querySelector('.answer-card')!, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
    });
    await page.getByRole('button', { name: zhCN['playground.send'] }).click();
    await page.locator('[data-testid=run-status][data-status=done]').waitFor();
    const answer = 'You said: hello from the console e2e';
    expect(await page.getByTestId('answer-text').textContent()).toBe(answer);
    // The mock streams word by word: partial answers were on screen before the whole one.
    const partials = await page.evaluate(() => (window as unknown as { __answers: string[] }).__answers);
    expect(partials.filter((text) => text !== answer && answer.startsWith(text)).length).toBeGreaterThan(1);

    const result = page.getByTestId('chat-result');
    expect(Number(await result.getByTestId('result-input-tokens').textContent())).toBeGreaterThan(0);
    expect(Number(await result.getByTestId('result-output-tokens').textContent())).toBe(answer.split(' ').length);
    expect(await result.getByTestId('result-answered-by').textContent()).toBe('mockmock-small');
    expect(await result.getByTestId('result-request-id').textContent()).toMatch(/^[0-9a-f-]{36}$/);
    const attempts = result.getByTestId('attempt-row');
    expect(await attempts.count()).toBe(1);
    expect(await attempts.first().getAttribute('data-route')).toBe('primary');
    await attempts.first().getByText(zhCN['playground.attempt.answered'], { exact: true }).waitFor();
    await shot('playground-zh');

    // The same finished chat in English, without sending it again.
    await page.getByLabel(zhCN['header.language']).selectOption('en');
    await page.getByRole('heading', { name: en['playground.title'], level: 1 }).waitFor();
    await result.getByText(en['playground.attempt.answered'], { exact: true }).waitFor();
    await shot('playground-en');
    await page.getByLabel(en['header.language']).selectOption('zh-CN');
    await page.getByRole('heading', { name: zhCN['playground.title'], level: 1 }).waitFor();
  });

  it("shows the chat on today's usage", async () => {
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.usage'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['usage.title'], level: 1 }).waitFor();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.locator('input[name=from]').fill(today);
    await page.locator('input[name=from]').blur();
    await page.locator('[data-testid=usage-chart] canvas').first().waitFor();
    await page.getByRole('cell', { name: 'mock-small' }).or(page.getByRole('rowheader', { name: 'mock-small' })).first().waitFor();
    expect(await page.getByText(zhCN['usage.empty']).count()).toBe(0);
    const requests = await page.getByTestId('stat-requests').textContent();
    expect(Number(requests)).toBeGreaterThanOrEqual(1);
    await shot('usage-today-zh');
  });

  it('updates the dashboard live when a chat runs elsewhere, without a reload', async () => {
    // The live feed's stream is open once the gateway answered its request (it subscribes before answering).
    const feedOpen = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('DashboardUsageEvents'));
    feedOpen.catch(() => {}); // awaited below; a failure before that must not surface as an unhandled rejection
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.dashboard'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
    await feedOpen;
    const value = (id: string) => page.locator(`[data-stat=${id}] .stat-card-value`);
    // The console may first show the totals it cached on an earlier visit (before the playground chat); wait for fresh ones.
    await page.waitForFunction(() => Number(document.querySelector('[data-stat=requests-today] .stat-card-value')?.textContent?.replace(/\D/g, '') || 0) >= 1);
    const requestsBefore = Number((await value('requests-today').textContent())!.replace(/\D/g, ''));
    const tokensBefore = (await value('tokens-today').textContent())!;
    await page.getByText(zhCN['dashboard.activityEmpty']).waitFor();
    await page.locator('[data-testid=provider-row][data-available=true]').filter({ hasText: 'mock' }).locator('[data-circuit=CLOSED]').waitFor();

    const chat = await gql(
      'mutation($i: ChatInput!) { chat(input: $i) { text provider } }',
      { i: { model: 'mock-large', messages: [{ role: 'USER', content: 'live dashboard check' }] } },
      await adminToken(),
    );
    expect(chat.errors).toBeUndefined();
    expect(chat.data.chat).toEqual({ text: 'You said: live dashboard check', provider: 'mock' });

    const row = page.getByTestId('activity-row').filter({ hasText: 'mock-large' });
    await row.waitFor();
    await row.getByText(zhCN['outcome.ok']).waitFor();
    await row.getByText(ADMIN.email).waitFor();
    await page.waitForFunction(
      (before) => Number(document.querySelector('[data-stat=requests-today] .stat-card-value')?.textContent?.replace(/\D/g, '')) > before,
      requestsBefore,
    );
    await page.waitForFunction((before) => document.querySelector('[data-stat=tokens-today] .stat-card-value')?.textContent !== before, tokensBefore);
    expect(await value('error-rate').textContent()).toBe('0%');
    expect(await value('fallbacks').textContent()).toBe('0');
    // Today's error rate is over every request today (refusals included), and says so.
    await page.locator('[data-stat=error-rate] .stat-detail').filter({ hasText: String(requestsBefore + 1) }).filter({ hasText: zhCN['errorKinds.none'] }).waitFor();
    await shot('dashboard-live-zh');
    await page.getByLabel(zhCN['header.language']).selectOption('en');
    await row.getByText(en['outcome.ok'], { exact: true }).waitFor();
    await shot('dashboard-live-en');
    await page.getByLabel(en['header.language']).selectOption('zh-CN');
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
  });

  it('returns to the login page with a message when the session is no longer valid', async () => {
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('zero.console.session')!);
      localStorage.setItem('zero.console.session', JSON.stringify({ ...session, token: 'zgs_not-a-real-session' }));
    });
    await page.reload();
    await page.getByText(zhCN['error.sessionExpired']).waitFor();
    await page.getByRole('heading', { name: zhCN['login.title'] }).waitFor();
    await shot('session-expired-zh');
    expect(await page.evaluate(() => localStorage.getItem('zero.console.session'))).toBeNull();
  });
  it('shows the executive view after the chats: summary figures, the trend chart and its table, in both languages', async () => {
    // The previous test ended the session: sign in again.
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.getByRole('button', { name: zhCN['login.submit'] }).click();
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.executive'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['executive.title'], level: 1 }).waitFor();
    const value = (id: string) => page.locator(`[data-testid=executive-summary] [data-stat=${id}] .stat-card-value`);
    // The playground chat and the live-dashboard chat.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=executive-summary] [data-stat=requests] .stat-card-value')?.textContent?.replace(/\D/g, '') || 0) >= 2);
    expect(await value('error-rate').textContent()).toBe('0%');
    expect(await value('fallback-rate').textContent()).toBe('0%');
    expect(await value('active-users').textContent()).toBe('1');
    expect(await value('latency-p50').textContent()).toMatch(/毫秒$/);
    await page.getByTestId('top-models').getByRole('rowheader', { name: 'mock-small' }).waitFor();
    await page.getByTestId('top-users').getByText(ADMIN.email).waitFor();
    const trend = page.getByTestId('executive-trend');
    await trend.locator('[data-testid=usage-chart] canvas').first().waitFor();
    await trend.getByTestId('trend-row').filter({ hasText: 'mock-large' }).waitFor();
    await shot('executive-zh');

    await trend.getByRole('radio', { name: zhCN['executive.granularity.WEEK'] }).click();
    await trend.getByRole('radio', { name: zhCN['executive.by.USER'] }).click();
    await trend.getByTestId('trend-row').filter({ hasText: ADMIN.email }).waitFor();
    expect(await trend.getByTestId('trend-row').filter({ hasText: 'mock-large' }).count()).toBe(0);
    await page.getByRole('radio', { name: zhCN['executive.rangeDays'].replace('{days}', '7') }).click();
    await trend.locator('[data-testid=usage-chart] canvas').first().waitFor();
    // Custom starts from the range shown and edits its days.
    const shown = (await page.getByTestId('executive-range').textContent())!;
    await page.getByRole('radio', { name: zhCN['executive.rangeCustom'] }).click();
    const to = await page.locator('input[name=to]').inputValue();
    expect(await page.locator('input[name=from]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(shown).toContain(String(Number(to.slice(8))));

    await page.getByLabel(zhCN['header.language']).selectOption('en');
    await page.getByRole('heading', { name: en['executive.title'], level: 1 }).waitFor();
    await trend.getByRole('radio', { name: en['executive.granularity.DAY'] }).click();
    await trend.getByRole('radio', { name: en['executive.by.MODEL'] }).click();
    await trend.getByTestId('trend-row').filter({ hasText: 'mock-small' }).waitFor();
    await page.getByRole('heading', { name: en['executive.topModels'] }).waitFor();
    await shot('executive-en');
    await page.getByLabel(en['header.language']).selectOption('zh-CN');
    await page.getByRole('heading', { name: zhCN['executive.title'], level: 1 }).waitFor();
  });

  it('shows a budget crossing 50% on the dashboard as a bar with its marks, and the alert arrives live', async () => {
    const token = await adminToken();
    // Chats are priced when they settle: price the model, then chat, so this month's spend is above zero.
    const price = await gql('mutation { setPrice(model: "mock-small", inputPerMillion: 20000, outputPerMillion: 60000) { currency } }', {}, token);
    expect(price.errors).toBeUndefined();
    const chat = await gql(
      'mutation($i: ChatInput!) { chat(input: $i) { text } }',
      { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'what does this month cost' }] } },
      token,
    );
    expect(chat.errors).toBeUndefined();
    const usage = await gql('{ usage { cost } }', {}, token);
    const spent = (usage.data.usage as { cost: number }[]).reduce((s, r) => s + r.cost, 0);
    expect(spent).toBeGreaterThan(0);

    const alertsOpen = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('BudgetAlertsLive'));
    alertsOpen.catch(() => {}); // awaited below
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.dashboard'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['dashboard.title'], level: 1 }).waitFor();
    const section = page.locator('[data-section=budgets]');
    await section.getByText(zhCN['budgets.empty']).waitFor();
    await alertsOpen;

    // Spent is 60% of the amount: the 50% mark is crossed, 80% and 100% are not.
    const budget = await gql(
      'mutation($a: Float!) { createBudget(input: { scope: ORGANISATION, amount: $a, hardStop: false }) { id thresholds status { percent } } }',
      { a: Math.round((spent / 0.6) * 1e6) / 1e6 },
      token,
    );
    expect(budget.errors).toBeUndefined();
    expect(budget.data.createBudget.thresholds).toEqual([50, 80, 100]);

    const alert = section.getByTestId('budget-alert').filter({ hasText: zhCN['budgets.reached'].replace('{percent}', '50') });
    await alert.waitFor();
    await alert.getByText(zhCN['budgets.noWebhook']).waitFor();
    const bar = section.locator(`[data-testid=budget-bar][data-budget="${budget.data.createBudget.id}"]`);
    await bar.waitFor();
    expect(await bar.getAttribute('data-level')).toBe('warn');
    expect(await bar.getByTestId('budget-percent').textContent()).toMatch(/^6\d(\.\d)?%$/);
    expect(await bar.locator('.budget-mark-crossed').evaluateAll((marks) => marks.map((m) => m.getAttribute('data-threshold')))).toEqual(['50']);
    await bar.getByText(zhCN['budgets.alertsOnly']).waitFor();
    expect(await bar.textContent()).toContain('¥');
    await shot('dashboard-budgets-zh');
    await section.screenshot({ path: join(SCREENSHOTS, 'console-budgets-section-zh.png'), animations: 'disabled' });

    await page.getByLabel(zhCN['header.language']).selectOption('en');
    await section.getByText(en['budgets.reached'].replace('{percent}', '50')).waitFor();
    await section.screenshot({ path: join(SCREENSHOTS, 'console-budgets-section-en.png'), animations: 'disabled' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('dashboard-budgets-en');

    // The executive view now prices the range.
    await page.getByRole('navigation').getByRole('link', { name: en['nav.executive'], exact: true }).click();
    await page.getByRole('heading', { name: en['executive.title'], level: 1 }).waitFor();
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid=executive-summary] [data-stat=cost] .stat-card-value')?.textContent ?? ''));
    expect(await page.locator('[data-testid=executive-summary] [data-stat=cost] .stat-card-value').textContent()).toContain('CN¥');
    await shot('executive-cost-en');
    await page.getByLabel(en['header.language']).selectOption('zh-CN');
    await page.getByRole('heading', { name: zhCN['executive.title'], level: 1 }).waitFor();
  });
});
