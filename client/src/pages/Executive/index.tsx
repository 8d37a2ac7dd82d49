import { createQuery } from '@urql/solid';
import { createMemo, createSignal } from 'solid-js';
import type { ExecutiveTrendDimension, ExecutiveTrendGranularity } from '../../gql/graphql.ts';
import { useRoleName } from '../../components/roles/role-names.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { addDays, isoDay } from '../../lib/dates.ts';
import { ExecutiveSummaryQuery, ExecutiveTrendsQuery } from './documents.ts';
import { ExecutiveView } from './Executive.tsx';
import { bucketAxis, dayRange, pricingCurrency, trendRows, trendSeries, type RangePreset } from './executive-data.ts';

/** Keys per trend series; the rest fold into "Other". */
const TREND_KEYS = 6;

export default function ExecutivePage() {
  const { t } = useI18n();
  const roleName = useRoleName();
  const withCost = useViewer().can('usage:read');
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
    variables: () => ({ range: range(), fromDay: fromDay(), toDay: toDay(), withCost }),
  });
  const [trends, refetchTrends] = createQuery({
    query: ExecutiveTrendsQuery,
    pause: () => Boolean(rangeError()),
    variables: () => ({ range: range(), granularity: granularity(), by: by(), limit: TREND_KEYS }),
  });

  // Empty without any chat (the panel says so), else over every bucket of the range.
  // Built-in roles read in the reader's language, like everywhere else.
  const points = createMemo(() => trends.data?.executiveTrends.map((p) => (by() === 'ROLE' && p.key !== null ? { ...p, label: roleName({ name: p.label }) } : p)));
  const trend = createMemo(() => {
    const list = points();
    if (!list) return undefined;
    return list.length ? trendSeries(list, bucketAxis(fromDay(), toDay(), granularity()), t('chart.other')) : { days: [], series: [] };
  });
  const rows = createMemo(() => trendRows(points() ?? []));
  // Cost sums everyone's usage, which needs usage:read; without it the card says so instead of showing one's own.
  const cost = () => (withCost ? summary.data?.cost?.reduce((s, r) => s + r.cost, 0) : null);

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
