import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { screenshot, signIn, skipBrowserTests, startGateway } from './console-harness.ts';
import { seedChats, seedPeople, type Seeded } from './console-seed.ts';

const ADMIN = { email: 'admin@walk.e2e', password: 'admin-password-e2e' };

/**
 * ASCII words a Chinese console may show: the product's and vendors' names, units
 * and acronyms that Chinese text uses as they are. Names, e-mails, ids and model ids
 * are data (marked translate="no" or shown as code) and are not looked at.
 */
const ALLOWED_WORDS = ['Zero', 'Gateway', 'API', 'token', 'IP', 'IPv', 'IBAN', 'CSV', 'JSONL', 'Webhook', 'OpenAI', 'Anthropic', 'AWS', 'GitHub', 'Google', 'Slack', 'Stripe', 'JWT'];

/** Every page, by the name its screenshots carry. */
function pages(seeded: Seeded): [name: string, path: string][] {
  return [
    ['dashboard', '/'],
    ['executive', '/executive'],
    ['usage', '/usage'],
    ['users', '/users'],
    ['user-detail', `/users/${seeded.member.id}`],
    ['roles', '/roles'],
    ['budgets', '/budgets'],
    ['prices', '/prices'],
    ['dlp-policies', '/dlp/policies'],
    ['dlp-events', '/dlp/events'],
    ['audit', '/audit'],
    ['providers', '/providers'],
    ['playground', '/playground'],
    ['account', '/account'],
  ];
}

/** Visible text outside data (code, kbd, translate="no", option lists): every ASCII word not allowed. */
function englishWords(page: Page): Promise<string[]> {
  return page.evaluate((allowed) => {
    const skip = 'code, kbd, samp, pre, script, style, noscript, option, svg, canvas, [translate="no"]';
    const found = new Set<string>();
    const look = (text: string) => {
      const withoutEmails = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');
      for (const word of withoutEmails.match(/[A-Za-z][A-Za-z'’]*/g) ?? []) if (!allowed.includes(word)) found.add(word);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(skip) || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      look(node.textContent ?? '');
    }
    for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      if (!field.value && field.checkVisibility()) look(field.placeholder);
    }
    return [...found].sort();
  }, ALLOWED_WORDS);
}

/** What scrolls sideways: the page, or any box inside it. */
function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
}

/** The page's data has arrived: no spinner, no skeleton. */
async function settled(page: Page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading:not(.loading-inline), .skeleton'), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(150);
}

describe.skipIf(skipBrowserTests)('every page in both languages, wide and narrow', () => {
  const gateway = startGateway(ADMIN);
  let seeded: Seeded;

  beforeAll(async () => {
    seeded = await seedPeople(gateway);
    const token = seeded.adminToken;
    const gql = (query: string, variables: object = {}) => gateway.gql(query, variables, token);
    await gql('mutation { setPrice(model: "mock-small", inputPerMillion: 12, outputPerMillion: 36) { model } }');
    await gql('mutation { setPrice(model: "mock-large", inputPerMillion: 30, outputPerMillion: 90) { model } }');
    await seedChats(gateway, token);
    await seedChats(gateway, seeded.memberKey);
    await gql('mutation { createBudget(input: { scope: ORGANISATION, amount: 5000, thresholds: [50, 80, 100] }) { id } }');
    await gql('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 0.0002, hardStop: false }) { id } }', { u: seeded.member.id });
    await gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 20000, dailyOutputLimit: 5000) { dailyInputLimit } }', { u: seeded.member.id });
    // A failed sign-in for the audit trail: the account tried is its target, not its actor.
    await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation { login(email: "${seeded.member.email}", password: "wrong-password-1") { token } }` }),
    });
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    for (const width of [1440, 390]) {
      it(`shows every page in ${locale} at ${width} px${locale === 'zh-CN' ? ' without English words' : ''}${width === 390 ? ' and without sideways scrolling' : ''}`, async () => {
        const context = await gateway.context({ locale, width, height: width === 390 ? 844 : 900 });
        const page = await context.newPage();
        const lang = locale === 'zh-CN' ? 'zh' : 'en';
        const problems: string[] = [];
        const check = async (name: string) => {
          if (locale === 'zh-CN') for (const word of await englishWords(page)) problems.push(`${name}: "${word}"`);
          if (width === 390) for (const scroll of await sidewaysScroll(page)) problems.push(`${name}: ${scroll}`);
          await screenshot(page, `page-${name}-${lang}-${width}`);
        };
        await page.goto(`${gateway.url}/admin/`);
        await page.locator('input[name=email]').waitFor();
        await check('login');
        await signIn(page, gateway.url, ADMIN.email, ADMIN.password);
        for (const [name, path] of pages(seeded)) {
          await page.goto(`${gateway.url}/admin${path}`);
          await settled(page);
          await check(name);
        }
        // A record opened from the audit trail: the failed sign-in, its target the account tried.
        await page.goto(`${gateway.url}/admin/audit?action=login.failed`);
        await page.getByTestId('audit-row').first().locator('td').first().click();
        const detail = page.getByTestId('audit-detail');
        await detail.waitFor();
        await detail.getByText(seeded.member.email).first().waitFor();
        if (locale === 'zh-CN') for (const word of await englishWords(page)) problems.push(`audit-record: "${word}"`);
        await screenshot(page, `page-audit-record-${lang}-${width}`, false);
        await page.keyboard.press('Escape');
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }

  it('says every refusal in Chinese, next to what it is about', async () => {
    const context = await gateway.context({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems: string[] = [];
    const check = async (name: string, code: string) => {
      await page.locator(`[data-code=${code}]`).first().waitFor();
      for (const word of await englishWords(page)) problems.push(`${name}: "${word}"`);
      await screenshot(page, `error-${name}-zh-1440`, false);
    };
    const token = seeded.adminToken;
    const gql = (query: string, variables: object = {}) => gateway.gql(query, variables, token);

    // UNAUTHENTICATED: the wrong password, said without telling whether the e-mail exists.
    await page.goto(`${gateway.url}/admin/`);
    await page.locator('input[name=email]').fill(ADMIN.email);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await page.getByText(zhCN['error.login.credentials']).waitFor();
    await check('unauthenticated', 'UNAUTHENTICATED');

    // RATE_LIMITED: ten failures for one e-mail, then the eleventh says when to try again.
    for (let i = 0; i < 10; i++) {
      await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { login(email: "nobody@example.cn", password: "wrong-password-1") { token } }' }),
      });
    }
    await page.locator('input[name=email]').fill('nobody@example.cn');
    await page.locator('form button[type=submit]').click();
    await check('rate-limited', 'RATE_LIMITED');
    expect(await page.locator('[data-code=RATE_LIMITED]').first().textContent()).toMatch(/\d+ 分钟后重试/);

    await signIn(page, gateway.url, ADMIN.email, ADMIN.password);

    // CONFLICT on a field: a duplicate e-mail, at the e-mail field, gone once it is edited.
    await page.goto(`${gateway.url}/admin/users`);
    await page.getByRole('button', { name: zhCN['users.add'] }).click();
    const dialog = page.getByRole('dialog', { name: zhCN['user.createTitle'] });
    await dialog.locator('input[name=name]').fill('另一个李伟');
    await dialog.locator('input[name=email]').fill(seeded.member.email);
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await dialog.getByText(zhCN['error.CONFLICT.email']).waitFor();
    expect(await dialog.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
    for (const word of await englishWords(page)) problems.push(`conflict-email: "${word}"`);
    await screenshot(page, 'error-conflict-email-zh-1440', false);
    await dialog.locator('input[name=email]').fill('new.person@example.cn');
    expect(await dialog.getByText(zhCN['error.CONFLICT.email']).count()).toBe(0);
    await page.keyboard.press('Escape');

    // CONFLICT on a role name, and a role still held.
    await page.goto(`${gateway.url}/admin/roles`);
    await page.getByRole('button', { name: zhCN['roles.add'] }).click();
    const roleDialog = page.getByRole('dialog', { name: zhCN['roles.createTitle'] });
    await roleDialog.locator('input[name=roleName]').fill('auditor');
    await roleDialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await roleDialog.getByText(zhCN['error.CONFLICT.name']).waitFor();
    // The complaint is in view and its field has the focus, however far the dialog was scrolled.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('roleName');
    for (const word of await englishWords(page)) problems.push(`conflict-role-name: "${word}"`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: zhCN['common.deleteNamed'].replace('{name}', 'auditor') }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: zhCN['common.delete'] }).click();
    await check('conflict-role-in-use', 'CONFLICT');
    await page.keyboard.press('Escape');

    // NOT_FOUND: a user that does not exist.
    await page.goto(`${gateway.url}/admin/users/00000000-0000-4000-8000-000000000000`);
    await check('not-found', 'NOT_FOUND');

    // DLP_BLOCKED, QUOTA_EXCEEDED and BUDGET_EXCEEDED, from the playground.
    const send = async (prompt: string, code: string, name: string) => {
      await page.goto(`${gateway.url}/admin/playground`);
      await page.getByTestId('model-route').waitFor();
      await page.locator('textarea[name=prompt]').fill(prompt);
      await page.getByRole('button', { name: zhCN['playground.send'] }).click();
      await page.locator(`[data-testid=chat-error][data-code=${code}]`).waitFor();
      await check(name, code);
    };
    await send('我的密钥是 sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD', 'DLP_BLOCKED', 'dlp-blocked');
    const me = (await gql('{ me { id } }')).data.me.id as string;
    await gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: 1, dailyOutputLimit: null) { dailyInputLimit } }', { u: me });
    await send('你好', 'QUOTA_EXCEEDED', 'quota-exceeded');
    await gql('mutation($u: ID!) { setQuota(userId: $u, dailyInputLimit: null, dailyOutputLimit: null) { dailyInputLimit } }', { u: me });
    const budget = await gql('mutation($u: ID!) { createBudget(input: { scope: USER, userId: $u, amount: 0.000001, hardStop: true }) { id } }', { u: me });
    await gql('mutation($i: ChatInput!) { chat(input: $i) { text } }', { i: { model: 'mock-small', messages: [{ role: 'USER', content: 'spend a little' }] } });
    await send('再说一句', 'BUDGET_EXCEEDED', 'budget-exceeded');
    await gql('mutation($id: ID!) { deleteBudget(id: $id) }', { id: budget.data.createBudget.id });

    expect(problems).toEqual([]);
    await context.close();
  });
});
