/**
 * Pure retry and fallback decisions from a ProviderError and counters, so they
 * can be tested without a network.
 */
import type { ProviderError } from '../../plugins/plugin-api.ts';

/**
 * - `retry`: try the same provider again after a backoff.
 * - `next`: move on to the next provider in the chain.
 * - `stop`: give up on the whole chain.
 */
export type RetryDecision = 'retry' | 'next' | 'stop';

export interface RetryContext {
  /** Retries already made on this provider for this request. */
  retriesDone: number;
  maxRetries: number;
  /** A 429 asking to wait longer than this moves on instead of waiting. */
  maxBackoffMs: number;
}

/**
 * Decides what follows a failed attempt made before any delta was delivered.
 *
 * Network, timeout, 5xx, 429 and broken streams are retried on the same
 * provider up to `maxRetries`, then the chain moves on. Auth failures move on at
 * once: our key for this provider is bad, another provider's may be fine.
 * A bad request stops the chain, because the same messages would be refused
 * everywhere (invalid parameters, prompt too long), except 404: that says the
 * model id is unknown to this provider, which another provider can still serve.
 * Caller aborts stop.
 */
export function decideRetry(err: ProviderError, ctx: RetryContext): RetryDecision {
  switch (err.kind) {
    case 'aborted':
      return 'stop';
    case 'bad_request':
      return err.status === 404 ? 'next' : 'stop';
    case 'auth':
      return 'next';
    case 'rate_limited':
      if (err.retryAfterMs !== undefined && err.retryAfterMs > ctx.maxBackoffMs) return 'next';
      break;
  }
  if (!err.retryable) return 'next';
  return ctx.retriesDone < ctx.maxRetries ? 'retry' : 'next';
}

/**
 * Whether a failure says something about the provider's health (and so counts
 * towards its circuit breaker and error rate). Caller aborts and refused
 * requests are the caller's doing.
 */
export function countsAgainstProvider(err: ProviderError): boolean {
  return err.kind !== 'aborted' && !(err.kind === 'bad_request' && err.status !== 404);
}
