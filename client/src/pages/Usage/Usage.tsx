import { createUniqueId, For, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { EmptyState, Loading, PageHeader } from '../../components/States.tsx';
import type { ChartSeries } from '../../components/chart-series.ts';
import { UsageChart } from '../../components/UsageChart.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import type { BreakdownRow, Split } from './usage-data.ts';

export interface UsageViewProps {
  from: string;
  to: string;
  rangeError: string | undefined;
  onRange: (from: string, to: string) => void;
  onPreset: (days: number) => void;
  userId: string;
  users: readonly { id: string; name: string; email: string }[];
  onUser: (id: string) => void;
  model: string;
  models: readonly string[];
  onModel: (model: string) => void;
  split: Split;
  onSplit: (split: Split) => void;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  days: string[];
  series: ChartSeries[] | undefined;
  totals: { inputTokens: number; outputTokens: number; requests: number } | undefined;
  byUser: BreakdownRow[];
  byModel: BreakdownRow[];
}

export function UsageView(props: UsageViewProps) {
  const { t, num, date } = useI18n();
  const modelId = createUniqueId();
  const listId = createUniqueId();
  const empty = () => Boolean(props.totals && props.totals.inputTokens + props.totals.outputTokens + props.totals.requests === 0);
  return (
    <section class="page">
      <PageHeader title={t('usage.title')} subtitle={t('usage.subtitle')} />
      <div class="card card-pad filters">
        <div class="filters-row">
          <TextField label={t('usage.from')} type="date" name="from" value={props.from} max={props.to} onValue={(v) => v && props.onRange(v, props.to)} error={props.rangeError} />
          <TextField label={t('usage.to')} type="date" name="to" value={props.to} min={props.from} onValue={(v) => v && props.onRange(props.from, v)} />
          <SelectField
            label={t('usage.user')}
            value={props.userId}
            onValue={props.onUser}
            options={[{ value: '', label: t('usage.allUsers') }, ...props.users.map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))]}
          />
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
          <div class="segmented" role="group" aria-label={t('usage.from')}>
            <For each={[7, 30, 90]}>
              {(n) => (
                <button type="button" class="segment" onClick={() => props.onPreset(n)}>
                  {t(n === 7 ? 'usage.range7' : n === 30 ? 'usage.range30' : 'usage.range90')}
                </button>
              )}
            </For>
          </div>
          <div class="segmented" role="radiogroup" aria-label={t('usage.split')}>
            <For each={['totals', 'model', 'user'] as Split[]}>
              {(s) => (
                <button
                  type="button"
                  role="radio"
                  class="segment"
                  aria-checked={props.split === s}
                  classList={{ 'segment-on': props.split === s }}
                  onClick={() => props.onSplit(s)}
                >
                  {t(s === 'totals' ? 'usage.splitTotals' : s === 'model' ? 'usage.splitModel' : 'usage.splitUser')}
                </button>
              )}
            </For>
          </div>
        </div>
      </div>

      <Show when={props.error}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetry} />}</Show>

      <div class="stat-strip">
        <div class="stat">
          <span class="stat-label">{t('usage.input')}</span>
          <span class="stat-value">{props.totals ? num(props.totals.inputTokens) : '—'}</span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('usage.output')}</span>
          <span class="stat-value">{props.totals ? num(props.totals.outputTokens) : '—'}</span>
        </div>
        <div class="stat">
          <span class="stat-label">{t('usage.requests')}</span>
          <span class="stat-value">{props.totals ? num(props.totals.requests) : '—'}</span>
        </div>
      </div>

      <div class="card">
        <div class="card-header">
          <div>
            <h2 class="card-title">{t('usage.chartTitle')}</h2>
            <p class="card-subtitle">
              {date(props.from)} – {date(props.to)}
            </p>
          </div>
          <Show when={props.loading}>
            <Loading inline />
          </Show>
        </div>
        <div class="chart-area">
          <Show when={props.series} fallback={<Loading />}>
            {(series) => (
              <>
                <UsageChart days={props.days} series={series()} label={t('usage.chartLabel', { from: props.from, to: props.to })} />
                <Show when={empty()}>
                  <div class="chart-empty">
                    <EmptyState title={t('usage.empty')} hint={t('usage.emptyHint')} icon="chart" />
                  </div>
                </Show>
              </>
            )}
          </Show>
        </div>
      </div>

      <div class="grid grid-2">
        <BreakdownTable title={t('usage.byUser')} dimension={t('usage.user')} rows={props.byUser} />
        <BreakdownTable title={t('usage.byModel')} dimension={t('usage.model')} rows={props.byModel} />
      </div>
    </section>
  );
}
