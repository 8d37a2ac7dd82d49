import { Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { TextField } from '../../components/Field.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import { PageHeader } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RANGE_PRESETS, type RangePreset } from './executive-data.ts';
import { SummaryCards, type ExecutiveSummary } from './SummaryCards.tsx';
import { DlpCountsTable, TopTable } from './TopTable.tsx';
import { TrendPanel, type TrendPanelProps } from './TrendPanel.tsx';
import './Executive.css';

export interface ExecutiveViewProps {
  preset: RangePreset;
  onPreset: (preset: RangePreset) => void;
  /** YYYY-MM-DD, inclusive */
  fromDay: string;
  toDay: string;
  onCustom: (fromDay: string, toDay: string) => void;
  rangeError: string | undefined;
  summary: ExecutiveSummary | undefined;
  cost: number | null | undefined;
  currency: string | null;
  error: CombinedError | undefined;
  onRetry: () => void;
  trend: TrendPanelProps;
}

export function ExecutiveView(props: ExecutiveViewProps) {
  const { t, date } = useI18n();
  const s = () => props.summary;
  return (
    <section class="page">
      <PageHeader title={t('executive.title')} subtitle={t('executive.subtitle')} />
      <div class="card card-pad page-header range-bar">
        <Segmented<RangePreset>
          label={t('executive.range')}
          options={[...RANGE_PRESETS.map((p) => ({ value: p, label: t('executive.rangeDays', { days: p }) })), { value: 'custom', label: t('executive.rangeCustom') }]}
          value={props.preset}
          onChange={props.onPreset}
        />
        <Show
          when={props.preset === 'custom'}
          fallback={
            <p class="range-text" data-testid="executive-range">
              {date(props.fromDay)} – {date(props.toDay)}
            </p>
          }
        >
          <div class="range-fields">
            <TextField label={t('usage.from')} type="date" name="from" value={props.fromDay} max={props.toDay} onValue={(v) => v && props.onCustom(v, props.toDay)} error={props.rangeError} />
            <TextField label={t('usage.to')} type="date" name="to" value={props.toDay} min={props.fromDay} onValue={(v) => v && props.onCustom(props.fromDay, v)} />
          </div>
        </Show>
      </div>

      <Show when={props.error}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetry} />}</Show>

      <SummaryCards summary={props.summary} cost={props.cost} currency={props.currency} />

      <TrendPanel {...props.trend} />

      <div class="grid grid-3">
        <TopTable title={t('executive.topUsers')} dimension={t('executive.by.USER')} icon="users" testId="top-users" rows={s()?.topUsers.map((u) => ({ ...u, key: u.userId, label: u.name ?? t('executive.deletedUser'), sublabel: u.email }))} />
        <TopTable title={t('executive.topModels')} dimension={t('executive.by.MODEL')} icon="sparkles" testId="top-models" rows={s()?.topModels.map((m) => ({ ...m, label: m.key }))} />
        <TopTable title={t('executive.topProviders')} dimension={t('executive.by.PROVIDER')} icon="server" testId="top-providers" rows={s()?.topProviders.map((p) => ({ ...p, label: p.key }))} />
      </div>

      <DlpCountsTable rows={s()?.dlpEvents} />
    </section>
  );
}
