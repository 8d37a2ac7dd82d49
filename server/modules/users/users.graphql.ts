import { signedIn } from '../service-context.ts';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { connectionArgs, connectionComplexity, connectionType, pageArray } from '../../schema/connection.ts';
import type { Permission } from '../roles/permissions.ts';
import { ApiKeyConnection, ApiKeyType } from '../api-keys/api-keys.graphql.ts';
import { RoleType } from '../roles/roles.graphql.ts';
import { USER_STATUSES, type UserEntity } from './user.entity.ts';
import { createUser, deleteUser, getUser, listUsers, setUserStatus, updateUser } from './users.service.ts';
import { assignRoles } from '../roles/roles.service.ts';
import { clientSource } from '../auth/source-address.ts';

export const UserStatusEnum = builder.enumType('UserStatus', { values: USER_STATUSES });

/** Readable by the user themselves (also in the payload of the `login` that signed them in), or by holders of `permission`. */
export const selfOr =
  (permission: Permission) =>
  (user: { id: string }, _args: unknown, ctx: Context) =>
    ctx.viewer && user.id === ctx.viewer.userId ? { loggedIn: true } : ctx.signedInUserId === user.id ? true : { permission };

export const UserType = builder.objectRef<UserEntity>('User').implement({
  authScopes: (user, ctx) => (ctx.signedInUserId === user.id ? true : { loggedIn: true }),
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    status: t.field({ type: UserStatusEnum, resolve: (u) => u.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (u) => u.updatedAt }),
    roles: t.field({
      type: [RoleType],
      authScopes: selfOr('users:read'),
      resolve: (u, _args, ctx) => ctx.loaders.rolesByUser.load(u.id),
    }),
    apiKeys: t.field({
      type: ApiKeyConnection,
      authScopes: selfOr('users:read'),
      args: connectionArgs(t),
      complexity: connectionComplexity,
      resolve: async (u, args, ctx) => pageArray(await ctx.loaders.apiKeysByUser.load(u.id), (k) => k.id, args.first, args.after),
    }),
  }),
});

const UserConnection = connectionType('User', UserType);

builder.queryFields((t) => ({
  me: t.field({
    type: UserType,
    authScopes: { loggedIn: true },
    resolve: (_root, _args, ctx) => getUser(ctx, signedIn(ctx).viewer.userId),
  }),
  users: t.field({
    type: UserConnection,
    authScopes: { permission: 'users:read' },
    args: {
      search: t.arg.string({ description: 'Part of an email or name, case-insensitive' }),
      status: t.arg({ type: UserStatusEnum }),
      ...connectionArgs(t),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx) => listUsers(ctx.em, args),
  }),
  user: t.field({
    type: UserType,
    authScopes: (_root, args, ctx) => (ctx.viewer && String(args.id) === ctx.viewer.userId ? { loggedIn: true } : { permission: 'users:read' }),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getUser(ctx, String(args.id)),
  }),
}));

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    name: t.string({ required: true }),
    password: t.string({ description: 'Console password; omit for API-only users' }),
    roleIds: t.idList({ description: 'Roles to assign at once' }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    email: t.string(),
    name: t.string(),
    password: t.string({ description: 'A new password: at least 12 characters, not a common password or a simple pattern' }),
    currentPassword: t.string({ description: 'Your current password; needed (with a console session) to change your own email or password' }),
  }),
});

builder.mutationFields((t) => ({
  createUser: t.field({
    type: UserType,
    authScopes: { permission: 'users:write' },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => createUser(signedIn(ctx), { ...input, roleIds: input.roleIds?.map(String) }),
  }),
  updateUser: t.field({
    type: UserType,
    description:
      'Users may update their own name, and with a console session and currentPassword their email and password; others need users:write and every permission the user holds. A new password ends the other sessions of the user.',
    authScopes: (_root, args, ctx) => (ctx.viewer && String(args.id) === ctx.viewer.userId ? { loggedIn: true } : { permission: 'users:write' }),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: (_root, args, ctx) => updateUser(signedIn(ctx), String(args.id), args.input, clientSource(ctx)),
  }),
  setUserStatus: t.field({
    type: UserType,
    authScopes: { permission: 'users:write' },
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: UserStatusEnum, required: true }) },
    resolve: (_root, args, ctx) => setUserStatus(signedIn(ctx), String(args.id), args.status),
  }),
  deleteUser: t.field({
    type: 'ID',
    description: 'Deletes the user with their roles, keys, sessions and quota; usage and audit history stay',
    authScopes: { permission: 'users:write' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteUser(signedIn(ctx), String(args.id)),
  }),
}));

builder.mutationField('setUserRoles', (t) =>
  t.field({
    type: UserType,
    description: 'Replaces the roles of a user. You cannot grant a permission you do not hold.',
    authScopes: { permission: 'users:write' },
    args: { userId: t.arg.id({ required: true }), roleIds: t.arg.idList({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await assignRoles(signedIn(ctx), String(args.userId), args.roleIds.map(String));
      return getUser(ctx, String(args.userId));
    },
  }),
);

builder.objectField(ApiKeyType, 'owner', (t) =>
  t.field({
    type: UserType,
    nullable: true,
    resolve: (key, _args, ctx) => ctx.loaders.userById.load(key.userId),
  }),
);
