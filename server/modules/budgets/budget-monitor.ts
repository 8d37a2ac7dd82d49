import { setTimeout as sleep } from 'node:timers/promises';
import { createPubSub } from 'graphql-yoga';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AlertsConfig } from '../../config/index.ts';
import { backoffDelay } from '../../router/backoff.ts';
import { budgetPeriod } from './budget-period.ts';
import { SPEND_SQL } from './budget-spend.ts';
import { postWebhook, redactedUrl, webhookBody, type AlertMessage } from './webhooks.ts';

export interface AlertDelivery {
  url: string;
  format: 'json' | 'wecom';
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface BudgetAlertRow extends AlertMessage {
  deliveries: AlertDelivery[];
}

export interface BudgetAlertDbRow {
  id: string;
  budget_id: string | null;
  scope: string;
  period: string;
  threshold: number;
  spent: string;
  amount: string;
  currency: string;
  at: Date;
  deliveries: AlertDelivery[];
  target: string | null;
}

export const ALERT_SELECT = `select a.* from budget_alert a`;

export function toAlert(row: BudgetAlertDbRow): BudgetAlertRow {
  return {
    id: String(row.id),
    budgetId: row.budget_id,
    scope: row.scope,
    target: row.target,
    period: row.period,
    threshold: row.threshold,
    spent: Number(row.spent),
    amount: Number(row.amount),
    currency: row.currency,
    at: row.at,
    deliveries: row.deliveries,
  };
}

// Every threshold reached creates its alert once: the unique (budget, period, threshold) makes
// the insert a no-op for whichever evaluator (any instance) comes second.
const RAISE_SQL = `with spend as (${SPEND_SQL})
  insert into budget_alert (budget_id, scope, target, period, threshold, spent, amount, currency, deliveries, delivery_lease_until)
  select s.id, s.scope, coalesce((select email from app_user where id = s.user_id), (select name from role where id = s.role_id)), $3, t.threshold, s.spent, s.amount, $4, $5::jsonb, case when $6::int8 > 0 then now() + $6::int8 * interval '1 millisecond' end
  from spend s cross join lateral unnest(s.thresholds) as t(threshold)
  where s.spent * 100 >= s.amount * t.threshold
  order by s.id, t.threshold
  on conflict on constraint budget_alert_once do nothing
  returning id`;

/**
 * Raises budget alerts after chats settle, off the request path: the settlement
 * queue calls `schedule()` after each committed batch; evaluations are
 * coalesced (at most one running, one more queued) and one also runs every
 * `intervalMs` to catch budget changes made on other instances. Each new alert
 * is posted to every configured webhook by the instance that created it, with
 * retries, each try recorded on the alert. Subscribers of every instance get
 * it: the creator publishes at once, the others find it within `pollMs`.
 */
export class BudgetMonitor {
  readonly pubsub = createPubSub<{ budgetAlert: [BudgetAlertRow] }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<BudgetAlertRow[]> | null = null;
  private again = false;
  private lastStarted = 0;
  private deferred: NodeJS.Timeout | null = null;
  /** Spend moves a little with each batch; alerts may trail it by this much. */
  static readonly MIN_INTERVAL_MS = 250;
  private readonly deliveries = new Set<Promise<void>>();
  private stopped = false;
  private readonly closing = new AbortController();
  private poller: NodeJS.Timeout | undefined;
  /** Ids of recent alerts already published here (a minute's worth), so none is published twice. */
  private readonly published = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
    private readonly options: { timeZone: string; currency: string; alerts: AlertsConfig; intervalMs?: number; pollMs?: number },
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.schedule();
      void this.resumeDeliveries().catch((error) => this.logger.warn({ err: error }, 'resuming alert deliveries failed'));
    }, this.options.intervalMs ?? 30_000);
    this.timer.unref();
    this.poller = setInterval(() => void this.publishOthers().catch((error) => this.logger.warn({ err: error }, 'budget alert poll failed')), this.options.pollMs ?? 2_000);
    this.poller.unref();
  }

  /**
   * Publishes alerts that other instances created in the last minute and this
   * one has not published yet. A minute's window, not an id watermark: ids are
   * taken before commit, so a smaller id can become visible after a larger one.
   */
  async publishOthers(): Promise<void> {
    const { rows } = await this.pool.query<BudgetAlertDbRow>({ name: 'budget-alerts-recent', text: `${ALERT_SELECT} where a.at > now() - interval '1 minute' order by a.id` });
    const cutoff = Date.now() - 120_000;
    for (const [id, at] of this.published) if (at < cutoff) this.published.delete(id);
    for (const row of rows) this.publish(toAlert(row));
  }

  private publish(alert: BudgetAlertRow): void {
    if (this.published.has(alert.id)) return;
    this.published.set(alert.id, Date.now());
    this.pubsub.publish('budgetAlert', alert);
  }

  /** Asks for an evaluation soon; cheap to call after every settled batch. */
  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // At most one evaluation per interval: under steady traffic every batch would otherwise
    // add a month-wide spend query beside the chats themselves.
    const wait = this.lastStarted + BudgetMonitor.MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.deferred ??= setTimeout(() => {
        this.deferred = null;
        this.schedule();
      }, wait);
      return;
    }
    void this.evaluate().catch((error) => this.logger.error({ err: error }, 'budget evaluation failed'));
  }

  /** Raises the alerts whose thresholds are reached and not yet alerted; returns the ones this call created. */
  async evaluate(): Promise<BudgetAlertRow[]> {
    while (this.running) await this.running.catch(() => []);
    this.lastStarted = Date.now();
    this.running = this.raise();
    try {
      return await this.running;
    } finally {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  /** Resolves when every delivery started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    if (this.deferred) {
      // An evaluation was waiting for its turn: run it now rather than leave it behind.
      clearTimeout(this.deferred);
      this.deferred = null;
      await this.evaluate().catch(() => []);
    }
    while (this.running) await this.running.catch(() => []);
    while (this.deliveries.size) await Promise.allSettled([...this.deliveries]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // Cut backoff waits short: a delivery still pending at shutdown stays recorded as pending.
    this.closing.abort();
    if (this.deferred) clearTimeout(this.deferred);
    clearInterval(this.timer);
    clearInterval(this.poller);
    await this.idle();
  }

  private async raise(): Promise<BudgetAlertRow[]> {
    const period = budgetPeriod(this.options.timeZone);
    const pending: AlertDelivery[] = this.options.alerts.webhooks.map((w) => ({ url: redactedUrl(w.url), format: w.format, status: 'pending', attempts: 0, lastError: null, deliveredAt: null }));
    const lease = pending.length ? this.leaseMs() : 0;
    const { rows } = await this.pool.query<{ id: string }>({ text: RAISE_SQL, values: [period.from, period.until, period.period, this.options.currency, JSON.stringify(pending), lease] });
    if (rows.length === 0) return [];
    const alerts = (await this.pool.query<BudgetAlertDbRow>({ text: `${ALERT_SELECT} where a.id = any($1::int8[]) order by a.id`, values: [rows.map((r) => r.id)] })).rows.map(toAlert);
    for (const alert of alerts) {
      this.logger.info({ alertId: alert.id, budgetId: alert.budgetId, threshold: alert.threshold, period: alert.period }, 'budget alert');
      this.publish(alert);
      this.options.alerts.webhooks.forEach((_w, i) => this.startDelivery(alert, i));
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
    const { rows } = await this.pool.query<{ id: string }>({
      text: `update budget_alert a set delivery_lease_until = now() + $1::int8 * interval '1 millisecond'
             where a.id in (select id from budget_alert where delivery_lease_until < now() order by id limit 20 for update skip locked)
             returning a.id`,
      values: [this.leaseMs()],
    });
    if (rows.length === 0) return 0;
    const alerts = (await this.pool.query<BudgetAlertDbRow>({ text: `${ALERT_SELECT} where a.id = any($1::int8[]) order by a.id`, values: [rows.map((r) => r.id)] })).rows.map(toAlert);
    let resumed = 0;
    for (const alert of alerts) {
      alert.deliveries.forEach((d, i) => {
        if (d.status !== 'pending') return;
        resumed++;
        this.startDelivery(alert, i);
      });
      // Nothing left to deliver (e.g. all done but the lease not cleared): release it.
      if (!alert.deliveries.some((d) => d.status === 'pending')) await this.releaseLease(alert.id);
    }
    return resumed;
  }

  private startDelivery(alert: BudgetAlertRow, index: number): void {
    const delivery = this.deliver(alert, index).catch((error) => this.logger.error({ err: error, alertId: alert.id }, 'alert delivery failed'));
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  private releaseLease(id: string): Promise<unknown> {
    return this.pool.query({ text: `update budget_alert set delivery_lease_until = null where id = $1 and not deliveries @> '[{"status": "pending"}]'`, values: [id] });
  }

  /** Posts one alert to one webhook until it is accepted or the tries run out, recording each try on the alert. */
  private async deliver(alert: BudgetAlertRow, index: number): Promise<void> {
    const webhook = this.options.alerts.webhooks[index];
    const { attempts, baseBackoffMs, timeoutMs } = this.options.alerts.retry;
    const state = { ...alert.deliveries[index] };
    const record = () =>
      this.pool.query({ text: `update budget_alert set deliveries = jsonb_set(deliveries, array[$2::text], $3::jsonb) where id = $1`, values: [alert.id, String(index), JSON.stringify(state)] });
    // Resuming after a restart whose config no longer has this webhook: nothing to post to.
    if (!webhook || redactedUrl(webhook.url) !== state.url || webhook.format !== state.format) {
      Object.assign(state, { status: 'failed', lastError: 'webhook no longer configured' });
      await record();
      await this.releaseLease(alert.id);
      return;
    }
    const body = webhookBody(webhook.format, alert);
    for (let attempt = state.attempts + 1; attempt <= attempts; attempt++) {
      try {
        await postWebhook(webhook, body, timeoutMs);
        Object.assign(state, { attempts: attempt, status: 'delivered', deliveredAt: new Date().toISOString() });
      } catch (error) {
        Object.assign(state, { attempts: attempt, status: attempt === attempts ? 'failed' : 'pending', lastError: (error as Error).message });
      }
      await record();
      if (state.status !== 'pending') return this.releaseLease(alert.id).then(() => {});
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
      await this.releaseLease(alert.id);
    }
  }
}
