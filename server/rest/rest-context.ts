import type { AppState } from '../app-state.ts';
import { AppError, httpStatusOf } from '../errors.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { recordAccessRefusal } from '../modules/request-log/access-refusals.ts';
import { requestIdOf as requestIdOfRequest } from '../yoga-plugins/use-request-id.ts';
import { resolveViewer } from '../modules/auth/resolve-viewer.ts';
import type { Viewer } from '../modules/auth/viewer.ts';
import type { Permission } from '../modules/roles/permissions.ts';
import { readLimited } from '../util/read-limited.ts';
import { containsNul } from '../util/nul.ts';
import { rateLimitHeaders, type RateLimitStatus } from '../modules/rate-limits/index.ts';
import { markAuth } from '../observability/request-scope.ts';

/** The same error codes as GraphQL, as a JSON body with the matching HTTP status. */
export function errorResponse(error: unknown, requestId: string): Response {
  const coded =
    error instanceof AppError
      ? error
      : isDatabaseUnavailable(error)
        ? new AppError('SERVICE_UNAVAILABLE', "The gateway's database is unreachable; retry shortly", { retryAfterSeconds: 2 })
        : new AppError('INTERNAL_SERVER_ERROR', 'Unexpected error');
  const headers: Record<string, string> = { 'x-request-id': requestId };
  const retryAfter = coded.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.ceil(retryAfter));
  // A rate limit's refusal carries OpenAI's x-ratelimit-* headers and retry-after(-ms).
  if (coded.code === 'RATE_LIMITED' && coded.details?.rateLimit) Object.assign(headers, rateLimitHeaders(coded.details.rateLimit as RateLimitStatus, coded.details.retryAfterMs as number | undefined));
  return Response.json({ error: { code: coded.code, message: coded.message, ...coded.details, requestId } }, { status: httpStatusOf(coded.code), headers });
}

/** Authenticates a REST call exactly like GraphQL does (same header, cache and refusals). */
export async function authenticate(app: AppState, request: Request, permission?: Permission): Promise<Viewer> {
  let viewer: Viewer | null = null;
  try {
    const authStart = performance.now();
    const resolved = await resolveViewer(() => app.orm.em.fork(), app.credentialCache, request.headers.get('authorization'));
    markAuth(authStart);
    if (!resolved) throw new AppError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <api key or session token>"');
    viewer = resolved.viewer;
    if (permission && !viewer.permissions.has(permission)) throw new AppError('FORBIDDEN', `Not allowed: needs the ${permission} permission`);
    return viewer;
  } catch (error) {
    // A chat door refusing a known account (suspended, or without the chat permission) is a refused request: recorded.
    if (permission === 'chat') {
      const path = new URL(request.url).pathname;
      recordAccessRefusal(app.refusals, error, { viewer, requestId: requestIdOfRequest(request), via: path.startsWith('/api/') ? 'rest' : path });
    }
    throw error;
  }
}

/** One id per request for the access log, REST error bodies and the GraphQL operation a route runs. */
export { requestIdOf } from '../yoga-plugins/use-request-id.ts';

/** Reads a JSON body of at most `maxBytes`, or throws BAD_USER_INPUT / PAYLOAD_TOO_LARGE. */
export async function readJsonBody(request: Request, maxBytes = 1024 * 1024): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${maxBytes} bytes`);
  const body = await readLimited(request.body, maxBytes);
  if (!body) throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than the limit of ${maxBytes} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('BAD_USER_INPUT', 'Body must be valid JSON');
  }
  // Routes that call services directly would hand PostgreSQL a NUL it refuses with an internal error.
  if (containsNul(parsed)) throw new AppError('BAD_USER_INPUT', 'The body must not contain NUL characters');
  return parsed;
}
