/**
 * Vendor-neutral error classification. Each plugin's `errors.ts` extracts the
 * vendor's message and retry hints, then calls `errorForStatus`.
 */
import { ProviderError } from '../plugin-api.ts';

/** A response header as undici exposes it. */
export type HeaderValue = string | string[] | undefined;

/** First value of a header, lower-case name. */
export function header(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Parses `retry-after`: delta-seconds (fractions tolerated) or an HTTP date.
 * Returns milliseconds, or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Milliseconds until an absolute time given as an RFC 3339 / HTTP date string. */
export function msUntil(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Maps an upstream HTTP status to a ProviderError. 408 counts as a timeout and
 * every 5xx (Anthropic's 529 "overloaded" included) as a retryable server error;
 * other 4xx mean the request cannot succeed as is.
 */
export function errorForStatus(status: number, message: string, retryAfterMs?: number, cause?: unknown): ProviderError {
  const text = `upstream ${status}: ${message}`;
  if (status === 429) return new ProviderError(text, { kind: 'rate_limited', status, retryable: true, retryAfterMs, cause });
  if (status === 401 || status === 403) return new ProviderError(text, { kind: 'auth', status, retryable: false, cause });
  if (status === 408) return new ProviderError(text, { kind: 'timeout', status, retryable: true, retryAfterMs, cause });
  if (status >= 500) return new ProviderError(text, { kind: 'server', status, retryable: true, retryAfterMs, cause });
  return new ProviderError(text, { kind: 'bad_request', status, retryable: false, cause });
}

/** Parses a JSON error body without throwing; vendors sometimes answer errors in HTML. */
export function parseJsonSafe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Shortens a non-JSON error body so a proxy's HTML page does not flood logs. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || 'no body';
}

/** A malformed or truncated stream. Retrying may help when the cause was a cut. */
export function streamError(message: string, retryable: boolean, cause?: unknown): ProviderError {
  return new ProviderError(message, { kind: 'stream', retryable, cause });
}
