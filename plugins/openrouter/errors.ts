/** OpenRouter error classification. */
import { header, type HeaderValue } from '../_shared/errors.ts';
import { classifyOpenAIStyle } from '../_shared/openai-wire.ts';

/** OpenRouter's 429s carry `x-ratelimit-reset` as epoch milliseconds. */
function openRouterRetryHint(headers: Record<string, HeaderValue>): number | undefined {
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset - Date.now()) : undefined;
}

export const classifyOpenRouterError = (status: number, headers: Record<string, HeaderValue>, body: string) =>
  classifyOpenAIStyle(status, headers, body, openRouterRetryHint);
