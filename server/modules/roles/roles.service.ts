import { randomUUID } from 'node:crypto';
import { AppError, badInput, forbidden, notFound } from '../../errors.ts';
import { appendAuditRecord, diff } from '../audit/audit.service.ts';
import { isUniqueViolation, type ServiceContext, type SignedInContext } from '../service-context.ts';
import { User } from '../users/user.entity.ts';
import { assertKeepsAnActiveAdmin, assertMayActOn, assertMayNarrowRole } from '../users/acting-on.ts';
import { BUILT_IN_ROLES, isPermission, type Permission } from './permissions.ts';
import { Role, UserRole, type RoleEntity } from './role.entity.ts';

export interface RoleInput {
  name?: string | null;
  description?: string | null;
  permissions?: string[] | null;
}

// Any script's letters (财务分析师, Buchhaltung, محاسب), digits, spaces inside and . _ -; a letter or digit first.
// Unique regardless of case (a unique index on lower(name), migration 0015).
const ROLE_NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._-]*$/u;
const ROLE_NAME_MAX = 100;

function validatePermissions(ctx: ServiceContext, permissions: string[]): Permission[] {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length) throw badInput(`Unknown permission: ${unknown.join(', ')}`, 'permissions');
  // Nobody hands out a power they do not hold themselves.
  const missing = permissions.filter((p) => !ctx.viewer?.permissions.has(p as Permission));
  if (missing.length) throw forbidden(`You cannot grant permissions you do not hold: ${missing.join(', ')}`);
  return [...new Set(permissions)] as Permission[];
}

/** Editing or deleting a role changes what its holders may do: only someone holding all of its permissions may. */
function assertHoldsRole(ctx: ServiceContext, role: RoleEntity): void {
  const missing = role.permissions.filter((p) => !ctx.viewer?.permissions.has(p as Permission));
  if (missing.length) throw forbidden(`You cannot change a role that grants permissions you do not hold: ${missing.join(', ')}`);
}

function validateRoleName(name: string): string {
  const value = name.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (!ROLE_NAME.test(value) || [...value].length > ROLE_NAME_MAX) throw badInput('Role name must be 1-100 letters (any script), digits, spaces, ".", "_" or "-"', 'name');
  return value;
}

export async function getRole(ctx: ServiceContext, id: string): Promise<RoleEntity> {
  const role = await ctx.em.findOne(Role, { id });
  if (!role) throw notFound('Role');
  return role;
}

export async function createRole(ctx: SignedInContext, input: Required<Pick<RoleInput, 'name'>> & RoleInput): Promise<RoleEntity> {
  const name = validateRoleName(input.name ?? '');
  const permissions = validatePermissions(ctx, input.permissions ?? []);
  try {
    return await ctx.em.transactional(async (em) => {
      const role = em.create(Role, { id: randomUUID(), name, description: input.description?.trim() ?? '', permissions, builtIn: false });
      appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'role.create', targetType: 'role', targetId: role.id, metadata: { name, permissions } });
      await em.flush();
      return role;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A role named "${name}" already exists`, { field: 'name' });
    throw error;
  }
}

export async function updateRole(ctx: SignedInContext, id: string, input: RoleInput): Promise<RoleEntity> {
  try {
    const role = await ctx.em.transactional(async (em) => {
      const role = await em.findOne(Role, { id });
      if (!role) throw notFound('Role');
      assertHoldsRole(ctx, role);
      const changes: Partial<Pick<RoleEntity, 'name' | 'description' | 'permissions'>> = {};
      if (input.name != null) changes.name = validateRoleName(input.name);
      if (input.description != null) changes.description = input.description.trim();
      if (input.permissions != null) {
        changes.permissions = validatePermissions(ctx, input.permissions);
        if (role.permissions.some((p) => !changes.permissions!.includes(p as Permission))) await assertMayNarrowRole(ctx, em, id);
      }
      if (role.builtIn && ((changes.name && changes.name !== role.name) || (role.name === 'admin' && changes.permissions))) {
        throw forbidden(`The built-in role "${role.name}" cannot be renamed${role.name === 'admin' ? ' or have its permissions changed' : ''}`);
      }
      const changed = diff({ name: role.name, description: role.description, permissions: role.permissions }, changes);
      Object.assign(role, changes);
      appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'role.update', targetType: 'role', targetId: id, metadata: { changes: changed } });
      await em.flush();
      return role;
    });
    ctx.app.credentials.announce({ reason: 'role.changed' });
    return role;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A role named "${input.name}" already exists`, { field: 'name' });
    throw error;
  }
}

export async function deleteRole(ctx: SignedInContext, id: string): Promise<string> {
  await ctx.em.transactional(async (em) => {
    const role = await em.findOne(Role, { id });
    if (!role) throw notFound('Role');
    if (role.builtIn) throw forbidden(`The built-in role "${role.name}" cannot be deleted`);
    assertHoldsRole(ctx, role);
    const holders = await em.count(UserRole, { roleId: id });
    if (holders > 0) {
      throw new AppError('CONFLICT', `Role "${role.name}" is held by ${holders} user(s); remove it from them first`, { holders });
    }
    appendAuditRecord(em, { actorId: ctx.viewer.userId, action: 'role.delete', targetType: 'role', targetId: id, metadata: { name: role.name, permissions: role.permissions } });
    em.remove(role);
    await em.flush();
  });
  return id;
}

/**
 * Replaces a user's roles. You may change only the roles of users whose
 * permissions you all hold, grant only permissions you hold, and never take
 * the admin role from the last active admin.
 */
export async function assignRoles(ctx: SignedInContext, userId: string, roleIds: string[], options = { audit: true }): Promise<void> {
  const ids = [...new Set(roleIds)];
  const run = async (em: ServiceContext['em']) => {
    await assertMayActOn(ctx, userId, em);
    const user = await em.findOne(User, { id: userId });
    if (!user) throw notFound('User');
    const roles = ids.length ? await em.find(Role, { id: { $in: ids } }) : [];
    if (roles.length !== ids.length) throw badInput('Unknown role id', 'roleIds');
    for (const role of roles) validatePermissions(ctx, role.permissions);
    const current = await em.find(UserRole, { userId });
    const currentIds = current.map((ur) => ur.roleId).sort();
    const admin = await em.findOne(Role, { name: 'admin', builtIn: true });
    if (admin && currentIds.includes(admin.id) && !ids.includes(admin.id)) await assertKeepsAnActiveAdmin(em, userId, 'removeAdminRole');
    await em.nativeDelete(UserRole, { userId });
    for (const roleId of ids) em.create(UserRole, { userId, roleId });
    if (options.audit) {
      appendAuditRecord(em, {
        actorId: ctx.viewer.userId,
        action: 'user.roles',
        targetType: 'user',
        targetId: userId,
        metadata: { changes: { roles: { from: currentIds, to: [...ids].sort() } }, roleNames: roles.map((r) => r.name) },
      });
    }
    await em.flush();
  };
  if (ctx.em.isInTransaction()) await run(ctx.em);
  else await ctx.em.transactional(run);
  ctx.app.credentials.announce({ reason: 'user.roles' });
}

/** Creates the built-in roles if missing and keeps admin holding every permission. */
export async function ensureBuiltInRoles(em: ServiceContext['em']): Promise<Map<string, RoleEntity>> {
  const byName = new Map<string, RoleEntity>();
  for (const spec of BUILT_IN_ROLES) {
    let role = await em.findOne(Role, { name: spec.name });
    if (!role) {
      role = em.create(Role, { id: randomUUID(), name: spec.name, description: spec.description, permissions: [...spec.permissions], builtIn: true });
    } else if (spec.name === 'admin') {
      role.permissions = [...spec.permissions];
      role.builtIn = true;
    }
    byName.set(spec.name, role);
  }
  await em.flush();
  return byName;
}
