import { dayIn } from '../../util/days.ts';
import { startOfNextDay } from '../../util/time-zone.ts';

/** A budget period: one calendar month in the configured time zone. */
export interface BudgetPeriod {
  /** YYYY-MM */
  period: string;
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** First day of the next month, exclusive. */
  until: string;
  /** The instant the next month starts in the time zone: when budgets reset. */
  resetsAt: Date;
}

// The hard-stop check asks for the current period on every chat; it changes once a month.
const current = new Map<string, BudgetPeriod>();

export function budgetPeriod(timeZone: string, at?: Date): BudgetPeriod {
  if (!at) {
    const period = dayIn(timeZone).slice(0, 7);
    const hit = current.get(timeZone);
    if (hit?.period === period) return hit;
    const computed = computePeriod(timeZone, period);
    current.set(timeZone, computed);
    return computed;
  }
  return computePeriod(timeZone, dayIn(timeZone, at).slice(0, 7));
}

function computePeriod(timeZone: string, period: string): BudgetPeriod {
  const [y, m] = period.split('-').map(Number);
  const next = new Date(Date.UTC(y, m, 1));
  const until = next.toISOString().slice(0, 10);
  // Noon UTC on the month's last day falls on that day in every zone from UTC-12 to UTC+11.
  const resetsAt = startOfNextDay(timeZone, new Date(Date.UTC(y, m, 0, 12)));
  return { period, from: `${period}-01`, until, resetsAt };
}
