import { describe, expect, it } from 'vitest';
import { ProviderStats } from '../../server/router/provider-stats.ts';

describe('provider stats', () => {
  it('reports error rate and median latency of successes', () => {
    const s = new ProviderStats(16, 60_000, () => 0);
    for (const ms of [10, 30, 20]) s.record(true, ms);
    s.record(false, 500);
    expect(s.snapshot()).toEqual({ requests: 4, errorRate: 0.25, p50LatencyMs: 20 });
  });

  it('keeps only the last `capacity` outcomes', () => {
    const s = new ProviderStats(4, 60_000, () => 0);
    for (let i = 0; i < 4; i++) s.record(false, 1);
    for (let i = 0; i < 4; i++) s.record(true, 8);
    expect(s.snapshot()).toEqual({ requests: 4, errorRate: 0, p50LatencyMs: 8 });
  });

  it('forgets outcomes older than the window', () => {
    let now = 0;
    const s = new ProviderStats(16, 1000, () => now);
    s.record(false, 1);
    now = 2000;
    s.record(true, 4);
    s.record(true, 6);
    expect(s.snapshot()).toEqual({ requests: 2, errorRate: 0, p50LatencyMs: 5 });
  });

  it('is empty before any traffic', () => {
    expect(new ProviderStats().snapshot()).toEqual({ requests: 0, errorRate: 0, p50LatencyMs: null });
  });
});
