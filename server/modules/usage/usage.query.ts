import { AppError, badInput } from '../../errors.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { ServiceContext } from '../service-context.ts';

export const USAGE_GROUPS = ['DAY', 'USER', 'MODEL', 'PROVIDER'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageFilter {
  userId?: string | null;
  model?: string | null;
  from?: string | null;
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
const MAX_ROWS = 10_000;

/**
 * Token usage summed over the requested groups. Without usage:read a caller
 * sees only their own usage; asking for someone else's is FORBIDDEN.
 */
export async function queryUsage(ctx: ServiceContext, filter: UsageFilter = {}, groupBy: UsageGroup[] = []): Promise<UsageRow[]> {
  let userId = filter.userId ?? null;
  if (!hasPermission(ctx.viewer, 'usage:read')) {
    if (userId && userId !== ctx.viewer?.userId) throw new AppError('FORBIDDEN', "Reading another user's usage needs the usage:read permission");
    userId = ctx.viewer!.userId;
  }
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to', 'from');
  const groups = [...new Set(groupBy)];
  const where: string[] = [];
  const params: unknown[] = [];
  if (userId) (where.push('user_id = ?'), params.push(userId));
  if (filter.model) (where.push('model = ?'), params.push(filter.model));
  if (filter.from) (where.push('day >= ?'), params.push(filter.from));
  if (filter.to) (where.push('day <= ?'), params.push(filter.to));
  const columns = groups.map((g) => COLUMN[g]);
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
    limit ${MAX_ROWS}`;
  const rows = await ctx.em.execute<Record<string, string | null>[]>(sql, params);
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
