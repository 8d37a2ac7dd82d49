import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { ServiceContext } from '../service-context.ts';
import { countOtherActiveAdmins, lockAdminRole, roleHasHolderBeyond, standingOf, type UserStanding } from './users.store.ts';

/**
 * The one rule for acting on another account. Changing a user, suspending,
 * disabling or deleting them, resetting their password, changing their roles,
 * minting or revoking their API keys: each is as good as acting as that user,
 * so it is allowed only when the target holds no permission the caller lacks
 * (the target's permissions are a subset of the caller's). Acting on yourself
 * passes here; what you may do to your own account is checked where it is done.
 *
 * Both sides are read from the database now, not from the credential cache,
 * so a permission removed a moment ago on another instance does not count.
 * Returns the target's standing for further checks.
 */
export async function assertMayActOn(ctx: ServiceContext, targetUserId: string, em: EntityManager = ctx.em): Promise<UserStanding> {
  const actorId = ctx.viewer?.userId;
  if (!actorId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  const standing = await standingOf(em, actorId === targetUserId ? [actorId] : [actorId, targetUserId]);
  const target = standing.get(targetUserId);
  if (!target) throw notFound('User');
  if (actorId === targetUserId) return target;
  const actor = standing.get(actorId);
  if (!actor || actor.status !== 'ACTIVE') throw forbidden('Your account is not active');
  const held = new Set(actor.permissions);
  const missing = target.permissions.filter((p) => !held.has(p)).sort();
  if (missing.length) {
    throw new AppError('FORBIDDEN', `You cannot act on a user who holds permissions you do not: ${missing.join(', ')}`, { missingPermissions: missing });
  }
  return target;
}

export type AdminLossChange = 'suspend' | 'delete' | 'removeAdminRole';

const LAST_ADMIN: Record<AdminLossChange, string> = {
  suspend: 'This is the last active admin and cannot be suspended or disabled; make another user an active admin first',
  delete: 'This is the last active admin and cannot be deleted; make another user an active admin first',
  removeAdminRole: 'This is the last active admin and cannot lose the admin role; make another user an active admin first',
};

/**
 * Refuses (CONFLICT) a change that would leave no ACTIVE holder of the built-in
 * admin role. Call inside the transaction that makes the change: it locks the
 * admin role's row, so concurrent changes of this kind run one after another
 * and each sees the others' outcome.
 */
export async function assertKeepsAnActiveAdmin(em: EntityManager, targetUserId: string, change: AdminLossChange): Promise<void> {
  const adminRoleId = await lockAdminRole(em);
  if (!adminRoleId) return;
  // Read after taking the lock, so a change that committed while we waited is seen.
  const target = (await standingOf(em, [targetUserId])).get(targetUserId);
  if (!target?.isAdmin || target.status !== 'ACTIVE') return;
  if ((await countOtherActiveAdmins(em, adminRoleId, targetUserId)) === 0) throw new AppError('CONFLICT', LAST_ADMIN[change]);
}

/**
 * Taking permissions out of a role takes them from everyone holding it, so it
 * follows the same rule as changing those users' roles: refused when a holder
 * has a permission the caller lacks.
 */
export async function assertMayNarrowRole(ctx: ServiceContext, em: EntityManager, roleId: string): Promise<void> {
  const held = [...(ctx.viewer?.permissions ?? [])];
  if (await roleHasHolderBeyond(em, roleId, held)) {
    throw forbidden('You cannot take permissions from a role held by users who hold permissions you do not');
  }
}
