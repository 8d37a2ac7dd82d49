/** Acme error bodies are `{"error": {"message": "..."}}`; 429s carry `retry-after`. */
import { errorForStatus, header, parseJsonSafe, parseRetryAfter, snippet, type HeaderValue } from '../_shared/errors.ts';

export function classifyAcmeError(status: number, headers: Record<string, HeaderValue>, body: string) {
  const json = parseJsonSafe(body) as { error?: { message?: string } } | undefined;
  return errorForStatus(status, json?.error?.message ?? snippet(body), parseRetryAfter(header(headers, 'retry-after')));
}
