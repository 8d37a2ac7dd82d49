import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { GatewayConfig, PricingConfig } from '../../config/index.ts';
import type { ClusterBus } from '../../cluster/bus.ts';
import { BudgetGuard } from './budget-guard.ts';
import { BudgetMonitor } from './budget-monitor.ts';
import { insertMissingPrices } from './budgets.store.ts';
import { WebhookDirectory } from '../webhooks/webhook-directory.ts';

/** Budgets at run time: the hard-stop guard on the chat path and the alert monitor behind settlement. */
export interface BudgetRuntime {
  guard: BudgetGuard;
  monitor: BudgetMonitor;
  /** The alert webhooks (data; the config file seeds them): `start` before the monitor starts. */
  webhooks: WebhookDirectory;
}

export function createBudgetRuntime(pool: Pool, config: GatewayConfig, timeZone: string, logger: Logger, bus?: ClusterBus): BudgetRuntime {
  const currency = config.pricing.currency;
  const webhooks = new WebhookDirectory(pool, logger, bus);
  return {
    guard: new BudgetGuard(pool, timeZone, currency),
    monitor: new BudgetMonitor(pool, logger, { timeZone, currency, alerts: config.alerts, webhooks, bus }),
    webhooks,
  };
}

/**
 * Seeds the price table from the config for models it does not price yet, at
 * start-up. A price already in the table (set through `setPrice`) wins, so
 * edits survive restarts.
 */
export async function seedPrices(pool: Pool, pricing: PricingConfig): Promise<void> {
  const prices = Object.entries(pricing.models).map(([model, p]) => ({ model, inputPerMillion: p.inputPerMillion, outputPerMillion: p.outputPerMillion }));
  await insertMissingPrices(pool, prices);
}
