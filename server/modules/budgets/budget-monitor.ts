import { setTimeout as sleep } from 'node:timers/promises';
import { createPubSub } from 'graphql-yoga';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AlertsConfig } from '../../config/index.ts';
import type { ClusterBus } from '../../cluster/bus.ts';
import { relayOverBus, type Relay } from '../../cluster/relay.ts';
import { backoffDelay } from '../../router/backoff.ts';
import { PeriodicTask, type PassReason, type PeriodicTaskStats } from '../../util/periodic-task.ts';
import { budgetPeriod } from './budget-period.ts';
import {
  raiseBudgetAlerts,
  recentBudgetAlerts,
  recordAlertDelivery,
  releaseDeliveryLease,
  takeOverExpiredDeliveries,
  type AlertDelivery,
  type BudgetAlert,
} from './budgets.store.ts';
import { postWebhook, redactedUrl, webhookBody } from './webhooks.ts';
import type { WebhookDirectory } from '../webhooks/webhook-directory.ts';
import { recordWebhookDelivery, type StoredWebhook } from '../webhooks/webhooks.store.ts';

/**
 * Raises budget alerts after chats settle, off the request path: the settlement
 * queue calls `schedule()` after each committed batch; evaluations are
 * coalesced (at most one running, one more queued, at most one start per
 * MIN_INTERVAL_MS) and one also runs every `intervalMs` to catch budget changes
 * made on other instances. Each new alert is posted to every configured webhook
 * by the instance that created it, with retries, each try recorded on the
 * alert. Subscribers of every instance get it: the creator publishes it at
 * once, to its own subscribers and over the cluster bus to the others'; after
 * the bus was cut off, each instance looks up the last minute's alerts once.
 * Without a bus (a monitor built alone) it polls for other instances' alerts
 * every `pollMs` instead.
 */
export class BudgetMonitor {
  readonly pubsub = createPubSub<{ budgetAlert: [BudgetAlert] }>();
  /** Spend moves a little with each batch; alerts may trail it by this much. */
  static readonly MIN_INTERVAL_MS = 250;
  private readonly evaluation: PeriodicTask<BudgetAlert[]>;
  private readonly poll: PeriodicTask<void>;
  private readonly deliveries = new Set<Promise<void>>();
  private stopped = false;
  private readonly closing = new AbortController();
  /** Ids of recent alerts already published here (a minute's worth), so none is published twice. */
  private readonly published = new Map<string, number>();
  private readonly relay: Relay<BudgetAlert> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: {
      timeZone: string;
      currency: string;
      /** Retry settings (`alerts.retry`); the webhooks themselves come from `webhooks`. */
      alerts: AlertsConfig;
      /** The webhooks alerts go to (data, reloaded on change). */
      webhooks: Pick<WebhookDirectory, 'all' | 'get'>;
      intervalMs?: number;
      pollMs?: number;
      bus?: ClusterBus;
    },
  ) {
    this.evaluation = new PeriodicTask({
      name: 'budget evaluation',
      intervalMs: options.intervalMs ?? 30_000,
      // Under steady traffic every batch would otherwise add a month-wide spend query beside the chats themselves.
      minGapMs: BudgetMonitor.MIN_INTERVAL_MS,
      logger,
      run: (reason) => this.evaluationPass(reason),
    });
    this.poll = new PeriodicTask({ name: 'budget alert poll', intervalMs: options.pollMs ?? 2_000, logger, run: () => this.publishOthers() });
    const { bus } = options;
    if (bus) {
      this.relay = relayOverBus<BudgetAlert>(bus, 'budgets.alerts', {
        deliver: (alert) => this.publish(alert),
        revive: (wire) => ({ ...(wire as BudgetAlert), at: new Date((wire as { at: string }).at) }),
        maxDelayMs: 0,
      });
      // Alerts raised elsewhere while the bus was down were not heard: look them up once.
      bus.subscribe('bus.reconnected', () => void this.publishOthers().catch((error) => this.logger.warn({ err: error }, 'budget alert catch-up failed')));
    }
  }

  start(): void {
    this.evaluation.start();
    // The cluster bus brings other instances' alerts; polling is only for a monitor without one.
    if (!this.relay) this.poll.start();
  }

  stats(): PeriodicTaskStats[] {
    return [this.evaluation.stats(), this.poll.stats()];
  }

  /**
   * Publishes alerts that other instances created in the last minute and this
   * one has not published yet. A minute's window, not an id watermark: ids are
   * taken before commit, so a smaller id can become visible after a larger one.
   */
  async publishOthers(): Promise<void> {
    const alerts = await recentBudgetAlerts(this.pool);
    const cutoff = Date.now() - 120_000;
    for (const [id, at] of this.published) if (at < cutoff) this.published.delete(id);
    for (const alert of alerts) this.publish(alert);
  }

  private publish(alert: BudgetAlert): void {
    if (this.published.has(alert.id)) return;
    this.published.set(alert.id, Date.now());
    this.pubsub.publish('budgetAlert', alert);
  }

  /** Asks for an evaluation soon; cheap to call after every settled batch. */
  schedule(): void {
    this.evaluation.trigger();
  }

  /** Raises the alerts whose thresholds are reached and not yet alerted; returns the ones this call created. */
  evaluate(): Promise<BudgetAlert[]> {
    return this.evaluation.runNow(() => this.raise());
  }

  /** Resolves when every evaluation asked for and every delivery started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    await this.evaluation.idle();
    while (this.deliveries.size) await Promise.allSettled([...this.deliveries]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // Cut backoff waits short: a delivery still pending at shutdown stays recorded as pending.
    this.closing.abort();
    await Promise.all([this.evaluation.stop(), this.poll.stop()]);
    this.relay?.close();
    await this.idle();
  }

  /** On the interval, also takes over deliveries that an instance which stopped left pending. */
  private async evaluationPass(reason: PassReason): Promise<BudgetAlert[]> {
    if (reason === 'interval') void this.resumeDeliveries().catch((error) => this.logger.warn({ err: error }, 'resuming alert deliveries failed'));
    return this.raise();
  }

  private async raise(): Promise<BudgetAlert[]> {
    const hooks = this.options.webhooks.all().filter((w) => w.enabled);
    const pending: AlertDelivery[] = hooks.map((w) => ({ webhookId: w.id, url: redactedUrl(w.url), format: w.format, status: 'pending', attempts: 0, lastError: null, deliveredAt: null }));
    const alerts = await raiseBudgetAlerts(this.pool, {
      period: budgetPeriod(this.options.timeZone),
      currency: this.options.currency,
      deliveries: pending,
      leaseMs: pending.length ? this.leaseMs() : 0,
    });
    for (const alert of alerts) {
      this.logger.info({ alertId: alert.id, budgetId: alert.budgetId, threshold: alert.threshold, period: alert.period }, 'budget alert');
      this.publish(alert);
      this.relay?.send(alert);
      hooks.forEach((_w, i) => this.startDelivery(alert, i));
    }
    return alerts;
  }

  /** Long enough for every try of every webhook of an alert, backoffs and timeouts included. */
  private leaseMs(): number {
    const { attempts, baseBackoffMs, timeoutMs } = this.options.alerts.retry;
    return attempts * (timeoutMs + baseBackoffMs * 2 ** 6) + 60_000;
  }

  /**
   * Takes over deliveries left pending by an instance that stopped before it
   * finished (its lease expired), and carries on from the tries it recorded.
   * A receiver may then see an alert twice (a try that succeeded but was not
   * recorded); the alert id lets it deduplicate.
   */
  async resumeDeliveries(): Promise<number> {
    const alerts = await takeOverExpiredDeliveries(this.pool, this.leaseMs());
    let resumed = 0;
    for (const alert of alerts) {
      alert.deliveries.forEach((d, i) => {
        if (d.status !== 'pending') return;
        resumed++;
        this.startDelivery(alert, i);
      });
      // Nothing left to deliver (e.g. all done but the lease not cleared): release it.
      if (!alert.deliveries.some((d) => d.status === 'pending')) await releaseDeliveryLease(this.pool, alert.id);
    }
    return resumed;
  }

  private startDelivery(alert: BudgetAlert, index: number): void {
    const delivery = this.deliver(alert, index).catch((error) => this.logger.error({ err: error, alertId: alert.id }, 'alert delivery failed'));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** The webhook a delivery is for: by id, or (alerts raised before webhooks were data) by URL and format. */
  private webhookOf(state: AlertDelivery): StoredWebhook | undefined {
    if (state.webhookId) return this.options.webhooks.get(state.webhookId);
    return this.options.webhooks.all().find((w) => redactedUrl(w.url) === state.url && w.format === state.format);
  }

  /** Posts one alert to one webhook until it is accepted or the tries run out, recording each try on the alert. */
  private async deliver(alert: BudgetAlert, index: number): Promise<void> {
    const { attempts, baseBackoffMs, timeoutMs } = this.options.alerts.retry;
    const state = { ...alert.deliveries[index] };
    const webhook = this.webhookOf(state);
    const record = () => recordAlertDelivery(this.pool, alert.id, index, state);
    // Resuming after the webhook was deleted or disabled: nothing to post to.
    if (!webhook || !webhook.enabled || redactedUrl(webhook.url) !== state.url || webhook.format !== state.format) {
      Object.assign(state, { status: 'failed', lastError: 'webhook no longer configured' });
      await record();
      await releaseDeliveryLease(this.pool, alert.id);
      return;
    }
    const body = webhookBody(webhook.format, alert);
    for (let attempt = state.attempts + 1; attempt <= attempts; attempt++) {
      const started = performance.now();
      let failure: string | null = null;
      try {
        await postWebhook({ url: webhook.url, format: webhook.format, secretEnv: webhook.secretEnv ?? undefined }, body, timeoutMs);
        Object.assign(state, { attempts: attempt, status: 'delivered', deliveredAt: new Date().toISOString() });
      } catch (error) {
        failure = (error as Error).message;
        Object.assign(state, { attempts: attempt, status: attempt === attempts ? 'failed' : 'pending', lastError: failure });
      }
      await record();
      // The webhook's own delivery log (the console's), beside the alert's record of it.
      await recordWebhookDelivery(this.pool, {
        webhookId: webhook.id,
        kind: 'alert',
        alertId: alert.id,
        status: failure ? 'failed' : 'delivered',
        attempt,
        error: failure,
        latencyMs: performance.now() - started,
      }).catch((error) => this.logger.warn({ err: error, webhookId: webhook.id }, 'recording a webhook delivery failed'));
      if (state.status !== 'pending') {
        await releaseDeliveryLease(this.pool, alert.id);
        return;
      }
      if (this.stopped) return;
      // The router's backoff: exponential with full jitter, so instances that failed together do not retry together.
      const delay = backoffDelay(attempt - 1, { baseMs: baseBackoffMs, maxMs: baseBackoffMs * 2 ** 6, jitter: 'full' });
      await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => {});
      // Shutting down: the delivery stays pending, and another instance takes it over when the lease ends.
      if (this.stopped) return;
    }
    // Out of tries (attempts lowered since the last run): give up.
    if (state.status === 'pending') {
      Object.assign(state, { status: 'failed' });
      await record();
      await releaseDeliveryLease(this.pool, alert.id);
    }
  }
}
