import { badInput, notFound } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { SignedInContext } from '../service-context.ts';
import { User } from '../users/user.entity.ts';
import { writeQuota, type UserQuota } from './quotas.store.ts';

const MAX_LIMIT = Number.MAX_SAFE_INTEGER;

function validateLimit(value: number | null | undefined, field: string): number | null {
  if (value == null) return null;
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_LIMIT) {
    throw badInput(`${field} must be a whole number of tokens, 0 or more (null for unlimited)`, field);
  }
  return value;
}

/** Sets both daily limits of a user; null means unlimited. */
export async function setQuota(
  ctx: SignedInContext,
  userId: string,
  dailyInputLimit: number | null | undefined,
  dailyOutputLimit: number | null | undefined,
): Promise<UserQuota> {
  const after = { dailyInputLimit: validateLimit(dailyInputLimit, 'dailyInputLimit'), dailyOutputLimit: validateLimit(dailyOutputLimit, 'dailyOutputLimit') };
  return ctx.em.transactional(async (em) => {
    if (!(await em.findOne(User, { id: userId }, { fields: ['id'] }))) throw notFound('User');
    const before = await writeQuota(em, userId, after);
    appendAuditRecord(em, {
      actorId: ctx.viewer.userId,
      action: 'quota.update',
      targetType: 'user',
      targetId: userId,
      metadata: { before, after },
    });
    await em.flush();
    return { userId, ...after };
  });
}
