import { builder } from '../../builder.ts';
import { QuotaType } from '../users/users.graphql.ts';
import { setQuota } from './quotas.service.ts';

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
    resolve: async (_root, args, ctx) => {
      const quota = await setQuota(ctx, String(args.userId), args.dailyInputLimit, args.dailyOutputLimit);
      return { dailyInputLimit: quota.dailyInputLimit ?? null, dailyOutputLimit: quota.dailyOutputLimit ?? null };
    },
  }),
);
