import { Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Stacked } from '../../../components/DataTable/columns.tsx';
import { DataTable, type Column } from '../../../components/DataTable/DataTable.tsx';
import type { CircuitState, ProviderHealthQuery } from '../../../gql/graphql.ts';
import { useI18n } from '../../../i18n/index.tsx';

export type ProviderRow = ProviderHealthQuery['providers'][number];

const CIRCUIT_TONE: Record<CircuitState, string> = { CLOSED: 'badge-success', HALF_OPEN: 'badge-warning', OPEN: 'badge-danger' };

/** Above this share of failed attempts the rate is shown as a warning. */
const ERROR_RATE_WARN = 0.05;

export function CircuitBadge(props: { state: CircuitState }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${CIRCUIT_TONE[props.state]}`} data-circuit={props.state} title={t(`circuit.${props.state}.hint`)}>
      {t(`circuit.${props.state}`)}
    </span>
  );
}

/** Each provider instance: loaded or not (and why), circuit state, and the last five minutes of traffic. */
export function ProviderHealthTable(props: { providers: readonly ProviderRow[] | undefined; caption: string; error?: CombinedError; onRetry?: () => void }) {
  const { t, num, percent, ms } = useI18n();
  const columns = (): Column<ProviderRow>[] => [
    {
      id: 'provider',
      header: t('providers.col.provider'),
      rowHeader: true,
      sortValue: (p) => p.id,
      cell: (p) => (
        <Stacked
          primary={p.id}
          secondary={
            <>
              {t('providers.plugin')} <span translate="no">{p.plugin}</span>
            </>
          }
          data
        />
      ),
    },
    {
      id: 'availability',
      header: t('providers.col.availability'),
      cell: (p) => (
        <span class="stacked">
          <span>
            <span class={`badge ${p.available ? 'badge-success' : 'badge-danger'}`}>{t(p.available ? 'providers.available' : 'providers.unavailable')}</span>
          </span>
          <Show when={p.loadError}>
            <span class="load-error" data-testid="provider-load-error">
              {p.loadError}
            </span>
          </Show>
        </span>
      ),
    },
    { id: 'circuit', header: t('providers.col.circuit'), cell: (p) => <CircuitBadge state={p.circuit} /> },
    {
      id: 'errorRate',
      header: t('providers.col.errorRate'),
      numeric: true,
      sortValue: (p) => (p.requests > 0 ? p.errorRate : null),
      cell: (p) => (
        <span data-testid="provider-error-rate">
          <Show when={p.requests > 0} fallback={<span class="muted">—</span>}>
            <span classList={{ 'rate-bad': p.errorRate >= ERROR_RATE_WARN }}>{percent(p.errorRate)}</span>
          </Show>
        </span>
      ),
    },
    {
      id: 'p50',
      header: t('providers.col.p50'),
      numeric: true,
      sortValue: (p) => p.p50LatencyMs,
      cell: (p) => (p.p50LatencyMs === null ? <span class="muted">—</span> : ms(p.p50LatencyMs)),
    },
    {
      id: 'requests',
      header: t('providers.col.requests'),
      numeric: true,
      sortValue: (p) => p.requests,
      cell: (p) => (p.requests > 0 ? num(p.requests) : <span class="muted">{t('providers.noTraffic')}</span>),
    },
  ];
  return (
    <DataTable
      caption={props.caption}
      columns={columns()}
      rows={props.providers}
      error={props.error}
      onRetry={props.onRetry}
      compact
      rowTestId="provider-row"
      rowProps={(p) => ({ 'data-available': String(p.available), classList: { 'row-unavailable': !p.available } })}
      empty={{ title: t('providers.empty'), icon: 'server' }}
    />
  );
}
