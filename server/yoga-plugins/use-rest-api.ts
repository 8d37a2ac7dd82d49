import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../app-state.ts';
import { exportAudit } from '../rest/audit-export.ts';
import { getExecutiveSummary, getExecutiveTrends } from '../rest/executive.ts';
import { postChat } from '../rest/chat.ts';
import { getMeteringUsage, getMeteringUser, listMeteringUsers, putMeteringUser } from '../rest/metering.ts';
import { authenticate, errorResponse } from '../rest/rest-context.ts';
import { requestIdOf } from './use-request-id.ts';
import type { Permission } from '../modules/roles/permissions.ts';
import type { SignedInContext } from '../modules/service-context.ts';
import { AppError, badInput } from '../errors.ts';

interface RouteContext {
  app: AppState;
  /** The signed-in caller, as services take it (the same as a GraphQL resolver's). */
  ctx: SignedInContext;
  request: Request;
  url: URL;
  params: Record<string, string>;
  requestId: string;
}

interface Route {
  method: string;
  /** Path with `:name` segments. */
  path: string;
  /** Checked with the credentials, before anything about the request is. */
  permissions?: Permission[];
  handler: (c: RouteContext) => Promise<Response>;
}

/** The REST surface: the seed system's endpoints and the auditors' export, calling the same services as GraphQL directly, with the same auth. */
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/v1/metering/users', permissions: ['users:read'], handler: (c) => listMeteringUsers(c.ctx, c.url) },
  { method: 'GET', path: '/api/v1/metering/users/:id', handler: (c) => getMeteringUser(c.ctx, c.params.id) },
  { method: 'PUT', path: '/api/v1/metering/users/:id', permissions: ['quotas:write', 'users:read'], handler: (c) => putMeteringUser(c.ctx, c.request, c.params.id) },
  { method: 'GET', path: '/api/v1/metering/usage', handler: (c) => getMeteringUsage(c.ctx, c.url) },
  { method: 'POST', path: '/api/v1/chat', handler: (c) => postChat(c.app, c.request, c.requestId) },
  { method: 'GET', path: '/api/v1/audit/export', permissions: ['audit:read'], handler: (c) => exportAudit(c.app, c.request, c.url) },
  { method: 'GET', path: '/api/v1/executive/summary', permissions: ['executive:read'], handler: (c) => getExecutiveSummary(c.ctx, c.url) },
  { method: 'GET', path: '/api/v1/executive/trends', permissions: ['executive:read'], handler: (c) => getExecutiveTrends(c.ctx, c.url) },
];

function match(route: Route, pathname: string): Record<string, string> | null {
  const want = route.path.split('/');
  const got = pathname.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = got[i];
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** The route template a request matches (`GET /api/v1/metering/users/:id`), for a bounded metrics label. */
export function restRouteOf(method: string, pathname: string): string | undefined {
  const route = ROUTES.find((r) => r.method === method && match(r, pathname));
  return route && `${route.method} ${route.path}`;
}

/** Path parameters decoded; checked after authentication, so an anonymous caller learns nothing (401 before any 400). */
function decodeParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, raw]) => [name, decodePathSegment(raw)]));
}

function decodePathSegment(segment: string): string {
  let value: string;
  try {
    value = decodeURIComponent(segment);
  } catch {
    throw badInput('Malformed percent-encoding in the path');
  }
  if (value.includes('\0')) throw badInput('Path segments must not contain NUL characters');
  return value;
}

/** Serves /api/v1/* beside GraphQL; errors carry the same codes, as JSON with an HTTP status. */
export function useRestApi(app: AppState): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/api/')) return;
      const requestId = requestIdOf(request);
      try {
        const candidates = ROUTES.map((route) => ({ route, params: match(route, url.pathname) })).filter((m) => m.params);
        const found = candidates.find((m) => m.route.method === request.method);
        if (!found) {
          const status = candidates.length ? 405 : 404;
          endResponse(Response.json({ error: { code: status === 405 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message: status === 405 ? 'Method not allowed' : 'No such endpoint', requestId } }, { status }));
          return;
        }
        // Who is calling comes first: a caller without valid credentials learns nothing about the request (401 before any 400).
        const viewer = await authenticate(app, request);
        const missing = found.route.permissions?.filter((p) => !viewer.permissions.has(p)) ?? [];
        if (missing.length) throw new AppError('FORBIDDEN', `Not allowed: needs the ${missing.join(' and ')} permission`);
        // Routes that query directly (the audit export) would hand PostgreSQL a NUL it refuses with an internal error.
        if ([...url.searchParams.keys(), ...url.searchParams.values()].some((v) => v.includes('\0'))) throw badInput('Query parameters must not contain NUL characters');
        const params = decodeParams(found.params!);
        const ctx: SignedInContext = { em: app.orm.em.fork(), viewer, app, requestId };
        const response = await found.route.handler({ app, ctx, request, url, params, requestId });
        response.headers.set('x-request-id', requestId);
        endResponse(response);
      } catch (error) {
        if (!(error instanceof Error && 'code' in error)) app.logger.error({ err: error, requestId }, 'unexpected REST error');
        endResponse(errorResponse(error, requestId));
      }
    },
  };
}
