/**
 * What tracing knows about the HTTP request being served, carried through its
 * async work by AsyncLocalStorage. Entered only while tracing is on
 * (server/observability/otel.ts wraps the HTTP handler); with tracing off
 * nobody enters it and every read below is a no-op.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  /** The trace this request belongs to (the client's, from `traceparent`, or a new one). */
  traceId: string;
  /** The request's server span (opaque here: an OpenTelemetry span). */
  span: unknown;
  /** Set once a chat took the request's span as its own. */
  claimed: boolean;
  /** When the caller's credentials were checked (performance.now() times), for the chat's auth span. */
  auth?: { start: number; end: number };
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** Notes how long authentication took in this request (a no-op when not tracing). */
export function markAuth(start: number): void {
  const scope = requestScope.getStore();
  if (scope) scope.auth = { start, end: performance.now() };
}

/** pino `mixin`: every log line written while serving a traced request carries its trace id. */
export function traceIdMixin(): { trace_id?: string } {
  const scope = requestScope.getStore();
  return scope ? { trace_id: scope.traceId } : {};
}
