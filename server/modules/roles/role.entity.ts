import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Role = defineEntity({
  name: 'Role',
  tableName: 'role',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100).unique(),
    description: p.text().default(''),
    permissions: p.array().default([]),
    // Built-in roles (admin, member) cannot be deleted or renamed.
    builtIn: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type RoleEntity = InferEntity<typeof Role>;

/** Assignment of a role to a user; deleted with the user, kept from deleting a role in use. */
export const UserRole = defineEntity({
  name: 'UserRole',
  tableName: 'user_role',
  properties: {
    userId: p.uuid().primary(),
    roleId: p.uuid().primary().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type UserRoleEntity = InferEntity<typeof UserRole>;
