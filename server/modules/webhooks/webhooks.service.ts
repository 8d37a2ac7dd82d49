import { randomUUID } from 'node:crypto';
import { AppError, badInput, notFound } from '../../errors.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import { postWebhook, redactedUrl } from '../budgets/webhooks.ts';
import { isUniqueViolation, type ServiceContext, type SignedInContext } from '../service-context.ts';
import {
  countWebhookDeliveries,
  deleteWebhookRow,
  findWebhookDeliveries,
  insertWebhook,
  listWebhooks as listWebhookRows,
  lockWebhook,
  recordWebhookDelivery,
  updateWebhookRow,
  type StoredWebhook,
  type WebhookDelivery,
  type WebhookFormat,
} from './webhooks.store.ts';

export interface WebhookInput {
  url?: string | null;
  format?: WebhookFormat | null;
  secretEnv?: string | null;
  description?: string | null;
  enabled?: boolean | null;
}

export interface WebhookTestResult {
  ok: boolean;
  error: string | null;
  latencyMs: number;
}

const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,99}$/;

function checkUrl(url: string): string {
  const value = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw badInput('url must be an http or https address', 'url');
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || value.length > 2000 || parsed.username || parsed.password) {
    throw badInput('url must be an http or https address of at most 2000 characters, without credentials', 'url');
  }
  return value;
}

function checkSecretEnv(name: string | null | undefined): string | null {
  if (name == null || name.trim() === '') return null;
  if (!ENV_NAME.test(name.trim())) throw badInput('secretEnv must name an environment variable (A-Z, 0-9, _)', 'secretEnv');
  return name.trim();
}

function checkDescription(text: string | null | undefined): string {
  const value = (text ?? '').trim();
  if ([...value].length > 200) throw badInput('description may hold at most 200 characters', 'description');
  return value;
}

/** What the audit trail keeps of a webhook: never the query string, where a robot key lives. */
const audited = (w: Pick<StoredWebhook, 'url' | 'format' | 'secretEnv' | 'description' | 'enabled'>) => ({
  url: redactedUrl(w.url),
  format: w.format,
  secretEnv: w.secretEnv,
  description: w.description,
  enabled: w.enabled,
});

export function listWebhooks(ctx: ServiceContext): Promise<StoredWebhook[]> {
  return listWebhookRows(ctx.app.sql.relaxed);
}

export async function createWebhook(ctx: SignedInContext, input: WebhookInput): Promise<StoredWebhook> {
  if (!input.url) throw badInput('url is required', 'url');
  const hook = {
    id: randomUUID(),
    url: checkUrl(input.url),
    format: input.format ?? 'json',
    secretEnv: checkSecretEnv(input.secretEnv),
    description: checkDescription(input.description),
    enabled: input.enabled ?? true,
  };
  try {
    await ctx.em.transactional(async (em) => {
      await insertWebhook(em, hook);
      appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'webhook.create', targetType: 'webhook', targetId: hook.id, metadata: audited(hook) });
      await em.flush();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A webhook with this address already exists', { field: 'url' });
    throw error;
  }
  return changed(ctx, hook.id);
}

export async function updateWebhook(ctx: SignedInContext, id: string, input: WebhookInput): Promise<StoredWebhook> {
  try {
    await ctx.em.transactional(async (em) => {
      const before = await lockWebhook(em, id);
      if (!before) throw notFound('Webhook');
      const after = {
        id,
        url: input.url ? checkUrl(input.url) : before.url,
        format: input.format ?? before.format,
        secretEnv: input.secretEnv === undefined ? before.secretEnv : checkSecretEnv(input.secretEnv),
        description: input.description == null ? before.description : checkDescription(input.description),
        enabled: input.enabled ?? before.enabled,
      };
      await updateWebhookRow(em, after);
      const [from, to] = [audited(before), audited(after)];
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of Object.keys(to) as (keyof typeof to)[]) if (from[key] !== to[key]) changes[key] = { from: from[key], to: to[key] };
      // A new robot key in the query string changes nothing visible: say that the address changed.
      if (before.url !== after.url && !changes.url) changes.url = { from: from.url, to: `${to.url} (new query string)` };
      appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'webhook.update', targetType: 'webhook', targetId: id, metadata: { changes } });
      await em.flush();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A webhook with this address already exists', { field: 'url' });
    throw error;
  }
  return changed(ctx, id);
}

export async function deleteWebhook(ctx: SignedInContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const before = await lockWebhook(em, id);
    if (!before) throw notFound('Webhook');
    await deleteWebhookRow(em, id);
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'webhook.delete', targetType: 'webhook', targetId: id, metadata: audited(before) });
    await em.flush();
  });
  await ctx.app.budgets.webhooks.changed();
}

/**
 * Sends one test message (JSON: `{"type": "webhook.test", ...}`; WeCom: a
 * markdown line) with the alert retry's timeout, once, and logs the try.
 */
export async function testWebhook(ctx: SignedInContext, id: string): Promise<WebhookTestResult> {
  const [hook] = (await listWebhookRows(ctx.app.sql.relaxed)).filter((w) => w.id === id);
  if (!hook) throw notFound('Webhook');
  const at = new Date().toISOString();
  const body =
    hook.format === 'wecom'
      ? JSON.stringify({ msgtype: 'markdown', markdown: { content: `**测试消息**：Zero Gateway 的预算提醒会发送到这个群机器人。\n> 时间：${at}` } })
      : JSON.stringify({ type: 'webhook.test', id: randomUUID(), webhookId: hook.id, at });
  const started = performance.now();
  let error: string | null = null;
  try {
    await postWebhook({ url: hook.url, format: hook.format, secretEnv: hook.secretEnv ?? undefined }, body, ctx.app.config.alerts.retry.timeoutMs);
  } catch (e) {
    error = (e as Error).message.slice(0, 500);
  }
  const latencyMs = performance.now() - started;
  await recordWebhookDelivery(ctx.app.sql.durable, { webhookId: id, kind: 'test', alertId: null, status: error ? 'failed' : 'delivered', attempt: 1, error, latencyMs });
  appendAuditRecord(ctx.em, { actorId: ctx.viewer.userId, action: 'webhook.test', targetType: 'webhook', targetId: id, metadata: { url: redactedUrl(hook.url), ok: !error } });
  await ctx.em.flush();
  return { ok: !error, error, latencyMs };
}

/** Every try to reach one webhook (alerts and tests), newest first. */
export function listWebhookDeliveries(ctx: ServiceContext, webhookId: string, first?: number | null, after?: string | null): Promise<Connection<WebhookDelivery>> {
  const pool = ctx.app.sql.relaxed;
  return keysetPage({ first, after }, (beforeId, limit) => findWebhookDeliveries(pool, webhookId, beforeId, limit), {
    keyOf: (d) => d.id,
    totalCount: () => countWebhookDeliveries(pool, webhookId),
  });
}

async function changed(ctx: ServiceContext, id: string): Promise<StoredWebhook> {
  await ctx.app.budgets.webhooks.changed();
  const hook = ctx.app.budgets.webhooks.get(id);
  if (!hook) throw notFound('Webhook');
  return hook;
}
