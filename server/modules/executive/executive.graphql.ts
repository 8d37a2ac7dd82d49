import { builder } from '../../builder.ts';
import { errorRateOf, executiveSummary, fallbackRateOf, refusedTotal, type DlpCount, type RefusalCounts, type ExecutiveSummary, type KeyUsage, type UserUsage } from './executive.service.ts';
import {
  DEFAULT_TREND_KEYS,
  TREND_GRANULARITIES,
  executiveTrends,
  type TrendPoint,
} from './executive-trends.ts';

const EXECUTIVE = { permission: 'executive:read' } as const;

const ExecutiveRangeInput = builder.inputType('ExecutiveRange', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true, description: 'Inclusive' }),
    to: t.field({ type: 'DateTime', required: true, description: 'Exclusive; at most two years after from' }),
  }),
});

const ExecutiveKeyUsage = builder.objectRef<KeyUsage>('ExecutiveKeyUsage').implement({
  description: 'Usage of one model or provider over the range',
  authScopes: EXECUTIVE,
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The gateway model name, or the provider instance id' }),
    inputTokens: t.field({ type: 'Long', resolve: (r) => r.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (r) => r.outputTokens }),
    requests: t.field({ type: 'Long', resolve: (r) => r.requests }),
    errors: t.field({ type: 'Long', resolve: (r) => r.errors }),
  }),
});

const ExecutiveUserUsage = builder.objectRef<UserUsage>('ExecutiveUserUsage').implement({
  description: 'Usage of one user over the range',
  authScopes: EXECUTIVE,
  fields: (t) => ({
    userId: t.id({ resolve: (r) => r.userId }),
    email: t.string({ nullable: true, description: 'Null when the user was deleted', resolve: (r) => r.email }),
    name: t.string({ nullable: true, resolve: (r) => r.name }),
    inputTokens: t.field({ type: 'Long', resolve: (r) => r.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (r) => r.outputTokens }),
    requests: t.field({ type: 'Long', resolve: (r) => r.requests }),
    errors: t.field({ type: 'Long', resolve: (r) => r.errors }),
  }),
});

const ExecutiveDlpCount = builder.objectRef<DlpCount>('ExecutiveDlpCount').implement({
  authScopes: EXECUTIVE,
  fields: (t) => ({
    detector: t.exposeString('detector'),
    action: t.exposeString('action', { description: 'ALLOW, LOG, REDACT or BLOCK' }),
    events: t.field({ type: 'Long', description: 'DLP events (one per detector and prompt)', resolve: (r) => r.events }),
    hits: t.field({ type: 'Long', description: 'Matches summed over those events', resolve: (r) => r.hits }),
  }),
});

/** Errors split by kind: chats that failed once admitted, and refusals by reason. */
export interface ErrorBreakdown extends RefusalCounts {
  failed: number;
}

export const ErrorBreakdownType = builder.objectRef<ErrorBreakdown>('ErrorBreakdown').implement({
  description: 'Requests that did not end in an answer, by kind: failed once admitted (provider error, cut off, client gone), or refused before anything went upstream',
  authScopes: { anyPermission: ['executive:read', 'usage:read'] },
  fields: (t) => ({
    failed: t.field({ type: 'Long', description: 'Admitted, then failed, interrupted or disconnected', resolve: (b) => b.failed }),
    quota: t.field({ type: 'Long', description: 'Refused by the daily quota (QUOTA_EXCEEDED)', resolve: (b) => b.quota }),
    budget: t.field({ type: 'Long', description: 'Refused by a hard-stop budget (BUDGET_EXCEEDED)', resolve: (b) => b.budget }),
    rateLimit: t.field({ type: 'Long', description: 'Refused by a rate limit (RATE_LIMITED)', resolve: (b) => b.rate }),
    dlp: t.field({ type: 'Long', description: 'Blocked by DLP (DLP_BLOCKED)', resolve: (b) => b.dlp }),
    access: t.field({ type: 'Long', description: 'Refused access: suspended or disabled account, or no chat permission', resolve: (b) => b.access }),
  }),
});


const ExecutiveSummaryType = builder.objectRef<ExecutiveSummary>('ExecutiveSummary').implement({
  description: 'Chats over [from, to): usage, reliability, latency, the heaviest users, models and providers, and DLP events',
  authScopes: EXECUTIVE,
  fields: (t) => ({
    from: t.field({ type: 'DateTime', resolve: (s) => s.from }),
    to: t.field({ type: 'DateTime', resolve: (s) => s.to }),
    inputTokens: t.field({ type: 'Long', resolve: (s) => s.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (s) => s.outputTokens }),
    requests: t.field({ type: 'Long', description: 'Chat requests, whatever their outcome, refused ones included', resolve: (s) => s.requests }),
    errors: t.field({
      type: 'Long',
      description: 'Requests whose outcome is not ok: failed, interrupted, disconnected, or refused (quota, budget, rate limit, DLP, access)',
      resolve: (s) => s.errors,
    }),
    errorBreakdown: t.field({ type: ErrorBreakdownType, description: 'errors by kind', resolve: (s) => ({ ...s.refused, failed: s.errors - refusedTotal(s.refused) }) }),
    fallbacks: t.field({ type: 'Long', description: 'Chats answered by a provider other than the first one tried, or that tried more than one', resolve: (s) => s.fallbacks }),
    errorRate: t.float({ description: 'errors / requests, refusals included (0 without requests)', resolve: errorRateOf }),
    fallbackRate: t.float({ description: 'fallbacks / admitted chats (requests less refusals; 0 without chats)', resolve: fallbackRateOf }),
    activeUsers: t.int({ description: 'Distinct users with at least one chat', resolve: (s) => s.activeUsers }),
    latencyP50Ms: t.float({
      nullable: true,
      description: 'Median chat latency in ms, from a log-scale histogram: within about 10% of the exact value. Null without chats',
      resolve: (s) => s.latencyP50Ms,
    }),
    latencyP95Ms: t.float({ nullable: true, description: '95th percentile chat latency in ms, within about 10%', resolve: (s) => s.latencyP95Ms }),
    topUsers: t.field({ type: [ExecutiveUserUsage], description: 'The 5 users with the most tokens (input + output)', resolve: (s) => s.topUsers }),
    topModels: t.field({ type: [ExecutiveKeyUsage], description: 'The 5 gateway models with the most tokens', resolve: (s) => s.topModels }),
    topProviders: t.field({ type: [ExecutiveKeyUsage], description: 'The 5 provider instances with the most tokens', resolve: (s) => s.topProviders }),
    dlpEvents: t.field({ type: [ExecutiveDlpCount], description: 'DLP events by detector and action', resolve: (s) => s.dlpEvents }),
  }),
});

builder.queryField('executiveSummary', (t) =>
  t.field({
    type: ExecutiveSummaryType,
    description: 'The executive view over a time range: exact counts for any range (current to the last committed chat); percentiles within about 10%',
    authScopes: EXECUTIVE,
    args: { range: t.arg({ type: ExecutiveRangeInput, required: true }) },
    resolve: async (_root, { range }, ctx) => {
      // Fold in what has committed up to now, not only what the background job reached.
      await ctx.app.chatRollup.rollupNow();
      return executiveSummary(ctx.app.sql.durable, range, ctx.app.timezone);
    },
  }),
);

const TrendGranularity = builder.enumType('ExecutiveTrendGranularity', { values: TREND_GRANULARITIES });
const TrendDimension = builder.enumType('ExecutiveTrendDimension', {
  values: {
    MODEL: { description: 'Gateway model the client asked for' },
    USER: {},
    ROLE: { description: 'Each role the user holds now: a user with two roles counts in both; users without roles are left out' },
    PROVIDER: { description: 'Provider instance that answered (or was tried last)' },
  },
});

const TrendPointType = builder.objectRef<TrendPoint>('ExecutiveTrendPoint').implement({
  authScopes: EXECUTIVE,
  fields: (t) => ({
    bucket: t.field({ type: 'DateTime', description: "Start of the bucket, midnight in the gateway's time zone", resolve: (p) => p.bucket }),
    key: t.string({ nullable: true, description: 'Model, user id, role id or provider; null for all the others together', resolve: (p) => p.key }),
    label: t.exposeString('label', { description: 'Model, user email, role name or provider; "Other" for key null' }),
    inputTokens: t.field({ type: 'Long', resolve: (p) => p.inputTokens }),
    outputTokens: t.field({ type: 'Long', resolve: (p) => p.outputTokens }),
    requests: t.field({ type: 'Long', resolve: (p) => p.requests }),
    errors: t.field({ type: 'Long', resolve: (p) => p.errors }),
  }),
});

builder.queryField('executiveTrends', (t) =>
  t.field({
    type: [TrendPointType],
    description:
      "Chat usage per day, week (from Monday) or month in the gateway's time zone, over the whole buckets that overlap the range, " +
      'for the `limit` keys with the most tokens plus one "Other" series (key null) for the rest. ' +
      'ROLE attributes usage to each role the user holds now (so roles can add up to more than the total) and has no "Other" series.',
    authScopes: EXECUTIVE,
    args: {
      range: t.arg({ type: ExecutiveRangeInput, required: true }),
      granularity: t.arg({ type: TrendGranularity, required: true }),
      by: t.arg({ type: TrendDimension, required: true }),
      limit: t.arg.int({ description: `Keys to show, 1 to 50 (default ${DEFAULT_TREND_KEYS})` }),
    },
    complexity: 50,
    resolve: async (_root, args, ctx) => {
      await ctx.app.chatRollup.rollupNow();
      return executiveTrends(ctx.app.sql.durable, args.range, args.granularity, args.by, ctx.app.timezone, args.limit ?? DEFAULT_TREND_KEYS);
    },
  }),
);
