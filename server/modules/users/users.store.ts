import type { ObjectQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Permission } from '../roles/permissions.ts';
import { User, type UserEntity, type UserStatus } from './user.entity.ts';

/** A PostgreSQL array literal, bound as one value (the ORM's raw queries would spread a JS array into a list). */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

export interface UserStanding {
  id: string;
  status: UserStatus;
  permissions: Permission[];
  /** Holds the built-in admin role. */
  isAdmin: boolean;
}

/** Each user's status, permissions (through their roles, read now, not from a cache) and whether they hold the built-in admin role. */
export async function standingOf(em: EntityManager, userIds: string[]): Promise<Map<string, UserStanding>> {
  const rows = await em.execute<{ id: string; status: UserStatus; permissions: Permission[]; is_admin: boolean }[]>(
    `select u.id, u.status,
       coalesce((select array_agg(distinct perm) from user_role ur join role r on r.id = ur.role_id
                 cross join unnest(r.permissions) perm where ur.user_id = u.id), '{}') as permissions,
       exists (select 1 from user_role ur join role r on r.id = ur.role_id
               where ur.user_id = u.id and r.name = 'admin' and r.built_in) as is_admin
     from app_user u where u.id = any(?::uuid[])`,
    [arrayLiteral(userIds)],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, status: r.status, permissions: r.permissions, isAdmin: r.is_admin }]));
}

/**
 * Locks the built-in admin role's row for the rest of the transaction. Every
 * change that could leave no active admin takes this lock first, so two admins
 * suspending each other at the same moment cannot both succeed.
 */
export async function lockAdminRole(em: EntityManager): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(`select id from role where name = 'admin' and built_in for update`);
  return row?.id ?? null;
}

/** Active holders of the built-in admin role other than `userId`. */
export async function countOtherActiveAdmins(em: EntityManager, adminRoleId: string, userId: string): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    `select count(*) as n from user_role ur join app_user u on u.id = ur.user_id
     where ur.role_id = ? and u.status = 'ACTIVE' and u.id <> ?`,
    [adminRoleId, userId],
  );
  return Number(row.n);
}

/** Whether some holder of the role holds a permission outside `permissions` (through any of their roles). */
export async function roleHasHolderBeyond(em: EntityManager, roleId: string, permissions: readonly string[]): Promise<boolean> {
  const [row] = await em.execute<{ beyond: boolean }[]>(
    `select exists (
       select 1 from user_role holder
       join user_role ur on ur.user_id = holder.user_id join role r on r.id = ur.role_id
       cross join unnest(r.permissions) perm
       where holder.role_id = ? and not (perm = any(?::text[]))) as beyond`,
    [roleId, arrayLiteral(permissions)],
  );
  return row.beyond;
}

export interface UserFilter {
  /** Part of the email or name, case-insensitive. */
  search?: string | null;
  status?: UserStatus | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function whereOf(filter: UserFilter): ObjectQuery<UserEntity> {
  const where: ObjectQuery<UserEntity> = {};
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search.slice(0, 200))}%`;
    where.$or = [{ email: { $ilike: pattern } }, { name: { $ilike: pattern } }];
  }
  if (filter.status) where.status = filter.status;
  return where;
}

/** Up to `limit` users matching the filter whose email sorts after `afterEmail`, by email (unique). */
export function findUsers(em: EntityManager, filter: UserFilter, afterEmail: string | null, limit: number): Promise<UserEntity[]> {
  const where = whereOf(filter);
  if (afterEmail !== null) where.email = { $gt: afterEmail };
  return em.find(User, where, { orderBy: { email: 'asc' }, limit });
}

export function countUsers(em: EntityManager, filter: UserFilter): Promise<number> {
  return em.count(User, whereOf(filter));
}
