import { signedIn } from '../service-context.ts';
import { builder } from '../../builder.ts';
import { signedInOrJustSignedIn } from '../../schema/auth-scopes.ts';
import { PERMISSIONS } from './permissions.ts';
import type { RoleEntity } from './role.entity.ts';
import { Role } from './role.entity.ts';
import { createRole, deleteRole, getRole, updateRole } from './roles.service.ts';

export const PermissionType = builder.objectRef<(typeof PERMISSIONS)[number]>('Permission').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    name: t.exposeString('name'),
    group: t.exposeString('group'),
    description: t.exposeString('description'),
  }),
});

export const RoleType = builder.objectRef<RoleEntity>('Role').implement({
  authScopes: signedInOrJustSignedIn,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    permissions: t.stringList({ resolve: (r) => r.permissions }),
    builtIn: t.boolean({ description: 'Built-in roles cannot be deleted or renamed', resolve: (r) => r.builtIn }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (r) => r.updatedAt }),
  }),
});

const readRoles = { anyPermission: ['users:read', 'roles:write'] } as const;

builder.queryFields((t) => ({
  roles: t.field({
    type: [RoleType],
    authScopes: { anyPermission: [...readRoles.anyPermission] },
    resolve: (_root, _args, ctx) => ctx.em.find(Role, {}, { orderBy: { name: 'asc' } }),
  }),
  role: t.field({
    type: RoleType,
    authScopes: { anyPermission: [...readRoles.anyPermission] },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getRole(ctx, String(args.id)),
  }),
  permissions: t.field({
    type: [PermissionType],
    description: 'Every permission a role can bundle',
    authScopes: { loggedIn: true },
    resolve: () => [...PERMISSIONS],
  }),
}));

const RoleInput = builder.inputType('RoleInput', {
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    permissions: t.stringList(),
  }),
});

builder.mutationFields((t) => ({
  createRole: t.field({
    type: RoleType,
    authScopes: { permission: 'roles:write' },
    args: { input: t.arg({ type: RoleInput, required: true }) },
    resolve: (_root, { input }, ctx) => createRole(signedIn(ctx), { ...input, name: input.name ?? '' }),
  }),
  updateRole: t.field({
    type: RoleType,
    authScopes: { permission: 'roles:write' },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: RoleInput, required: true }) },
    resolve: (_root, args, ctx) => updateRole(signedIn(ctx), String(args.id), args.input),
  }),
  deleteRole: t.field({
    type: 'ID',
    description: 'Refused with CONFLICT while any user holds the role',
    authScopes: { permission: 'roles:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteRole(signedIn(ctx), String(args.id)),
  }),
}));
