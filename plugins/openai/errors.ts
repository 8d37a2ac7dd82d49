/** OpenAI error classification. */
import { header, msUntil, type HeaderValue } from '../_shared/errors.ts';
import { classifyOpenAIStyle } from '../_shared/openai-wire.ts';

/**
 * OpenAI's own hints when `retry-after` is absent: `retry-after-ms` (what its SDK
 * honours) and `x-ratelimit-reset-requests` as a Go duration like `1s` or `6m0s`.
 */
function openAIRetryHint(headers: Record<string, HeaderValue>): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, 'retry-after-ms')) return ms;
  const reset = header(headers, 'x-ratelimit-reset-requests') ?? header(headers, 'x-ratelimit-reset-tokens');
  return reset ? parseGoDuration(reset) ?? msUntil(reset) : undefined;
}

/** Parses `1m30.5s`, `250ms`, `2h` into milliseconds. */
export function parseGoDuration(value: string): number | undefined {
  const parts = value.match(/(\d+(?:\.\d+)?)(ms|h|m|s)/g);
  if (!parts || parts.join('') !== value.trim()) return undefined;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  return Math.round(parts.reduce((sum, p) => {
    const [, n, u] = p.match(/(\d+(?:\.\d+)?)(ms|h|m|s)/)!;
    return sum + Number(n) * unit[u];
  }, 0));
}

export const classifyOpenAIError = (status: number, headers: Record<string, HeaderValue>, body: string) =>
  classifyOpenAIStyle(status, headers, body, openAIRetryHint);
