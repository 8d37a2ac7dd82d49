import type { Pool } from 'pg';
import { AppError } from '../../errors.ts';
import { budgetPeriod } from './budget-period.ts';
import type { BudgetHold } from '../metering/quota-reservation.ts';
import { allBudgets, type BudgetRow } from './budgets.store.ts';

/**
 * The hard stop before a chat goes upstream. All budgets are held in memory (a
 * small table, reloaded after a change on this instance or after
 * `budgetsTtlMs`), so a user under no hard-stop budget costs nothing. For the
 * others this names the budgets that apply; admission (`admit_chat`) then
 * holds the chat's worst-case cost against each, atomically with the quota
 * reservation, and refuses when settled spend plus what is in flight plus this
 * chat would pass the amount. So no number of concurrent chats, on any number
 * of instances, can push a hard-stopped budget over.
 */
export class BudgetGuard {
  private budgets: Promise<BudgetRow[]> | null = null;
  private budgetsLoadedAt = 0;

  constructor(
    private readonly pool: Pool,
    private readonly timeZone: string,
    private readonly currency: string,
    private readonly budgetsTtlMs = 10_000,
  ) {}

  /** After a budget changes on this instance: reload budgets on next use. */
  invalidate(): void {
    this.budgets = null;
  }

  all(): Promise<BudgetRow[]> {
    if (!this.budgets || Date.now() - this.budgetsLoadedAt > this.budgetsTtlMs) {
      this.budgetsLoadedAt = Date.now();
      this.budgets = allBudgets(this.pool).catch((error) => {
        this.budgets = null;
        throw error;
      });
    }
    return this.budgets;
  }

  /** The hard-stop budgets over this user (theirs, a role's, the organisation's), or null when none applies. */
  async check(userId: string, roleIds: readonly string[]): Promise<BudgetHold | null> {
    const budgets = (await this.all()).filter(
      (b) => b.hardStop && (b.scope === 'ORGANISATION' || (b.scope === 'USER' && b.userId === userId) || (b.scope === 'ROLE' && roleIds.includes(b.roleId!))),
    );
    if (budgets.length === 0) return null;
    const period = budgetPeriod(this.timeZone);
    return {
      budgetIds: budgets.map((b) => b.id),
      period,
      refusal: (budgetId, committed, cost) => {
        const over = budgets.find((b) => b.id === budgetId)!;
        const scope = over.scope === 'USER' ? 'your' : over.scope === 'ROLE' ? "your role's" : "the organisation's";
        const left = Math.max(0, over.amount - committed);
        return new AppError(
          'BUDGET_EXCEEDED',
          `Monthly budget exhausted: ${scope} budget of ${over.amount} ${this.currency} has ${round(left)} ${this.currency} left (spent and in flight: ${round(committed)}), less than this request may cost (${round(cost)}); resets at ${period.resetsAt.toISOString()}`,
          {
            budgetId: over.id,
            scope: over.scope,
            amount: over.amount,
            spent: round(committed),
            requestCost: round(cost),
            currency: this.currency,
            period: period.period,
            resetsAt: period.resetsAt.toISOString(),
          },
        );
      },
    };
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
