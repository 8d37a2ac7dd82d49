import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../app-state.ts';
import { exportAudit } from '../rest/audit-export.ts';
import { errorResponse, requestIdOf } from '../rest/rest-context.ts';

type Handler = (app: AppState, request: Request, url: URL) => Promise<Response>;

/** REST routes served beside GraphQL, over the same services, auth and error codes. */
const ROUTES: { method: string; path: string; handler: Handler }[] = [{ method: 'GET', path: '/api/v1/audit/export', handler: exportAudit }];

export function useRestApi(app: AppState): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/api/')) return;
      const requestId = requestIdOf(request);
      const route = ROUTES.find((r) => r.path === url.pathname && r.method === request.method);
      try {
        if (!route) {
          const known = ROUTES.some((r) => r.path === url.pathname);
          endResponse(Response.json({ error: { code: known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', message: known ? 'Method not allowed' : 'No such endpoint', requestId } }, { status: known ? 405 : 404 }));
          return;
        }
        const response = await route.handler(app, request, url);
        response.headers.set('x-request-id', requestId);
        endResponse(response);
      } catch (error) {
        if (!(error instanceof Error) || !('code' in error)) app.logger.error({ err: error, requestId }, 'unexpected REST error');
        endResponse(errorResponse(error, requestId));
      }
    },
  };
}
