import { AppError, badInput } from '../../errors.ts';
import { hasPermission } from '../auth/viewer.ts';
import type { SignedInContext } from '../service-context.ts';
import { sumUsage, type UsageFilter, type UsageGroup, type UsageRow } from './usage.store.ts';

export { USAGE_GROUPS, type UsageFilter, type UsageGroup, type UsageRow } from './usage.store.ts';

const MAX_ROWS = 10_000;

/**
 * Token usage summed over the requested groups. Without usage:read a caller
 * sees only their own usage; asking for someone else's is FORBIDDEN.
 */
export async function queryUsage(ctx: SignedInContext, filter: UsageFilter = {}, groupBy: UsageGroup[] = []): Promise<UsageRow[]> {
  let userId = filter.userId ?? null;
  if (!hasPermission(ctx.viewer, 'usage:read')) {
    if (userId && userId !== ctx.viewer.userId) throw new AppError('FORBIDDEN', "Reading another user's usage needs the usage:read permission");
    userId = ctx.viewer.userId;
  }
  if (filter.from && filter.to && filter.from > filter.to) throw badInput('from must not be after to', 'from');
  return sumUsage(ctx.em, { ...filter, userId }, groupBy, MAX_ROWS);
}
