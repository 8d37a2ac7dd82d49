import { describe, expect, it } from 'vitest';
import { ProviderError, type ProviderErrorKind } from '../../plugins/plugin-api.ts';
import { countsAgainstProvider, decideRetry } from '../../server/router/retry-policy.ts';

const err = (kind: ProviderErrorKind, extra: { status?: number; retryable?: boolean; retryAfterMs?: number } = {}) =>
  new ProviderError(kind, { kind, retryable: extra.retryable ?? ['network', 'timeout', 'rate_limited', 'server', 'stream'].includes(kind), ...extra });
const ctx = { retriesDone: 0, maxRetries: 2, maxBackoffMs: 1000 };

describe('retry policy', () => {
  it.each(['network', 'timeout', 'server', 'rate_limited', 'stream'] as const)('retries %s on the same provider while retries remain', (kind) => {
    expect(decideRetry(err(kind), ctx)).toBe('retry');
    expect(decideRetry(err(kind), { ...ctx, retriesDone: 1 })).toBe('retry');
  });

  it('moves to the next provider once retries are used up', () => {
    expect(decideRetry(err('server'), { ...ctx, retriesDone: 2 })).toBe('next');
    expect(decideRetry(err('network'), { ...ctx, maxRetries: 0 })).toBe('next');
  });

  it('moves on at once for auth (never retried on the same provider)', () => {
    expect(decideRetry(err('auth', { status: 401 }), ctx)).toBe('next');
    expect(decideRetry(err('auth', { status: 403 }), ctx)).toBe('next');
  });

  it('moves on when a 429 asks to wait longer than maxBackoffMs', () => {
    expect(decideRetry(err('rate_limited', { retryAfterMs: 500 }), ctx)).toBe('retry');
    expect(decideRetry(err('rate_limited', { retryAfterMs: 5000 }), ctx)).toBe('next');
  });

  it('stops the chain on a bad request, except 404 (model unknown to this provider)', () => {
    expect(decideRetry(err('bad_request', { status: 400 }), ctx)).toBe('stop');
    expect(decideRetry(err('bad_request', { status: 422 }), ctx)).toBe('stop');
    expect(decideRetry(err('bad_request', { status: 404 }), ctx)).toBe('next');
  });

  it('stops on a caller abort', () => {
    expect(decideRetry(err('aborted'), ctx)).toBe('stop');
  });

  it('moves on for a non-retryable error of a retryable kind', () => {
    expect(decideRetry(err('stream', { retryable: false }), ctx)).toBe('next');
  });

  it('counts provider failures but not caller aborts or refused requests against the circuit', () => {
    expect(countsAgainstProvider(err('server'))).toBe(true);
    expect(countsAgainstProvider(err('auth'))).toBe(true);
    expect(countsAgainstProvider(err('bad_request', { status: 404 }))).toBe(true);
    expect(countsAgainstProvider(err('bad_request', { status: 400 }))).toBe(false);
    expect(countsAgainstProvider(err('aborted'))).toBe(false);
  });
});
