/** Ollama error classification: bodies are `{"error": "..."}`. */
import { errorForStatus, header, parseJsonSafe, parseRetryAfter, snippet, type HeaderValue } from '../_shared/errors.ts';

export function ollamaErrorMessage(body: string): string {
  const json = parseJsonSafe(body) as { error?: string } | undefined;
  return typeof json?.error === 'string' ? json.error : snippet(body);
}

/** A 404 here means the model is not pulled: a bad request for this provider, not an outage. */
export function classifyOllamaError(status: number, headers: Record<string, HeaderValue>, body: string) {
  return errorForStatus(status, ollamaErrorMessage(body), parseRetryAfter(header(headers, 'retry-after')));
}
