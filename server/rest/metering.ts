import { AppError, badInput } from '../errors.ts';
import { hasPermission } from '../modules/auth/viewer.ts';
import { dayTotalsByUser } from '../modules/usage/usage.store.ts';
import { queryUsage, USAGE_GROUPS } from '../modules/usage/usage.service.ts';
import { quotasOf } from '../modules/quotas/quotas.store.ts';
import { setQuota } from '../modules/quotas/quotas.service.ts';
import type { SignedInContext } from '../modules/service-context.ts';
import { USER_STATUSES, type UserEntity } from '../modules/users/user.entity.ts';
import { getUser, listUsers } from '../modules/users/users.service.ts';
import { dayIn } from '../util/days.ts';
import { params } from './query-params.ts';
import { readJsonBody } from './rest-context.ts';

/** The seed system's shape of a user, kept exactly: snake_case, usage of today in the configured time zone. */
interface SeedUser {
  user_id: string;
  email: string;
  name: string;
  status: string;
  daily_usage: { input_tokens: number; output_tokens: number };
  quota: { daily_input_limit: number | null; daily_output_limit: number | null };
}

/** Users in the seed's shape, with today's usage and quotas fetched for all of them in two statements. */
async function toSeed(ctx: SignedInContext, users: readonly UserEntity[]): Promise<SeedUser[]> {
  const ids = users.map((u) => u.id);
  const [usage, quotas] = await Promise.all([dayTotalsByUser(ctx.em, dayIn(ctx.app.timezone), ids), quotasOf(ctx.em, ids)]);
  return users.map((u, i) => ({
    user_id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    daily_usage: { input_tokens: usage[i].inputTokens, output_tokens: usage[i].outputTokens },
    quota: { daily_input_limit: quotas[i].dailyInputLimit, daily_output_limit: quotas[i].dailyOutputLimit },
  }));
}

/** GET /api/v1/metering/users?search&status&limit&cursor (users:read, checked by the route) */
export async function listMeteringUsers(ctx: SignedInContext, url: URL): Promise<Response> {
  const page = await listUsers(ctx.em, {
    search: url.searchParams.get('search'),
    status: params.oneOf(url, 'status', USER_STATUSES) ?? null,
    first: params.wholeNumber(url, 'limit') ?? 50,
    after: url.searchParams.get('cursor'),
  });
  return Response.json({
    users: await toSeed(ctx, page.edges.map((e) => e.node)),
    next_cursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
  });
}

/** GET /api/v1/metering/users/:id: oneself, or anyone with users:read (as `Query.user`). */
export async function getMeteringUser(ctx: SignedInContext, id: string): Promise<Response> {
  params.id('id', id);
  if (id !== ctx.viewer.userId && !hasPermission(ctx.viewer, 'users:read')) throw new AppError('FORBIDDEN', 'Not allowed: needs the users:read permission');
  const [user] = await toSeed(ctx, [await getUser(ctx, id)]);
  return Response.json(user);
}

/** PUT /api/v1/metering/users/:id with {daily_input_limit, daily_output_limit} (null = unlimited); quotas:write and users:read, checked by the route. */
export async function putMeteringUser(ctx: SignedInContext, request: Request, id: string): Promise<Response> {
  params.id('id', id);
  const body = (await readJsonBody(request)) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || !('daily_input_limit' in body) || !('daily_output_limit' in body)) {
    throw badInput('Body needs daily_input_limit and daily_output_limit (null for unlimited)');
  }
  for (const key of ['daily_input_limit', 'daily_output_limit']) {
    const v = body[key];
    if (v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v))) throw badInput(`${key} must be a whole number or null`, key);
  }
  await setQuota(ctx, id, body.daily_input_limit as number | null, body.daily_output_limit as number | null);
  return getMeteringUser(ctx, id);
}

/** GET /api/v1/metering/usage?from&to&user_id&model&group_by=day,user,model,provider (others' usage needs usage:read, as `Query.usage`). */
export async function getMeteringUsage(ctx: SignedInContext, url: URL): Promise<Response> {
  const groupBy = params.listOf(url, 'group_by', USAGE_GROUPS, ['DAY']);
  const rows = await queryUsage(
    ctx,
    { from: params.day(url, 'from'), to: params.day(url, 'to'), userId: params.optionalId(url, 'user_id'), model: url.searchParams.get('model') },
    groupBy,
  );
  return Response.json({
    usage: rows.map((r) => ({
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
