import type { Pool } from 'pg';
import { AppError } from '../../errors.ts';
import { budgetPeriod } from './budget-period.ts';
import { allBudgets, budgetsWithSpend, type BudgetRow } from './budgets.store.ts';

/**
 * The hard stop before a chat goes upstream, kept cheap: all budgets are held
 * in memory (a small table, reloaded after a change on this instance or after
 * `budgetsTtlMs`), so a user under no hard-stop budget costs no query at all.
 * Otherwise the settled spend of the budgets that apply is read in one query
 * and shared for `spendTtlMs` by every request of every user under the same
 * budget (concurrent misses share one query).
 *
 * The check is against settled spend: chats in flight and the cache window may
 * overshoot the amount by their cost; the next request after that is refused.
 */
export class BudgetGuard {
  private budgets: Promise<BudgetRow[]> | null = null;
  private budgetsLoadedAt = 0;
  private spend = new Map<string, { at: number; spent: Promise<Map<string, number>> }>();

  constructor(
    private readonly pool: Pool,
    private readonly timeZone: string,
    private readonly currency: string,
    private readonly budgetsTtlMs = 10_000,
    private readonly spendTtlMs = 1_000,
  ) {}

  /** After a budget changes on this instance: reload budgets and spend on next use. */
  invalidate(): void {
    this.budgets = null;
    this.spend.clear();
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

  /**
   * Throws BUDGET_EXCEEDED when a hard-stop budget over this user (theirs, a role's, the organisation's)
   * is used up; answers whether any hard-stop budget applies (then the chat's output is capped).
   */
  async check(userId: string, roleIds: readonly string[]): Promise<boolean> {
    const budgets = (await this.all()).filter(
      (b) => b.hardStop && (b.scope === 'ORGANISATION' || (b.scope === 'USER' && b.userId === userId) || (b.scope === 'ROLE' && roleIds.includes(b.roleId!))),
    );
    if (budgets.length === 0) return false;
    const period = budgetPeriod(this.timeZone);
    const key = `${period.period}:${budgets.map((b) => b.id).join(',')}`;
    let hit = this.spend.get(key);
    if (!hit || Date.now() - hit.at > this.spendTtlMs) {
      const spent = budgetsWithSpend(this.pool, period, budgets.map((b) => b.id)).then((rows) => new Map(rows.map((r) => [r.id, r.spent])));
      hit = { at: Date.now(), spent };
      this.spend.set(key, hit);
      spent.catch(() => this.spend.delete(key));
    }
    const spent = await hit.spent;
    const over = budgets.find((b) => (spent.get(b.id) ?? 0) >= b.amount);
    if (!over) return true;
    const used = spent.get(over.id) ?? 0;
    const scope = over.scope === 'USER' ? 'your' : over.scope === 'ROLE' ? "your role's" : "the organisation's";
    throw new AppError('BUDGET_EXCEEDED', `Monthly budget exhausted: ${scope} budget of ${over.amount} ${this.currency} is spent (${round(used)} ${this.currency}); resets at ${period.resetsAt.toISOString()}`, {
      budgetId: over.id,
      scope: over.scope,
      amount: over.amount,
      spent: round(used),
      currency: this.currency,
      period: period.period,
      resetsAt: period.resetsAt.toISOString(),
    });
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
