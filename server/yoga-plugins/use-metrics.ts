import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { doorOf, operationOf } from '../observability/http-doors.ts';
import type { Metrics } from '../observability/metrics.ts';

export interface UseMetricsOptions {
  /** Absent when metrics are off (production without a token or a separate address). */
  metrics?: Metrics;
  /** Serves `GET /metrics` on this port (absent when a separate address serves it, or metrics are off). */
  serve?: (request: Request) => Promise<Response>;
}

/**
 * Counts every HTTP request by door, operation and status, and serves
 * `GET /metrics` on the main port when that is where it lives. GraphQL's
 * operation label is the operation type and its first root field
 * (`mutation chat`): bounded by the schema, unlike operation names.
 */
export function useMetrics({ metrics, serve }: UseMetricsOptions): Plugin {
  const operations = new WeakMap<Request, string>();
  const note = (args: { document: DocumentNode; operationName?: string | null; contextValue: unknown }) => {
    const request = (args.contextValue as { request?: Request }).request;
    if (!request || operations.has(request)) return;
    const op = getOperationAST(args.document, args.operationName);
    const field = op?.selectionSet.selections.find((s) => s.kind === 'Field');
    operations.set(request, op ? `${op.operation} ${field?.kind === 'Field' ? field.name.value : '?'}` : 'unknown');
  };
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/metrics') return;
      if (!serve || request.method !== 'GET') {
        endResponse(Response.json({ error: { code: 'NOT_FOUND', message: 'Metrics are not served here' } }, { status: 404 }));
        return;
      }
      endResponse(await serve(request));
    },
    onExecute({ args }) {
      if (metrics) note(args);
    },
    onSubscribe({ args }) {
      if (metrics) note(args);
    },
    onResponse({ request, response }) {
      if (!metrics) return;
      const path = new URL(request.url).pathname;
      const door = doorOf(path, request.headers.has('anthropic-version'));
      const operation = door === 'graphql' ? (operations.get(request) ?? 'none') : operationOf(door, request.method, path);
      metrics.httpRequests.inc({ door, operation, status: String(response.status) });
    },
  };
}
