import type { EntityManager } from '@mikro-orm/postgresql';

/** The SQL of metered usage (daily_usage, written by settle_chats). */

export const USAGE_GROUPS = ['DAY', 'USER', 'MODEL', 'PROVIDER'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageFilter {
  userId?: string | null;
  model?: string | null;
  /** First day, inclusive (YYYY-MM-DD). */
  from?: string | null;
  /** Last day, inclusive. */
  to?: string | null;
}

export interface UsageRow {
  day: string | null;
  userId: string | null;
  model: string | null;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** Cost in the configured currency, priced when each chat settled. */
  cost: number;
}

const COLUMN: Record<UsageGroup, string> = { DAY: 'day', USER: 'user_id', MODEL: 'model', PROVIDER: 'provider' };

/** Usage summed over the groups (none: one row of totals, or none without usage), at most `limit` rows. */
export async function sumUsage(em: EntityManager, filter: UsageFilter, groups: readonly UsageGroup[], limit: number): Promise<UsageRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.userId) (where.push('user_id = ?'), params.push(filter.userId));
  if (filter.model) (where.push('model = ?'), params.push(filter.model));
  if (filter.from) (where.push('day >= ?'), params.push(filter.from));
  if (filter.to) (where.push('day <= ?'), params.push(filter.to));
  const columns = [...new Set(groups)].map((g) => COLUMN[g]);
  const select = [
    ...columns.map((c) => (c === 'day' ? `to_char(day, 'YYYY-MM-DD') as day` : c)),
    'sum(input_tokens) as input_tokens',
    'sum(output_tokens) as output_tokens',
    'sum(requests) as requests',
    'sum(cost) as cost',
  ];
  const sql = `select ${select.join(', ')} from daily_usage
    ${where.length ? `where ${where.join(' and ')}` : ''}
    ${columns.length ? `group by ${columns.join(', ')} order by ${columns.join(', ')}` : ''}
    limit ${Number(limit)}`;
  const rows = await em.execute<Record<string, string | null>[]>(sql, params);
  return rows
    .filter((r) => columns.length > 0 || r.requests !== null)
    .map((r) => ({
      day: r.day ?? null,
      userId: r.user_id ?? null,
      model: r.model ?? null,
      provider: r.provider ?? null,
      inputTokens: Number(r.input_tokens ?? 0),
      outputTokens: Number(r.output_tokens ?? 0),
      requests: Number(r.requests ?? 0),
      cost: Number(r.cost ?? 0),
    }));
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** Each user's totals on one day across models and providers, in the order given (zeros without usage). */
export async function dayTotalsByUser(em: EntityManager, day: string, userIds: readonly string[]): Promise<UsageTotals[]> {
  const rows = await em.execute<{ user_id: string; input: string; output: string; requests: string }[]>(
    `select user_id, sum(input_tokens) as input, sum(output_tokens) as output, sum(requests) as requests
     from daily_usage where day = ? and user_id in (?) group by user_id`,
    [day, [...userIds]],
  );
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  return userIds.map((id) => {
    const r = byUser.get(id);
    return { inputTokens: Number(r?.input ?? 0), outputTokens: Number(r?.output ?? 0), requests: Number(r?.requests ?? 0) };
  });
}
