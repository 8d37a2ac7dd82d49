import type { Pool } from 'pg';
import { badInput } from '../../errors.ts';
import { dlpEventCounts, type DlpCount } from '../dlp/dlp.store.ts';
import { histogramPercentile } from './latency-histogram.ts';
import { chatTotals, latencyHistogram, topChatUsers, wholeHoursAndDays, type KeyUsage, type UserUsage } from './executive.store.ts';

export type { DlpCount } from '../dlp/dlp.store.ts';
export type { KeyUsage, UserUsage } from './executive.store.ts';

export interface ExecutiveRange {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

export interface ExecutiveSummary extends ExecutiveRange {
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
  fallbacks: number;
  activeUsers: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  topUsers: UserUsage[];
  topModels: KeyUsage[];
  topProviders: KeyUsage[];
  dlpEvents: DlpCount[];
}

const TOP = 5;

/** errors / requests, 0 without chats (every door reports it the same way). */
export const errorRateOf = (s: ExecutiveSummary): number => (s.requests ? s.errors / s.requests : 0);
/** fallbacks / requests, 0 without chats. */
export const fallbackRateOf = (s: ExecutiveSummary): number => (s.requests ? s.fallbacks / s.requests : 0);
const MAX_RANGE_MS = 2 * 366 * 86_400_000;

export function assertRange(range: ExecutiveRange): void {
  if (!(range.from < range.to)) throw badInput('from must be before to', 'from');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_MS) throw badInput('The range may span at most two years', 'to');
}

const byTokens = (a: KeyUsage, b: KeyUsage) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || (a.key < b.key ? -1 : 1);

/**
 * Usage, reliability, latency and DLP figures over [from, to): whole hours
 * (and, for users, whole days in the time zone) from the rollups, the partial
 * ones at either end straight from the audit records, so the figures are exact
 * for any range; only percentiles are approximate (the histogram's resolution).
 */
export async function executiveSummary(pool: Pool, range: ExecutiveRange, timezone: string): Promise<ExecutiveSummary> {
  assertRange(range);
  const whole = await wholeHoursAndDays(pool, range.from, range.to, timezone);
  // A range inside one hour (or day) has no whole one: everything comes from the records.
  const hours = whole.hours.from < whole.hours.to ? whole.hours : { from: range.to, to: range.to };
  const days = whole.days.from < whole.days.to ? whole.days : { from: range.to, to: range.to, fromDay: whole.days.toDay, toDay: whole.days.toDay };
  const rollupRange = { from: range.from, to: range.to, hoursFrom: hours.from, hoursTo: hours.to };
  const [totals, histogram, users, dlpEvents] = await Promise.all([
    chatTotals(pool, rollupRange),
    latencyHistogram(pool, rollupRange),
    topChatUsers(pool, range, days, TOP),
    dlpEventCounts(pool, range),
  ]);
  return {
    ...range,
    ...totals.all,
    activeUsers: users.activeUsers,
    latencyP50Ms: histogramPercentile(histogram, 0.5),
    latencyP95Ms: histogramPercentile(histogram, 0.95),
    topUsers: users.top,
    topModels: totals.byModel.sort(byTokens).slice(0, TOP),
    // Chats that reached no provider have none to rank.
    topProviders: totals.byProvider.filter((p) => p.key !== '').sort(byTokens).slice(0, TOP),
    dlpEvents,
  };
}
