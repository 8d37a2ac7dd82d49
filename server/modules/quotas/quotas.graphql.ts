import { builder } from '../../builder.ts';
import { signedInOrJustSignedIn } from '../../schema/auth-scopes.ts';
import { signedIn } from '../service-context.ts';
import { selfOr, UserType } from '../users/users.graphql.ts';
import { setQuota } from './quotas.service.ts';
import type { UserQuota } from './quotas.store.ts';

export const QuotaType = builder.objectRef<UserQuota>('Quota').implement({
  description: 'Daily token limits; null means unlimited',
  authScopes: signedInOrJustSignedIn,
  fields: (t) => ({
    id: t.id({ description: "The user's id: a user has one quota", resolve: (q) => q.userId }),
    dailyInputLimit: t.field({ type: 'Long', nullable: true, resolve: (q) => q.dailyInputLimit }),
    dailyOutputLimit: t.field({ type: 'Long', nullable: true, resolve: (q) => q.dailyOutputLimit }),
  }),
});

builder.objectField(UserType, 'quota', (t) =>
  t.field({
    type: QuotaType,
    authScopes: selfOr('users:read'),
    resolve: (u, _args, ctx) => ctx.loaders.quotaByUser.load(u.id),
  }),
);

builder.mutationField('setQuota', (t) =>
  t.field({
    type: QuotaType,
    description: 'Sets both daily token limits of a user; null means unlimited',
    authScopes: { permission: 'quotas:write' },
    args: {
      userId: t.arg.id({ required: true }),
      dailyInputLimit: t.arg({ type: 'Long' }),
      dailyOutputLimit: t.arg({ type: 'Long' }),
    },
    resolve: (_root, args, ctx) => setQuota(signedIn(ctx), String(args.userId), args.dailyInputLimit, args.dailyOutputLimit),
  }),
);
