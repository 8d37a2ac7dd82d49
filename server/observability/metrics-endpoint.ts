import { timingSafeEqual } from 'node:crypto';
import type { Metrics } from './metrics.ts';

/**
 * Answers `GET /metrics` in Prometheus text format: 401 without the bearer
 * token when one is configured. Serves both the main port and the separate
 * metrics address.
 */
export function metricsResponder(metrics: Metrics, token: string | undefined): (request: Request) => Promise<Response> {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (request) => {
    if (expected) {
      const given = Buffer.from(request.headers.get('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return Response.json(
          { error: { code: 'UNAUTHENTICATED', message: 'Send "Authorization: Bearer <ZERO_METRICS_TOKEN>"' } },
          { status: 401, headers: { 'www-authenticate': 'Bearer' } },
        );
      }
    }
    const body = await metrics.registry.metrics();
    return new Response(body, { status: 200, headers: { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' } });
  };
}
