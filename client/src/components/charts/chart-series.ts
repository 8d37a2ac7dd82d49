/** Kept apart from the chart components so pages can shape chart data without loading uPlot. */
export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  /** Sum of `values`, for the legend. */
  total: number;
  /** True for the series that folds together everything beyond the top few. */
  other?: boolean;
  /** The label is data (a model, a user's name), not a word of the interface. */
  data?: boolean;
}

/**
 * Eight colours that stay apart from each other for most colour-vision deficiencies
 * (after Okabe and Ito, darkened to read on white); "Other" is always the grey.
 */
export const SERIES_COLORS = ['#2563eb', '#e69f00', '#009e73', '#cc3d8f', '#56b4e9', '#d55e00', '#6d28d9', '#b59f00'];
export const OTHER_COLOR = '#94a3b8';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export interface SeriesGroup {
  label: string;
  values: number[];
}

/**
 * The `limit` heaviest groups, largest first, each in its own colour, and the rest
 * folded into one `otherLabel` series at the end, so a chart never shows more lines
 * or bars than a reader can tell apart.
 */
export function topSeries(groups: readonly SeriesGroup[], limit: number, otherLabel: string): ChartSeries[] {
  const ordered = [...groups].map((g) => ({ ...g, total: sum(g.values) })).sort((a, b) => b.total - a.total);
  const top = ordered.slice(0, limit).map((g, n) => ({ label: g.label, values: g.values, total: g.total, color: SERIES_COLORS[n % SERIES_COLORS.length], data: true }));
  const rest = ordered.slice(limit);
  if (!rest.length) return top;
  const values = rest[0].values.map((_, i) => sum(rest.map((g) => g.values[i] ?? 0)));
  return [...top, { label: otherLabel, values, total: sum(values), color: OTHER_COLOR, other: true }];
}

/** One series in the palette's n-th colour. */
export function series(label: string, values: number[], n: number): ChartSeries {
  return { label, values, total: sum(values), color: SERIES_COLORS[n % SERIES_COLORS.length] };
}

/** Running sums across the series, bucket by bucket: what each stacked bar reaches up to. */
export function stackValues(series: readonly { values: readonly number[] }[]): number[][] {
  const out: number[][] = [];
  series.forEach((s, i) => out.push(s.values.map((v, d) => v + (i ? out[i - 1][d] : 0))));
  return out;
}
