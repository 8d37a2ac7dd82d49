import { errorRateOf, executiveSummary, fallbackRateOf } from '../modules/executive/executive.service.ts';
import { DEFAULT_TREND_KEYS, TREND_DIMENSIONS, TREND_GRANULARITIES, executiveTrends } from '../modules/executive/executive-trends.ts';
import type { ChatSums } from '../modules/executive/executive.store.ts';
import type { SignedInContext } from '../modules/service-context.ts';
import { params } from './query-params.ts';

const sums = (u: ChatSums) => ({ input_tokens: u.inputTokens, output_tokens: u.outputTokens, requests: u.requests, errors: u.errors });

const DEFAULT_RANGE_MS = 30 * 24 * 3600_000;

/** from/to as given; a missing end defaults to now, a missing start to 30 days before the end (the seed's dashboard sends neither). */
function rangeOf(url: URL, now = new Date()): { from: Date; to: Date } {
  const rawTo = url.searchParams.get('to');
  const to = rawTo ? params.dateTime('to', rawTo) : now;
  const rawFrom = url.searchParams.get('from');
  const from = rawFrom ? params.dateTime('from', rawFrom) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  return { from, to };
}

/** GET /api/v1/executive/summary?from&to (default: the last 30 days); executive:read is checked by the route. */
export async function getExecutiveSummary(ctx: SignedInContext, url: URL): Promise<Response> {
  const range = rangeOf(url);
  // Fold in what has committed up to now, not only what the background job reached.
  await ctx.app.chatRollup.rollupNow();
  const s = await executiveSummary(ctx.app.sql.durable, range, ctx.app.timezone);
  return Response.json({
    from: s.from.toISOString(),
    to: s.to.toISOString(),
    ...sums(s),
    fallbacks: s.fallbacks,
    error_rate: errorRateOf(s),
    fallback_rate: fallbackRateOf(s),
    active_users: s.activeUsers,
    latency_p50_ms: s.latencyP50Ms,
    latency_p95_ms: s.latencyP95Ms,
    top_users: s.topUsers.map((u) => ({ user_id: u.userId, email: u.email, name: u.name, ...sums(u) })),
    top_models: s.topModels.map((m) => ({ model: m.key, ...sums(m) })),
    top_providers: s.topProviders.map((p) => ({ provider: p.key, ...sums(p) })),
    dlp_events: s.dlpEvents,
  });
}

/** GET /api/v1/executive/trends?from&to&granularity=day|week|month&by=model|user|role|provider&limit */
export async function getExecutiveTrends(ctx: SignedInContext, url: URL): Promise<Response> {
  const range = rangeOf(url);
  const granularity = params.oneOf(url, 'granularity', TREND_GRANULARITIES, 'DAY')!;
  const by = params.oneOf(url, 'by', TREND_DIMENSIONS, 'MODEL')!;
  const limit = params.wholeNumber(url, 'limit') ?? DEFAULT_TREND_KEYS;
  await ctx.app.chatRollup.rollupNow();
  const trends = await executiveTrends(ctx.app.sql.durable, range, granularity, by, ctx.app.timezone, limit);
  return Response.json({ trends: trends.map((p) => ({ bucket: p.bucket.toISOString(), key: p.key, label: p.label, ...sums(p) })) });
}
