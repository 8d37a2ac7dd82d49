import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ClusterBus } from '../../cluster/bus.ts';
import type { WebhookConfig } from '../../config/index.ts';
import { listWebhooks, seedWebhooks, type StoredWebhook } from './webhooks.store.ts';

const CHANNEL = 'webhooks.changed';

/** A stable id for a config webhook, so every instance seeding it agrees. */
function configWebhookId(url: string): string {
  const h = createHash('sha256').update(`zero-webhook:${url}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The alert webhooks every instance posts to, kept in memory and reloaded when
 * any instance changes them (announced on the cluster bus), so the alert path
 * never queries them. The config file's webhooks seed the table at start.
 */
export class WebhookDirectory {
  private hooks: StoredWebhook[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly bus?: ClusterBus,
  ) {
    bus?.subscribe(CHANNEL, () => void this.reload().catch((error) => this.logger.warn({ err: error }, 'reloading webhooks failed')));
  }

  async start(fromConfig: readonly WebhookConfig[]): Promise<void> {
    await seedWebhooks(this.pool, fromConfig.map((w) => ({ id: configWebhookId(w.url), url: w.url, format: w.format, secretEnv: w.secretEnv ?? null })));
    await this.reload();
  }

  /** Every webhook, enabled or not, in creation order. */
  all(): readonly StoredWebhook[] {
    return this.hooks;
  }

  get(id: string): StoredWebhook | undefined {
    return this.hooks.find((h) => h.id === id);
  }

  async reload(): Promise<void> {
    this.hooks = await listWebhooks(this.pool);
  }

  /** After a change here: reload, and tell the other instances to. */
  async changed(): Promise<void> {
    await this.reload();
    this.bus?.publish(CHANNEL, {});
  }
}
