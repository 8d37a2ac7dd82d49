/** Gateway errors in OpenAI's error body, so the OpenAI SDKs raise their own exception classes. */
import type { AppError } from '../../errors.ts';
import { doorStatus, refusalHeaders } from '../door-context.ts';

const TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 403: 'invalid_request_error', 404: 'invalid_request_error', 413: 'invalid_request_error', 429: 'rate_limit_exceeded' };

/** OpenAI's `code` for each of ours, where it has one its clients check. */
function openaiCode(error: AppError): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'invalid_api_key';
    case 'QUOTA_EXCEEDED':
    case 'BUDGET_EXCEEDED':
      return 'insufficient_quota';
    case 'RATE_LIMITED':
      return 'rate_limit_exceeded';
    case 'DLP_BLOCKED':
      return 'content_policy_violation';
    case 'BAD_USER_INPUT':
      return doorStatus(error) === 404 ? 'model_not_found' : 'invalid_request_error';
    default:
      return error.code.toLowerCase();
  }
}

export function openaiErrorBody(error: AppError) {
  const status = doorStatus(error);
  const type = error.code === 'QUOTA_EXCEEDED' || error.code === 'BUDGET_EXCEEDED' ? 'insufficient_quota' : (TYPE[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'));
  return { error: { message: error.message, type, param: (error.details?.field as string | undefined) ?? null, code: openaiCode(error) } };
}

export function openaiErrorResponse(error: AppError, requestId: string): Response {
  return Response.json(openaiErrorBody(error), { status: doorStatus(error), headers: { 'x-request-id': requestId, ...refusalHeaders(error) } });
}

/** The error event that ends a stream that already began (the SDKs raise it from the stream). */
export const openaiErrorFrame = (error: AppError) => `data: ${JSON.stringify(openaiErrorBody(error))}\n\n`;
