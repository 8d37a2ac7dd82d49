import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../client/src/i18n/zh-CN.ts';
import { startFakeOpenAI } from '../fakes/openai.ts';
import type { FakeUpstream } from '../fakes/fake-server.ts';
import { recordErrorCodes, screenshot, signIn, skipBrowserTests, startGateway } from './console-harness.ts';

const ADMIN = { email: 'admin@providers.e2e', password: 'admin-password-e2e' };
const KEY = 'sk-e2e-9c41d7b2a6f08e35d1c7a4b9e2f6d013';

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

describe.skipIf(skipBrowserTests)('providers and routes managed in the console (must-show 2)', () => {
  const gateway = startGateway(ADMIN);
  let primary: FakeUpstream;
  let fallback: FakeUpstream;
  let context: BrowserContext;
  let page: Page;
  let codes: string[];

  beforeAll(async () => {
    primary = await startFakeOpenAI({ reply: 'answer from the primary', apiKey: KEY, models: ['up-primary', 'up-other'] });
    fallback = await startFakeOpenAI({ reply: 'answer from the fallback', models: ['up-fallback'] });
    context = await gateway.context({ locale: 'zh-CN', width: 1440, height: 900 });
    page = await context.newPage();
    codes = recordErrorCodes(page);
    await signIn(page, gateway.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await context?.close();
    await primary?.close();
    await fallback?.close();
  });

  const openProviders = async () => {
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.providers'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['providers.title'], level: 1 }).waitFor();
  };

  const addProvider = async (id: string, url: string, key?: string) => {
    await page.getByTestId('add-provider').click();
    const dialog = page.getByRole('dialog', { name: zhCN['providers.addTitle'] });
    await dialog.locator('input[name=id]').fill(id);
    await dialog.locator('select[name=plugin]').selectOption('openai-compatible');
    await dialog.locator('input[name=baseUrl]').fill(url);
    if (key) await dialog.locator('input[name=apiKey]').fill(key);
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid=provider-row][data-provider="${id}"]`).waitFor();
  };

  const setTarget = async (scope: ReturnType<Page['getByRole']>, field: string, provider: string, model: string) => {
    await scope.locator(`select[name="${field}.provider"]`).selectOption(provider);
    await scope.locator(`input[name="${field}.model"]`).fill(model);
  };

  const chatInPlayground = async (prompt: string) => {
    await page.getByRole('navigation').getByRole('link', { name: zhCN['nav.playground'], exact: true }).click();
    await page.getByRole('heading', { name: zhCN['playground.title'], level: 1 }).waitFor();
    await page.getByLabel(zhCN['playground.model']).selectOption('assistant');
    await page.locator('textarea[name=prompt]').fill(prompt);
    await page.getByRole('button', { name: zhCN['playground.send'] }).click();
    await page.locator('[data-testid=run-status][data-status=done]').waitFor();
    return {
      answer: await page.getByTestId('answer-text').textContent(),
      answeredBy: await page.getByTestId('chat-result').getByTestId('result-answered-by').textContent(),
    };
  };

  it('adds two provider instances, the key write-only and shown as set with its last four characters; tests the connection', async () => {
    await openProviders();
    await addProvider('fake-primary', primary.url, KEY);
    await addProvider('fake-fallback', fallback.url);
    const row = page.locator('[data-testid=provider-row][data-provider="fake-primary"]');
    expect(await row.getByTestId('provider-key').textContent()).toBe(zhCN['providers.keySet'].replace('{last4}', KEY.slice(-4)));
    expect(await page.content()).not.toContain(KEY);

    await row.getByTestId('test-provider').click();
    const test = page.getByTestId('provider-test');
    await test.waitFor();
    expect(await test.getAttribute('data-ok')).toBe('true');
    expect(await test.locator('li').allTextContents()).toEqual(['up-other', 'up-primary']);
    await screenshot(page, 'providers-test-zh', false);
    await page.getByRole('dialog').getByRole('button', { name: zhCN['common.close'] }).first().click();
  });

  it('adds a model with a fallback, and the playground chats through it without a restart', async () => {
    await page.getByTestId('add-model').click();
    const dialog = page.getByRole('dialog', { name: zhCN['models.addTitle'] });
    await dialog.locator('input[name=name]').fill('assistant');
    await setTarget(dialog, 'primary', 'fake-primary', 'up-primary');
    await dialog.getByTestId('add-fallback').click();
    await setTarget(dialog, 'fallbacks.0', 'fake-fallback', 'up-fallback');
    await screenshot(page, 'providers-model-form-zh', false);
    await dialog.getByRole('button', { name: zhCN['common.create'] }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=model-row][data-model="assistant"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('fake-fallback');
    await screenshot(page, 'providers-zh');

    const first = await chatInPlayground('hello through the new route');
    expect(first.answer).toBe('answer from the primary');
    expect(first.answeredBy).toContain('fake-primary');
    expect(primary.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('changes the route in the console, and the next chat takes the new route', async () => {
    await openProviders();
    const row = page.locator('[data-testid=model-row][data-model="assistant"]');
    await row.getByRole('button', { name: zhCN['common.editNamed'].replace('{name}', 'assistant') }).click();
    const dialog = page.getByRole('dialog').filter({ has: page.locator('input[name=name]') });
    await setTarget(dialog, 'primary', 'fake-fallback', 'up-fallback');
    await setTarget(dialog, 'fallbacks.0', 'fake-primary', 'up-primary');
    await dialog.getByRole('button', { name: zhCN['common.save'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid=model-row][data-model="assistant"] td').nth(0).waitFor();

    const before = fallback.requests.length;
    const next = await chatInPlayground('hello after the route change');
    expect(next.answer).toBe('answer from the fallback');
    expect(next.answeredBy).toContain('fake-fallback');
    expect(fallback.requests.length).toBe(before + 1);
  });

  it('never lets the key out: not through the API, not in the database files', async () => {
    const token = await gateway.login(ADMIN.email, ADMIN.password);
    const everything = await gateway.gql('{ providers { id apiKeySet apiKeyLast4 apiKeyEnv options baseUrl } auditLog(first: 50) { edges { node { action metadata } } } }', {}, token);
    expect(everything.data.providers.find((p: { id: string }) => p.id === 'fake-primary')).toMatchObject({ apiKeySet: true, apiKeyLast4: KEY.slice(-4) });
    expect(JSON.stringify(everything)).not.toContain(KEY.slice(0, 20));
    const files = await filesUnder(gateway.dataDir);
    expect(files.length).toBeGreaterThan(10);
    const needle = Buffer.from(KEY.slice(4, 24));
    const leaking: string[] = [];
    for (const file of files) if ((await readFile(file)).includes(needle)) leaking.push(file);
    expect(leaking).toEqual([]);
    expect(codes.filter((c) => c === 'FORBIDDEN')).toEqual([]);
  });
});
