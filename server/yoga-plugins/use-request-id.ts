import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const requestIds = new WeakMap<Request, string>();
const VALID_ID = /^[\w.-]{1,100}$/;

/** The request id of a request: the caller's `x-request-id` when sane, else a new UUID. */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (!id) {
    const given = request.headers.get('x-request-id');
    id = given && VALID_ID.test(given) ? given : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

/** Tags every response with `x-request-id` and writes one access-log line per request. */
export function useRequestId(logger: Logger): Plugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
      requestIdOf(request);
    },
    onResponse({ request, response }) {
      const requestId = requestIdOf(request);
      response.headers.set('x-request-id', requestId);
      const begin = started.get(request);
      if (logger.isLevelEnabled('info')) {
        logger.info(
          { requestId, method: request.method, path: new URL(request.url).pathname, status: response.status, ms: begin ? Math.round((performance.now() - begin) * 10) / 10 : undefined },
          'request',
        );
      }
    },
  };
}
