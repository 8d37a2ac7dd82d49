import { badInput } from '../errors.ts';
import { callGraphQL, type GraphQLFetch } from './graphql-call.ts';
import { readJsonBody } from './rest-context.ts';

/** The seed system's shapes, kept exactly: snake_case, usage of today in the configured time zone. */
interface SeedUser {
  user_id: string;
  email: string;
  name: string;
  status: string;
  daily_usage: { input_tokens: number; output_tokens: number };
  quota: { daily_input_limit: number | null; daily_output_limit: number | null };
}

const USER_FIELDS = 'id email name status todayUsage { inputTokens outputTokens } quota { dailyInputLimit dailyOutputLimit }';

type UserNode = {
  id: string;
  email: string;
  name: string;
  status: string;
  todayUsage: { inputTokens: number; outputTokens: number };
  quota: { dailyInputLimit: number | null; dailyOutputLimit: number | null };
};

function toSeed(u: UserNode): SeedUser {
  return {
    user_id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    daily_usage: { input_tokens: u.todayUsage.inputTokens, output_tokens: u.todayUsage.outputTokens },
    quota: { daily_input_limit: u.quota.dailyInputLimit, daily_output_limit: u.quota.dailyOutputLimit },
  };
}

const intParam = (url: URL, name: string): number | undefined => {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw badInput(`${name} must be a whole number`, name);
  return Number(raw);
};

/** GET /api/v1/metering/users?search&status&limit&cursor */
export async function listMeteringUsers(gql: GraphQLFetch, request: Request, url: URL): Promise<Response> {
  const data = await callGraphQL<{ users: { edges: { node: UserNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    gql,
    request,
    `query($search: String, $status: UserStatus, $first: Int, $after: String) {
      users(search: $search, status: $status, first: $first, after: $after) { edges { node { ${USER_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
    { search: url.searchParams.get('search'), status: url.searchParams.get('status')?.toUpperCase() ?? null, first: intParam(url, 'limit') ?? 50, after: url.searchParams.get('cursor') },
  );
  return Response.json({
    users: data.users.edges.map((e) => toSeed(e.node)),
    next_cursor: data.users.pageInfo.hasNextPage ? data.users.pageInfo.endCursor : null,
  });
}

/** GET /api/v1/metering/users/:id */
export async function getMeteringUser(gql: GraphQLFetch, request: Request, _url: URL, params: { id: string }): Promise<Response> {
  const data = await callGraphQL<{ user: UserNode }>(gql, request, `query($id: ID!) { user(id: $id) { ${USER_FIELDS} } }`, { id: params.id });
  return Response.json(toSeed(data.user));
}

/** PUT /api/v1/metering/users/:id with {daily_input_limit, daily_output_limit} (null = unlimited) */
export async function putMeteringUser(gql: GraphQLFetch, request: Request, url: URL, params: { id: string }): Promise<Response> {
  const body = (await readJsonBody(request)) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || !('daily_input_limit' in body) || !('daily_output_limit' in body)) {
    throw badInput('Body needs daily_input_limit and daily_output_limit (null for unlimited)');
  }
  for (const key of ['daily_input_limit', 'daily_output_limit']) {
    const v = body[key];
    if (v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v))) throw badInput(`${key} must be a whole number or null`, key);
  }
  await callGraphQL(gql, request, 'mutation($u: ID!, $i: Long, $o: Long) { setQuota(userId: $u, dailyInputLimit: $i, dailyOutputLimit: $o) { dailyInputLimit } }', {
    u: params.id,
    i: body.daily_input_limit,
    o: body.daily_output_limit,
  });
  return getMeteringUser(gql, request, url, params);
}

/** GET /api/v1/metering/usage?from&to&user_id&model&group_by=day,user,model,provider */
export async function getMeteringUsage(gql: GraphQLFetch, request: Request, url: URL): Promise<Response> {
  const groupBy = (url.searchParams.get('group_by') ?? 'day')
    .split(',')
    .filter(Boolean)
    .map((g) => g.trim().toUpperCase());
  const data = await callGraphQL<{ usage: { day: string | null; userId: string | null; model: string | null; provider: string | null; inputTokens: number; outputTokens: number; requests: number }[] }>(
    gql,
    request,
    'query($f: UsageFilter, $g: [UsageGroupBy!]) { usage(filter: $f, groupBy: $g) { day userId model provider inputTokens outputTokens requests } }',
    { f: { from: url.searchParams.get('from'), to: url.searchParams.get('to'), userId: url.searchParams.get('user_id'), model: url.searchParams.get('model') }, g: groupBy },
  );
  return Response.json({
    usage: data.usage.map((r) => ({
      ...(groupBy.includes('DAY') ? { day: r.day } : {}),
      ...(groupBy.includes('USER') ? { user_id: r.userId } : {}),
      ...(groupBy.includes('MODEL') ? { model: r.model } : {}),
      ...(groupBy.includes('PROVIDER') ? { provider: r.provider } : {}),
      input_tokens: r.inputTokens,
      output_tokens: r.outputTokens,
      requests: r.requests,
    })),
  });
}
