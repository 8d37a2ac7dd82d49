import { series, topSeries, type ChartSeries, type SeriesGroup } from './chart-series.ts';

export type UsageSplit = 'totals' | 'model' | 'user';

/** A usage row grouped by day and maybe by model or user (Query.usage). */
export interface UsageSeriesRow {
  day?: string | null;
  model?: string | null;
  userId?: string | null;
  user?: { name: string } | null;
  inputTokens: number;
  outputTokens: number;
}

/** Series beyond this many fold into "Other". */
export const TOP_SERIES = 6;

/**
 * Grouped rows as aligned chart series over `days`: input and output tokens, or
 * total tokens per model or per user (the heaviest few, the rest as "Other").
 */
export function usageSeries(
  rows: readonly UsageSeriesRow[],
  days: readonly string[],
  split: UsageSplit,
  labels: { input: string; output: string; unknownUser: string; other: string },
): ChartSeries[] {
  const index = new Map(days.map((d, i) => [d, i]));
  if (split === 'totals') {
    const input = days.map(() => 0);
    const output = days.map(() => 0);
    for (const row of rows) {
      const i = row.day ? index.get(row.day) : undefined;
      if (i === undefined) continue;
      input[i] += row.inputTokens;
      output[i] += row.outputTokens;
    }
    return [series(labels.input, input, 0), series(labels.output, output, 1)];
  }
  const groups = new Map<string, SeriesGroup>();
  for (const row of rows) {
    const i = row.day ? index.get(row.day) : undefined;
    if (i === undefined) continue;
    const key = split === 'model' ? (row.model ?? '') : (row.userId ?? '');
    const label = split === 'model' ? (row.model ?? labels.other) : (row.user?.name ?? labels.unknownUser);
    const group = groups.get(key) ?? { label, values: days.map(() => 0) };
    group.values[i] += row.inputTokens + row.outputTokens;
    groups.set(key, group);
  }
  return topSeries([...groups.values()], TOP_SERIES, labels.other);
}
