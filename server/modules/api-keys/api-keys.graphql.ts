import { signedIn } from '../service-context.ts';
import { builder } from '../../builder.ts';
import { connectionType } from '../../schema/connection.ts';
import type { ApiKeyEntity } from './api-key.entity.ts';
import { createApiKey, revokeAllApiKeys, revokeApiKey } from './api-keys.service.ts';
import { signedInOrJustSignedIn } from '../../schema/auth-scopes.ts';

export const ApiKeyType = builder.objectRef<ApiKeyEntity>('ApiKey').implement({
  description: 'An API key. The secret is shown once, by createApiKey; only its prefix is kept readable.',
  authScopes: signedInOrJustSignedIn,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.string({ description: 'The visible start of the key, e.g. zgk_1a2b3c4d', resolve: (k) => k.prefix }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.lastUsedAt ?? null }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.expiresAt ?? null }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.revokedAt ?? null }),
    active: t.boolean({
      description: 'Neither revoked nor expired',
      resolve: (k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > Date.now()),
    }),
  }),
});

export const ApiKeyConnection = connectionType('ApiKey', ApiKeyType);

const CreatedApiKey = builder.objectRef<{ apiKey: ApiKeyEntity; secret: string }>('CreatedApiKey').implement({
  authScopes: { loggedIn: true },
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyType, resolve: (r) => r.apiKey }),
    secret: t.string({ description: 'The full key. Shown this once; store it now.', resolve: (r) => r.secret }),
  }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    description: 'Creates a key for yourself, or for another user with apikeys:write and every permission that user holds',
    authScopes: { loggedIn: true },
    args: {
      name: t.arg.string({ required: true }),
      userId: t.arg.id({ description: 'Owner; defaults to you' }),
      expiresAt: t.arg({ type: 'DateTime' }),
    },
    resolve: (_root, args, ctx) => createApiKey(signedIn(ctx), { name: args.name, userId: args.userId ? String(args.userId) : null, expiresAt: args.expiresAt }),
  }),
  revokeApiKey: t.field({
    type: ApiKeyType,
    description: "Revokes one of your keys, or another user's with apikeys:write and every permission that user holds",
    authScopes: { loggedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeApiKey(signedIn(ctx), String(args.id)),
  }),
  revokeAllApiKeys: t.int({
    description: "Revokes every active key of a user (yourself by default; another user's needs apikeys:write and every permission they hold). Answers how many were revoked.",
    authScopes: { loggedIn: true },
    args: { userId: t.arg.id({ description: 'Owner; defaults to you' }) },
    resolve: (_root, args, ctx) => revokeAllApiKeys(signedIn(ctx), args.userId ? String(args.userId) : null),
  }),
}));
