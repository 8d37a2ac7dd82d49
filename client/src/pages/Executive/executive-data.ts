import { OTHER_COLOR, SERIES_COLORS, type ChartSeries } from '../../components/charts/chart-series.ts';
import type { ExecutiveTrendGranularity, ExecutiveTrendsQuery } from '../../gql/graphql.ts';
import { addDays } from '../../lib/dates.ts';

export type TrendPoint = ExecutiveTrendsQuery['executiveTrends'][number];
export type RangePreset = 7 | 30 | 90 | 'custom';
export const RANGE_PRESETS: readonly Exclude<RangePreset, 'custom'>[] = [7, 30, 90];

/**
 * Whole local days `fromDay` to `toDay` (inclusive) as the API's instant range:
 * from local midnight of the first day to local midnight after the last (exclusive).
 */
export function dayRange(fromDay: string, toDay: string): { from: string; to: string } {
  return { from: localMidnight(fromDay).toISOString(), to: localMidnight(addDays(toDay, 1)).toISOString() };
}

function localMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/**
 * The calendar day a bucket starts on. Buckets start at midnight in the
 * gateway's time zone, which the console does not know; that instant is
 * within 14 hours of UTC midnight of the same day, so rounding to the nearest
 * UTC midnight names the day whatever the zone (up to ±12 h).
 */
export function bucketDay(bucket: string): string {
  const day = 86_400_000;
  return new Date(Math.round(Date.parse(bucket) / day) * day).toISOString().slice(0, 10);
}

/**
 * The first day of every bucket that overlaps `fromDay`..`toDay`: each day, each
 * Monday on or before, or each first of the month, so quiet periods draw as zero
 * rather than being skipped.
 */
export function bucketAxis(fromDay: string, toDay: string, granularity: ExecutiveTrendGranularity): string[] {
  const [y, m, d] = fromDay.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, d));
  if (granularity === 'WEEK') first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  if (granularity === 'MONTH') first.setUTCDate(1);
  const days: string[] = [];
  for (const at = first; days.length < 1000; ) {
    const day = at.toISOString().slice(0, 10);
    if (day > toDay) break;
    days.push(day);
    if (granularity === 'DAY') at.setUTCDate(at.getUTCDate() + 1);
    else if (granularity === 'WEEK') at.setUTCDate(at.getUTCDate() + 7);
    else at.setUTCMonth(at.getUTCMonth() + 1);
  }
  return days;
}

export interface TrendSeries {
  /** YYYY-MM-DD, one per bucket, ascending */
  days: string[];
  series: ChartSeries[];
}

/**
 * Points (one per bucket and key) as aligned chart series of total tokens over
 * `axis` (plus any bucket a point names), one per key: largest first, "Other" (key null) last, zero where a key has no point in a bucket.
 */
export function trendSeries(points: readonly TrendPoint[], axis: readonly string[] = [], otherLabel = 'Other'): TrendSeries {
  const days = [...new Set([...axis, ...points.map((p) => bucketDay(p.bucket))])].sort();
  const index = new Map(days.map((d, i) => [d, i]));
  const groups = new Map<string | null, { label: string; values: number[]; total: number }>();
  for (const p of points) {
    const group = groups.get(p.key) ?? { label: p.label, values: days.map(() => 0), total: 0 };
    const tokens = p.inputTokens + p.outputTokens;
    group.values[index.get(bucketDay(p.bucket))!] += tokens;
    group.total += tokens;
    groups.set(p.key, group);
  }
  const ordered = [...groups.entries()].sort(([ka, a], [kb, b]) => (ka === null ? 1 : kb === null ? -1 : b.total - a.total));
  return {
    days,
    series: ordered.map(([key, g], n) =>
      key === null
        ? { label: otherLabel, values: g.values, total: g.total, color: OTHER_COLOR, other: true }
        : { label: g.label, values: g.values, total: g.total, color: SERIES_COLORS[n % SERIES_COLORS.length], data: true },
    ),
  };
}

/** A trend point with its bucket named by day, for the table. */
export type TrendRow = Omit<TrendPoint, 'bucket'> & { day: string };

/** The same points for the table under the chart: newest bucket first, the largest key first within a bucket. */
export function trendRows(points: readonly TrendPoint[]): TrendRow[] {
  return points
    .map(({ bucket, ...rest }) => ({ ...rest, day: bucketDay(bucket) }))
    .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : a.key === null ? 1 : b.key === null ? -1 : b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens)));
}

/** The one currency prices are set in (the gateway has one), or null before any price is set. */
export function pricingCurrency(prices: readonly { currency: string }[]): string | null {
  return prices[0]?.currency ?? null;
}
