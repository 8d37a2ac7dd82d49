import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dayIn } from '../../util/days.ts';
import { dayTotalsByUser, type UsageTotals } from './usage.store.ts';

export type { UsageTotals } from './usage.store.ts';

/** userId -> today's totals across models and providers, in the configured time zone. */
export function createTodayUsageLoader(em: EntityManager, timezone: string) {
  return new DataLoader<string, UsageTotals>((userIds) => dayTotalsByUser(em, dayIn(timezone), userIds));
}
