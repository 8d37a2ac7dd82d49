/** Anthropic error classification, for HTTP errors and `event: error` mid-stream. */
import { errorForStatus, header, msUntil, parseJsonSafe, parseRetryAfter, snippet, type HeaderValue } from '../_shared/errors.ts';

// Anthropic's error `type`s and the statuses they are documented with, for errors arriving inside a 200 stream.
const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * When `retry-after` is absent, the `anthropic-ratelimit-*-reset` (RFC 3339) of
 * whichever limit is exhausted tells how long to wait.
 */
function anthropicRetryHint(headers: Record<string, HeaderValue>): number | undefined {
  let wait: number | undefined;
  for (const limit of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
    if (header(headers, `anthropic-ratelimit-${limit}-remaining`) !== '0') continue;
    const ms = msUntil(header(headers, `anthropic-ratelimit-${limit}-reset`));
    if (ms !== undefined) wait = Math.max(wait ?? 0, ms);
  }
  return wait;
}

interface AnthropicErrorBody {
  error?: { type?: string; message?: string };
}

export function classifyAnthropicError(status: number, headers: Record<string, HeaderValue>, body: string) {
  const json = parseJsonSafe(body) as AnthropicErrorBody | undefined;
  const message = json?.error?.message ?? snippet(body);
  const retryAfterMs = parseRetryAfter(header(headers, 'retry-after')) ?? anthropicRetryHint(headers);
  return errorForStatus(status, message, retryAfterMs);
}

/** An `event: error` inside a stream (e.g. overloaded_error after the 200). */
export function anthropicStreamError(data: AnthropicErrorBody) {
  const type = data.error?.type ?? 'api_error';
  return errorForStatus(STATUS_BY_TYPE[type] ?? 500, data.error?.message ?? type);
}
