import { createUniqueId, For, lazy, Show, Suspense } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import type { ChartSeries } from '../../components/charts/chart-series.ts';
import type { UsageSplit } from '../../components/charts/usage-series.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { StatStrip } from '../../components/StatCard.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/States.tsx';
import { UserSelect } from '../../components/users/UserSelect.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import type { BreakdownRow } from './usage-data.ts';
import './Usage.css';

// uPlot loads with the first chart, not with the console.
const UsageChart = lazy(() => import('../../components/charts/UsageChart.tsx').then((m) => ({ default: m.UsageChart })));

export interface UsageViewProps {
  from: string;
  to: string;
  rangeError: string | undefined;
  onRange: (from: string, to: string) => void;
  onPreset: (days: number) => void;
  userId: string;
  /** Listing users needs users:read; without it there is no user filter. */
  canPickUser: boolean;
  onUser: (id: string) => void;
  model: string;
  models: readonly string[];
  onModel: (model: string) => void;
  split: UsageSplit;
  onSplit: (split: UsageSplit) => void;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  days: string[];
  series: ChartSeries[] | undefined;
  totals: { inputTokens: number; outputTokens: number; requests: number } | undefined;
  byUser: BreakdownRow[] | undefined;
  byModel: BreakdownRow[] | undefined;
}

export function UsageView(props: UsageViewProps) {
  const { t, num, date } = useI18n();
  const modelId = createUniqueId();
  const listId = createUniqueId();
  const empty = () => Boolean(props.totals && props.totals.inputTokens + props.totals.outputTokens + props.totals.requests === 0);
  const splits: UsageSplit[] = ['totals', 'model', 'user'];
  const splitLabel = { totals: 'usage.splitTotals', model: 'usage.splitModel', user: 'usage.splitUser' } as const;
  return (
    <section class="page">
      <PageHeader title={t('usage.title')} subtitle={t('usage.subtitle')} />
      <div class="card card-pad filters">
        <div class="filters-row">
          <TextField label={t('usage.from')} type="date" name="from" value={props.from} max={props.to} onValue={(v) => v && props.onRange(v, props.to)} error={props.rangeError} />
          <TextField label={t('usage.to')} type="date" name="to" value={props.to} min={props.from} onValue={(v) => v && props.onRange(props.from, v)} />
          <Show when={props.canPickUser}>
            <UserSelect label={t('usage.user')} value={props.userId} onValue={props.onUser} anyLabel={t('usage.allUsers')} />
          </Show>
          <div class="field">
            <label class="field-label" for={modelId}>
              {t('usage.model')}
            </label>
            <input id={modelId} class="input" list={listId} placeholder={t('usage.allModels')} value={props.model} onChange={(e) => props.onModel(e.currentTarget.value.trim())} />
            <datalist id={listId}>
              <For each={props.models}>{(m) => <option value={m} />}</For>
            </datalist>
          </div>
        </div>
        <div class="filters-row filters-row-end">
          <Segmented label={t('usage.range')} options={[7, 30, 90].map((n) => ({ value: n, label: t('usage.rangeDays', { days: n }) }))} value={undefined} onChange={props.onPreset} />
          <Segmented label={t('usage.split')} options={splits.map((s) => ({ value: s, label: t(splitLabel[s]) }))} value={props.split} onChange={props.onSplit} />
        </div>
      </div>

      <Show when={props.error}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetry} />}</Show>

      <StatStrip
        stats={[
          { id: 'input', label: t('usage.input'), value: props.totals ? num(props.totals.inputTokens) : undefined },
          { id: 'output', label: t('usage.output'), value: props.totals ? num(props.totals.outputTokens) : undefined },
          { id: 'requests', label: t('usage.requests'), value: props.totals ? num(props.totals.requests) : undefined },
        ]}
      />

      <Card
        title={t('usage.chartTitle')}
        subtitle={`${date(props.from)} – ${date(props.to)}`}
        actions={
          <Show when={props.loading}>
            <Loading inline />
          </Show>
        }
      >
        <div class="chart-area">
          <Show when={props.series} fallback={<Loading />}>
            {(series) => (
              <>
                <Suspense fallback={<Loading />}>
                  <UsageChart days={props.days} series={series()} kind="bars" stacked={props.split !== 'totals'} label={t('usage.chartLabel', { from: props.from, to: props.to })} />
                </Suspense>
                <Show when={empty()}>
                  <div class="chart-empty">
                    <EmptyState title={t('usage.empty')} hint={t('usage.emptyHint')} icon="chart" />
                  </div>
                </Show>
              </>
            )}
          </Show>
        </div>
      </Card>

      <div class="grid grid-2">
        <BreakdownTable title={t('usage.byUser')} dimension={t('usage.user')} rows={props.byUser} urlKey="byUser" />
        <BreakdownTable title={t('usage.byModel')} dimension={t('usage.model')} rows={props.byModel} urlKey="byModel" />
      </div>
    </section>
  );
}
