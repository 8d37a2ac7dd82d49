import { randomUUID } from 'node:crypto';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { appendAuditRecord, diff } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hasPermission } from '../auth/viewer.ts';
import { isUniqueViolation, type ServiceContext } from '../service-context.ts';
import { User, type UserEntity, type UserStatus } from './user.entity.ts';
import { normalizeEmail, validateName, validatePassword } from './validation.ts';
import { assignRoles } from '../roles/roles.service.ts';

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
}

function actorId(ctx: ServiceContext): string {
  if (!ctx.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return ctx.viewer.userId;
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

export async function createUser(ctx: ServiceContext, input: CreateUserInput): Promise<UserEntity> {
  const actor = actorId(ctx);
  const email = normalizeEmail(input.email);
  const name = validateName(input.name);
  const passwordHash = input.password ? await hashPassword(validatePassword(input.password)) : null;
  try {
    const user = await ctx.em.transactional(async (em) => {
      const user = em.create(User, { id: randomUUID(), email, name, status: 'ACTIVE', passwordHash } as never);
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

export async function updateUser(ctx: ServiceContext, id: string, input: UpdateUserInput): Promise<UserEntity> {
  const actor = actorId(ctx);
  const changes: Partial<Pick<UserEntity, 'email' | 'name'>> = {};
  if (input.email != null) changes.email = normalizeEmail(input.email);
  if (input.name != null) changes.name = validateName(input.name);
  const passwordHash = input.password ? await hashPassword(validatePassword(input.password)) : undefined;
  try {
    return await ctx.em.transactional(async (em) => {
      const user = await em.findOne(User, { id });
      if (!user) throw notFound('User');
      const changed = diff({ email: user.email, name: user.name }, changes);
      Object.assign(user, changes);
      if (passwordHash) user.passwordHash = passwordHash;
      appendAuditRecord(em, {
        actorId: actor,
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        metadata: { changes: changed, passwordChanged: Boolean(passwordHash) },
      });
      await em.flush();
      ctx.app.credentialCache.clear();
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A user with email ${changes.email} already exists`, { field: 'email' });
    throw error;
  }
}

export async function setUserStatus(ctx: ServiceContext, id: string, status: UserStatus): Promise<UserEntity> {
  const actor = actorId(ctx);
  if (id === actor && status !== 'ACTIVE') throw forbidden('You cannot suspend or disable your own account');
  return ctx.em.transactional(async (em) => {
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
    // Sessions and keys of a suspended user must stop working at once.
    ctx.app.credentialCache.clear();
    return user;
  });
}

export async function deleteUser(ctx: ServiceContext, id: string): Promise<string> {
  const actor = actorId(ctx);
  if (id === actor) throw forbidden('You cannot delete your own account');
  await ctx.em.transactional(async (em) => {
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
  ctx.app.credentialCache.clear();
  return id;
}
