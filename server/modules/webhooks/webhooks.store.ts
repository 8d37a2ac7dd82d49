import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';

/** The webhooks domain's SQL: the alert webhooks and the log of every try to reach one. */

export type WebhookFormat = 'json' | 'wecom';

export interface StoredWebhook {
  id: string;
  /** The whole URL (a WeCom robot's key is in its query string): never returned by the API. */
  url: string;
  format: WebhookFormat;
  /** The environment variable holding the HMAC secret JSON posts are signed with; the secret itself is never stored. */
  secretEnv: string | null;
  description: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  kind: 'alert' | 'test';
  alertId: string | null;
  status: 'delivered' | 'failed';
  attempt: number;
  error: string | null;
  latencyMs: number;
  at: Date;
}

const COLUMNS = 'id, url, format, secret_env, description, enabled, created_at, updated_at';
const toWebhook = (r: Record<string, any>): StoredWebhook => ({
  id: r.id,
  url: r.url,
  format: r.format,
  secretEnv: r.secret_env,
  description: r.description,
  enabled: r.enabled,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listWebhooks(pool: Pool): Promise<StoredWebhook[]> {
  const { rows } = await pool.query(`select ${COLUMNS} from webhook order by created_at, id`);
  return rows.map(toWebhook);
}

/** Adds the config's webhooks the table lacks (by URL); edits made through the API win over the file. */
export async function seedWebhooks(pool: Pool, hooks: { id: string; url: string; format: WebhookFormat; secretEnv: string | null }[]): Promise<void> {
  if (!hooks.length) return;
  await pool.query(
    // One statement, so each gets a creation time a microsecond after the one before: the file's order is kept.
    `insert into webhook (id, url, format, secret_env, description, created_at, updated_at)
     select id, url, format, secret_env, 'from the config file', now() + n * interval '1 microsecond', now()
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) with ordinality as t(id, url, format, secret_env, n)
     on conflict (url) do nothing`,
    [hooks.map((h) => h.id), hooks.map((h) => h.url), hooks.map((h) => h.format), hooks.map((h) => h.secretEnv)],
  );
}

export async function insertWebhook(em: EntityManager, w: Omit<StoredWebhook, 'createdAt' | 'updatedAt'>): Promise<void> {
  await em.execute(`insert into webhook (id, url, format, secret_env, description, enabled) values (?, ?, ?, ?, ?, ?)`, [w.id, w.url, w.format, w.secretEnv, w.description, w.enabled]);
}

/** The webhook, locked until the transaction ends; null when there is none. */
export async function lockWebhook(em: EntityManager, id: string): Promise<StoredWebhook | null> {
  const [row] = await em.execute<Record<string, any>[]>(`select ${COLUMNS} from webhook where id = ? for update`, [id]);
  return row ? toWebhook(row) : null;
}

export async function updateWebhookRow(em: EntityManager, w: Pick<StoredWebhook, 'id' | 'url' | 'format' | 'secretEnv' | 'description' | 'enabled'>): Promise<void> {
  await em.execute(`update webhook set url = ?, format = ?, secret_env = ?, description = ?, enabled = ?, updated_at = now() where id = ?`, [
    w.url, w.format, w.secretEnv, w.description, w.enabled, w.id,
  ]);
}

export async function deleteWebhookRow(em: EntityManager, id: string): Promise<void> {
  await em.execute(`delete from webhook where id = ?`, [id]);
}

export async function recordWebhookDelivery(pool: Pool, d: Omit<WebhookDelivery, 'id' | 'at'>): Promise<void> {
  await pool.query(`insert into webhook_delivery (webhook_id, kind, alert_id, status, attempt, error, latency_ms) values ($1, $2, $3, $4, $5, $6, $7)`, [
    d.webhookId, d.kind, d.alertId, d.status, d.attempt, d.error, Math.round(d.latencyMs),
  ]);
}

/** Up to `limit` tries of one webhook with an id below `beforeId`, newest first. */
export async function findWebhookDeliveries(pool: Pool, webhookId: string, beforeId: string | null, limit: number): Promise<WebhookDelivery[]> {
  const { rows } = await pool.query(
    `select id, webhook_id, kind, alert_id, status, attempt, error, latency_ms, at from webhook_delivery
     where webhook_id = $1 and ($2::int8 is null or id < $2) order by id desc limit $3`,
    [webhookId, beforeId, limit],
  );
  return rows.map((r) => ({ id: String(r.id), webhookId: r.webhook_id, kind: r.kind, alertId: r.alert_id, status: r.status, attempt: r.attempt, error: r.error, latencyMs: r.latency_ms, at: r.at }));
}

export async function countWebhookDeliveries(pool: Pool, webhookId: string): Promise<number> {
  const { rows } = await pool.query(`select count(*) as n from webhook_delivery where webhook_id = $1`, [webhookId]);
  return Number(rows[0].n);
}
