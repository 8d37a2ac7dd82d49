import { describe, expect, it } from 'vitest';
import { OTHER_COLOR, stackValues, topSeries } from './chart-series.ts';
import { usageSeries } from './usage-series.ts';

describe('chart series', () => {
  it('keeps the heaviest few, largest first, and folds the rest into one grey Other', () => {
    const groups = Array.from({ length: 9 }, (_, i) => ({ label: `u${i}`, values: [i, 1] }));
    const series = topSeries(groups, 6, 'Other');
    expect(series.map((s) => s.label)).toEqual(['u8', 'u7', 'u6', 'u5', 'u4', 'u3', 'Other']);
    expect(series.at(-1)).toMatchObject({ values: [0 + 1 + 2, 3], total: 6, color: OTHER_COLOR, other: true });
    expect(new Set(series.slice(0, 6).map((s) => s.color)).size).toBe(6);
  });

  it('shapes usage rows per day: input and output, or per model, zero on quiet days', () => {
    const days = ['2026-11-01', '2026-11-02'];
    const rows = [
      { day: '2026-11-02', model: 'a', inputTokens: 3, outputTokens: 1 },
      { day: '2026-11-02', model: 'b', inputTokens: 1, outputTokens: 0 },
    ];
    const labels = { input: 'in', output: 'out', unknownUser: '?', other: 'Other' };
    expect(usageSeries(rows, days, 'totals', labels).map((s) => [s.label, s.values])).toEqual([
      ['in', [0, 4]],
      ['out', [0, 1]],
    ]);
    expect(usageSeries(rows, days, 'model', labels).map((s) => [s.label, s.values, s.data])).toEqual([
      ['a', [0, 4], true],
      ['b', [0, 1], true],
    ]);
  });

  it('stacks bars: each series reaches the sum of those below it', () => {
    expect(stackValues([{ values: [1, 2] }, { values: [3, 0] }, { values: [1, 1] }])).toEqual([
      [1, 2],
      [4, 2],
      [5, 3],
    ]);
  });
});
