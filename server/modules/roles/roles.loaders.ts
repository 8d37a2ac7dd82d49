import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from '../../db/by-id-loader.ts';
import { Role, UserRole, type RoleEntity } from './role.entity.ts';

/** userId -> roles, one query per batch (the pivot joined to roles). */
export function createRolesByUserLoader(em: EntityManager) {
  return new DataLoader<string, RoleEntity[]>(async (userIds) => {
    const links = await em.find(UserRole, { userId: { $in: [...userIds] } });
    const roleIds = [...new Set(links.map((l) => l.roleId))];
    const roles = roleIds.length ? await em.find(Role, { id: { $in: roleIds } }, { orderBy: { name: 'asc' } }) : [];
    const byId = new Map(roles.map((r) => [r.id, r]));
    const byUser = new Map<string, RoleEntity[]>();
    for (const link of links) {
      const role = byId.get(link.roleId);
      if (role) byUser.set(link.userId, [...(byUser.get(link.userId) ?? []), role]);
    }
    return userIds.map((id) => (byUser.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name)));
  });
}

/** roleId -> role (null when deleted), one query per batch. */
export function createRoleByIdLoader(em: EntityManager) {
  return byIdLoader<RoleEntity>(em, Role);
}
