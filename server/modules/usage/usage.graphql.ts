import { builder } from '../../builder.ts';
import { signedInOrJustSignedIn } from '../../schema/auth-scopes.ts';
import { signedIn } from '../service-context.ts';
import { selfOr, UserType } from '../users/users.graphql.ts';
import { USAGE_GROUPS, queryUsage, type UsageRow } from './usage.service.ts';
import type { UsageEvent } from './usage-events.ts';
import type { UsageTotals } from './usage.store.ts';

export const UsageTotalsType = builder.objectRef<UsageTotals>('UsageTotals').implement({
  authScopes: signedInOrJustSignedIn,
  fields: (t) => ({
    inputTokens: t.field({ type: 'Long', resolve: (u) => u.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (u) => u.outputTokens }),
    requests: t.field({ type: 'Long', resolve: (u) => u.requests }),
  }),
});

builder.objectField(UserType, 'todayUsage', (t) =>
  t.field({
    type: UsageTotalsType,
    description: "Tokens used today (the gateway's configured time zone)",
    authScopes: selfOr('users:read'),
    resolve: (u, _args, ctx) => ctx.loaders.todayUsageByUser.load(u.id),
  }),
);

const UsageGroupBy = builder.enumType('UsageGroupBy', { values: USAGE_GROUPS });

const UsageFilter = builder.inputType('UsageFilter', {
  fields: (t) => ({
    userId: t.id(),
    model: t.string(),
    from: t.field({ type: 'Date', description: 'First day, inclusive' }),
    to: t.field({ type: 'Date', description: 'Last day, inclusive' }),
  }),
});

const UsageRowType = builder.objectRef<UsageRow>('UsageRow').implement({
  description: 'Usage summed over the groups asked for; fields not grouped by are null',
  authScopes: { loggedIn: true },
  fields: (t) => ({
    day: t.field({ type: 'Date', nullable: true, resolve: (r) => r.day }),
    userId: t.id({ nullable: true, resolve: (r) => r.userId }),
    user: t.field({ type: UserType, nullable: true, resolve: (r, _a, ctx) => (r.userId ? ctx.loaders.userById.load(r.userId) : null) }),
    model: t.exposeString('model', { nullable: true }),
    provider: t.exposeString('provider', { nullable: true }),
    inputTokens: t.field({ type: 'Long', resolve: (r) => r.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (r) => r.outputTokens }),
    requests: t.field({ type: 'Long', resolve: (r) => r.requests }),
    cost: t.float({
      description: 'Cost in the configured currency (Query.prices), at the prices in force when each chat settled: a later price change does not rewrite it',
      resolve: (r) => Math.round(r.cost * 1e6) / 1e6,
    }),
  }),
});

builder.queryField('usage', (t) =>
  t.field({
    type: [UsageRowType],
    description: "Token usage. Without usage:read you see only your own.",
    authScopes: { loggedIn: true },
    args: {
      filter: t.arg({ type: UsageFilter }),
      groupBy: t.arg({ type: [UsageGroupBy] }),
    },
    resolve: (_root, args, ctx) =>
      queryUsage(signedIn(ctx), { ...args.filter, userId: args.filter?.userId ? String(args.filter.userId) : null }, args.groupBy ?? []),
  }),
);

const UsageEventType = builder.objectRef<UsageEvent>('UsageEvent').implement({
  description: 'One settled chat',
  authScopes: { permission: 'usage:read' },
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    userId: t.id({ resolve: (e) => e.userId }),
    user: t.field({ type: UserType, nullable: true, resolve: (e, _a, ctx) => ctx.loaders.userById.load(e.userId) }),
    model: t.exposeString('model'),
    provider: t.exposeString('provider', { nullable: true }),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    outcome: t.exposeString('outcome', { description: 'ok, failed, interrupted or disconnected' }),
    fellBack: t.exposeBoolean('fellBack', { description: 'Answered by a fallback provider' }),
    latencyMs: t.int({ resolve: (e) => Math.round(e.latencyMs) }),
  }),
});

builder.subscriptionField('usageEvents', (t) =>
  t.field({
    type: UsageEventType,
    description: 'Every chat this gateway instance settles, as it happens (for live dashboards)',
    authScopes: { permission: 'usage:read' },
    subscribe: (_root, _args, ctx) => ctx.app.events.subscribe('usage'),
    resolve: (event) => event,
  }),
);
