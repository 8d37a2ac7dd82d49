/** The ProviderErrors the mock injects, shaped like the real plugins' classifications. */
import { ProviderError, type ProviderErrorKind } from '../plugin-api.ts';
import type { MockOptions } from './api.ts';

const STATUS: Partial<Record<ProviderErrorKind, number>> = { rate_limited: 429, server: 503, auth: 401, bad_request: 400 };

export function injectedFault(kind: MockOptions['failWith'], retryAfterMs?: number): ProviderError {
  return new ProviderError(`mock: injected ${kind} failure`, {
    kind,
    status: STATUS[kind],
    retryable: kind !== 'auth' && kind !== 'bad_request',
    retryAfterMs: kind === 'rate_limited' ? retryAfterMs : undefined,
  });
}

export function midStreamFault(): ProviderError {
  return new ProviderError('mock: injected stream cut', { kind: 'stream', retryable: true });
}

export function abortedFault(signal: AbortSignal): ProviderError {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  return timedOut
    ? new ProviderError('mock: timed out', { kind: 'timeout', retryable: true, cause: signal.reason })
    : new ProviderError('mock: aborted', { kind: 'aborted', retryable: false, cause: signal.reason });
}
