import { describe, expect, it } from 'vitest';
import { bucketAxis, bucketDay, dayRange, pricingCurrency, trendRows, trendSeries, type TrendPoint } from './executive-data.ts';

const point = (bucket: string, key: string | null, tokens: number, over: Partial<TrendPoint> = {}): TrendPoint => ({
  bucket,
  key,
  label: key ?? 'Other',
  inputTokens: tokens,
  outputTokens: 0,
  requests: 1,
  errors: 0,
  ...over,
});

describe('trend data shaping', () => {
  it('names the day a bucket starts on whatever the gateway time zone', () => {
    expect(bucketDay('2026-11-23T00:00:00.000Z')).toBe('2026-11-23');
    expect(bucketDay('2026-11-22T16:00:00.000Z')).toBe('2026-11-23'); // Asia/Shanghai midnight
    expect(bucketDay('2026-11-23T05:00:00.000Z')).toBe('2026-11-23'); // America/New_York midnight
  });

  it('aligns one series per key over the sorted buckets, zero where a key has no point, largest first and Other last', () => {
    const { days, series } = trendSeries([
      point('2026-11-25T00:00:00.000Z', 'mock-small', 10),
      point('2026-11-24T00:00:00.000Z', null, 500),
      point('2026-11-24T00:00:00.000Z', 'mock-large', 30, { outputTokens: 5 }),
      point('2026-11-23T00:00:00.000Z', 'mock-small', 20),
      point('2026-11-25T00:00:00.000Z', 'mock-large', 1),
    ]);
    expect(days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(series.map((s) => [s.label, s.values])).toEqual([
      ['mock-large', [0, 35, 1]],
      ['mock-small', [20, 0, 10]],
      ['Other', [0, 500, 0]],
    ]);
    expect(new Set(series.map((s) => s.color)).size).toBe(3);
  });

  it('fills every bucket of the range, so quiet periods draw as zero', () => {
    expect(bucketAxis('2026-11-20', '2026-11-23', 'DAY')).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    // Weeks start on Monday; 2026-11-20 is a Friday.
    expect(bucketAxis('2026-11-20', '2026-12-01', 'WEEK')).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
    expect(bucketAxis('2026-10-28', '2026-12-01', 'MONTH')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    const { days, series } = trendSeries([point('2026-11-22T00:00:00.000Z', 'a', 7)], bucketAxis('2026-11-20', '2026-11-23', 'DAY'));
    expect(days).toHaveLength(4);
    expect(series[0].values).toEqual([0, 0, 7, 0]);
  });

  it('is empty without points', () => {
    expect(trendSeries([])).toEqual({ days: [], series: [] });
    expect(trendRows([])).toEqual([]);
  });

  it('lists rows newest bucket first, the largest key first and Other last within a bucket', () => {
    const rows = trendRows([
      point('2026-11-23T00:00:00.000Z', 'a', 5),
      point('2026-11-24T00:00:00.000Z', null, 900),
      point('2026-11-24T00:00:00.000Z', 'a', 5),
      point('2026-11-24T00:00:00.000Z', 'b', 50),
    ]);
    expect(rows.map((r) => `${r.day} ${r.label}`)).toEqual(['2026-11-24 b', '2026-11-24 a', '2026-11-24 Other', '2026-11-23 a']);
  });
});

describe('ranges and currency', () => {
  it('covers whole local days, the last one included', () => {
    const { from, to } = dayRange('2026-11-20', '2026-11-26');
    expect(new Date(from).getDate()).toBe(20);
    expect(new Date(from).getHours()).toBe(0);
    expect(new Date(to).getDate()).toBe(27);
    expect(Date.parse(to) - Date.parse(from)).toBeGreaterThanOrEqual(7 * 86_400_000 - 3_600_000);
  });

  it('takes the currency prices are set in, or none before any price', () => {
    expect(pricingCurrency([{ currency: 'CNY' }])).toBe('CNY');
    expect(pricingCurrency([])).toBeNull();
  });
});
