import { builder } from '../../builder.ts';
import { connectionArgs, connectionComplexity, connectionType } from '../../schema/connection.ts';
import { AttemptType } from '../chat/chat.graphql.ts';
import { ErrorBreakdownType } from '../executive/executive.graphql.ts';
import { requestCounts } from '../executive/executive.service.ts';
import { UserType } from '../users/users.graphql.ts';
import { listRequests, REQUEST_OUTCOMES, type RequestLogEntry } from './request-log.service.ts';

/**
 * usage:read, not audit:read: each entry is a chat's metering facts (who, which
 * model and key, outcome, tokens, cost, latency), the same facts the live
 * `usageEvents` feed already streams to usage:read, now with refusals. Prompt
 * hashes, chain positions and admin actions stay in the audit trail (audit:read),
 * where refusals are also recorded as `chat.refused`.
 */
const REQUESTS = { permission: 'usage:read' } as const;

const RequestOutcomeEnum = builder.enumType('RequestOutcome', {
  values: {
    OK: { description: 'Answered' },
    ERROR: { description: 'Admitted, then failed (no provider answered) or cut off' },
    DISCONNECTED: { description: 'The client went away before the answer ended' },
    REFUSED_QUOTA: { description: 'Refused by the daily quota (QUOTA_EXCEEDED)' },
    REFUSED_BUDGET: { description: 'Refused by a hard-stop budget (BUDGET_EXCEEDED)' },
    REFUSED_RATE_LIMIT: { description: 'Refused by a rate limit (RATE_LIMITED)' },
    REFUSED_DLP: { description: 'Blocked by DLP (DLP_BLOCKED)' },
    REFUSED_ACCESS: { description: 'Refused access: suspended or disabled account, or no chat permission' },
  } satisfies Record<(typeof REQUEST_OUTCOMES)[number], { description: string }>,
});

const RequestLogEntryType = builder.objectRef<RequestLogEntry>('RequestLogEntry').implement({
  description: 'One chat request, answered or refused',
  authScopes: REQUESTS,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The audit record of the request' }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    user: t.field({ type: UserType, nullable: true, description: 'Null once the user is deleted', resolve: (e, _a, ctx) => (e.userId ? ctx.loaders.userById.load(e.userId) : null) }),
    userId: t.id({ nullable: true, resolve: (e) => e.userId }),
    apiKeyId: t.id({ nullable: true, description: 'The API key used; null for a console session (or a key since deleted)', resolve: (e) => e.apiKeyId }),
    apiKeyPrefix: t.string({ nullable: true, resolve: (e) => e.apiKeyPrefix }),
    apiKeyName: t.string({ nullable: true, resolve: (e) => e.apiKeyName }),
    model: t.string({ nullable: true, description: 'The gateway model asked for', resolve: (e) => e.model }),
    provider: t.string({ nullable: true, description: 'The provider instance that answered, or was tried last', resolve: (e) => e.provider }),
    outcome: t.field({ type: RequestOutcomeEnum, resolve: (e) => e.outcome }),
    reason: t.string({ nullable: true, description: 'The error code of a refusal', resolve: (e) => e.reason }),
    inputTokens: t.int({ resolve: (e) => e.inputTokens }),
    outputTokens: t.int({ resolve: (e) => e.outputTokens }),
    cost: t.float({ nullable: true, description: 'What the chat cost when it was settled, in the configured currency', resolve: (e) => e.cost }),
    latencyMs: t.int({ nullable: true, resolve: (e) => e.latencyMs }),
    attempts: t.field({ type: [AttemptType], description: 'Every try against a provider (none for a refusal)', resolve: (e) => e.attempts }),
    requestId: t.string({ nullable: true, resolve: (e) => e.requestId }),
    via: t.string({ nullable: true, description: 'The door: mutation, subscription, rest, openai, anthropic', resolve: (e) => e.via }),
  }),
});

const RequestLogConnection = connectionType('RequestLogEntry', RequestLogEntryType);

const RequestLogFilterInput = builder.inputType('RequestLogFilter', {
  fields: (t) => ({
    userId: t.id(),
    model: t.string({ description: 'Gateway model name' }),
    outcomes: t.field({ type: [RequestOutcomeEnum], description: 'Any of these outcomes' }),
    from: t.field({ type: 'DateTime' }),
    to: t.field({ type: 'DateTime' }),
  }),
});

builder.queryField('requestLog', (t) =>
  t.field({
    type: RequestLogConnection,
    description: 'Every chat request, answered or refused, newest first',
    authScopes: REQUESTS,
    args: { filter: t.arg({ type: RequestLogFilterInput }), ...connectionArgs(t) },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx) => {
      const f = args.filter;
      return listRequests(ctx.app.sql.durable, { userId: f?.userId ? String(f.userId) : null, model: f?.model, outcomes: f?.outcomes, from: f?.from, to: f?.to }, args.first, args.after);
    },
  }),
);

interface RequestStats {
  requests: number;
  errors: number;
  breakdown: { failed: number; quota: number; budget: number; rate: number; dlp: number; access: number };
}

const RequestStatsType = builder.objectRef<RequestStats>('RequestStats').implement({
  description: 'Chat requests over a time range and those that did not end in an answer, refusals included',
  authScopes: { anyPermission: ['usage:read', 'executive:read'] },
  fields: (t) => ({
    requests: t.field({ type: 'Long', description: 'Every request, refused ones included', resolve: (s) => s.requests }),
    errors: t.field({ type: 'Long', description: 'Failed, interrupted, disconnected or refused', resolve: (s) => s.errors }),
    errorRate: t.float({ description: 'errors / requests (0 without requests)', resolve: (s) => (s.requests ? s.errors / s.requests : 0) }),
    errorBreakdown: t.field({ type: ErrorBreakdownType, resolve: (s) => s.breakdown }),
  }),
});

builder.queryField('requestStats', (t) =>
  t.field({
    type: RequestStatsType,
    description: 'Requests and errors by kind over [from, to), from the executive rollups (exact for any range)',
    authScopes: { anyPermission: ['usage:read', 'executive:read'] },
    args: { from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    resolve: async (_root, args, ctx) => {
      await ctx.app.chatRollup.rollupNow();
      const c = await requestCounts(ctx.app.sql.durable, { from: args.from, to: args.to }, ctx.app.timezone);
      const refused = c.refused.quota + c.refused.budget + c.refused.rate + c.refused.dlp + c.refused.access;
      return { requests: c.requests, errors: c.errors, breakdown: { ...c.refused, failed: c.errors - refused } };
    },
  }),
);
