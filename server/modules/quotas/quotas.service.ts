import { badInput, notFound } from '../../errors.ts';
import { appendAuditRecord } from '../audit/audit.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { User } from '../users/user.entity.ts';
import { Quota, type QuotaEntity } from './quota.entity.ts';

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
  ctx: ServiceContext,
  userId: string,
  dailyInputLimit: number | null | undefined,
  dailyOutputLimit: number | null | undefined,
): Promise<QuotaEntity> {
  const input = validateLimit(dailyInputLimit, 'dailyInputLimit');
  const output = validateLimit(dailyOutputLimit, 'dailyOutputLimit');
  return ctx.em.transactional(async (em) => {
    if (!(await em.findOne(User, { id: userId }, { fields: ['id'] }))) throw notFound('User');
    let quota = await em.findOne(Quota, { userId });
    const before = { dailyInputLimit: quota?.dailyInputLimit ?? null, dailyOutputLimit: quota?.dailyOutputLimit ?? null };
    if (!quota) quota = em.create(Quota, { userId, dailyInputLimit: input, dailyOutputLimit: output } as never);
    else Object.assign(quota, { dailyInputLimit: input, dailyOutputLimit: output });
    appendAuditRecord(em, {
      actorId: ctx.viewer!.userId,
      action: 'quota.update',
      targetType: 'user',
      targetId: userId,
      metadata: { before, after: { dailyInputLimit: input, dailyOutputLimit: output } },
    });
    await em.flush();
    return quota;
  });
}
