import type { EntityManager } from '@mikro-orm/postgresql';
import { Quota } from './quota.entity.ts';

/** Daily limits of users (quota); the counters the chat path reserves against are metering's (quota_counter). */

export interface QuotaLimits {
  /** null: unlimited. */
  dailyInputLimit: number | null;
  dailyOutputLimit: number | null;
}

/** One user's limits; a user without a quota row is unlimited. */
export interface UserQuota extends QuotaLimits {
  userId: string;
}

/** The quotas of these users, in the order given. */
export async function quotasOf(em: EntityManager, userIds: readonly string[]): Promise<UserQuota[]> {
  const rows = await em.find(Quota, { userId: { $in: [...userIds] } });
  const byUser = new Map(rows.map((q) => [q.userId, q]));
  return userIds.map((userId) => {
    const q = byUser.get(userId);
    return { userId, dailyInputLimit: q?.dailyInputLimit ?? null, dailyOutputLimit: q?.dailyOutputLimit ?? null };
  });
}

/** Sets a user's limits (written by the caller's flush); returns the limits they replace. */
export async function writeQuota(em: EntityManager, userId: string, limits: QuotaLimits): Promise<QuotaLimits> {
  const quota = await em.findOne(Quota, { userId });
  const before = { dailyInputLimit: quota?.dailyInputLimit ?? null, dailyOutputLimit: quota?.dailyOutputLimit ?? null };
  if (quota) Object.assign(quota, limits);
  else em.create(Quota, { userId, ...limits });
  return before;
}
