import { For, lazy, Show, Suspense } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyState, Loading } from '../../components/States.tsx';
import type { ExecutiveTrendDimension, ExecutiveTrendGranularity } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TrendRow, TrendSeries } from './executive-data.ts';

// uPlot loads with the first chart, not with the console.
const UsageChart = lazy(() => import('../../components/UsageChart.tsx').then((m) => ({ default: m.UsageChart })));

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
  return (
    <section class="card" aria-labelledby="executive-trend-title" data-testid="executive-trend">
      <div class="card-header card-header-wrap">
        <div>
          <h2 class="card-title" id="executive-trend-title">
            {t('executive.trend')}
          </h2>
          <p class="card-subtitle">{t('executive.trendHint')}</p>
        </div>
        <div class="header-controls">
          <Show when={props.loading}>
            <Loading inline />
          </Show>
          <div class="segmented" role="radiogroup" aria-label={t('executive.granularity')}>
            <For each={GRANULARITIES}>
              {(g) => (
                <button
                  type="button"
                  role="radio"
                  class="segment"
                  aria-checked={props.granularity === g}
                  classList={{ 'segment-on': props.granularity === g }}
                  onClick={() => props.onGranularity(g)}
                >
                  {t(`executive.granularity.${g}`)}
                </button>
              )}
            </For>
          </div>
          <div class="segmented" role="radiogroup" aria-label={t('executive.by')}>
            <For each={DIMENSIONS}>
              {(d) => (
                <button type="button" role="radio" class="segment" aria-checked={props.by === d} classList={{ 'segment-on': props.by === d }} onClick={() => props.onBy(d)}>
                  {t(`executive.by.${d}`)}
                </button>
              )}
            </For>
          </div>
        </div>
      </div>
      <Show when={props.error}>
        {(error) => (
          <div class="card-pad">
            <ErrorNotice error={error()} onRetry={props.onRetry} />
          </div>
        )}
      </Show>
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
        <div class="table-wrap table-scroll">
          <table class="table table-compact" data-testid="trend-table">
            <caption class="sr-only">{t('executive.trendTable', { by: t(`executive.by.${props.by}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('executive.col.period')}</th>
                <th scope="col">{t(`executive.by.${props.by}`)}</th>
                <th scope="col" class="num">
                  {t('usage.input')}
                </th>
                <th scope="col" class="num">
                  {t('usage.output')}
                </th>
                <th scope="col" class="num">
                  {t('executive.col.requests')}
                </th>
                <th scope="col" class="num">
                  {t('executive.col.errors')}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.rows}>
                {(row) => (
                  <tr data-testid="trend-row">
                    <td class="nowrap">{period(row.day)}</td>
                    <th scope="row" class="row-head">
                      <Show when={row.key !== null} fallback={<span class="muted">{t('executive.other')}</span>}>
                        {row.label}
                      </Show>
                    </th>
                    <td class="num">{num(row.inputTokens)}</td>
                    <td class="num">{num(row.outputTokens)}</td>
                    <td class="num">{num(row.requests)}</td>
                    <td class="num">
                      <span classList={{ 'rate-bad': row.errors > 0 }}>{num(row.errors)}</span>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
