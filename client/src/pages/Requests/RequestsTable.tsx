import { Show, type JSX } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { DataTable, type Column } from '../../components/DataTable/DataTable.tsx';
import type { ServerPaging } from '../../components/DataTable/paging.ts';
import type { RequestLogPageQuery, RequestOutcome } from '../../gql/graphql.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

export type RequestRow = RequestLogPageQuery['requestLog']['edges'][number]['node'];

/** Badge colours: answered green, failures red, refusals amber, a client gone grey. */
export const OUTCOME_TONE: Record<RequestOutcome, string> = {
  OK: 'badge-success',
  ERROR: 'badge-danger',
  DISCONNECTED: 'badge-neutral',
  REFUSED_QUOTA: 'badge-warning',
  REFUSED_BUDGET: 'badge-warning',
  REFUSED_RATE_LIMIT: 'badge-warning',
  REFUSED_DLP: 'badge-warning',
  REFUSED_ACCESS: 'badge-warning',
};

export const REQUEST_OUTCOMES = Object.keys(OUTCOME_TONE) as RequestOutcome[];

export function OutcomeBadge(props: { outcome: RequestOutcome }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${OUTCOME_TONE[props.outcome]}`} data-outcome={props.outcome}>
      {t(`requests.outcome.${props.outcome}` as MessageKey)}
    </span>
  );
}

export interface RequestsTableProps {
  rows: readonly RequestRow[] | undefined;
  error?: CombinedError;
  onRetry?: () => void;
  paging?: ServerPaging;
  currency?: string | null;
  userLink: (user: NonNullable<RequestRow['user']>) => JSX.Element;
}

/** Chat requests, answered or refused: who, which key and model, how it ended, what it used and cost. */
export function RequestsTable(props: RequestsTableProps) {
  const { t, num, dateTime, ms, money } = useI18n();
  const route = (r: RequestRow) => [...new Set(r.attempts.map((a) => a.provider))].join(' → ');
  const columns = (): Column<RequestRow>[] => [
    { id: 'time', header: t('requests.col.time'), class: 'nowrap', cell: (r) => dateTime(r.at, true) },
    {
      id: 'user',
      header: t('requests.col.user'),
      cell: (r) => (
        <Show when={r.user} fallback={<span class="muted">{t('usage.unknownUser')}</span>}>
          {(user) => props.userLink(user())}
        </Show>
      ),
    },
    {
      id: 'key',
      header: t('requests.col.key'),
      cell: (r) => (
        <Show when={r.apiKeyPrefix} fallback={<span class="muted">{t('requests.session')}</span>}>
          <span class="stacked">
            <code translate="no">{r.apiKeyPrefix}</code>
            <span class="sublabel" translate="no">
              {r.apiKeyName}
            </span>
          </span>
        </Show>
      ),
    },
    { id: 'model', header: t('requests.col.model'), cell: (r) => (r.model ? <code translate="no">{r.model}</code> : <span class="muted">—</span>) },
    {
      id: 'provider',
      header: t('requests.col.provider'),
      cell: (r) => (r.provider ? <span translate="no">{r.provider}</span> : <span class="muted">—</span>),
    },
    { id: 'outcome', header: t('requests.col.outcome'), cell: (r) => <OutcomeBadge outcome={r.outcome} /> },
    { id: 'tokens', header: t('requests.col.tokens'), numeric: true, cell: (r) => `${num(r.inputTokens)} / ${num(r.outputTokens)}` },
    { id: 'cost', header: t('requests.col.cost'), numeric: true, cell: (r) => (r.cost == null ? '—' : money(r.cost, props.currency)) },
    { id: 'latency', header: t('requests.col.latency'), numeric: true, cell: (r) => (r.latencyMs == null ? '—' : ms(r.latencyMs)) },
    {
      id: 'attempts',
      header: t('requests.col.attempts'),
      numeric: true,
      cell: (r) => (
        <span title={route(r)} translate="no">
          {num(r.attempts.length)}
        </span>
      ),
    },
  ];
  return (
    <DataTable
      caption={t('requests.title')}
      columns={columns()}
      rows={props.rows}
      error={props.error}
      onRetry={props.onRetry}
      compact
      rowTestId="request-row"
      rowProps={(r) => ({ 'data-outcome': r.outcome })}
      paging={props.paging}
      empty={{ title: t('requests.empty'), hint: t('requests.emptyHint'), icon: 'activity' }}
    />
  );
}
