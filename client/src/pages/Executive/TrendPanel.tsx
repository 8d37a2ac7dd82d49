import { lazy, Show, Suspense } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import { ErrorBlock } from '../../components/ErrorNotice.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { EmptyState, Loading } from '../../components/States.tsx';
import type { ExecutiveTrendDimension, ExecutiveTrendGranularity } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TrendRow, TrendSeries } from './executive-data.ts';

// uPlot loads with the first chart, not with the console.
const UsageChart = lazy(() => import('../../components/charts/UsageChart.tsx').then((m) => ({ default: m.UsageChart })));

export const GRANULARITIES: readonly ExecutiveTrendGranularity[] = ['DAY', 'WEEK', 'MONTH'];
export const DIMENSIONS: readonly ExecutiveTrendDimension[] = ['MODEL', 'USER', 'ROLE', 'PROVIDER'];

export interface TrendPanelProps {
  granularity: ExecutiveTrendGranularity;
  onGranularity: (g: ExecutiveTrendGranularity) => void;
  by: ExecutiveTrendDimension;
  onBy: (by: ExecutiveTrendDimension) => void;
  /** undefined while loading */
  trend: TrendSeries | undefined;
  rows: readonly TrendRow[];
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
}

/** Tokens per bucket for the heaviest keys of one dimension, as a chart and the table behind it. */
export function TrendPanel(props: TrendPanelProps) {
  const { t, num, date, locale } = useI18n();
  const period = (day: string) =>
    props.granularity === 'MONTH'
      ? new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(day))
      : props.granularity === 'WEEK'
        ? t('executive.weekOf', { date: date(day) })
        : date(day);
  const columns = (): Column<TrendRow>[] => [
    { id: 'period', header: t('executive.col.period'), class: 'nowrap', sortValue: (r) => r.day, cell: (r) => period(r.day) },
    {
      id: 'key',
      header: t(`executive.by.${props.by}`),
      rowHeader: true,
      sortValue: (r) => (r.key === null ? null : r.label),
      cell: (r) => (r.key === null ? <span class="muted">{t('chart.other')}</span> : <span class="person-name" translate="no">{r.label}</span>),
    },
    { id: 'input', header: t('usage.input'), numeric: true, sortValue: (r) => r.inputTokens, cell: (r) => num(r.inputTokens) },
    { id: 'output', header: t('usage.output'), numeric: true, sortValue: (r) => r.outputTokens, cell: (r) => num(r.outputTokens) },
    { id: 'requests', header: t('executive.col.requests'), numeric: true, sortValue: (r) => r.requests, cell: (r) => num(r.requests) },
    {
      id: 'errors',
      header: t('executive.col.errors'),
      numeric: true,
      sortValue: (r) => r.errors,
      cell: (r) => <span classList={{ 'rate-bad': r.errors > 0 }}>{num(r.errors)}</span>,
    },
  ];
  return (
    <Card
      title={t('executive.trend')}
      subtitle={t('executive.trendHint')}
      testId="executive-trend"
      actions={
        <>
          <Show when={props.loading}>
            <Loading inline />
          </Show>
          <Segmented
            label={t('executive.granularity')}
            options={GRANULARITIES.map((g) => ({ value: g, label: t(`executive.granularity.${g}`) }))}
            value={props.granularity}
            onChange={props.onGranularity}
          />
          <Segmented label={t('executive.by')} options={DIMENSIONS.map((d) => ({ value: d, label: t(`executive.by.${d}`) }))} value={props.by} onChange={props.onBy} />
        </>
      }
    >
      <ErrorBlock error={props.error} onRetry={props.onRetry} />
      <div class="chart-area">
        <Show when={props.trend} fallback={<Show when={!props.error}><Loading /></Show>}>
          {(trend) => (
            <Show when={trend().days.length} fallback={<EmptyState icon="chart" title={t('executive.noChats')} hint={t('executive.noChatsHint')} />}>
              <Suspense fallback={<Loading />}>
                <UsageChart days={trend().days} series={trend().series} height={280} label={t('executive.trend')} />
              </Suspense>
            </Show>
          )}
        </Show>
      </div>
      <Show when={props.rows.length}>
        <div data-testid="trend-table">
          <DataTable
            caption={t('executive.trendTable', { by: t(`executive.by.${props.by}`) })}
            columns={columns()}
            rows={props.rows}
            compact
            rowTestId="trend-row"
            pageSize={10}
            empty={{ title: t('executive.noChats') }}
          />
        </div>
      </Show>
    </Card>
  );
}
