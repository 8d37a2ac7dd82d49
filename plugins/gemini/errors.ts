/** Gemini error classification (google.rpc.Status bodies). */
import { ProviderError } from '../plugin-api.ts';
import { errorForStatus, header, parseJsonSafe, parseRetryAfter, snippet, type HeaderValue } from '../_shared/errors.ts';

interface RpcStatus {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    details?: { '@type'?: string; retryDelay?: string; reason?: string }[];
  };
}

/** google.rpc.RetryInfo's `retryDelay` is a protobuf Duration string such as `"37s"` or `"0.5s"`. */
function retryInfoMs(body: RpcStatus | undefined): number | undefined {
  const info = body?.error?.details?.find((d) => d['@type']?.endsWith('google.rpc.RetryInfo'));
  const m = info?.retryDelay?.match(/^(\d+(?:\.\d+)?)s$/);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

export function classifyGeminiError(status: number, headers: Record<string, HeaderValue>, body: string): ProviderError {
  const json = parseJsonSafe(body) as RpcStatus | undefined;
  const message = json?.error?.message ?? snippet(body);
  // Gemini answers a bad key with 400 INVALID_ARGUMENT; only ErrorInfo's reason tells it apart.
  if (json?.error?.details?.some((d) => d.reason === 'API_KEY_INVALID')) {
    return new ProviderError(`upstream ${status}: ${message}`, { kind: 'auth', status, retryable: false });
  }
  return errorForStatus(status, message, parseRetryAfter(header(headers, 'retry-after')) ?? retryInfoMs(json));
}

/** An error object sent inside a 200 SSE stream. */
export function geminiStreamError(body: RpcStatus): ProviderError {
  return errorForStatus(body.error?.code ?? 500, body.error?.message ?? 'upstream error', retryInfoMs(body));
}
