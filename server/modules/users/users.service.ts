import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AppError, badInput, forbidden, notFound } from '../../errors.ts';
import { appendAuditRecord, diff } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { proveCurrentPassword } from '../auth/auth.service.ts';
import { endSessionsOf } from '../auth/sessions.ts';
import { hasPermission } from '../auth/viewer.ts';
import { keysetPage, type Connection } from '../../schema/keyset-page.ts';
import { isUniqueViolation, type ServiceContext, type SignedInContext } from '../service-context.ts';
import { User, type UserEntity, type UserStatus } from './user.entity.ts';
import { countUsers, findUsers, type UserFilter } from './users.store.ts';
import { normalizeEmail, validateName, validatePassword } from './validation.ts';
import { assignRoles } from '../roles/roles.service.ts';
import { assertKeepsAnActiveAdmin, assertMayActOn } from './acting-on.ts';

export interface CreateUserInput {
  email: string;
  name: string;
  password?: string | null;
  roleIds?: string[] | null;
}

export interface UpdateUserInput {
  email?: string | null;
  name?: string | null;
  password?: string | null;
  /** Needed to change your own email or password. */
  currentPassword?: string | null;
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserEntity> {
  const user = await ctx.em.findOne(User, { id });
  if (!user) throw notFound('User');
  return user;
}

/** A user the viewer may see: themselves, or anyone with users:read. Others look like "not found". */
export async function getVisibleUser(ctx: ServiceContext, id: string): Promise<UserEntity> {
  if (ctx.viewer?.userId !== id && !hasPermission(ctx.viewer, 'users:read')) throw notFound('User');
  return getUser(ctx, id);
}

export async function createUser(ctx: SignedInContext, input: CreateUserInput): Promise<UserEntity> {
  const actor = ctx.viewer.userId;
  const email = normalizeEmail(input.email);
  const name = validateName(input.name);
  const passwordHash = input.password ? await hashPassword(validatePassword(input.password, email)) : null;
  try {
    const user = await ctx.em.transactional(async (em) => {
      // An API-only user has no password: the column stays null (the ORM's types allow no null for a hidden column).
      const user = em.create(User, { id: randomUUID(), email, name, status: 'ACTIVE', ...(passwordHash ? { passwordHash } : {}) });
      await em.flush();
      if (input.roleIds?.length) await assignRoles({ ...ctx, em }, user.id, input.roleIds, { audit: false });
      appendAuditRecord(em, {
        actorId: actor,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        metadata: { email, name, roleIds: input.roleIds ?? [], withPassword: Boolean(passwordHash) },
      });
      return user;
    });
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A user with email ${email} already exists`, { field: 'email' });
    throw error;
  }
}

/**
 * Updates a user. Your own email or password needs proof (a console session
 * and your current password); anyone else needs users:write and may act only
 * on users whose permissions they all hold. A new password ends every other
 * session of that user (all of them when someone else set it).
 */
export async function updateUser(ctx: SignedInContext, id: string, input: UpdateUserInput, source?: string): Promise<UserEntity> {
  const actor = ctx.viewer.userId;
  const self = id === actor;
  const before = await getUser(ctx, id);
  const changes: Partial<Pick<UserEntity, 'email' | 'name'>> = {};
  if (input.email != null) {
    const email = normalizeEmail(input.email);
    // The console sends the email with every edit; an unchanged one needs no proof.
    if (email !== before.email) changes.email = email;
  }
  if (input.name != null) changes.name = validateName(input.name);
  const newPassword = input.password ? validatePassword(input.password, changes.email ?? before.email) : undefined;
  if (self && (changes.email || newPassword)) await proveCurrentPassword(ctx, id, input.currentPassword, source);
  const passwordHash = newPassword ? await hashPassword(newPassword) : undefined;
  try {
    const user = await ctx.em.transactional(async (em) => {
      if (!self) await assertMayActOn(ctx, id, em);
      const user = await em.findOne(User, { id });
      if (!user) throw notFound('User');
      const changed = diff({ email: user.email, name: user.name }, changes);
      Object.assign(user, changes);
      let endedSessions = 0;
      if (passwordHash) {
        user.passwordHash = passwordHash;
        // Whoever knew the old password (or held a session with it) is out.
        endedSessions = await endSessionsOf(em, id, self && ctx.viewer?.via === 'session' ? ctx.viewer.credentialId : undefined);
      }
      appendAuditRecord(em, {
        actorId: actor,
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        metadata: { changes: changed, passwordChanged: Boolean(passwordHash), ...(passwordHash ? { endedSessions } : {}) },
      });
      await em.flush();
      return user;
    });
    ctx.app.credentials.announce({ reason: 'user.updated' });
    // A new password set by someone else also lifts a sign-in delay on the account.
    if (passwordHash && !self) await ctx.app.loginThrottle.forget(user.email);
    return user;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Only those who may list users learn that an address is taken; others get a reason that tells nothing.
    if (hasPermission(ctx.viewer, 'users:read')) throw new AppError('CONFLICT', `A user with email ${changes.email} already exists`, { field: 'email' });
    throw badInput('This email address cannot be used; choose another one', 'email');
  }
}

/** Suspends, disables or reactivates a user. Never yourself, never someone stronger, never the last active admin. */
export async function setUserStatus(ctx: SignedInContext, id: string, status: UserStatus): Promise<UserEntity> {
  const actor = ctx.viewer.userId;
  if (id === actor && status !== 'ACTIVE') throw forbidden('You cannot suspend or disable your own account');
  const user = await ctx.em.transactional(async (em) => {
    await assertMayActOn(ctx, id, em);
    if (status !== 'ACTIVE') await assertKeepsAnActiveAdmin(em, id, 'suspend');
    const user = await em.findOne(User, { id });
    if (!user) throw notFound('User');
    if (user.status !== status) {
      appendAuditRecord(em, {
        actorId: actor,
        action: 'user.status',
        targetType: 'user',
        targetId: id,
        metadata: { changes: { status: { from: user.status, to: status } } },
      });
      user.status = status;
      await em.flush();
    }
    return user;
  });
  // Sessions and keys of a suspended user must stop working at once.
  ctx.app.credentials.announce({ reason: 'user.status' });
  return user;
}

/** Deletes a user. Never yourself, never someone stronger, never the last active admin. */
export async function deleteUser(ctx: SignedInContext, id: string): Promise<string> {
  const actor = ctx.viewer.userId;
  if (id === actor) throw forbidden('You cannot delete your own account');
  await ctx.em.transactional(async (em) => {
    await assertMayActOn(ctx, id, em);
    await assertKeepsAnActiveAdmin(em, id, 'delete');
    const user = await em.findOne(User, { id });
    if (!user) throw notFound('User');
    appendAuditRecord(em, {
      actorId: actor,
      action: 'user.delete',
      targetType: 'user',
      targetId: id,
      metadata: { email: user.email, name: user.name },
    });
    // Roles, keys, sessions and quota go with the user (ON DELETE CASCADE); usage and audit stay.
    em.remove(user);
    await em.flush();
  });
  ctx.app.credentials.announce({ reason: 'user.deleted' });
  return id;
}

/** Users ordered by email (unique, so it is the keyset), filtered by a name/email search and status. */
export function listUsers(em: EntityManager, args: UserFilter & { first?: number | null; after?: string | null }): Promise<Connection<UserEntity>> {
  const filter = { search: args.search, status: args.status };
  return keysetPage(args, (afterEmail, limit) => findUsers(em, filter, afterEmail, limit), {
    keyOf: (user) => user.email,
    validKey: () => true,
    totalCount: () => countUsers(em, filter),
  });
}
