import type { Pool } from 'pg';
import type { BudgetPeriod } from './budget-period.ts';

export type BudgetScope = 'USER' | 'ROLE' | 'ORGANISATION';

export interface BudgetRow {
  id: string;
  scope: BudgetScope;
  userId: string | null;
  roleId: string | null;
  amount: number;
  /** Percentages of the amount, ascending. */
  thresholds: number[];
  hardStop: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface BudgetWithSpend extends BudgetRow {
  /** Cost settled in the period for the budget's scope. */
  spent: number;
}

export const BUDGET_COLUMNS = `b.id, b.scope, b.user_id, b.role_id, b.amount, b.thresholds, b.hard_stop, b.created_at, b.updated_at`;

/**
 * Spend of each budget in a period: settled cost (daily_usage.cost, priced at
 * settlement) of the user, of the users holding the role now, or of everyone.
 * `$1`/`$2` bound the period's days; callers add their own where clause.
 */
export const SPEND_SQL = `select ${BUDGET_COLUMNS}, case b.scope
    when 'USER' then (select coalesce(sum(u.cost), 0) from daily_usage u where u.user_id = b.user_id and u.day >= $1::date and u.day < $2::date)
    when 'ROLE' then (select coalesce(sum(u.cost), 0) from daily_usage u join user_role r on r.user_id = u.user_id
                       where r.role_id = b.role_id and u.day >= $1::date and u.day < $2::date)
    else (select coalesce(sum(u.cost), 0) from daily_usage u where u.day >= $1::date and u.day < $2::date) end as spent
  from budget b`;

export interface BudgetDbRow {
  id: string;
  scope: BudgetScope;
  user_id: string | null;
  role_id: string | null;
  amount: string;
  thresholds: number[];
  hard_stop: boolean;
  created_at: Date;
  updated_at: Date;
  spent?: string;
}

export function toBudget(row: BudgetDbRow): BudgetWithSpend {
  return {
    id: row.id,
    scope: row.scope,
    userId: row.user_id,
    roleId: row.role_id,
    amount: Number(row.amount),
    thresholds: [...row.thresholds].sort((a, b) => a - b),
    hardStop: row.hard_stop,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    spent: Number(row.spent ?? 0),
  };
}

/** Budgets (all, or these ids) with their spend in the period. */
export async function budgetsWithSpend(pool: Pool, period: BudgetPeriod, ids?: readonly string[]): Promise<BudgetWithSpend[]> {
  const { rows } = await pool.query<BudgetDbRow>({
    text: `${SPEND_SQL} where $3::uuid[] is null or b.id = any($3::uuid[]) order by b.created_at, b.id`,
    values: [period.from, period.until, ids ?? null],
  });
  return rows.map(toBudget);
}

/** Thresholds (percent) the spend has reached. */
export function thresholdsCrossed(budget: BudgetWithSpend): number[] {
  return budget.thresholds.filter((t) => budget.spent * 100 >= budget.amount * t);
}
