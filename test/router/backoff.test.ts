import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../server/router/backoff.ts';

const full = { baseMs: 100, maxMs: 1000, jitter: 'full' as const };
const decorrelated = { baseMs: 100, maxMs: 1000, jitter: 'decorrelated' as const };

describe('backoff', () => {
  it('full jitter draws from [0, base * 2^n]', () => {
    expect(backoffDelay(0, full, () => 1)).toBe(100);
    expect(backoffDelay(2, full, () => 1)).toBe(400);
    expect(backoffDelay(2, full, () => 0.5)).toBe(200);
    expect(backoffDelay(2, full, () => 0)).toBe(0);
  });

  it('is capped at maxMs however many retries', () => {
    expect(backoffDelay(10, full, () => 1)).toBe(1000);
    expect(backoffDelay(1000, full, () => 1)).toBe(1000);
  });

  it('decorrelated jitter draws from [base, 3 * previous], capped', () => {
    expect(backoffDelay(0, decorrelated, () => 0)).toBe(100);
    expect(backoffDelay(0, decorrelated, () => 1)).toBe(300);
    expect(backoffDelay(1, decorrelated, () => 1, 300)).toBe(900);
    expect(backoffDelay(2, decorrelated, () => 1, 900)).toBe(1000);
  });

  it('never waits less than retry-after', () => {
    expect(backoffDelay(0, full, () => 0, undefined, 700)).toBe(700);
    expect(backoffDelay(0, full, () => 1, undefined, 50)).toBe(100);
  });

  it('caps retry-after at maxMs too (the policy moves on before that matters)', () => {
    expect(backoffDelay(0, full, () => 0, undefined, 5000)).toBe(1000);
  });
});
