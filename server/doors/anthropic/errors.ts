/** Gateway errors in Anthropic's error body, so the Anthropic SDKs raise their own exception classes. */
import type { AppError } from '../../errors.ts';
import { doorStatus, refusalHeaders } from '../door-context.ts';

const TYPE: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
};

export function anthropicErrorBody(error: AppError, requestId: string) {
  const status = doorStatus(error);
  return { type: 'error', error: { type: TYPE[status] ?? 'api_error', message: error.message }, request_id: requestId };
}

export function anthropicErrorResponse(error: AppError, requestId: string): Response {
  return Response.json(anthropicErrorBody(error, requestId), { status: doorStatus(error), headers: { 'request-id': requestId, 'x-request-id': requestId, ...refusalHeaders(error) } });
}

/** The `error` event that ends a stream that already began (the SDKs raise it from the stream). */
export const anthropicErrorEvent = (error: AppError, requestId: string) => `event: error\ndata: ${JSON.stringify(anthropicErrorBody(error, requestId))}\n\n`;
