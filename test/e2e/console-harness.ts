import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureConsoleBuilt } from '../../server/admin-console/ensure-built.ts';
import { startServerProcess, type ServerProcess } from '../fixtures/server-process.ts';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
export const STEP_MS = 15_000;

export const haveChromium = existsSync(CHROMIUM);
export const inCI = process.env.CI === 'true';
/** Browser tests run where Chromium is installed, and must run in CI. */
export const skipBrowserTests = !haveChromium && !inCI;
if (skipBrowserTests) console.warn(`[console e2e] skipped: ${CHROMIUM} is missing (apt-get install -y chromium). Under CI=true this fails instead.`);

/** Rejects after `ms` so no step can hang the run. */
export function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms))),
  ]);
}

export interface GqlResult {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface Gateway {
  url: string;
  admin: { email: string; password: string };
  /** The gateway's data folder (its embedded database's files among them). */
  dataDir: string;
  browser: Browser;
  /** A POST to /graphql with a bearer token. */
  gql(query: string, variables: object, token: string): Promise<GqlResult>;
  /** A session token for email and password (fails the test when refused). */
  login(email: string, password: string): Promise<string>;
  /** A fresh browser context (its own storage) at a language and window size. */
  context(options?: { locale?: string; width?: number; height?: number }): Promise<BrowserContext>;
}

/**
 * One gateway (embedded database, the console built first) and one headless Chromium
 * for the describe block that calls this; both stopped by pid / closed on every path.
 */
export function startGateway(admin: { email: string; password: string }): Gateway {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let dataDir = '';
  const gateway: Gateway = {
    get url() {
      return server!.url;
    },
    admin,
    get dataDir() {
      return dataDir;
    },
    get browser() {
      return browser!;
    },
    async gql(query, variables, token) {
      const res = await within(
        STEP_MS,
        'GraphQL request',
        fetch(`${server!.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        }),
      );
      return (await res.json()) as GqlResult;
    },
    async login(email, password) {
      const res = await within(
        STEP_MS,
        'sign-in',
        fetch(`${server!.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', variables: { e: email, p: password } }),
        }),
      );
      const body = (await res.json()) as GqlResult;
      if (!body.data?.login?.token) throw new Error(`sign-in as ${email} refused: ${JSON.stringify(body.errors)}`);
      return body.data.login.token as string;
    },
    async context(options = {}) {
      const context = await browser!.newContext({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 }, locale: options.locale ?? 'zh-CN', acceptDownloads: true });
      context.setDefaultTimeout(STEP_MS);
      return context;
    },
  };

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI=true and ${CHROMIUM} is missing: install it (apt-get install -y chromium); browser tests must not be skipped in CI`);
    await mkdir(SCREENSHOTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'zero-console-e2e-'));
    // Build before the gateway starts so its own start-up check is instant and within its health timeout.
    await within(120_000, 'console build', ensureConsoleBuilt({ logger: { info: () => {}, warn: (o, m) => console.warn(m, o) } }));
    try {
      server = await startServerProcess({ ZERO_DATA_DIR: dataDir, DATABASE_URL: undefined, ZERO_ADMIN_EMAIL: admin.email, ZERO_ADMIN_PASSWORD: admin.password });
      browser = await within(30_000, 'Chromium launch', chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 }));
    } catch (error) {
      await browser?.close().catch(() => {});
      await server?.stop();
      throw error;
    }
  });

  afterAll(async () => {
    await within(15_000, 'browser close', browser?.close() ?? Promise.resolve()).catch(() => {});
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return gateway;
}

/** Signs in through the login page and waits for the first page of the console. */
export async function signIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/admin/`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('main h1').first().waitFor();
}

/**
 * Every coded GraphQL error the page received, by code. A console that follows the
 * reader's permissions never asks for what it will be refused (no FORBIDDEN).
 */
export function recordErrorCodes(page: Page): string[] {
  const codes: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || !(response.headers()['content-type'] ?? '').includes('json')) return;
    try {
      const body = (await response.json()) as GqlResult;
      for (const e of body.errors ?? []) codes.push(String(e.extensions?.code ?? 'UNKNOWN'));
    } catch {
      // not JSON after all (a closed stream): nothing to record
    }
  });
  return codes;
}

/**
 * The whole page (or, with a dialog open, the window). The window is made as tall as
 * the page for the capture, so the sticky sidebar and top bar sit where a reader sees
 * them instead of wherever a stitched full-page capture leaves them.
 */
export async function screenshot(page: Page, name: string, fullPage = true) {
  const path = join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (!fullPage || !viewport) return page.screenshot({ path, animations: 'disabled' });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 8000) });
  try {
    await page.screenshot({ path, animations: 'disabled' });
  } finally {
    await page.setViewportSize(viewport);
  }
}
