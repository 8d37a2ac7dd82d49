import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../server/router/circuit-breaker.ts';

function breaker(threshold = 3, openMs = 1000) {
  let now = 0;
  const b = new CircuitBreaker({ failureThreshold: threshold, openMs }, () => now);
  return { b, advance: (ms: number) => (now += ms) };
}

describe('circuit breaker', () => {
  it('opens after N consecutive failures and then refuses attempts', () => {
    const { b } = breaker(3);
    for (let i = 0; i < 2; i++) {
      expect(b.tryAcquire()).toBe(true);
      b.onFailure();
    }
    expect(b.state).toBe('closed');
    b.tryAcquire();
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
  });

  it('resets the count on success: failures must be consecutive', () => {
    const { b } = breaker(2);
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    expect(b.state).toBe('closed');
  });

  it('goes half-open after openMs and admits exactly one probe', () => {
    const { b, advance } = breaker(1, 1000);
    b.onFailure();
    advance(999);
    expect(b.tryAcquire()).toBe(false);
    advance(1);
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
  });

  it('closes when the probe succeeds', () => {
    const { b, advance } = breaker(1, 10);
    b.onFailure();
    advance(10);
    b.tryAcquire();
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  it('re-opens for another openMs when the probe fails', () => {
    const { b, advance } = breaker(3, 10);
    for (let i = 0; i < 3; i++) b.onFailure();
    advance(10);
    b.tryAcquire();
    b.onFailure();
    expect(b.state).toBe('open');
    advance(9);
    expect(b.tryAcquire()).toBe(false);
  });

  it('frees the probe slot when the probe is released without a verdict', () => {
    const { b, advance } = breaker(1, 10);
    b.onFailure();
    advance(10);
    expect(b.tryAcquire()).toBe(true);
    b.onRelease();
    expect(b.state).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
  });
});
