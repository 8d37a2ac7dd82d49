import { randomUUID } from 'node:crypto';
import { AppError, badInput, notFound } from '../../errors.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import { Role } from '../roles/role.entity.ts';
import { isUniqueViolation, type ServiceContext, type SignedInContext } from '../service-context.ts';
import { User } from '../users/user.entity.ts';
import { budgetPeriod } from './budget-period.ts';
import {
  budgetsWithSpend,
  countBudgetAlerts,
  deleteBudgetRow,
  findBudgetAlerts,
  insertBudget,
  lockBudget,
  updateBudgetRow,
  type BudgetAlert,
  type BudgetScope,
  type BudgetWithSpend,
} from './budgets.store.ts';

export const DEFAULT_THRESHOLDS = [50, 80, 100];

export interface BudgetInput {
  scope: BudgetScope;
  userId?: string | null;
  roleId?: string | null;
  amount: number;
  thresholds?: number[] | null;
  hardStop?: boolean | null;
}

export interface BudgetStatus {
  period: string;
  spent: number;
  remaining: number;
  percent: number;
  thresholdsCrossed: number[];
  exceeded: boolean;
  resetsAt: Date;
}

/** Thresholds (percent) the spend has reached. */
export function thresholdsCrossed(budget: BudgetWithSpend): number[] {
  return budget.thresholds.filter((t) => budget.spent * 100 >= budget.amount * t);
}

export function statusOf(budget: BudgetWithSpend, resetsAt: Date, period: string): BudgetStatus {
  return {
    period,
    spent: round(budget.spent),
    remaining: round(Math.max(0, budget.amount - budget.spent)),
    percent: Math.round((budget.spent / budget.amount) * 10_000) / 100,
    thresholdsCrossed: thresholdsCrossed(budget),
    exceeded: budget.spent >= budget.amount,
    resetsAt,
  };
}

/** Every budget with its spend this month (in the configured time zone). */
export async function listBudgets(ctx: ServiceContext, ids?: string[]): Promise<BudgetWithSpend[]> {
  return budgetsWithSpend(ctx.app.sql.relaxed, budgetPeriod(ctx.app.timezone), ids);
}

export async function budgetStatus(ctx: ServiceContext, id: string): Promise<BudgetStatus & { budget: BudgetWithSpend }> {
  const period = budgetPeriod(ctx.app.timezone);
  const [budget] = await budgetsWithSpend(ctx.app.sql.relaxed, period, [id]);
  if (!budget) throw notFound('Budget');
  return { ...statusOf(budget, period.resetsAt, period.period), budget };
}

function validate(input: Partial<BudgetInput>): void {
  if (input.amount !== undefined && (!Number.isFinite(input.amount) || input.amount <= 0 || input.amount > 1e12)) throw badInput('amount must be above 0', 'amount');
  if (input.thresholds != null) {
    const t = input.thresholds;
    if (t.length === 0 || t.length > 10 || t.some((v) => !Number.isInteger(v) || v < 1 || v > 1000) || new Set(t).size !== t.length) {
      throw badInput('thresholds must be 1 to 10 distinct whole percentages from 1 to 1000', 'thresholds');
    }
  }
}

export async function createBudget(ctx: SignedInContext, input: BudgetInput): Promise<BudgetWithSpend> {
  validate(input);
  const userId = input.scope === 'USER' ? input.userId : null;
  const roleId = input.scope === 'ROLE' ? input.roleId : null;
  if (input.scope === 'USER' && !userId) throw badInput('A USER budget needs userId', 'userId');
  if (input.scope === 'ROLE' && !roleId) throw badInput('A ROLE budget needs roleId', 'roleId');
  if (input.scope !== 'USER' && input.userId) throw badInput(`A ${input.scope} budget takes no userId`, 'userId');
  if (input.scope !== 'ROLE' && input.roleId) throw badInput(`A ${input.scope} budget takes no roleId`, 'roleId');
  const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);
  const id = randomUUID();
  try {
    await ctx.em.transactional(async (em) => {
      if (userId && !(await em.findOne(User, { id: userId }, { fields: ['id'] }))) throw notFound('User');
      if (roleId && !(await em.findOne(Role, { id: roleId }, { fields: ['id'] }))) throw notFound('Role');
      await insertBudget(em, { id, scope: input.scope, userId: userId ?? null, roleId: roleId ?? null, amount: input.amount, thresholds, hardStop: input.hardStop ?? false });
      appendAuditRecord(em, {
        actorId: ctx.viewer.userId,
        action: 'budget.create',
        targetType: 'budget',
        targetId: id,
        metadata: { scope: input.scope, userId, roleId, amount: input.amount, currency: ctx.app.config.pricing.currency, thresholds, hardStop: input.hardStop ?? false },
      });
      await em.flush();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `That ${input.scope.toLowerCase()} already has a budget`);
    throw error;
  }
  return changed(ctx, id);
}

export async function updateBudget(ctx: SignedInContext, id: string, input: { amount?: number | null; thresholds?: number[] | null; hardStop?: boolean | null }): Promise<BudgetWithSpend> {
  validate({ amount: input.amount ?? undefined, thresholds: input.thresholds });
  await ctx.em.transactional(async (em) => {
    const before = await lockBudget(em, id);
    if (!before) throw notFound('Budget');
    const after = {
      amount: input.amount ?? before.amount,
      thresholds: input.thresholds ? [...input.thresholds].sort((a, b) => a - b) : before.thresholds,
      hardStop: input.hardStop ?? before.hardStop,
    };
    await updateBudgetRow(em, id, after);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['amount', 'thresholds', 'hardStop'] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] };
    }
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'budget.update', targetType: 'budget', targetId: id, metadata: { changes } });
    await em.flush();
  });
  return changed(ctx, id);
}

export async function deleteBudget(ctx: SignedInContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const b = await deleteBudgetRow(em, id);
    if (!b) throw notFound('Budget');
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'budget.delete', targetType: 'budget', targetId: id, metadata: { scope: b.scope, userId: b.userId, roleId: b.roleId, amount: b.amount } });
    await em.flush();
  });
  ctx.app.budgets.guard.invalidate();
}

/** After a change: reload the guard's budgets and re-evaluate alerts (a lowered amount may cross thresholds). */
async function changed(ctx: ServiceContext, id: string): Promise<BudgetWithSpend> {
  ctx.app.budgets.guard.invalidate();
  ctx.app.budgets.monitor.schedule();
  const [budget] = await listBudgets(ctx, [id]);
  return budget;
}

/** Alerts raised (of one budget, or all), newest first, keyset-paged on the alert id. */
export function listBudgetAlerts(ctx: ServiceContext, budgetId: string | null, first?: number | null, after?: string | null): Promise<Connection<BudgetAlert>> {
  const pool = ctx.app.sql.durable;
  return keysetPage({ first, after }, (beforeId, limit) => findBudgetAlerts(pool, budgetId, beforeId, limit), {
    keyOf: (alert) => alert.id,
    totalCount: () => countBudgetAlerts(pool, budgetId),
  });
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
