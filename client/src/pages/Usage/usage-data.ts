import type { UsagePageQuery } from '../../gql/graphql.ts';
import { SERIES_COLORS, type ChartSeries } from '../../components/chart-series.ts';
import { addDays } from '../../lib/validate.ts';

export type Split = 'totals' | 'model' | 'user';

export interface BreakdownRow {
  key: string;
  label: string;
  sublabel?: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** Every day from `from` to `to`, inclusive, so days without usage show as zero rather than a gap. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 1000; day = addDays(day, 1)) days.push(day);
  return days;
}

type SeriesRow = UsagePageQuery['series'][number];

/** Turns grouped rows into aligned chart series: input and output, or total tokens per model or user. */
export function chartSeries(
  rows: readonly SeriesRow[],
  days: string[],
  split: Split,
  labels: { input: string; output: string; unknownUser: string },
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
    return [
      { label: labels.input, values: input, color: SERIES_COLORS[0] },
      { label: labels.output, values: output, color: SERIES_COLORS[1] },
    ];
  }
  const groups = new Map<string, { label: string; values: number[] }>();
  for (const row of rows) {
    const i = row.day ? index.get(row.day) : undefined;
    if (i === undefined) continue;
    const key = split === 'model' ? (row.model ?? '—') : (row.userId ?? '—');
    const label = split === 'model' ? (row.model ?? '—') : (row.user?.name ?? labels.unknownUser);
    const group = groups.get(key) ?? { label, values: days.map(() => 0) };
    group.values[i] += row.inputTokens + row.outputTokens;
    groups.set(key, group);
  }
  // Largest first; colours cycle after eight series.
  return [...groups.values()]
    .sort((a, b) => sum(b.values) - sum(a.values))
    .map((g, n) => ({ label: g.label, values: g.values, color: SERIES_COLORS[n % SERIES_COLORS.length] }));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function byUserRows(rows: UsagePageQuery['byUser'], unknownUser: string): BreakdownRow[] {
  return rows
    .map((r) => ({
      key: r.userId ?? '—',
      label: r.user?.name ?? unknownUser,
      sublabel: r.user?.email,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      requests: r.requests,
    }))
    .sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens));
}

export function byModelRows(rows: UsagePageQuery['byModel']): BreakdownRow[] {
  return rows
    .map((r) => ({ key: r.model ?? '—', label: r.model ?? '—', inputTokens: r.inputTokens, outputTokens: r.outputTokens, requests: r.requests }))
    .sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens));
}
