import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { BudgetPeriod } from './budget-period.ts';
import type { AlertMessage } from './webhooks.ts';

/** The SQL of prices (model_price), budgets (budget) and their spend (daily_usage.cost). */

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

const BUDGET_COLUMNS = `b.id, b.scope, b.user_id, b.role_id, b.amount, b.thresholds, b.hard_stop, b.created_at, b.updated_at`;

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

interface BudgetDbRow {
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

function toBudget(row: BudgetDbRow): BudgetWithSpend {
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

/** Every budget, without spend (the hard-stop guard holds them in memory). */
export async function allBudgets(pool: Pool): Promise<BudgetRow[]> {
  const { rows } = await pool.query<BudgetDbRow>({ name: 'budgets-all', text: `select ${BUDGET_COLUMNS} from budget b` });
  return rows.map(toBudget);
}

/** Budgets (all, or these ids) with their spend in the period, oldest first. */
export async function budgetsWithSpend(pool: Pool, period: BudgetPeriod, ids?: readonly string[]): Promise<BudgetWithSpend[]> {
  const { rows } = await pool.query<BudgetDbRow>({
    text: `${SPEND_SQL} where $3::uuid[] is null or b.id = any($3::uuid[]) order by b.created_at, b.id`,
    values: [period.from, period.until, ids ?? null],
  });
  return rows.map(toBudget);
}

const intArray = (values: readonly number[]) => `{${values.join(',')}}`;

export async function insertBudget(
  em: EntityManager,
  b: { id: string; scope: BudgetScope; userId: string | null; roleId: string | null; amount: number; thresholds: number[]; hardStop: boolean },
): Promise<void> {
  await em.execute(`insert into budget (id, scope, user_id, role_id, amount, thresholds, hard_stop) values (?, ?, ?, ?, ?, ?::int[], ?)`, [
    b.id, b.scope, b.userId, b.roleId, b.amount, intArray(b.thresholds), b.hardStop,
  ]);
}

/** The budget, locked for update until the transaction ends; null when there is none. */
export async function lockBudget(em: EntityManager, id: string): Promise<BudgetRow | null> {
  const [row] = await em.execute<BudgetDbRow[]>(`select ${BUDGET_COLUMNS} from budget b where id = ? for update`, [id]);
  return row ? toBudget(row) : null;
}

export async function updateBudgetRow(em: EntityManager, id: string, b: { amount: number; thresholds: number[]; hardStop: boolean }): Promise<void> {
  await em.execute('update budget set amount = ?, thresholds = ?::int[], hard_stop = ?, updated_at = now() where id = ?', [b.amount, intArray(b.thresholds), b.hardStop, id]);
}

/** Deletes the budget and returns it; null when there was none. */
export async function deleteBudgetRow(em: EntityManager, id: string): Promise<BudgetRow | null> {
  const [row] = await em.execute<BudgetDbRow[]>(`delete from budget b where id = ? returning ${BUDGET_COLUMNS}`, [id]);
  return row ? toBudget(row) : null;
}

export interface ModelPrice {
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  updatedAt: Date;
}

interface PriceDbRow {
  model: string;
  input_per_million: string;
  output_per_million: string;
  updated_at: Date;
}

const toPrice = (r: PriceDbRow): ModelPrice => ({ model: r.model, inputPerMillion: Number(r.input_per_million), outputPerMillion: Number(r.output_per_million), updatedAt: r.updated_at });

/** Adds prices for the models that have none; a price already set is kept. */
export async function insertMissingPrices(pool: Pool, prices: { model: string; inputPerMillion: number; outputPerMillion: number }[]): Promise<void> {
  if (prices.length === 0) return;
  await pool.query({
    text: `insert into model_price (model, input_per_million, output_per_million)
           select * from unnest($1::text[], $2::numeric[], $3::numeric[]) on conflict (model) do nothing`,
    values: [prices.map((p) => p.model), prices.map((p) => p.inputPerMillion), prices.map((p) => p.outputPerMillion)],
  });
}

export async function listPrices(em: EntityManager): Promise<ModelPrice[]> {
  return (await em.execute<PriceDbRow[]>('select * from model_price order by model')).map(toPrice);
}

/** Sets a model's price; returns the price it replaced (null when it had none) and the new one. */
export async function upsertPrice(em: EntityManager, model: string, inputPerMillion: number, outputPerMillion: number): Promise<{ before: ModelPrice | null; after: ModelPrice }> {
  const [before] = await em.execute<PriceDbRow[]>('select * from model_price where model = ? for update', [model]);
  const [after] = await em.execute<PriceDbRow[]>(
    `insert into model_price (model, input_per_million, output_per_million, updated_at) values (?, ?, ?, now())
     on conflict (model) do update set input_per_million = excluded.input_per_million, output_per_million = excluded.output_per_million, updated_at = now()
     returning *`,
    [model, inputPerMillion, outputPerMillion],
  );
  return { before: before ? toPrice(before) : null, after: toPrice(after) };
}

export interface AlertDelivery {
  url: string;
  format: 'json' | 'wecom';
  /** The webhook (absent on alerts raised before webhooks were data). */
  webhookId?: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

/** A budget alert with its webhook deliveries. */
export interface BudgetAlert extends AlertMessage {
  deliveries: AlertDelivery[];
}

interface AlertDbRow {
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

const ALERT_COLUMNS = 'a.id, a.budget_id, a.scope, a.target, a.period, a.threshold, a.spent, a.amount, a.currency, a.at, a.deliveries';

function toAlert(row: AlertDbRow): BudgetAlert {
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

async function alertsByIds(pool: Pool, ids: string[]): Promise<BudgetAlert[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<AlertDbRow>({ text: `select ${ALERT_COLUMNS} from budget_alert a where a.id = any($1::int8[]) order by a.id`, values: [ids] });
  return rows.map(toAlert);
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
 * Creates the alerts of every threshold reached in the period and not alerted
 * yet, with these pending deliveries leased to the caller for `leaseMs` (0: no
 * lease); returns the alerts this call created.
 */
export async function raiseBudgetAlerts(
  pool: Pool,
  o: { period: BudgetPeriod; currency: string; deliveries: AlertDelivery[]; leaseMs: number },
): Promise<BudgetAlert[]> {
  const { rows } = await pool.query<{ id: string }>({
    text: RAISE_SQL,
    values: [o.period.from, o.period.until, o.period.period, o.currency, JSON.stringify(o.deliveries), o.leaseMs],
  });
  return alertsByIds(pool, rows.map((r) => r.id));
}

/** Alerts raised (by any instance) in the last minute, oldest first. */
export async function recentBudgetAlerts(pool: Pool): Promise<BudgetAlert[]> {
  const { rows } = await pool.query<AlertDbRow>({
    name: 'budget-alerts-recent',
    text: `select ${ALERT_COLUMNS} from budget_alert a where a.at > now() - interval '1 minute' order by a.id`,
  });
  return rows.map(toAlert);
}

/** Leases to the caller, for `leaseMs`, up to 20 alerts whose deliveries' lease has run out (their instance stopped). */
export async function takeOverExpiredDeliveries(pool: Pool, leaseMs: number): Promise<BudgetAlert[]> {
  const { rows } = await pool.query<{ id: string }>({
    text: `update budget_alert a set delivery_lease_until = now() + $1::int8 * interval '1 millisecond'
           where a.id in (select id from budget_alert where delivery_lease_until < now() order by id limit 20 for update skip locked)
           returning a.id`,
    values: [leaseMs],
  });
  return alertsByIds(pool, rows.map((r) => r.id));
}

/** Records one delivery's state (the index-th webhook) on the alert. */
export async function recordAlertDelivery(pool: Pool, alertId: string, index: number, delivery: AlertDelivery): Promise<void> {
  await pool.query({
    text: `update budget_alert set deliveries = jsonb_set(deliveries, array[$2::text], $3::jsonb) where id = $1`,
    values: [alertId, String(index), JSON.stringify(delivery)],
  });
}

/** Ends the alert's delivery lease once none of its deliveries is pending. */
export async function releaseDeliveryLease(pool: Pool, alertId: string): Promise<void> {
  await pool.query({ text: `update budget_alert set delivery_lease_until = null where id = $1 and not deliveries @> '[{"status": "pending"}]'`, values: [alertId] });
}

/** Up to `limit` alerts (of one budget, or all) with an id below `beforeId`, newest first. */
export async function findBudgetAlerts(pool: Pool, budgetId: string | null, beforeId: string | null, limit: number): Promise<BudgetAlert[]> {
  const { rows } = await pool.query<AlertDbRow>(
    `select ${ALERT_COLUMNS} from budget_alert a where ($1::uuid is null or a.budget_id = $1::uuid) and ($2::bigint is null or a.id < $2::bigint)
     order by a.id desc limit ${Number(limit)}`,
    [budgetId, beforeId],
  );
  return rows.map(toAlert);
}

export async function countBudgetAlerts(pool: Pool, budgetId: string | null): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('select count(*) as n from budget_alert a where ($1::uuid is null or a.budget_id = $1::uuid)', [budgetId]);
  return Number(rows[0].n);
}
