import { badInput } from '../errors.ts';
import { callGraphQL, type GraphQLFetch } from './graphql-call.ts';

const KEY_FIELDS = 'key inputTokens outputTokens requests errors';

type Usage = { inputTokens: number; outputTokens: number; requests: number; errors: number };
const usage = (u: Usage) => ({ input_tokens: u.inputTokens, output_tokens: u.outputTokens, requests: u.requests, errors: u.errors });

const DEFAULT_RANGE_MS = 30 * 24 * 3600_000;

/** from/to as given; a missing end defaults to now, a missing start to 30 days before the end (the seed's dashboard sends neither). */
function rangeOf(url: URL, now = new Date()): { from: string; to: string } {
  const to = url.searchParams.get('to') || now.toISOString();
  const end = new Date(to);
  const from = url.searchParams.get('from') || (Number.isNaN(end.getTime()) ? new Date(now.getTime() - DEFAULT_RANGE_MS) : new Date(end.getTime() - DEFAULT_RANGE_MS)).toISOString();
  return { from, to };
}

function enumParam(url: URL, name: string, values: readonly string[], fallback?: string): string {
  const raw = (url.searchParams.get(name) ?? fallback)?.toUpperCase();
  if (!raw || !values.includes(raw)) throw badInput(`${name} must be one of ${values.map((v) => v.toLowerCase()).join(', ')}`, name);
  return raw;
}

/** GET /api/v1/executive/summary?from&to (default: the last 30 days) */
export async function getExecutiveSummary(gql: GraphQLFetch, request: Request, url: URL): Promise<Response> {
  type Summary = Usage & {
    from: string;
    to: string;
    fallbacks: number;
    errorRate: number;
    fallbackRate: number;
    activeUsers: number;
    latencyP50Ms: number | null;
    latencyP95Ms: number | null;
    topUsers: (Usage & { userId: string; email: string | null; name: string | null })[];
    topModels: (Usage & { key: string })[];
    topProviders: (Usage & { key: string })[];
    dlpEvents: { detector: string; action: string; events: number; hits: number }[];
  };
  const { executiveSummary: s } = await callGraphQL<{ executiveSummary: Summary }>(
    gql,
    request,
    `query($r: ExecutiveRange!) { executiveSummary(range: $r) {
      from to inputTokens outputTokens requests errors fallbacks errorRate fallbackRate activeUsers latencyP50Ms latencyP95Ms
      topUsers { userId email name inputTokens outputTokens requests errors }
      topModels { ${KEY_FIELDS} } topProviders { ${KEY_FIELDS} } dlpEvents { detector action events hits } } }`,
    { r: rangeOf(url) },
  );
  return Response.json({
    from: s.from,
    to: s.to,
    input_tokens: s.inputTokens,
    output_tokens: s.outputTokens,
    requests: s.requests,
    errors: s.errors,
    fallbacks: s.fallbacks,
    error_rate: s.errorRate,
    fallback_rate: s.fallbackRate,
    active_users: s.activeUsers,
    latency_p50_ms: s.latencyP50Ms,
    latency_p95_ms: s.latencyP95Ms,
    top_users: s.topUsers.map((u) => ({ user_id: u.userId, email: u.email, name: u.name, ...usage(u) })),
    top_models: s.topModels.map((m) => ({ model: m.key, ...usage(m) })),
    top_providers: s.topProviders.map((p) => ({ provider: p.key, ...usage(p) })),
    dlp_events: s.dlpEvents,
  });
}

/** GET /api/v1/executive/trends?from&to&granularity=day|week|month&by=model|user|role|provider&limit */
export async function getExecutiveTrends(gql: GraphQLFetch, request: Request, url: URL): Promise<Response> {
  const limit = url.searchParams.get('limit');
  if (limit !== null && !/^\d+$/.test(limit)) throw badInput('limit must be a whole number', 'limit');
  const { executiveTrends } = await callGraphQL<{ executiveTrends: (Usage & { bucket: string; key: string | null; label: string })[] }>(
    gql,
    request,
    `query($r: ExecutiveRange!, $g: ExecutiveTrendGranularity!, $b: ExecutiveTrendDimension!, $l: Int) {
      executiveTrends(range: $r, granularity: $g, by: $b, limit: $l) { bucket key label inputTokens outputTokens requests errors } }`,
    {
      r: rangeOf(url),
      g: enumParam(url, 'granularity', ['DAY', 'WEEK', 'MONTH'], 'day'),
      b: enumParam(url, 'by', ['MODEL', 'USER', 'ROLE', 'PROVIDER'], 'model'),
      l: limit === null ? null : Number(limit),
    },
  );
  return Response.json({ trends: executiveTrends.map((p) => ({ bucket: p.bucket, key: p.key, label: p.label, ...usage(p) })) });
}
