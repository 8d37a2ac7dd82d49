import { builder } from '../../builder.ts';
import { signedIn } from '../service-context.ts';
import { ApiKeyType } from '../api-keys/api-keys.graphql.ts';
import { RoleType } from '../roles/roles.graphql.ts';
import { UserType } from '../users/users.graphql.ts';
import { clearRateLimit, listRateLimits, setRateLimit } from './rate-limits.service.ts';
import type { RateLimitRow } from './rate-limits.store.ts';

const RateLimitScopeEnum = builder.enumType('RateLimitScope', {
  values: {
    USER: { description: 'One user, over all their keys and sessions' },
    ROLE: { description: 'Each user holding the role (the strictest of a user\u2019s own and their roles\u2019 limits applies)' },
    API_KEY: { description: 'One API key, on top of its owner\u2019s limits' },
  },
});

const readLimits = { anyPermission: ['users:read', 'quotas:write'] } as const;

const RateLimitType = builder.objectRef<RateLimitRow>('RateLimit').implement({
  description: 'Requests and tokens per minute for a user, a role or an API key (sliding minute)',
  authScopes: { anyPermission: [...readLimits.anyPermission] },
  fields: (t) => ({
    scope: t.field({ type: RateLimitScopeEnum, resolve: (l) => l.scope }),
    targetId: t.exposeID('targetId', { description: 'The user, role or API key' }),
    requestsPerMinute: t.int({ nullable: true, description: 'Null: no request limit', resolve: (l) => l.requestsPerMinute }),
    tokensPerMinute: t.field({ type: 'Long', nullable: true, description: 'Prompt (estimated at admission) plus output tokens; null: no token limit', resolve: (l) => l.tokensPerMinute }),
    user: t.field({ type: UserType, nullable: true, resolve: (l, _a, ctx) => (l.scope === 'USER' ? ctx.loaders.userById.load(l.targetId) : null) }),
    role: t.field({ type: RoleType, nullable: true, resolve: (l, _a, ctx) => (l.scope === 'ROLE' ? ctx.loaders.roleById.load(l.targetId) : null) }),
    apiKey: t.field({ type: ApiKeyType, nullable: true, resolve: (l, _a, ctx) => (l.scope === 'API_KEY' ? ctx.loaders.apiKeyById.load(l.targetId) : null) }),
    updatedAt: t.field({ type: 'DateTime', resolve: (l) => l.updatedAt }),
  }),
});

builder.queryField('rateLimits', (t) =>
  t.field({
    type: [RateLimitType],
    description: 'Rate limits, optionally of one scope or one user, role or API key',
    authScopes: { anyPermission: [...readLimits.anyPermission] },
    args: { scope: t.arg({ type: RateLimitScopeEnum }), targetId: t.arg.id() },
    resolve: (_root, args, ctx) => listRateLimits(signedIn(ctx), { scope: args.scope, targetId: args.targetId ? String(args.targetId) : null }),
  }),
);

builder.mutationFields((t) => ({
  setRateLimit: t.field({
    type: RateLimitType,
    description: 'Sets the requests and tokens per minute of a user, role or API key (null: no limit on that one); takes effect on every instance within a second',
    authScopes: { permission: 'quotas:write' },
    args: {
      scope: t.arg({ type: RateLimitScopeEnum, required: true }),
      targetId: t.arg.id({ required: true }),
      requestsPerMinute: t.arg.int(),
      tokensPerMinute: t.arg({ type: 'Long' }),
    },
    resolve: (_root, args, ctx) => setRateLimit(signedIn(ctx), args.scope, String(args.targetId), args.requestsPerMinute, args.tokensPerMinute),
  }),
  clearRateLimit: t.boolean({
    description: 'Removes the rate limit of a user, role or API key; false when it had none',
    authScopes: { permission: 'quotas:write' },
    args: { scope: t.arg({ type: RateLimitScopeEnum, required: true }), targetId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => clearRateLimit(signedIn(ctx), args.scope, String(args.targetId)),
  }),
}));
