import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config/index.ts';
import { BudgetGuard } from './budget-guard.ts';
import { BudgetMonitor } from './budget-monitor.ts';

/** Budgets at run time: the hard-stop guard on the chat path and the alert monitor behind settlement. */
export interface BudgetRuntime {
  guard: BudgetGuard;
  monitor: BudgetMonitor;
}

export function createBudgetRuntime(pool: Pool, config: GatewayConfig, timeZone: string, logger: Logger): BudgetRuntime {
  const currency = config.pricing.currency;
  return {
    guard: new BudgetGuard(pool, timeZone, currency),
    monitor: new BudgetMonitor(pool, logger, { timeZone, currency, alerts: config.alerts }),
  };
}

export { seedPrices } from './prices.service.ts';
