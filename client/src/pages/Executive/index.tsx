import { createQuery } from '@urql/solid';
import { createMemo, createSignal } from 'solid-js';
import type { ExecutiveTrendDimension, ExecutiveTrendGranularity } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { addDays, isoDay } from '../../lib/validate.ts';
import { ExecutiveSummaryQuery, ExecutiveTrendsQuery } from './documents.ts';
import { ExecutiveView } from './Executive.tsx';
import { bucketAxis, dayRange, pricingCurrency, trendRows, trendSeries, type RangePreset } from './executive-data.ts';

/** Keys per trend series; the rest fold into "Other". */
const TREND_KEYS = 6;

export default function ExecutivePage() {
  const { t } = useI18n();
  const today = isoDay(new Date());
  const [preset, setPreset] = createSignal<RangePreset>(30);
  const [fromDay, setFromDay] = createSignal(addDays(today, -29));
  const [toDay, setToDay] = createSignal(today);
  const [granularity, setGranularity] = createSignal<ExecutiveTrendGranularity>('DAY');
  const [by, setBy] = createSignal<ExecutiveTrendDimension>('MODEL');
  const rangeError = () => (fromDay() > toDay() ? t('validation.dateRange') : undefined);
  const range = () => dayRange(fromDay(), toDay());

  const [summary, refetchSummary] = createQuery({
    query: ExecutiveSummaryQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({ range: range(), fromDay: fromDay(), toDay: toDay() }),
  });
  const [trends, refetchTrends] = createQuery({
    query: ExecutiveTrendsQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({ range: range(), granularity: granularity(), by: by(), limit: TREND_KEYS }),
  });

  // Empty without any chat (the panel says so), else over every bucket of the range.
  const trend = createMemo(() => {
    const points = trends.data?.executiveTrends;
    if (!points) return undefined;
    return points.length ? trendSeries(points, bucketAxis(fromDay(), toDay(), granularity())) : { days: [], series: [] };
  });
  const rows = createMemo(() => (trends.data ? trendRows(trends.data.executiveTrends) : []));
  const cost = () => summary.data?.cost.reduce((s, r) => s + r.cost, 0);

  return (
    <ExecutiveView
      preset={preset()}
      onPreset={(p) => {
        setPreset(p);
        if (p === 'custom') return;
        setToDay(today);
        setFromDay(addDays(today, -(p - 1)));
      }}
      fromDay={fromDay()}
      toDay={toDay()}
      onCustom={(f, to) => {
        setFromDay(f);
        setToDay(to);
      }}
      rangeError={rangeError()}
      summary={summary.data?.executiveSummary}
      cost={cost()}
      currency={summary.data ? pricingCurrency(summary.data.prices) : null}
      error={summary.error}
      onRetry={() => refetchSummary({ requestPolicy: 'network-only' })}
      trend={{
        get granularity() {
          return granularity();
        },
        onGranularity: setGranularity,
        get by() {
          return by();
        },
        onBy: setBy,
        get trend() {
          return trend();
        },
        get rows() {
          return rows();
        },
        get loading() {
          return trends.fetching;
        },
        get error() {
          return trends.error;
        },
        onRetry: () => refetchTrends({ requestPolicy: 'network-only' }),
      }}
    />
  );
}
